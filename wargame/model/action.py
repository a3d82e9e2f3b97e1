"""Player actions: the journal's unit, parsed from "MM:SS verb args" or JSON.

An action is data only: the engine decides what it does. Parsing checks the
verb and the number of arguments; names of features, regions and alerts are
checked against a scenario by :func:`check_action`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from wargame.model.scenario import KIND_KNOBS, KIND_POLICIES, POLICIES, Scenario
from wargame.model.timefmt import format_clock, parse_clock

RESOLUTIONS: tuple[str, ...] = ("lww", "merge", "crdt", "app")
"""Conflict resolutions the ``resolve`` lever can choose."""

Verb = Literal[
    "set",
    "failover",
    "safe-mode",
    "shed",
    "status-page",
    "severity",
    "page",
    "ack",
    "resolve",
    "dedup",
    "retry",
    "indicators",
    "fence",
    "ttl",
    "diagnose",
    "inject",
]
"""What can be journaled: the player's levers, and ``inject`` (a message the team received)."""

TEAMS: tuple[str, ...] = ("platform", "data", "security", "payments", "support", "comms")
SEVERITIES: tuple[str, ...] = ("SEV1", "SEV2", "SEV3", "SEV4")
DIAGNOSES: tuple[str, ...] = ("congestion", "partial", "one-way", "split", "region-down", "none")
"""What the player can say the fault is (``diagnose KIND [REGION ...]``)."""
KNOB_VERBS: dict[str, tuple[str, ...]] = {
    "dedup": ("on", "off"),
    "indicators": ("honest", "optimistic"),
}
"""Levers that set a kind's knob to one of a few words (the verb is the knob's name)."""
RETRY_MAX = 10.0
"""Largest client retry factor the ``retry`` lever accepts."""
TTL_MAX = 7 * 86400.0
"""Longest queue TTL (seconds) the ``ttl`` lever accepts."""
NOT_PLAYER_VERBS: frozenset[str] = frozenset({"inject"})
"""Journal verbs the player cannot use: a facilitator's inject (no page gate, never scored)."""
INJECT_SOURCE_MAX = 40
"""Longest name an inject's source may have (``inject SOURCE: TEXT``)."""
INJECT_TEXT_MAX = 2000
"""Longest inject message."""

USAGE: dict[str, str] = {
    "set": "set FEATURE cp|cp-reads|queued|ap",
    "failover": "failover FEATURE|all-cp REGION",
    "safe-mode": "safe-mode FEATURE FACTOR|off [home]",
    "shed": "shed REGION PERCENT",
    "status-page": "status-page [MESSAGE...]",
    "severity": "severity SEV1|SEV2|SEV3|SEV4",
    "page": "page " + "|".join(TEAMS),
    "ack": "ack ALERT-ID|all",
    "resolve": "resolve FEATURE lww|merge|crdt|app",
    "dedup": "dedup FEATURE on|off",
    "retry": "retry FEATURE FACTOR",
    "indicators": "indicators FEATURE honest|optimistic",
    "fence": "fence FEATURE REGION",
    "ttl": "ttl FEATURE SECONDS",
    "diagnose": "diagnose " + "|".join(DIAGNOSES) + " [REGION...]",
    "inject": "inject [SOURCE:] TEXT",
}
ARITY: dict[str, tuple[int, int]] = {
    "set": (2, 2),
    "failover": (2, 2),
    "safe-mode": (2, 3),
    "shed": (2, 2),
    "status-page": (0, 10_000),
    "severity": (1, 1),
    "page": (1, 1),
    "ack": (1, 1),
    "resolve": (2, 2),
    "dedup": (2, 2),
    "retry": (2, 2),
    "indicators": (2, 2),
    "fence": (2, 2),
    "ttl": (2, 2),
    "diagnose": (1, 16),
    "inject": (1, 2),
}


class ActionError(ValueError):
    """An action that cannot be parsed or does not fit the scenario."""


class Action(BaseModel):
    """One player decision at a sim time."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    t: float = Field(ge=0)
    """Sim time in seconds when the action is taken."""
    verb: Verb
    """What is done."""
    args: tuple[str, ...] = ()
    """The verb's arguments (feature, policy, region, ...)."""

    def __str__(self) -> str:
        return " ".join([format_clock(self.t), self.verb, *self.args])

    def describe(self) -> str:
        """The action without its time, as the player typed it."""
        return " ".join([self.verb, *self.args])


def parse_action(text: str, t: float | None = None) -> Action:
    """Parse ``"05:30 set inventory ap"`` (or ``"set inventory ap"`` with ``t``)."""
    words = text.split()
    if not words:
        raise ActionError("empty action")
    if t is None:
        try:
            t = parse_clock(words[0])
        except ValueError:
            raise ActionError(f"action {text!r} must start with a time (MM:SS)") from None
        words = words[1:]
    if not words:
        raise ActionError(f"action {text!r} has no verb")
    verb, args = words[0].lower(), words[1:]
    if verb == "inject":
        if not args:
            raise ActionError(f"usage: {USAGE[verb]}")
        return Action(t=t, verb="inject", args=inject_args(" ".join(args)))
    if verb not in ARITY:
        raise ActionError(f"unknown verb {verb!r} (known: {', '.join(ARITY)})")
    low, high = ARITY[verb]
    if not low <= len(args) <= high:
        raise ActionError(f"usage: {USAGE[verb]}")
    if verb != "status-page":
        args = [a.lower() if verb != "severity" else a.upper() for a in args]
    return Action(t=t, verb=verb, args=tuple(args))  # type: ignore[arg-type]


def inject_args(text: str) -> tuple[str, ...]:
    """An inject's journal arguments: ``("SOURCE:", "TEXT")``, or ``("TEXT",)`` without a source.

    ``"VP Engineering: we need an ETA"`` names its source before the first colon
    (at most :data:`INJECT_SOURCE_MAX` characters); anything else is all message.
    """
    text = " ".join(text.split())
    source, sep, message = text.partition(":")
    source, message = source.strip(), message.strip()
    if sep and source and message and len(source) <= INJECT_SOURCE_MAX:
        return (f"{source}:", message)
    return (text,)


def make_inject(t: float, text: str, source: str = "") -> Action:
    """The journal action of an inject received at sim time ``t`` (``ActionError`` if bad)."""
    text, source = " ".join(text.split()), " ".join(source.split()).rstrip(":").strip()
    if not text:
        raise ActionError("an inject needs a message")
    if ":" in source or len(source) > INJECT_SOURCE_MAX:
        raise ActionError(f"an inject's source is a name of at most {INJECT_SOURCE_MAX} characters")
    args = (f"{source}:", text) if source else (text,)
    action = Action(t=t, verb="inject", args=args)
    _check_inject(action)
    return action


def inject_parts(action: Action) -> tuple[str, str]:
    """``(source, text)`` of an inject action (source ``""`` when it names none)."""
    if len(action.args) == 2:
        return action.args[0][:-1], action.args[1]
    return "", action.args[0]


def inject_note(action: Action) -> str:
    """The timeline line of an inject, as a scenario's inject reads (``SOURCE: TEXT``)."""
    source, text = inject_parts(action)
    return f"{source}: {text}" if source else text


def _check_inject(action: Action) -> None:
    a = action.args
    if len(a) == 2 and (not a[0].endswith(":") or len(a[0]) > INJECT_SOURCE_MAX + 1):
        raise ActionError(
            f"an inject's source ends with a colon and has at most {INJECT_SOURCE_MAX} characters"
        )
    text = a[-1]
    if len(text) > INJECT_TEXT_MAX:
        raise ActionError(f"an inject's message has at most {INJECT_TEXT_MAX} characters")
    if any(not c.isprintable() for c in "".join(a)):
        raise ActionError("an inject holds characters that cannot be printed")


def check_action(action: Action, scenario: Scenario) -> None:
    """Raise :class:`ActionError` if the action names something the scenario lacks."""
    features = {f.id: f for f in scenario.features}
    regions = scenario.region_ids()
    v, a = action.verb, action.args

    def feature(name: str):
        if name not in features:
            raise ActionError(f"unknown feature {name!r} (known: {', '.join(features)})")
        return features[name]

    def region(name: str) -> None:
        if name not in regions:
            raise ActionError(f"unknown region {name!r} (known: {', '.join(regions)})")

    if action.t > scenario.duration:
        raise ActionError(f"action at {format_clock(action.t)} is after the end of the drill")
    if v == "inject":
        _check_inject(action)
    elif v == "set":
        f = feature(a[0])
        if a[1] not in POLICIES:
            raise ActionError(f"unknown policy {a[1]!r} (known: {', '.join(POLICIES)})")
        if a[1] not in KIND_POLICIES[f.kind]:
            raise ActionError(f"a {f.kind} does not support policy {a[1]!r}")
    elif v == "failover":
        if a[0] != "all-cp":
            feature(a[0])
        region(a[1])
    elif v == "safe-mode":
        f = feature(a[0])
        if f.kind != "rate_limiter":
            raise ActionError(f"safe mode applies to rate limiters, not to {f.kind!r}")
        if a[1] != "off":
            try:
                factor = float(a[1])
            except ValueError:
                raise ActionError(
                    f"safety factor must be a number or 'off', not {a[1]!r}"
                ) from None
            if not 1 <= factor <= 1000:
                raise ActionError("safety factor must be between 1 and 1000")
        if len(a) == 3 and a[2] != "home":
            raise ActionError(f"the third word of safe-mode can only be 'home', not {a[2]!r}")
    elif v == "shed":
        region(a[0])
        try:
            pct = float(a[1].rstrip("%"))
        except ValueError:
            raise ActionError(f"shed percentage must be a number, not {a[1]!r}") from None
        if not 0 <= pct <= 100:
            raise ActionError("shed percentage must be between 0 and 100")
    elif v == "severity":
        if a[0] not in SEVERITIES:
            raise ActionError(f"unknown severity {a[0]!r} (known: {', '.join(SEVERITIES)})")
    elif v == "page":
        if a[0] not in TEAMS:
            raise ActionError(f"unknown team {a[0]!r} (known: {', '.join(TEAMS)})")
    elif v == "ack" and a[0] != "all" and not a[0].startswith("a"):
        raise ActionError(f"alert ids look like a12, not {a[0]!r}")
    elif v == "resolve":
        feature(a[0])
        if a[1] not in RESOLUTIONS:
            raise ActionError(f"unknown resolution {a[1]!r} (known: {', '.join(RESOLUTIONS)})")
    elif v in KNOB_VERBS:
        f = feature(a[0])
        if v not in KIND_KNOBS.get(f.kind, ()):
            raise ActionError(f"{v} is a messaging setting: a {f.kind} has none")
        allowed = KNOB_VERBS[v]
        if a[1] not in allowed:
            raise ActionError(f"{v} is {' or '.join(map(repr, allowed))}, not {a[1]!r}")
    elif v == "retry":
        feature(a[0])
        try:
            factor = float(a[1])
        except ValueError:
            raise ActionError(f"retry factor must be a number, not {a[1]!r}") from None
        if not 0 <= factor <= RETRY_MAX:
            raise ActionError(f"retry factor must be between 0 and {RETRY_MAX:g}")
    elif v == "fence":
        feature(a[0])
        region(a[1])
    elif v == "ttl":
        feature(a[0])
        try:
            ttl = float(a[1])
        except ValueError:
            raise ActionError(f"queue TTL must be a number of seconds, not {a[1]!r}") from None
        if not 1 <= ttl <= TTL_MAX:
            raise ActionError(f"queue TTL must be between 1 and {TTL_MAX:g} seconds")
    elif v == "diagnose":
        if a[0] not in DIAGNOSES:
            raise ActionError(f"unknown diagnosis {a[0]!r} (known: {', '.join(DIAGNOSES)})")
        for name in a[1:]:
            region(name)
        if a[0] == "none" and len(a) > 1:
            raise ActionError("'diagnose none' takes no regions")
        if len(set(a[1:])) != len(a) - 1:
            raise ActionError("each region is named once")
