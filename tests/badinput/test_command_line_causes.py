"""Journals, ``--action`` strings, result files, special files and file output: each
defect the outside test found has a test (exit 2, one line, no traceback)."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.cli import main

HEAD = '{"journal":1,"scenario":"flash-sale","seed":1}'


def refused(capsys, argv: list[str]) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, (code, captured.err)
    assert "Traceback" not in captured.err + captured.out
    assert captured.err.strip(), "no message"
    return captured.err.strip()


def journal(tmp_path: Path, *lines: str, head: str = HEAD) -> str:
    path = tmp_path / "j.jsonl"
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"t":60,"verb":"set","args":["inventory"]}', "args: 1 given; usage: set"),
        ('{"t":60,"verb":"set","args":["inventory","ap","now"]}', "args: 3 given"),
        ('{"t":1e400,"verb":"ack","args":["all"]}', "t: must be a finite number"),
        ('{"t":NaN,"verb":"ack","args":["all"]}', "NaN is not a number JSON allows"),
        ('{"t":Infinity,"verb":"ack","args":["all"]}', "Infinity"),
        ('{"t":-1,"verb":"ack","args":["all"]}', "t: must be between 0"),
        ('{"t":true,"verb":"ack","args":["all"]}', "t: must be a number"),
        ('{"t":"05:00","verb":"ack","args":["all"]}', "t: must be a number"),
        ('{"t":60,"verb":"ack","args":[1]}', "args: must be a list of text"),
        ('{"t":60,"verb":"fly","args":[]}', "verb: unknown verb"),
        ('{"t":60,"verb":"ack","args":["all"],"x":1}', "unknown key"),
        ('{"t":' + "[" * 30_000 + "]" * 30_000 + "}", "nested more than"),
        ('{"t":' + "[" * 100_000 + "]" * 100_000 + "}", "line is over"),
        ('{"t":3000,"verb":"ack","args":["all"]}', "after the end of the drill"),
        ('{"t":60,"verb":"set","args":["ghost","ap"]}', "unknown feature 'ghost'"),
    ],
    ids=lambda v: v[:30] if isinstance(v, str) else None,
)
def test_bad_journal_actions_name_file_and_line(tmp_path, capsys, line, message) -> None:
    path = journal(tmp_path, line)
    for argv in (["run", "--actions", path], ["report", path]):
        err = refused(capsys, argv)
        assert f"{path}:2: " in err and message in err, err
        assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        ("-1", "seed: must be between 0"),
        ("true", "seed: must be an integer, not true or false"),
        ("9" * 5000, "far too many digits"),
        ("1.5", "seed: must be an integer"),
        ('"1"', "seed: must be an integer"),
        (str(2**64), "seed: must be between 0"),
    ],
    ids=lambda v: v[:20],
)
def test_journal_seeds_follow_the_seed_option(tmp_path, capsys, seed, message) -> None:
    head = '{"journal":1,"scenario":"flash-sale","seed":' + seed + "}"
    path = journal(tmp_path, head=head)
    err = refused(capsys, ["run", "--actions", path])
    assert f"{path}:1: " in err and message in err, err


@pytest.mark.parametrize("seed", ["-1", str(2**64), "1e3", "true"])
def test_seed_option_range(capsys, seed) -> None:
    err = refused(capsys, ["run", "flash-sale", "--seed", seed])
    assert "--seed" in err


def test_a_lone_surrogate_in_a_journal_is_refused_not_printed(tmp_path, capsys) -> None:
    path = journal(tmp_path, '{"t":400,"verb":"status-page","args":["ok","\\ud800"]}')
    err = refused(capsys, ["report", path])
    assert f"{path}:2: args.1: " in err
    err.encode("utf-8")  # printable


@pytest.mark.parametrize(
    "action",
    [
        "05:00 set inventory",
        "05:00 set inventory ap now",
        "nan set inventory ap",
        "inf set inventory ap",
        "1e400 set inventory ap",
        "-1 set inventory ap",
        "05:00 \ud800",
        "05:00 set " + "x" * 1_000_000 + " ap",
        "",
    ],
    ids=lambda v: repr(v[:30]),
)
def test_bad_action_strings(capsys, action) -> None:
    err = refused(capsys, ["run", "flash-sale", "--action", action])
    assert err.startswith("wargame: error: --action ") and len(err) < 400, err


def _result(tmp_path: Path, capsys) -> dict:
    assert main(["run", "flash-sale", "--json", "--action", "05:30 set inventory ap"]) == 0
    return json.loads(capsys.readouterr().out)


def test_results_that_do_not_match_their_replay_are_refused(tmp_path, capsys) -> None:
    data = _result(tmp_path, capsys)
    cases = {
        "truncated-series": lambda d: d["series"]["t"].pop(),
        "edited-total": lambda d: d["totals"].update(requests=1),
        "bad-seed": lambda d: d.update(seed=-1),
        "true-seed": lambda d: d.update(seed=True),
        "bad-action": lambda d: d["actions"][0].update(t=1e308),
        "path-as-scenario": lambda d: d.update(scenario="../../etc/passwd"),
    }
    for name, change in cases.items():
        mutated = json.loads(json.dumps(data))
        change(mutated)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(mutated), encoding="utf-8")
        err = refused(capsys, ["report", str(path)])
        assert str(path) in err, (name, err)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(good), "--format", "json", "--date", "2025-01-01"]) == 0
    json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(c))


def test_result_with_nan_is_refused(tmp_path, capsys) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"scenario": "flash-sale", "duration_s": NaN}', encoding="utf-8")
    assert "NaN" in refused(capsys, ["report", str(path)])


@pytest.fixture
def fifo(tmp_path) -> str:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return str(path)


def test_special_files_are_refused_before_reading(tmp_path, capsys, fifo) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (5 * 2**20))
    for argv in (
        ["validate", fifo],
        ["run", fifo],
        ["run", "--actions", fifo],
        ["report", fifo],
        ["validate", "/dev/zero"],
        ["run", "--actions", "/dev/zero"],
        ["report", "/dev/zero"],
        ["validate", str(tmp_path)],
        ["report", str(tmp_path)],
        ["validate", str(big)],
    ):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2 and (
            "FIFO" in err or "device" in err or "directory" in err or "limit" in err
        ), (argv, err)


def test_a_fifo_never_hangs_a_real_process(fifo) -> None:
    for args in (["validate", fifo], ["run", "--actions", fifo], ["report", fifo]):
        out = subprocess.run(
            [sys.executable, "-m", "wargame", *args], capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 2 and "FIFO" in out.stderr and "Traceback" not in out.stderr


def test_json_output_is_strict(capsys) -> None:
    for scenario in ("flash-sale", "messaging"):
        assert main(["run", scenario, "--json"]) == 0
        json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(c))


# -- file output ------------------------------------------------------------------


def test_report_never_replaces_a_device(tmp_path, capsys) -> None:
    data = _result(tmp_path, capsys)
    result = tmp_path / "r.json"
    result.write_text(json.dumps(data), encoding="utf-8")
    for target in ("/dev/full", "/dev/null"):
        err = refused(capsys, ["report", str(result), "-o", target])
        assert "is a device" in err
        assert stat.S_ISCHR(os.stat(target).st_mode)


def test_symlinks_to_special_or_outside_files_are_not_followed(tmp_path, capsys) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "victim.md").write_text("keep", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "to-dev").symlink_to("/dev/null")
    (folder / "to-outside").symlink_to(outside / "victim.md")
    for link in ("to-dev", "to-outside"):
        err = refused(capsys, ["run", "flash-sale", "--journal-out", str(folder / link)])
        assert "symlink" in err
        assert (folder / link).is_symlink()
    assert (outside / "victim.md").read_text(encoding="utf-8") == "keep"


def test_journal_out_is_checked_before_the_run(tmp_path, capsys, monkeypatch) -> None:
    import wargame.cli.run as run_cli

    def no_run(*args, **kwargs):
        raise AssertionError("the run started before --journal-out was checked")

    monkeypatch.setattr(run_cli, "execute", no_run)
    for target in (str(tmp_path), str(tmp_path / "no" / "such" / "j.jsonl"), "/dev/full"):
        err = refused(capsys, ["run", "flash-sale", "--journal-out", target])
        assert "--journal-out" in err


def test_a_full_disk_is_a_clean_error(tmp_path, capsys, monkeypatch) -> None:
    import wargame.fileio as fileio

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio.os, "fsync", full)
    target = tmp_path / "j.jsonl"
    err = refused(capsys, ["run", "flash-sale", "--journal-out", str(target)])
    assert "no space left on device" in err.lower()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_files_are_written_whole(tmp_path, capsys) -> None:
    target = tmp_path / "j.jsonl"
    assert main(["run", "flash-sale", "--journal-out", str(target), "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["run", "--actions", str(target), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seed"] == 3
    assert [p.name for p in tmp_path.iterdir()] == ["j.jsonl"]


def test_list_never_cuts_ids_when_piped() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "wargame", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "40"},
        timeout=60,
    )
    ids = [line.split("\t")[0] for line in out.stdout.splitlines()[1:]]
    assert "rate-limiter-backend-shield" in ids and "flash-sale-blast-radius" in ids


def test_an_unexpected_error_is_one_line_and_exit_1(capsys, monkeypatch) -> None:
    import wargame.cli.validate as validate

    def boom(args):
        raise RuntimeError("x" * 10_000)

    monkeypatch.setattr(validate, "main", boom)
    monkeypatch.delenv("WARGAME_DEBUG", raising=False)
    parser_main = main
    code = parser_main(["validate", "anything.toml"])
    err = capsys.readouterr().err
    assert code == 1 and "internal error (RuntimeError)" in err and len(err) < 400


def test_play_checks_the_journal_folder_before_opening(capsys) -> None:
    err = refused(capsys, ["play", "flash-sale", "--journal-dir", "/dev/null"])
    assert "--journal-dir" in err and "not a folder" in err


def test_found_by_fuzzing_surrogate_file_names_and_long_arguments(capsys) -> None:
    """Two defects ``make fuzz`` found: a file name with a lone surrogate (exit 1, a
    UnicodeEncodeError) and argparse echoing long arguments whole."""
    assert "not a valid file name" in refused(capsys, ["validate", "\ud800"])
    assert "not a valid file name" in refused(capsys, ["run", "--actions", "\ud800"])
    err = refused(capsys, ["run", "flash-sale", "--journal-out", "\ud800"])
    assert "not a valid file name" in err
    err = refused(capsys, ["run", "flash-sale", "x" * 5000, "y" * 5000])
    assert all(len(line) < 400 for line in err.splitlines()), err


def test_a_result_run_at_another_difficulty_is_replayed_at_it(tmp_path, capsys) -> None:
    assert main(["run", "flash-sale", "--difficulty", "hard", "--json"]) == 0
    path = tmp_path / "hard.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["report", str(path), "--format", "json"]) == 0
