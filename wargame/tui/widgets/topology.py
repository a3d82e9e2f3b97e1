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

    def show(self, view: View, short_names: dict[str, str] | None = None) -> None:
        """Draw this snapshot (``short_names`` maps feature ids to labels for leader roles)."""
        self._view = view
        self._names = short_names or {}
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: D102
        v = self._view
        return 1 if v is None else len(v.regions) + len(v.links)

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
        for link in v.links:
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
        return Content("\n").join(lines)
