"""A terminal screen rebuilt from the bytes a served game sends (pyte), for the serve tests."""

from __future__ import annotations

import pyte


class Screen:
    """What a terminal of ``width`` x ``height`` shows after the bytes fed so far."""

    def __init__(self, width: int, height: int) -> None:
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)
