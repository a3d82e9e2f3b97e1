"""The host/token rule of ``wargame serve`` and the guard in front of every route."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.cli import main
from wargame.serve import access
from wargame.serve.access import is_local, resolve_token


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.5.6.7", "localhost", "LOCALHOST", "::1", "[::1]", "ip6-localhost"]
)
def test_loopback_hosts_are_local(host):
    assert is_local(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "localhost.evil.com", ""]
)
def test_every_other_host_is_not(host):
    assert not is_local(host)


def test_local_needs_no_token_but_may_have_one():
    assert resolve_token("127.0.0.1", None) == (None, False)
    assert resolve_token("127.0.0.1", "a" * 16) == ("a" * 16, False)


def test_other_hosts_refuse_to_start_without_a_token():
    with pytest.raises(ValueError, match="needs an access token"):
        resolve_token("0.0.0.0", None)


def test_auto_generates_a_fresh_long_token():
    one, generated = resolve_token("0.0.0.0", "auto")
    two, _ = resolve_token("0.0.0.0", "auto")
    assert generated and one != two and len(one) >= 32
    assert access.check_token(one) == one


@pytest.mark.parametrize(
    ("token", "why"),
    [("short", "at least 16"), ("a" * 15, "at least 16"), ("a b" * 8, "only letters")],
)
def test_weak_or_odd_tokens_are_refused(token, why):
    with pytest.raises(ValueError, match=why):
        resolve_token("0.0.0.0", token)


@given(st.text(max_size=40))
def test_check_token_accepts_only_long_url_safe_text(text):
    ok = len(text) >= access.MIN_TOKEN and set(text) <= access.TOKEN_CHARS
    try:
        access.check_token(text)
    except ValueError:
        assert not ok
    else:
        assert ok


def test_cli_refuses_a_public_host_without_token(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("WARGAME_SERVE_TOKEN", raising=False)
    code = main(["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "s.db")])
    err = capsys.readouterr().err
    assert code == 2
    assert "wargame: error: --host 0.0.0.0 lets other machines connect" in err
    assert "--token auto" in err
    assert not (tmp_path / "s.db").exists()  # refused before anything was created


def test_cli_reports_a_weak_token_by_its_source(capsys, tmp_path, monkeypatch):
    assert main(["serve", "--token", "abc", "--db", str(tmp_path / "s.db")]) == 2
    assert "wargame: error: --token: a token needs at least 16" in capsys.readouterr().err
    monkeypatch.setenv("WARGAME_SERVE_TOKEN", "abc")
    assert main(["serve", "--db", str(tmp_path / "s.db")]) == 2
    assert "$WARGAME_SERVE_TOKEN: a token needs" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_cli_refuses_bad_ports(capsys, port):
    assert main(["serve", "--port", port]) == 2
    assert "--port" in capsys.readouterr().err


def test_cli_refuses_a_store_that_is_not_a_file(capsys, tmp_path):
    assert main(["serve", "--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame: error: ") and "Traceback" not in err


def test_play_join_screen_takes_no_scenario(capsys):
    assert main(["play", "--join-screen", "flash-sale"]) == 2
    assert "--join-screen takes no SCENARIO" in capsys.readouterr().err


def test_the_served_command_opens_the_join_screen_on_the_given_store(tmp_path):
    import shlex

    from wargame.serve import game_command

    words = shlex.split(game_command(tmp_path / "my store.db", python="/usr/bin/python3"))
    assert words == [
        "/usr/bin/python3", "-m", "wargame", "play", "--join-screen",
        "--db", str(tmp_path / "my store.db"),
    ]  # fmt: skip


def test_the_address_to_share(monkeypatch):
    import socket

    from wargame.serve import browse_url

    monkeypatch.setattr(socket, "gethostname", lambda: "facilitator-laptop")
    assert browse_url("127.0.0.1", 8000, None) == "http://127.0.0.1:8000/"
    assert (
        browse_url("0.0.0.0", 9000, "t" * 16) == f"http://facilitator-laptop:9000/?token={'t' * 16}"
    )
    assert browse_url("::1", 8000, None) == "http://[::1]:8000/"


def test_the_server_side_never_imports_textual():
    """Only the game processes it starts run Textual (the layering rule)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import wargame.serve, wargame.serve.local, wargame.cli.serve\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
