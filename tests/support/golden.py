"""Golden hashes of the engine's results: speed work must leave every run byte-identical.

Every shipped scenario is run on :data:`SEEDS` twice: with the as-built policies and no
actions, and played by the responder (:func:`wargame.respond.respond`). Each run's
result JSON is hashed (SHA-256, first 16 hex digits), and so is the responder's journal
(its actions as journal lines). ``tests/engine/test_golden.py`` checks the hashes against
``tests/engine/data/golden.json``.

Regenerate the file only for an intended change of the engine's results (say why in the
commit)::

    .venv/bin/python tests/support/golden.py --update

``--cli FILE`` hashes the command line's output instead (slower: ``wargame run S --seed N
--json``, ``--respond model --journal-out J`` and its replay ``--actions J``, so the
debrief's scoring is covered too) and writes the hashes to FILE, or compares with FILE if
it exists: the check to run before and after every optimization.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "engine" / "data" / "golden.json"
SEEDS: tuple[int, ...] = (1, 2, 3)
"""The seeds every shipped scenario is hashed on."""


def digest(text: str | bytes) -> str:
    """A short content hash."""
    data = text.encode() if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()[:16]


def journal_text(actions: list) -> str:
    """The actions as journal lines (the way ``--journal-out`` writes them)."""
    return "".join(json.dumps(a.model_dump(mode="json"), sort_keys=True) + "\n" for a in actions)


def engine_hashes(names: list[str] | None = None) -> dict[str, str]:
    """``"scenario/seed/run"`` -> hash, for the as-built run, the responder's run and its
    journal, on every shipped scenario (or ``names``) and seed."""
    from wargame.engine import Engine
    from wargame.model.loader import load_scenario, shipped
    from wargame.respond import respond

    out: dict[str, str] = {}
    for name in shipped():
        if names is not None and name not in names:
            continue
        scenario = load_scenario(name)
        for seed in SEEDS:
            engine = Engine(scenario, seed=seed)
            engine.run([])
            out[f"{name}/{seed}/as-built"] = digest(engine.result().model_dump_json())
            response = respond(scenario, seed)
            out[f"{name}/{seed}/responder"] = digest(response.result.model_dump_json())
            out[f"{name}/{seed}/journal"] = digest(journal_text(response.actions))
    return out


def _cli(args: list[str]) -> str:
    from wargame.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(args)
    if code != 0:
        raise SystemExit(f"wargame {' '.join(args)} exited {code}")
    return buf.getvalue()


def cli_hashes() -> dict[str, str]:
    """``"scenario/seed/what"`` -> hash of the command line's output (see the docstring)."""
    from wargame.model.loader import shipped

    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in shipped():
            for seed in SEEDS:
                key = f"{name}/{seed}"
                out[f"{key}/run"] = digest(_cli(["run", name, "--seed", str(seed), "--json"]))
                journal = Path(tmp) / f"{name}-{seed}.jsonl"
                respond_args = ["run", name, "--seed", str(seed), "--respond", "model"]
                out[f"{key}/respond"] = digest(
                    _cli([*respond_args, "--json", "--journal-out", str(journal)])
                )
                out[f"{key}/journal"] = digest(journal.read_bytes())
                out[f"{key}/replay"] = digest(_cli(["run", "--actions", str(journal), "--json"]))
    return out


def compare(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """The keys whose hash differs (or that one side lacks)."""
    return sorted(k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--update"]:
        text = json.dumps(engine_hashes(), indent=1, sort_keys=True) + "\n"
        GOLDEN.write_text(text)
        print(f"wrote {GOLDEN}")
        return 0
    if argv[:1] == ["--cli"] and len(argv) == 2:
        path = Path(argv[1])
        actual = cli_hashes()
        if not path.exists():
            path.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
            print(f"wrote {len(actual)} hashes to {path}")
            return 0
        bad = compare(json.loads(path.read_text()), actual)
        print("\n".join(bad) or f"all {len(actual)} hashes match {path}")
        return 1 if bad else 0
    if not argv:
        bad = compare(json.loads(GOLDEN.read_text()), engine_hashes())
        print("\n".join(bad) or f"all hashes match {GOLDEN}")
        return 1 if bad else 0
    print("usage: golden.py [--update | --cli FILE]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.path[:0] = [str(HERE.parent.parent)]
    raise SystemExit(main(sys.argv[1:]))
