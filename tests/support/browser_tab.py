"""One browser tab of a served game: keys in through the page, the screen read back.

xterm.js draws the game on a canvas, so its text is not in the page. Before the
page loads, a script wraps the page's ``WebSocket`` to keep a copy of every
byte the game sends (and the terminal size the page asks for); the test feeds
those bytes to a terminal emulator (pyte) to read what the tab shows.
"""

from __future__ import annotations

import base64
import json
import re
import time

from support.terminal import Screen

TAP = """
(() => {
  const Native = window.WebSocket;
  window.__wgChunks = [];
  window.__wgSize = null;
  class Tapped extends Native {
    constructor(...args) {
      super(...args);
      const url = new URL(args[0], window.location.href);
      const q = url.searchParams;
      window.__wgSize = {width: +q.get("width"), height: +q.get("height")};
      this.addEventListener("message", (e) => {
        if (typeof e.data !== "string") window.__wgChunks.push(new Uint8Array(e.data));
      });
    }
    send(data) {
      if (typeof data === "string" && data.startsWith('["resize"')) {
        window.__wgSize = JSON.parse(data)[1];
      }
      return super.send(data);
    }
  }
  window.WebSocket = Tapped;
})();
"""

DRAIN = """
const chunks = window.__wgChunks.splice(0);
let n = 0; for (const c of chunks) n += c.length;
const all = new Uint8Array(n); let at = 0;
for (const c of chunks) { all.set(c, at); at += c.length; }
let s = "";
for (let i = 0; i < all.length; i += 0x8000) {
  s += String.fromCharCode.apply(null, all.subarray(i, i + 0x8000));
}
return [btoa(s), window.__wgSize];
"""


class Tab:
    """A Chromium tab on a served game."""

    def __init__(self, driver, url: str) -> None:
        self.driver = driver
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TAP})
        driver.get(url)
        self.screen: Screen | None = None
        self.size: tuple[int, int] | None = None

    def read(self) -> str:
        """The tab's text now."""
        data, size = self.driver.execute_script(DRAIN)
        if size and size.get("width"):
            wanted = (int(size["width"]), int(size["height"]))
            if self.screen is None:
                self.screen = Screen(*wanted)
            elif wanted != self.size:
                self.screen.screen.resize(wanted[1], wanted[0])
            self.size = wanted
        if self.screen is None:
            return ""
        self.screen.feed(base64.b64decode(data))
        return self.screen.text()

    def wait_for(self, pattern: str, timeout: float = 60.0) -> re.Match:
        """Wait until the tab shows ``pattern`` (a regex); the match."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.read()
            found = re.search(pattern, text)
            if found:
                return found
            time.sleep(0.25)
        raise AssertionError(f"the tab never showed {pattern!r}; it shows:\n{text}")

    def keys(self, *keys: str) -> None:
        """Type into the terminal as a player would (the page has the keyboard focus)."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(*keys).perform()

    def focus(self) -> None:
        """Click into the terminal so it gets the keys."""
        self.driver.find_element("css selector", "#terminal").click()

    def size_json(self) -> str:
        return json.dumps(self.size)
