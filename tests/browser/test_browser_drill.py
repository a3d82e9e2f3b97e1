"""A game day in a real browser: join by code, start the drill, play, see it happen.

The screenshots land in ``tests/browser/screenshots/`` (ignored by git) to look at.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from support.browser_tab import Tab

from wargame.gameday import join, new_session
from wargame.serve.local import LocalServer
from wargame.store import Store

TOKEN = "browser-test-token-0123456789"
SHOTS = Path(__file__).parent / "screenshots"


def clock(text: str) -> int:
    """The console header's sim clock in seconds (``T+mm:ss``, first on the screen)."""
    found = re.search(r"T\+(\d+):(\d\d)", text)
    assert found, text
    return int(found[1]) * 60 + int(found[2])


def feature_row(text: str, name: str) -> str:
    """The features table's row of one feature."""
    return next(line for line in text.splitlines() if line.lstrip().startswith(name))


def test_join_play_and_change_a_policy_in_chromium(chromium, tmp_path):
    db = tmp_path / "store.db"
    with Store(db) as store:
        made = new_session(store, "flash-sale", teams=2, seed=7, difficulty="intro")
    code = made.teams[1][2]
    env = {"WARGAME_DATA_DIR": str(tmp_path / "data")}
    SHOTS.mkdir(exist_ok=True)
    with LocalServer(db, token=TOKEN, env=env, log=tmp_path / "serve.log") as server:
        tab = Tab(chromium, f"{server.url}?token={TOKEN}")
        assert "?token" not in chromium.current_url  # the token left the address bar

        tab.wait_for(r"Type your team's join code")
        tab.focus()
        tab.keys("WXYZ 2345", "\n")  # nobody's code: an error on screen, and a retry
        tab.wait_for(r"no session has the join code WXYZ-2345")
        chromium.save_screenshot(str(SHOTS / "join.png"))
        tab.keys(code.lower(), "\n")
        tab.wait_for(r"Briefing · Flash Sale")
        chromium.save_screenshot(str(SHOTS / "briefing.png"))

        tab.keys("\n")  # start the drill
        first = clock(tab.wait_for(r"T\+\d+:\d\d.*running").string)
        later, deadline = first, time.monotonic() + 60
        while later <= first and time.monotonic() < deadline:  # the header's clock, not
            time.sleep(0.25)  # any other T+ on the screen (the timeline has some)
            later = clock(tab.read())
        assert later > first, (first, later)  # the clock moves by itself

        tab.keys("++")  # 16x: the page (at 05:00) comes in about 20 s
        tab.wait_for(r"16x")
        text = tab.wait_for(r"PAUSED.*paged T\+05:00", timeout=90).string  # intro pauses
        assert "cp" in feature_row(text, "Checkout & stock").split("inventory", 1)[1]

        tab.keys(":")
        tab.wait_for(r"(?i)action")
        tab.keys("set inventory ap", "\n")
        tab.wait_for(r"you set inventory ap")
        tab.wait_for(r"Checkout & stock +inventory +\S+ +cp→ap")  # asked for, rolling out
        tab.keys("z")  # no more pauses at each critical alert
        tab.wait_for(r"paged T\+05:00  no SEV|paged T\+05:00 +⚠")
        tab.keys(" ")  # resume: the change reaches one region after the other
        row = tab.wait_for(r"Checkout & stock +inventory +\S+ +ap \S.* ap \S.*", timeout=60)[0]
        assert "cp" not in row, row  # in force in both regions, not just asked for
        tab.wait_for(r"▶ running")
        chromium.save_screenshot(str(SHOTS / "console.png"))

    with Store(db) as store:  # recorded under the team, as it was played
        team = join(store, code).team
        (drill,) = store.query("SELECT id, seed FROM drills WHERE team_id = ?", (team,))
        assert drill["seed"] == 7
        assert "set inventory ap" in [a.describe() for a in store.actions(drill["id"])]
    journals = list((tmp_path / "data" / "journals").glob("*.jsonl"))
    assert len(journals) == 1, journals
    lines = [json.loads(x) for x in journals[0].read_text().splitlines()]
    assert lines[0]["seed"] == 7 and lines[0]["scenario"] == "flash-sale"
    assert any(x.get("verb") == "set" and x.get("args") == ["inventory", "ap"] for x in lines[1:])
