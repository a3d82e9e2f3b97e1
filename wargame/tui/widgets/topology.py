"""The Network panel: what monitoring sees of the network, never the network itself.

Each region's probe host sends round-trip probes to every peer. The panel is a
matrix: the row is the vantage point (who measures), the column the peer
probed. A cell reads

* ``✓ 71/80`` every probe answered, RTT p50/p99 in ms (``2.1s`` past a second);
* ``62% 71/2.1s`` some answered: the share, then the RTT of those that were;
* ``✗ 1m05`` none answered for that long (time since the last success).

Under the matrix, pairs whose heartbeats stopped arriving and pairs whose
replication lag is high are listed by name, newest trouble first. An RTT much
above what the same pair measured at the start of the drill is highlighted:
the panel compares a pair with its own history, never with the true link.

At ``intro`` difficulty the truth is drawn as well (the real state of each
troubled link, in words) and the hints go to the timeline. At ``standard`` and
``hard`` nothing here derives from the true link state.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from wargame.engine.view import LinkView, ProbeView, View

FULL, NONE = 0.995, 0.005
"""Answered shares at or above FULL read as all answered; at or below NONE as none."""

CORNER = "from╲to"
"""The matrix's top-left cell: rows measure, columns are measured."""

RTT_HIGH = 2.0
"""A p99 this many times the pair's own first reading is highlighted."""


def ms(value: float | None) -> str:
    """``71``, ``480``, ``2.1s``; ``?`` when not reported."""
    if value is None:
        return "?"
    return f"{value / 1000:.1f}s" if value >= 1000 else f"{value:.0f}"


def dur(seconds: float) -> str:
    """``45s``, ``1m05``, ``1h02``."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}"
    return f"{s // 3600}h{s % 3600 // 60:02d}"


def probe_cell(p: ProbeView | None) -> str:
    """The matrix cell for one (vantage, peer) pair, as text."""
    if p is None or p.ok is None:
        return "—"
    if p.ok >= FULL:
        return f"✓ {ms(p.p50_ms)}/{ms(p.p99_ms)}"
    if p.ok <= NONE:
        return f"✗ {dur(p.last_ok_s)}"
    return f"{p.ok * 100:.0f}% {ms(p.p50_ms)}/{ms(p.p99_ms)}"


def probe_line(p: ProbeView) -> str:
    """One pair in full words (the detail view and the help's examples)."""
    ok = "no probe sent yet" if p.ok is None else f"{p.ok * 100:.0f}% of probes answered"
    rtt = (
        "RTT not reported" if p.p50_ms is None else f"RTT p50 {ms(p.p50_ms)}ms p99 {ms(p.p99_ms)}ms"
    )
    flaps = "".join("█" if x >= FULL else ("▄" if x > NONE else "_") for x in p.recent)
    return (
        f"{p.src} → {p.dst}: {ok}, {rtt}, last answer {dur(p.last_ok_s)} ago, "
        f"last heartbeat from {p.dst} {dur(p.heard_s)} ago  [{flaps}]"
    )


def truth_words(link: LinkView) -> str:
    """The true state of a link in words (intro only)."""
    ab, ba = link.a_to_b, link.b_to_a
    if ab == ba:
        word = {"down": "DOWN", "lossy": f"LOSSY {link.loss:.0%}", "slow": "SLOW"}.get(ab, "up")
        if ab == "slow":
            word += f" {link.latency_ms:.0f}ms"
        return f"{link.a}–{link.b} {word}"
    arrow = f"{link.a}→{link.b}" if ab != "up" else f"{link.b}→{link.a}"
    return f"{link.a}–{link.b} ONE-WAY ({arrow} {max(ab, ba, key=_rank).upper()})"


def _rank(state: str) -> int:
    return ("up", "slow", "lossy", "down").index(state)


class Topology(Widget):
    """Probe matrix, lost heartbeats and replication lag per pair (truth only at intro)."""

    DEFAULT_CSS = """
    Topology {
        height: auto;
        width: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: View | None = None
        self._compact = False
        self._hold_s = 10.0
        self._lag_s = 60.0
        self._first_p99: dict[tuple[str, str], float] = {}

    def show(
        self, view: View, compact: bool = False, hold_s: float = 10.0, lag_s: float = 60.0
    ) -> None:
        """Draw this snapshot; ``hold_s`` and ``lag_s`` are the scenario's alert thresholds."""
        self._view = view
        self._compact = compact
        self._hold_s, self._lag_s = hold_s, lag_s
        for p in view.probes:
            if p.p99_ms is not None and p.ok is not None and p.ok >= FULL:
                self._first_p99.setdefault((p.src, p.dst), p.p99_ms)
        self.refresh(layout=True)

    # -- lines -------------------------------------------------------------------
    def _style(self, p: ProbeView | None) -> str:
        if p is None or p.ok is None:
            return "$text-muted"
        if p.ok <= NONE:
            return "bold $error"
        if p.ok < FULL:
            return "bold $warning"
        first = self._first_p99.get((p.src, p.dst))
        if first and p.p99_ms is not None and p.p99_ms > RTT_HIGH * first:
            return "bold $warning"
        return "$success"

    def _matrix(self) -> list[Content]:
        v = self._view
        assert v is not None
        pad = max(len(CORNER), *(len(r) for r in v.regions))
        cells = {(p.src, p.dst): probe_cell(p) for p in v.probes}
        width = max([9, *(len(c) for c in cells.values()), *(len(r) + 1 for r in v.regions)])
        head = Content.assemble(
            (CORNER.ljust(pad), "$text-muted"),
            *[(" " + f"→{r}".ljust(width), "bold") for r in v.regions],
        )
        lines = [head]
        for src in v.regions:
            parts: list[str | tuple[str, str]] = [(src.ljust(pad), "bold")]
            if src in v.silent:
                parts.append((" no reports from this region's monitoring", "bold $error"))
            else:
                for dst in v.regions:
                    if dst == src:
                        parts.append((" " + "·".ljust(width), "$text-muted"))
                        continue
                    p = v.probe(src, dst)
                    parts.append((" " + cells.get((src, dst), "—").ljust(width), self._style(p)))
            lines.append(Content.assemble(*parts))
        return lines

    def _packed(
        self, label: str, style: str, items: list[str], max_lines: int = 2
    ) -> list[Content]:
        """``label: a, b, c`` wrapped to the panel's width, ``max_lines`` at most."""
        width = self._width()
        lines: list[list[str]] = [[]]
        used = len(label) + 2
        for i, item in enumerate(items):
            extra = len(item) + 2
            if used + extra > width and lines[-1]:
                if len(lines) == max_lines:
                    lines[-1].append(f"+{len(items) - i} more")
                    break
                lines.append([])
                used = 2
            lines[-1].append(item)
            used += extra
        out = [Content.assemble((label + ": ", style), ", ".join(lines[0]))]
        out += [Content("  " + ", ".join(rest)) for rest in lines[1:]]
        return out

    @staticmethod
    def _pairs(entries: list[tuple[str, str, float]]) -> list[str]:
        """``a⇄b 10m`` when both directions are listed, else ``a→b 10m`` (worst first)."""
        seen = {(a, b): v for a, b, v in entries}
        out, done = [], set()
        for a, b, v in sorted(entries, key=lambda x: (-x[2], x[0], x[1])):
            if (a, b) in done:
                continue
            if (b, a) in seen:
                done |= {(a, b), (b, a)}
                out.append(f"{a}⇄{b} {dur(max(v, seen[(b, a)]))}")
            else:
                done.add((a, b))
                out.append(f"{a}→{b} {dur(v)}")
        return out

    def _heartbeats(self) -> list[Content]:
        v = self._view
        assert v is not None
        # p.heard_s: how long since src heard dst, i.e. heartbeats dst -> src are missing
        lost = [(p.dst, p.src, p.heard_s) for p in v.probes if p.heard_s > self._hold_s]
        if not lost:
            return [Content.styled("heartbeats: every region hears every peer", "$text-muted")]
        return self._packed("heartbeats missing", "bold $warning", self._pairs(lost))

    def _lag(self) -> list[Content]:
        v = self._view
        assert v is not None
        late = v.late.get("lag_s")
        note = f" ({dur(late)} late)" if late else ""
        high = [(x.src, x.dst, x.lag_s) for x in v.lag if x.lag_s >= self._lag_s / 2]
        if not high:
            worst = max((x.lag_s for x in v.lag), default=0.0)
            return [Content.styled(f"repl lag: every pair ≤ {dur(worst)}{note}", "$text-muted")]
        style = "bold $error" if max(x[2] for x in high) > self._lag_s else "bold $warning"
        return self._packed("repl lag" + note, style, self._pairs(high))

    def _compact_lines(self) -> list[Content]:
        """One line per vantage: the peers that do not answer every probe."""
        v = self._view
        assert v is not None
        pad = max(len(r) for r in v.regions)
        lines = []
        for src in v.regions:
            parts: list[str | tuple[str, str]] = [(src.ljust(pad), "bold")]
            if src in v.silent:
                parts.append((" no reports", "bold $error"))
            else:
                bad = [p for p in v.probes if p.src == src and p.ok is not None and p.ok < FULL]
                if not bad:
                    parts.append((" ✓ all peers answer", "$success"))
                for p in bad:
                    mark = "✗" if p.ok is not None and p.ok <= NONE else f"{p.ok * 100:.0f}%"
                    parts.append((f" {mark}{p.dst}", self._style(p)))
            lines.append(Content.assemble(*parts))
        return lines

    def _truth(self) -> list[Content]:
        v = self._view
        if v is None or v.truth is None:
            return []
        bad = [k for k in v.truth.links if (k.a_to_b, k.b_to_a) != ("up", "up")]
        words = [truth_words(k) for k in bad]
        words += [f"{r} DOWN" for r in v.truth.down_regions]
        return self._packed("truth (intro)", "bold $accent", words or ["every link up"], 3)

    def lines(self) -> list[Content]:
        """Every line the panel draws."""
        if self._view is None:
            return []
        if self._compact:
            return self._compact_lines() + self._truth()
        return [*self._matrix(), *self._heartbeats(), *self._lag(), *self._truth()]

    # -- widget ------------------------------------------------------------------
    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: D102
        return max(1, len(self.lines()))

    MIN_WIDTH = 43
    """The narrowest the panel draws (two regions' matrix is narrower than its notes)."""

    def _width(self) -> int:
        if self._view is None:
            return self.MIN_WIDTH
        if self._compact:
            return max(20, self.size.width)
        return max(self.MIN_WIDTH, *(len(line.plain) for line in self._matrix()))

    def get_content_width(self, container, viewport) -> int:  # noqa: D102
        if self._compact:
            return container.width
        return self._width()

    def render(self) -> Content:
        return Content("\n").join(self.lines())
