"""The network as text: regions with their leader roles, links with state in words and glyphs.

Link states are drawn as patterns (``──`` up, ``~~`` slow, ``-x`` lossy, a
gap for down, an arrow head for one-way) and spelled out next to the link, so
the picture reads the same without colour.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from wargame.engine.view import LinkView, View
from wargame.tui.fmt import LINK_GLYPH, LINK_WORD

_STYLE = {"up": "$success", "slow": "$warning", "lossy": "$warning", "down": "bold $error"}


def link_line(link: LinkView, width: int = 5) -> tuple[str, str, str]:
    """The link's drawing, its words and a style: ``('──────', 'up 70ms', ...)``."""
    ab, ba = link.a_to_b, link.b_to_a
    worst = ab if _rank(ab) >= _rank(ba) else ba
    pattern = (LINK_GLYPH[worst] * width)[:width]
    if ab == ba:
        if ab == "down":
            pattern = ("x " * width)[:width]
            words = "DOWN"
        elif ab == "lossy":
            words = f"LOSSY {link.loss:.0%}"
        elif ab == "slow":
            words = f"SLOW {link.latency_ms:.0f}ms"
        else:
            words = f"up {link.latency_ms:.0f}ms"
    else:
        # one way works better than the other: the arrow points where data still flows
        good_ab = _rank(ab) < _rank(ba)
        body = (LINK_GLYPH["up"] * width)[: width - 1]
        pattern = body + ">" if good_ab else "<" + body
        words = f"ONE-WAY {'→' if good_ab else '←'} ({LINK_WORD[worst]} back)"
    return pattern, words, _STYLE[worst]


def _rank(state: str) -> int:
    return ("up", "slow", "lossy", "down").index(state)


class Topology(Widget):
    """Regions (up or DOWN, leader roles) and every link between them."""

    DEFAULT_CSS = """
    Topology {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: View | None = None
        self._names: dict[str, str] = {}
        self._max_lines = 0

    def show(
        self, view: View, short_names: dict[str, str] | None = None, max_lines: int = 0
    ) -> None:
        """Draw this snapshot (``short_names`` maps feature ids to labels for leader roles).

        With ``max_lines``, healthy links fold into one ``✓ N more links up`` line
        when drawing each would take more lines than that.
        """
        self._view = view
        self._names = short_names or {}
        self._max_lines = max_lines
        self.refresh(layout=True)

    def _links(self) -> tuple[list[LinkView], int]:
        """The links to draw, and how many healthy ones were folded away."""
        v = self._view
        assert v is not None
        if not self._max_lines or len(v.regions) + len(v.links) <= self._max_lines:
            return list(v.links), 0
        bad = [k for k in v.links if (k.a_to_b, k.b_to_a) != ("up", "up")]
        return bad, len(v.links) - len(bad)

    def _per_region(self) -> bool:
        """Too many links to draw one per line: list each region's troubled peers instead."""
        v = self._view
        if v is None or not self._max_lines:
            return False
        links, folded = self._links()
        return len(v.regions) + len(links) + (1 if folded else 0) > self._max_lines

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: D102
        v = self._view
        if v is None:
            return 1
        if self._per_region():
            return len(v.regions) + 1
        links, folded = self._links()
        return len(v.regions) + len(links) + (1 if folded else 0)

    def _peers(self, region: str) -> list[tuple[str, str]]:
        """``(glyph+peer, style)`` for each peer whose link with ``region`` is not up."""
        v = self._view
        assert v is not None
        out = []
        for k in v.links:
            if region not in (k.a, k.b):
                continue
            peer = k.b if k.a == region else k.a
            out_state, in_state = (k.a_to_b, k.b_to_a) if k.a == region else (k.b_to_a, k.a_to_b)
            if out_state == in_state == "up":
                continue
            if out_state != in_state:
                glyph = "→" if _rank(out_state) < _rank(in_state) else "←"
                worst = max(out_state, in_state, key=_rank)
            else:
                glyph = {"down": "✗", "lossy": "x", "slow": "~"}[out_state]
                worst = out_state
            out.append((f" {glyph}{peer}", _STYLE[worst]))
        return out

    def render(self) -> Content:
        v = self._view
        if v is None:
            return Content("")
        lines: list[Content] = []
        pad = max(len(r) for r in v.regions)
        for r in v.regions:
            leads = [self._names.get(f.id, f.id) for f in v.features if f.leader == r]
            old = [self._names.get(f.id, f.id) for f in v.features if f.old_leader == r]
            if r in v.down_regions:
                state = (" ✖ DOWN", "bold reverse $error")
            else:
                state = (" ● up  ", "$success")
            parts: list[str | tuple[str, str]] = [(r.ljust(pad), "bold"), state]
            if leads:
                parts.append(("  ★" + ",".join(leads), ""))
            if old:
                parts.append(("  ☆ ALSO " + ",".join(old) + " (2 leaders)", "bold $error"))
            lines.append(Content.assemble(*parts))
        if self._per_region():
            lines = []
            for r in v.regions:
                state = (
                    (" ✖ DOWN", "bold reverse $error")
                    if r in v.down_regions
                    else (" ● up  ", "$success")
                )
                peers = self._peers(r)
                lines.append(
                    Content.assemble(
                        (r.ljust(pad), "bold"), state, *(peers or [(" all links up", "")])
                    )
                )
            lines.append(Content.styled("✗ cut ~ slow x lossy → one way", "$text-muted"))
            return Content("\n").join(lines)
        links, folded = self._links()
        for link in links:
            pattern, words, style = link_line(link)
            lines.append(
                Content.assemble(
                    link.a,
                    " ",
                    (pattern, style),
                    " ",
                    link.b,
                    " ",
                    (words, style if words.split()[0] != "up" else ""),
                )
            )
        if folded:
            lines.append(Content.styled(f"✓ {folded} more links up", "$text-muted"))
        return Content("\n").join(lines)
