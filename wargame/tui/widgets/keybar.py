"""A footer that wraps the screen's key bindings onto as many lines as they need.

Textual's Footer keeps to one line and scrolls; at 80 columns the console's
fifteen keys would not all be visible, so this bar lays them out in rows. It
reads the same ``active_bindings`` the Footer reads (plus the command palette
key) and updates when they change.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget


class KeyFooter(Widget):
    """Every shown binding of the screen as ``key description``, wrapped to the width."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen) -> None:
        self.refresh(layout=True)

    def _items(self) -> list[tuple[str, str, bool]]:
        seen: set[str] = set()
        items: list[tuple[str, str, bool]] = []
        palette: tuple[str, str, bool] | None = None
        for _node, binding, enabled, _tip in self.screen.active_bindings.values():
            if binding.action == "command_palette" and self.app.ENABLE_COMMAND_PALETTE:
                palette = (self.app.get_key_display(binding), "palette", enabled)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((self._key(binding), binding.description, enabled))
        if palette:
            items.append(palette)
        return items

    def _key(self, binding: Binding) -> str:
        return self.app.get_key_display(binding)

    def _lines(self, width: int) -> list[Content]:
        lines: list[Content] = []
        parts: list[str | tuple[str, str]] = []
        used = 0
        for key, desc, enabled in self._items():
            cell = len(key) + len(desc) + 2
            if used and used + cell > width:
                lines.append(Content.assemble(*parts))
                parts, used = [], 0
            dim = "" if enabled else " dim"
            parts += [
                (key, f"bold $footer-key-foreground on $footer-key-background{dim}"),
                (f" {desc} ", f"$footer-description-foreground{dim}"),
            ]
            used += cell
        if parts:
            lines.append(Content.assemble(*parts))
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: D102
        return max(1, len(self._lines(width)))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))
