"""Fuzz: hostile journals, ``--action`` strings, result files and argument lists.

Each case runs the command line in-process (see :mod:`fuzz.harness`): exit
0 or 2 only, never a traceback, strict JSON when asked for, bounded time.
"""

from __future__ import annotations

import json
import os
import stat

import pytest
from fuzz.conftest import COMMAND_EXAMPLES, RESULT_EXAMPLES
from fuzz.harness import call, strict_loads
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.model.action import ARITY

PROFILE = settings.get_profile("wargame-fuzz")
SCENARIO = "flash-sale"
FEATURES = ["inventory", "cart", "payment", "catalog", "rate-limit"]
REGIONS = ["us-east", "us-west"]
WORDS = (
    FEATURES
    + REGIONS
    + ["ap", "cp", "cp-reads", "queued", "all", "on", "off", "home", "SEV1", "2", "50%"]
    + ["mars", "", " ", "x" * 300, "\ud800", "é", "-1", "nan", "inf", "1e400", "99999"]
)
HOSTILE_NUMBERS = st.sampled_from(
    [float("nan"), float("inf"), -1, -1e-9, 1e400, 10**5000, 2**64, 0, 60, 1799.5, True, None]
)


def _json_token(value: object) -> str:
    """JSON text for a value, writing NaN/Infinity and huge ints the way hostile files do."""
    if isinstance(value, float) and value != value:
        return "NaN"
    if value == float("inf"):
        return "1e400"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 5000:
        return "9" * 5000
    return json.dumps(value)


times = st.one_of(
    st.floats(0, 1800), st.sampled_from([300, 600.5]), HOSTILE_NUMBERS, st.text(max_size=8)
)
words = st.sampled_from(WORDS) | st.text(max_size=12)
PLAUSIBLE = FEATURES + REGIONS + ["ap", "cp", "queued", "all", "on", "off", "SEV2", "2", "50"]


@st.composite
def verb_and_args(draw) -> tuple[str, list[str]]:
    """Half the time a known verb with a fitting number of plausible words; else anything."""
    if draw(st.booleans()):
        verb = draw(st.sampled_from(sorted(ARITY)))
        low, high = ARITY[verb]
        n = draw(st.integers(low, min(high, low + 2)))
        return verb, draw(st.lists(st.sampled_from(PLAUSIBLE), min_size=n, max_size=n))
    verb = draw(st.sampled_from(sorted(ARITY)) | st.text(max_size=10))
    return verb, draw(st.lists(words, max_size=4))


@st.composite
def journal_line(draw) -> str:
    kind = draw(st.sampled_from(["action", "action", "action", "junk", "deep", "header"]))
    if kind == "junk":
        return draw(st.text(max_size=60))
    if kind == "deep":
        depth = draw(st.sampled_from([40, 1000, 100_000]))
        return '{"t":' + "[" * depth + "]" * depth + "}"
    if kind == "header":
        return '{"journal":1,"scenario":"flash-sale","seed":1}'
    verb, args = draw(verb_and_args())
    parts = [f'"t":{_json_token(draw(times))}', f'"verb":{json.dumps(verb)}']
    if args or draw(st.booleans()):
        parts.append(f'"args":{json.dumps(args)}')
    if draw(st.integers(0, 9)) == 0:
        parts.append('"extra":1')
    return "{" + ",".join(parts) + "}"


@st.composite
def journal(draw) -> str:
    seed = draw(
        st.one_of(
            st.integers(0, 1000), st.integers(-5, 2**70), HOSTILE_NUMBERS, st.text(max_size=5)
        )
    )
    scenario = draw(
        st.sampled_from([SCENARIO, SCENARIO, SCENARIO, "messaging", "nope", "../etc/passwd", ""])
    )
    policy = draw(st.sampled_from(["as-built", "model", "all-cp", "weird", None]))
    version = draw(st.sampled_from([1, 1, 1, 1, 1, 2, True, "1"]))
    head = {"journal": version, "scenario": scenario}
    text = json.dumps(head)[:-1] + f',"seed":{_json_token(seed)}'
    if policy is not None:
        text += f',"policy":{json.dumps(policy)}'
    text += "}"
    lines = [text] if draw(st.integers(0, 5)) else []
    lines += draw(st.lists(journal_line(), max_size=6))
    return "\n".join(lines) + "\n"


@settings(PROFILE, max_examples=COMMAND_EXAMPLES)
@given(text=journal(), command=st.sampled_from(["run", "run-json", "report"]))
def test_hostile_journals(tmp_path_factory, text: str, command: str) -> None:
    path = tmp_path_factory.mktemp("j") / "journal.jsonl"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    argv = {
        "run": ["run", "--actions", str(path)],
        "run-json": ["run", "--actions", str(path), "--json"],
        "report": ["report", str(path), "--format", "json"],
    }[command]
    call(argv, "journals")


@st.composite
def action_text(draw) -> str:
    clock = draw(
        st.sampled_from(["05:00", "06:30", "00:00", "30:00", "30:01", "-1", "nan", "inf", "1e400"])
        | st.text(max_size=6)
    )
    verb, args = draw(verb_and_args())
    return " ".join([clock, verb, *args])


VALID_ACTIONS = [
    "05:00 set cart ap",
    "06:00 failover inventory us-west",
    "07:00 shed us-east 50",
    "08:00 severity sev2",
    "08:30 page platform",
    "09:00 status-page We are looking into slow checkouts",
    "10:00 ack all",
    "11:00 diagnose split us-east us-west",
    "12:00 safe-mode rate-limit 2",
]


@settings(PROFILE, max_examples=COMMAND_EXAMPLES)
@given(
    actions=st.lists(
        st.sampled_from(VALID_ACTIONS) | action_text() | st.text(max_size=30),
        min_size=1,
        max_size=2,
    )
)
def test_hostile_action_strings(actions: list[str]) -> None:
    argv = ["run", SCENARIO, "--json"]
    for a in actions:
        argv += ["--action", a]
    call(argv, "action strings")


@pytest.fixture(scope="module")
def good_result() -> dict:
    out = call(["run", SCENARIO, "--json", "--action", "05:30 set inventory ap"], "results")
    return strict_loads(out.out)


def _mutate_json(draw, obj: object, depth: int = 0) -> object:
    if isinstance(obj, dict) and obj and depth < 6:
        key = draw(st.sampled_from(sorted(obj)))
        op = draw(st.sampled_from(["recurse", "recurse", "drop", "replace"]))
        if op == "drop":
            obj.pop(key)
        elif op == "replace":
            obj[key] = draw(
                st.sampled_from([None, -1, 10**30, "x", "\ud800", [], {}, True, 1.5, "mars"])
            )
        else:
            obj[key] = _mutate_json(draw, obj[key], depth + 1)
        return obj
    if isinstance(obj, list) and obj and depth < 6:
        op = draw(st.sampled_from(["truncate", "recurse", "empty"]))
        if op == "truncate":
            return obj[: draw(st.integers(0, len(obj) - 1))]
        if op == "empty":
            return []
        i = draw(st.integers(0, len(obj) - 1))
        obj[i] = _mutate_json(draw, obj[i], depth + 1)
        return obj
    return draw(st.sampled_from([None, -1, 2**70, "mars", "", 0.5, True, [obj]]))


@settings(PROFILE, max_examples=RESULT_EXAMPLES)
@given(data=st.data(), fmt=st.sampled_from(["md", "json"]))
def test_hostile_result_files(tmp_path_factory, good_result: dict, data, fmt: str) -> None:
    mutated = _mutate_json(data.draw, json.loads(json.dumps(good_result)))
    path = tmp_path_factory.mktemp("r") / "result.json"
    path.write_text(json.dumps(mutated), encoding="utf-8")
    call(["report", str(path), "--format", fmt, "--date", "2025-01-01"], "result files")


@pytest.fixture(scope="module")
def special_paths(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("paths")
    fifo = root / "fifo"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    (root / "good.jsonl").write_text(
        '{"journal":1,"scenario":"flash-sale","seed":3}\n{"t":300,"verb":"set","args":["cart","ap"]}\n',
        encoding="utf-8",
    )
    (root / "link-out").symlink_to("/dev/null")
    return {
        "fifo": str(fifo),
        "dir": str(root),
        "missing": str(root / "missing.toml"),
        "journal": str(root / "good.jsonl"),
        "out": str(root / "out.txt"),
        "link": str(root / "link-out"),
        "zero": "/dev/zero",
        "full": "/dev/full",
        "null": "/dev/null",
    }


COMMANDS = [
    "run",
    "validate",
    "list",
    "schema",
    "report",
    "quiz",
    "design",
    "--version",
    "-h",
    "bogus",
]
OPTIONS = [
    "--seed",
    "--policy",
    "--action",
    "--actions",
    "--json",
    "--journal-out",
    "-o",
    "--format",
    "--date",
    "--scenario",
    "--answers",
    "--contract",
    "--template",
    "--export",
    "--out",
    "--help",
    "--",
]


@settings(PROFILE, max_examples=COMMAND_EXAMPLES)
@given(data=st.data())
def test_hostile_argument_lists(special_paths: dict[str, str], data) -> None:
    values = st.sampled_from(
        [SCENARIO, "messaging", "-1", "0", "9" * 30, "true", "2025-13-40", "model", "x" * 500]
        + ["\ud800", "", "05:00 set cart ap", "md", "json"]
        + list(special_paths.values())
    )
    argv = [data.draw(st.sampled_from(COMMANDS))]
    argv += data.draw(st.lists(st.sampled_from(OPTIONS) | values | st.text(max_size=8), max_size=6))
    call(argv, "argument lists")
