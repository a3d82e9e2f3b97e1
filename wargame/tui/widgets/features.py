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
        self._widths: dict[str, int] = {}

    def show(self, view: View, with_kind: bool = True) -> None:
        """Fill or update the table from a snapshot (``with_kind=False`` drops the kind column).

        Column widths are computed here, not left to the table's idle-time resize:
        that resize could run before or after a screenshot, so a cell sometimes
        showed cut (``✓ o``) and sometimes whole. When a width changes, the columns
        are rebuilt (the cursor stays on its row).
        """
        down = set(view.down_regions)
        truth = view.truth is not None
        regions = list(view.regions)
        labels = {"name": "feature", **({"kind": "kind"} if with_kind else {}), "leader": "leader"}
        labels.update({r: r for r in regions})
        rows = {
            f.id: {
                "name": Text(f.name, no_wrap=True),
                **({"kind": Text(f.kind.replace("_", " "))} if with_kind else {}),
                "leader": leader_cell(f),
                **{r: region_cell(f, r, r in down, truth) for r in regions},
            }
            for f in view.features
        }
        widths = {
            key: max([len(label), *(row[key].cell_len for row in rows.values())])
            for key, label in labels.items()
        }
        if widths != self._widths or list(self.rows) != list(rows):
            cursor = self.cursor_row
            self.clear(columns=True)
            for key, label in labels.items():
                self.add_column(label, key=key, width=widths[key])
            for fid, cells in rows.items():
                self.add_row(*cells.values(), key=fid)
            if cursor:
                self.move_cursor(row=min(cursor, len(rows) - 1))
            self._widths = widths
        else:
            for fid, cells in rows.items():
                for col, value in cells.items():
                    self.update_cell(fid, col, value)
        self._regions = regions
        self._with_kind = with_kind

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
