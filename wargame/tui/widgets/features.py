"""The feature table: kind, leader, and per region the policy in force and what users see.

A policy change rolls out region by region; until a region has switched, its
cell reads ``cp→ap`` (in force → coming). User-visible status is a glyph and a
word (``✓ ok``, ``✗ ERR``, ``≈ stale``, ``… pend``), never colour alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from wargame.engine.view import FeatureView, View
from wargame.tui.fmt import STATUS_TEXT

_STATUS_STYLE = {"ok": "green", "errors": "bold red", "stale": "yellow", "pending": "cyan"}


def region_cell(f: FeatureView, region: str, down: bool, truth: bool = True) -> Text:
    """``ap ✓ ok`` or ``cp→ap ✗ ERR`` for one feature in one region.

    ``down``: the region is out (``truth``: known to be, at intro) or its
    monitoring is silent (``truth`` False: all that standard and hard know).
    """
    policy, target = f.policy[region], f.target[region]
    text = Text(no_wrap=True)
    if policy != target:
        text.append(f"{policy}→{target}", style="bold reverse")
    else:
        text.append(policy)
    if down:
        text.append(" ✖ DOWN" if truth else " ? no data", style="bold red")
        return text
    status = f.status.get(region, "ok")
    text.append(" " + STATUS_TEXT.get(status, status), style=_STATUS_STYLE.get(status, ""))
    return text


def leader_cell(f: FeatureView) -> Text:
    """The leader region, with ``⟳`` during a failover, ``2 LEADERS`` in split brain."""
    text = Text(f.leader, no_wrap=True)
    if f.failing_over:
        text.append(" ⟳moving", style="yellow")
    if f.old_leader:
        text.append(f" +{f.old_leader} 2 LEADERS", style="bold red")
    if f.overloaded:
        text.append(" OVERLOAD", style="bold red")
    if f.safe_factor:
        text.append(f" safe/{f.safe_factor:g}", style="cyan")
    return text


class FeatureTable(DataTable):
    """One row per feature; Enter on a row asks to change that feature's policy."""

    DEFAULT_CSS = """
    FeatureTable {
        height: auto;
        max-height: 100%;
    }
    """

    class FeatureSelected(Message):
        """The player pressed Enter on a feature's row."""

        def __init__(self, feature: str) -> None:
            super().__init__()
            self.feature = feature
            """The feature's id."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self._regions: list[str] = []
        self._with_kind = True

    def show(self, view: View, with_kind: bool = True) -> None:
        """Fill or update the table from a snapshot (``with_kind=False`` drops the kind column)."""
        down = set(view.down_regions)
        truth = view.truth is not None
        if with_kind != self._with_kind and self.columns:
            row = self.cursor_row
            self.clear(columns=True)
            self.call_after_refresh(self.move_cursor, row=row)
        self._with_kind = with_kind
        if not self.columns:
            self._regions = list(view.regions)
            self.add_column("feature", key="name")
            if with_kind:
                self.add_column("kind", key="kind")
            self.add_column("leader", key="leader")
            for r in self._regions:
                self.add_column(r, key=r)
        for f in view.features:
            cells = {
                "name": Text(f.name, no_wrap=True),
                **({"kind": f.kind.replace("_", " ")} if with_kind else {}),
                "leader": leader_cell(f),
                **{r: region_cell(f, r, r in down, truth) for r in self._regions},
            }
            if f.id not in self.rows:
                self.add_row(*cells.values(), key=f.id)
            else:
                for col, value in cells.items():
                    self.update_cell(f.id, col, value, update_width=True)

    def current_feature(self) -> str | None:
        """The id of the feature under the cursor."""
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key((self.cursor_row, 0))
        return key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.FeatureSelected(event.row_key.value))
