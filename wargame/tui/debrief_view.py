"""The debrief's widgets, built from a :class:`~wargame.tui.debrief_data.DebriefData`."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from wargame.export import text
from wargame.model.result import RunResult
from wargame.model.timefmt import format_clock
from wargame.scoring import AxisScore, FeatureVerdict
from wargame.scoring.belief import BeliefLine, BeliefTimeline, belief_timeline
from wargame.tui import fmt
from wargame.tui.debrief_data import DebriefData
from wargame.tui.rewind_view import BRANCH_KEYS, REWIND_KEYS, MomentPanel
from wargame.tui.widgets.chart import LineChart, Series
from wargame.tui.widgets.timeline import TimelineBar

RUN_NAMES = {
    "player": "you",
    "model": "model",
    "as-built": "as-built",
    "all-cp": "all CP",
    "all-ap": "all AP",
}


def _bar(score: float, width: int = 20) -> str:
    full = int(round(max(0.0, min(100.0, score)) / 100 * width))
    return "█" * full + "░" * (width - full)


def _axis_line(a: AxisScore, zero_own: float | None, currency: str) -> Content:
    """The score bar, then what each number is (your cost, the 100 and the 0 marks)."""
    return Content.assemble(
        (f"{a.axis:<8}", "bold"),
        f" {_bar(a.score)} {a.score:>5.1f}/100  ",
        (f"({a.unit})" if a.axis != "revenue" else "", "$text-muted"),
        "\n" + " " * 9,
        (text.axis_costs(a, zero_own, currency), "$text-muted"),
    )


def _verdict(v: FeatureVerdict, currency: str, start: float) -> Content:
    ok = v.matches_model
    mark = ("✓ ", "bold $success") if ok else ("✗ ", "bold $error")
    spans = " → ".join(f"{format_clock(c.t)} {c.policy}" for c in v.timeline)
    first_text = text.first_change(v.first_correct_change_s, ok, start)
    why = " ".join(v.model_why.split())
    return Content.assemble(
        mark,
        (v.name, "bold"),
        f" ({v.kind.replace('_', ' ')}) — ",
        (v.status.upper(), "bold"),
        "\n   yours: ",
        spans,
        f"  (during the partition: {v.partition_policy}, {v.origin})",
        "\n   model: ",
        (f"{v.model_policy}", "bold"),
        f" with {v.model_resolution} resolution · first correct change: {first_text}",
        "\n   why: ",
        (why, "italic"),
        "\n   cost: ",
        f"{fmt.money(v.cost.revenue, currency)} revenue, {fmt.count(v.cost.trust)} trust,"
        f" {v.cost.safety:g} weighted harm (model: {fmt.money(v.model_cost.revenue, currency)},"
        f" {fmt.count(v.model_cost.trust)}, {v.model_cost.safety:g})",
        "\n   ",
        (v.lesson, "$text-muted"),
    )


SCORE_COLUMNS = ("run", "grade", "overall", "revenue", "trust", "safety")
OUTCOME_COLUMNS = (
    "run",
    "downtime",
    "lost rev",
    "refunds",
    "oversold",
    "dupes",
    "tickets",
    "viol.",
)
"""Two tables, so each fits 80 columns: the scores, then what happened to users and money."""


def _table(columns: tuple[str, ...], rows: list[list[str | Text]], id: str) -> DataTable:
    table: DataTable = DataTable(cursor_type="none", zebra_stripes=True, id=id)
    for col in columns:
        table.add_column(col, key=col)
    for row in rows:
        table.add_row(*row)
    return table


def comparison_tables(data: DebriefData) -> list[DataTable]:
    """Player, responder, model and naive runs side by side: scores, then outcomes."""
    d = data.debrief
    scores: list[list[str | Text]] = []
    outcomes: list[list[str | Text]] = []
    for r in d.comparison:
        name = Text(RUN_NAMES.get(r.run, r.run), style="bold reverse" if r.run == "player" else "")
        scores.append(
            [
                name,
                r.grade,
                f"{r.overall:.0f}",
                f"{r.revenue:.0f}",
                f"{r.trust:.0f}",
                f"{r.safety:.0f}",
            ]  # fmt: skip
        )
        outcomes.append(
            [
                name,
                f"{r.downtime_min:.1f} min",
                fmt.money(r.lost_revenue, d.currency),
                fmt.money(r.refunds, d.currency),
                str(r.oversold),
                str(r.duplicates),
                fmt.count(r.tickets),
                str(r.violations),
            ]
        )
    return [
        _table(SCORE_COLUMNS, scores, "comparison"),
        _table(OUTCOME_COLUMNS, outcomes, "outcomes"),
    ]


def smooth(values: list[float], n: int) -> list[float]:
    """Centred moving average over ``n`` samples (per-tick noise hides the trend)."""
    if n <= 1 or not values:
        return list(values)
    half = n // 2
    out = []
    for i in range(len(values)):
        window = values[max(0, i - half) : i + half + 1]
        out.append(sum(window) / len(window))
    return out


CHARTS: dict[str, tuple[str, str]] = {
    "chart-revenue": ("Revenue per minute (1-min average)", "revenue_per_min"),
    "chart-errors": ("Error rate (1-min average)", "error_rate"),
}
"""Chart id -> (title, metric)."""


def chart_series(data: DebriefData, chart_id: str, branch: RunResult | None = None) -> list[Series]:
    """You, the model and (once there is one) the branch, as 1-minute averages of a metric."""
    metric = CHARTS[chart_id][1]
    n = max(1, round(60 / data.player.tick_s))
    runs = [("you", data.player), ("model", data.model)]
    if branch is not None:
        runs.append(("branch", branch))
    return [Series(name, smooth(run.series.metrics.get(metric, []), n)) for name, run in runs]


def charts(data: DebriefData) -> list[LineChart]:
    """Revenue per minute and error rate over time (1-minute averages), you against the model."""
    window = [tuple(w) for w in data.player.partition_windows]
    money = lambda v: fmt.money(v, data.debrief.currency)  # noqa: E731
    return [
        LineChart(
            title,
            data.player.series.t,
            chart_series(data, chart_id),
            window,  # type: ignore[arg-type]
            fmt=money if metric == "revenue_per_min" else fmt.pct,
            id=chart_id,
        )
        for chart_id, (title, metric) in CHARTS.items()
    ]


def rewind_widgets(data: DebriefData) -> list[Widget]:
    """The rewind strip, the console at the cursor, and the branch panel."""
    windows = [(float(a), float(b)) for a, b in data.player.partition_windows]
    return [
        Label("Rewind: the console at the cursor", classes="section"),
        Static(REWIND_KEYS, classes="hint"),
        TimelineBar(
            data.player.duration_s, [a.t for a in data.player.actions], windows, id="rewind-bar"
        ),
        MomentPanel(data.scenario, data.debrief.currency, id="moment"),
        Label("Branch from the cursor", classes="section"),
        Static(BRANCH_KEYS, classes="hint"),
        Static("No branch yet.", id="branch-head"),
        Vertical(id="branch-box"),
    ]


JUDGED: dict[str, tuple[str, str]] = {
    "good": ("✓ good", "bold $success"),
    "questionable": ("~ questionable", "bold $warning"),
    "bad": ("✗ BAD", "bold $error"),
}
"""Mark -> (word, style) of a judged decision (a glyph and a word, never colour alone)."""


def judgment_lines(data: DebriefData) -> Content:
    """Every decision of the run judged, then what was never done."""
    if not data.judgments:
        return Content("Nothing was done and nothing that mattered was missed.")
    rows = []
    for j in data.judgments:
        word, style = JUDGED[j.mark]
        when = "never" if j.t is None else format_clock(j.t)
        what = j.action or f"(not done: {j.topic})"
        rows.append(
            Content.assemble(f"{when:>5} ", (f"{word:<15}", style), (what, "bold"), f" — {j.text}")
        )
    return Content("\n").join(rows)


def moment_to_act_lines(data: DebriefData) -> Content:
    """Per feature the model changes: when the signals supported it, and what waiting cost."""
    if not data.moments:
        return Content("No feature needed a change from as-built.")
    return Content("\n").join(
        Content.assemble((m.name, "bold"), ": ", m.text) for m in data.moments
    )


def incident_lines(data: DebriefData) -> Content:
    """Detection, acknowledgement, mitigation, severity, paging and the status page."""
    im = data.debrief.incident_metrics
    p = data.player
    trend = text.partition_errors(
        p.series.t, p.series.metrics.get("error_rate", []), im.incident_start_s, im.incident_end_s
    )
    rows = text.incident_rows(im, data.scenario.thresholds.error_rate, trend)
    return Content("\n").join(Content.assemble((f"{k:<13}", "bold"), v) for k, v in rows)


STRAND_STYLE: dict[str, tuple[str, str]] = {
    "true": ("true", "bold $warning"),
    "saw": ("saw", "bold $accent"),
    "believed": ("belief", "bold"),
    "acted": ("acted", "bold $error"),
}
"""Tag and style of each strand of the saw / true / believed timeline."""

MARKS: dict[str, tuple[str, str]] = {
    "right": (" ✓ right", "bold $success"),
    "wrong": (" ✗ wrong", "bold $error"),
    "kind only": (" ~ kind right, regions wrong", "bold $warning"),
}


INDENT = 13
"""Width of the clock and the tag before each line of the belief timeline."""


def _belief_parts(x: BeliefLine) -> tuple[Content, Content]:
    tag, style = STRAND_STYLE[x.strand]
    mark, mark_style = MARKS.get(x.mark or "", ("", ""))
    head = Content.assemble(f"{format_clock(x.t)} ", (f"{tag:<7}", style))
    return head, Content.assemble(x.text, (mark, mark_style))


class BeliefList(Widget):
    """The saw / true / believed timeline; long lines wrap under their text, never cut."""

    DEFAULT_CSS = "BeliefList { height: auto; }"

    def __init__(self, timeline: BeliefTimeline, **kw: str) -> None:
        super().__init__(**kw)
        self.timeline = timeline

    def lines(self, width: int) -> list[Content]:
        """The rendered lines at ``width`` cells (at least 20 for the text column)."""
        room = max(20, width - INDENT)
        out: list[Content] = []
        for x in self.timeline.lines:
            head, body = _belief_parts(x)
            for i, part in enumerate(body.wrap(room)):
                out.append((head if i == 0 else Content(" " * INDENT)) + part)
        out += Content(self.timeline.summary).wrap(max(20, width))
        return out

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width or 80))


def debrief_widgets(data: DebriefData, journal: Path | None) -> list[Widget]:
    """Every widget of the debrief body, top to bottom."""
    d = data.debrief
    s = d.scores
    levels = s.verdict.startswith(("L5", "L6"))
    axes = (s.revenue, s.trust, s.safety)
    head = Content.assemble(
        ("Grade ", "bold"),
        (f" {s.grade} ", "bold reverse"),
        (f"  overall {s.overall:.0f}/100", "bold"),
        (f"  (capped: {s.cap_reason})" if s.capped else "", "bold $error"),
        "\n",
        (s.verdict, "italic"),
        ("\n" + text.LEVELS_NOTE if levels else "", "$text-muted"),
        *[("\n★ " + b, "$success") for b in text.stars(axes, text.live_axes(s.bonus), d.currency)],
    )
    widgets: list[Widget] = [
        Static(head, id="grade"),
        Static(
            Content("\n").join(
                _axis_line(a, data.zero_costs.get(a.axis), d.currency) for a in axes
            ),
            id="axes",
        ),
        Label("Same incident, same seed", classes="section"),
        *comparison_tables(data),
        Label("You against the model (░ marks the partition)", classes="section"),
        *charts(data),
        *rewind_widgets(data),
        Label("Feature by feature", classes="section"),
        *[
            Static(_verdict(v, d.currency, d.incident_metrics.incident_start_s), classes="verdict")
            for v in d.verdicts
        ],
        Label("Every decision judged", classes="section"),
        Static(judgment_lines(data), id="judgments"),
        Label("The moment to act", classes="section"),
        Static(moment_to_act_lines(data), id="moments"),
        Label("Incident handling", classes="section"),
        Static(incident_lines(data), id="incident"),
        Label("What you saw, what was true, what you believed", classes="section"),
        BeliefList(belief_timeline(data.player), id="beliefs"),
    ]
    if journal is not None:
        widgets += [
            Label("Files", classes="section"),
            Static(
                f"journal  {journal}\nreplay   wargame run --actions {journal}\n"
                "keys     r writes the report, e the whole debrief (Markdown and HTML), x an SVG"
                " screenshot (next to the journal)",
                id="files",
            ),
        ]
    return widgets
