"""Placeholder replaced below."""

from textual.screen import Screen


class DebriefScreen(Screen):
    def __init__(self, drill) -> None:
        super().__init__()
        self.drill = drill
