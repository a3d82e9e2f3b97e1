"""The debrief's rewind and branch panels: the console at the cursor, and a branch's outcome.

The moment is drawn with the console's own widgets (:class:`Topology`,
:class:`FeatureTable`, :class:`AlertFeed`, :class:`TicketQueue`) from a
:class:`~wargame.rewind.Moment`; a few lines above them say what was true
then, what the player believed and what the run had cost so far. The
branch panel is a table of both runs' totals and their difference per axis.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from wargame.export import text
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock
from wargame.rewind import Branch, Moment
from wargame.tui import fmt
from wargame.tui.widgets import AlertFeed, FeatureTable, TicketQueue, Topology

REWIND_KEYS = (
    "←/→ 10 s · shift+←/→ 1 min · Home/End · [ ] your decisions · click a chart or the strip"
)
BRANCH_KEYS = "t the responder takes over here · u undo your decision here · a try an action here"


def _fault_text(m: Moment) -> str:
    if not m.faults:
        return "the network was healthy"
    return "; ".join(f"{f.kind} {' '.join(f.regions)}" for f in m.faults)


def _belief_text(m: Moment) -> str:
    if not m.beliefs:
        return "no diagnosis said yet"
    h = m.beliefs[-1]
    mark = "right" if h.correct else ("kind right, regions wrong" if h.kind_correct else "wrong")
    return f"{h.kind} {' '.join(h.regions)}".strip() + f" at {format_clock(h.t)} ({mark})"


def moment_lines(m: Moment, currency: str) -> Content:
    """What stood at the cursor: the truth, the belief, the decisions and the cost so far."""
    t = m.so_far.totals
    last = m.actions[-1] if m.actions else None
    decided = (
        f"{len(m.actions)} so far, last {format_clock(last.t)} {last.describe()}"
        if last
        else "none yet"
    )
    rows = [
        (
            "console at",
            f"{m.clock}" + ("" if m.page_t is None else f" (paged {format_clock(m.page_t)})"),
        ),
        ("true then", _fault_text(m)),
        ("you believed", _belief_text(m)),
        ("decisions", decided),
        (
            "so far",
            f"{fmt.money(t.refunds, currency)} refunds · {t.violations} violations · "
            f"{fmt.count(m.tickets_total)} tickets · {len(m.alerts)} alerts",
        ),
    ]
    return Content("\n").join(Content.assemble((f"{k:<13}", "bold"), v) for k, v in rows)


class MomentPanel(Vertical):
    """The console as it was at the rewind cursor, drawn with the console's widgets."""

    DEFAULT_CSS = """
    MomentPanel { height: auto; }
    MomentPanel #moment-lines { height: auto; }
    MomentPanel Topology { height: auto; max-height: 8; }
    MomentPanel FeatureTable { height: auto; max-height: 8; width: 100%; }
    MomentPanel #moment-feeds { height: 6; }
    MomentPanel AlertFeed, MomentPanel TicketQueue { width: 1fr; height: 6; }
    """

    def __init__(self, scenario: Scenario, currency: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.currency = currency
        self.moment: Moment | None = None

    def compose(self) -> ComposeResult:
        yield Static("Move the cursor to see the console as it was.", id="moment-lines")
        yield Topology(id="moment-topology")
        yield FeatureTable(id="moment-features")
        with Horizontal(id="moment-feeds"):
            yield AlertFeed(id="moment-alerts")
            yield TicketQueue(id="moment-tickets")

    def show(self, m: Moment) -> None:
        """Draw the moment."""
        self.moment = m
        th = self.scenario.thresholds
        self.query_one("#moment-lines", Static).update(moment_lines(m, self.currency))
        self.query_one(Topology).show(m.view, compact=True, hold_s=th.quorum_hold_s, lag_s=th.lag_s)
        self.query_one(FeatureTable).show(m.view, with_kind=False)
        self.query_one(AlertFeed).show(m.alerts, m.t)
        self.query_one(TicketQueue).show(m.tickets)


def branch_table(b: Branch, currency: str) -> DataTable:
    """Both runs' totals and the difference per axis."""
    table: DataTable = DataTable(cursor_type="none", zebra_stripes=True, id="branch-table")
    for col in ("", "yours", "branch", "difference"):
        table.add_column(col or "axis", key=col or "axis")
    rows = text.branch_rows(b.original_totals.model_dump(), b.branch_totals.model_dump(), currency)
    for row in rows:
        table.add_row(*row)
    return table


def branch_head(b: Branch) -> str:
    """The branch's title line."""
    return text.branch_title(b.at_t, b.then, [a.describe() for a in b.tried], b.dropped)
