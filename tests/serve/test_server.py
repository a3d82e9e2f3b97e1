"""A real ``wargame serve`` on a free port: the guard refuses, the token admits, a tab plays."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request

import pytest
from support.terminal import Screen

from wargame.serve.local import LocalServer

TOKEN = "test-token-0123456789abcdef"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw):
        return None


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    with LocalServer(folder / "store.db", token=TOKEN, log=folder / "serve.log") as server:
        server.log_path = folder / "serve.log"
        yield server


def test_without_the_token_every_route_is_refused(guarded):
    for path in ("", "?fontsize=20", "ws", "static/js/textual.js", "download/x"):
        status, _, body = get(guarded.url + path)
        assert status == 403, path
    assert "access token" in body


def test_a_wrong_token_is_refused(guarded):
    assert get(guarded.url + "?token=" + "x" * len(TOKEN))[0] == 403
    assert get(guarded.url, {"Cookie": "wargame_token=" + "x" * len(TOKEN)})[0] == 403


def test_the_token_sets_a_cookie_and_leaves_the_address(guarded):
    status, headers, _ = get(guarded.url + f"?token={TOKEN}&fontsize=18")
    assert status == 302
    assert headers["Location"] == "/?fontsize=18"
    cookie = headers["Set-Cookie"]
    assert f"wargame_token={TOKEN}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_the_cookie_admits_and_the_page_points_back_at_the_address_used(guarded):
    cookie = {"Cookie": f"wargame_token={TOKEN}"}
    status, _, page = get(guarded.url, cookie)
    assert status == 200
    assert f'data-session-websocket-url="ws://127.0.0.1:{guarded.port}/ws"' in page
    status, _, page = get(guarded.url, cookie | {"Host": f"gameday.example:{guarded.port}"})
    assert f'data-session-websocket-url="ws://gameday.example:{guarded.port}/ws"' in page
    assert get(guarded.url + "static/js/textual.js", cookie)[0] == 200


def test_behind_a_tls_proxy_the_page_uses_wss(guarded):
    headers = {"Cookie": f"wargame_token={TOKEN}", "X-Forwarded-Proto": "https"}
    _, _, page = get(guarded.url, headers | {"Host": "gameday.example"})
    assert 'data-session-websocket-url="wss://gameday.example/ws"' in page


def test_the_request_log_never_shows_the_token(guarded):
    get(guarded.url + f"?token={TOKEN}")
    get(guarded.url + "?token=wrong-guess-000000000")
    log = guarded.log_path.read_text()
    assert "token=..." in log  # the requests were logged...
    assert log.count(TOKEN) == 1  # ...and the token only in the line that prints the address
    assert log.splitlines()[0].endswith(f"?token={TOKEN}")


def test_a_websocket_from_another_site_is_refused_even_with_the_cookie(guarded):
    headers = {"Cookie": f"wargame_token={TOKEN}", "Origin": "http://evil.example"}
    status, _, body = get(guarded.url + "ws", headers)
    assert status == 403 and "another site" in body


async def _first_screen(url: str, headers: dict[str, str], want: str) -> str:
    import aiohttp

    screen = Screen(100, 30)
    async with aiohttp.ClientSession(headers=headers) as http:
        async with http.ws_connect(url + "ws?width=100&height=30") as ws:
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 45
            while want not in screen.text() and loop.time() < deadline:
                try:
                    msg = await ws.receive(timeout=deadline - loop.time())
                except TimeoutError:
                    break
                if msg.type == aiohttp.WSMsgType.BINARY:
                    screen.feed(msg.data)
                elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
    return screen.text()


def test_each_tab_gets_its_own_game_on_the_join_screen(guarded):
    origin = f"http://127.0.0.1:{guarded.port}"
    headers = {"Cookie": f"wargame_token={TOKEN}", "Origin": origin}
    seen: list[list[int]] = []

    async def two_tabs() -> list[str]:
        async def watch() -> None:
            for _ in range(200):
                seen.append(guarded.games())
                await asyncio.sleep(0.1)

        watcher = asyncio.create_task(watch())
        screens = await asyncio.gather(
            *(_first_screen(guarded.url, headers, "join code") for _ in range(2))
        )
        watcher.cancel()
        return screens

    for text in asyncio.run(two_tabs()):
        assert "Type your team's join code" in text, text
    assert max(len(pids) for pids in seen) == 2  # one game process per tab


def test_localhost_without_a_token_serves_anyone_on_this_machine(tmp_path):
    with LocalServer(tmp_path / "store.db", log=tmp_path / "serve.log") as server:
        status, _, page = get(server.url)
        assert status == 200 and "data-session-websocket-url" in page
        assert get(server.url + "ws", {"Origin": "http://evil.example"})[0] == 403


def test_a_taken_port_is_a_clear_error(tmp_path):
    import socket
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "wargame", "serve", "--port", str(port)]
            + ["--db", str(tmp_path / "s.db")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert out.returncode == 2, out.stderr
    assert f"wargame: error: cannot listen on 127.0.0.1:{port}" in out.stderr
    assert "Traceback" not in out.stderr
