"""Lessons a game day's differences illustrate, chosen from what the teams actually did.

Each rule looks at the teams' recorded decisions and fires only when the teams
differed on that point (or, for one team, when its own choices show it); the
evidence lines name who did what and when. The wording is ours; the ideas are
the chapter's: per-feature choices, implicit defaults, the failover trap in a
split, telling users early, CP pain now versus AP pain later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock


@dataclass
class TeamPlay:
    """What one team did, condensed from its recorded actions."""

    name: str
    grade: str | None
    overall: float | None
    capped: bool
    final: dict[str, str]
    """Each feature's policy at the end of the drill (the as-built one if never changed)."""
    changes: list[tuple[float, str, str]]
    """``(t, feature, policy)`` for every ``set``."""
    failovers: list[tuple[float, str, str]]
    first_status: float | None
    first_diagnosis: tuple[float, str] | None
    first_action: float | None
    verbs: dict[str, float] = field(default_factory=dict)
    """First time each verb was used."""


@dataclass(frozen=True)
class Lesson:
    """A lesson and the evidence from this game day behind it."""

    title: str
    text: str
    evidence: list[str]


def _when(t: float | None) -> str:
    return format_clock(t) if t is not None else "never"


def choose(scenario: Scenario, teams: list[TeamPlay]) -> list[Lesson]:
    """The lessons this session's teams illustrate, most important first."""
    lessons: list[Lesson] = []
    played = [t for t in teams if t.overall is not None]
    model = {f.id: f.model.policy for f in scenario.features}
    as_built = {f.id: f.as_built for f in scenario.features}

    # Per-feature choices: features the teams left in different states.
    split = [f for f in model if len({t.final.get(f) for t in played}) > 1]
    if split:
        evidence = []
        for f in split:
            parts = ", ".join(f"{t.name} {t.final.get(f)}" for t in played)
            evidence.append(f"{f} (the model: {model[f]}): {parts}")
        lessons.append(
            Lesson(
                "Each feature gets its own answer",
                "The teams ended the drill with the same feature in different modes. There is "
                "no single right setting for a whole product: a feature that protects money, "
                "safety or an invariant belongs on the CP side, one whose users can live with "
                "a late or slightly old answer belongs on the AP side. Compare each team's "
                "final setting with the contract below.",
                evidence,
            )
        )
    untouched = [t for t in played if not t.changes]
    wrong = [f for f in model if as_built[f] != model[f]]
    if wrong and untouched and (len(untouched) < len(played) or len(played) == 1):
        lessons.append(
            Lesson(
                "The as-built behaviour is a choice nobody made",
                "A team that changes no policy lives with whatever the implementation "
                "happens to do in a partition: asynchronous replication makes a feature "
                "AP, a synchronous database makes it CP, whether or not anyone asked for "
                "it. Here the as-built setting differed from the model for "
                f"{', '.join(wrong)}; writing the choice down before the incident is the "
                "cheap way out.",
                [f"{t.name} changed no policy" for t in untouched],
            )
        )
    used = [t for t in played if t.failovers]
    if used and (len(used) < len(played) or len(played) == 1):
        lessons.append(
            Lesson(
                "A failover is not free during a split",
                "Promoting a new leader helps when the old one has truly lost its majority. "
                "When the old side can still form a quorum of its own, a forced failover gives "
                "the system two leaders, and their writes collide at the heal. Know the "
                "shape of the partition before you move the leader.",
                [
                    f"{t.name}: "
                    + ", ".join(f"{f} to {r} at {_when(at)}" for at, f, r in t.failovers)
                    for t in used
                ]
                + [f"{t.name}: no failover" for t in played if not t.failovers],
            )
        )
    status = {t.name: t.first_status for t in played}
    if len(played) > 1 and (
        len({s is None for s in status.values()}) > 1 or _spread(status) >= 300
    ):
        lessons.append(
            Lesson(
                "Say something early",
                "Users put up with a degraded product far better when they are told what is "
                "going on: an outage that nobody explains turns into tickets and lost trust, "
                "one announced early costs less. The teams posted on the status page at very "
                "different moments.",
                [f"{name}: first status-page post {_when(t)}" for name, t in status.items()],
            )
        )
    diag = {t.name: t.first_diagnosis for t in played}
    kinds = {d[1] for d in diag.values() if d}
    if len(played) > 1 and (len(kinds) > 1 or len({d is None for d in diag.values()}) > 1):
        lessons.append(
            Lesson(
                "Name the fault before you fight it",
                "A slow link, a partial partition and a clean split call for different moves. "
                "The teams read the same signals and named different faults (or none): the "
                "probes and heartbeats from each vantage point are what tell them apart.",
                [
                    f"{name}: " + (f"{d[1]} at {_when(d[0])}" if d else "no diagnosis")
                    for name, d in diag.items()
                ],
            )
        )
    capped = [t for t in played if t.capped]
    if capped and len(capped) < len(played):
        lessons.append(
            Lesson(
                "Some mistakes cannot be bought back",
                "Availability lost for a while can be made up with goodwill; a violation "
                "(a blocked user let through, money moved twice, data kept after an erasure) "
                "cannot. Those features are the ones to keep consistent even at the price of "
                "errors, and the score reflects it.",
                [f"{t.name}: {t.grade} (score limited by a violation)" for t in capped],
            )
        )
    first = {t.name: t.first_action for t in played if t.first_action is not None}
    if len(first) > 1 and _spread(first) >= 300:
        lessons.append(
            Lesson(
                "The first minutes set the bill",
                "Every minute a wrong setting stays in place adds to the cost, and traffic "
                "is often at its highest when the network breaks. The teams took their first "
                "decision minutes apart.",
                [f"{name}: first decision at {_when(t)}" for name, t in first.items()],
            )
        )
    if any(f in ("cp", "cp-reads") for t in played for f in t.final.values()) and any(
        f in ("ap", "queued") for t in played for f in t.final.values()
    ):
        lessons.append(
            Lesson(
                "CP hurts now, AP hurts later",
                "A CP feature fails in plain sight: errors, pages, an executive asking why it "
                "is down. An AP feature keeps working and sends its bill after the heal: "
                "reconciliation, conflicts, oversold units, someone deciding by hand who "
                "gets the last item. Both need a runbook; the AP one is the one teams forget.",
                [],
            )
        )
    if not lessons:
        lessons.append(
            Lesson(
                "Same incident, same answers",
                "The teams made the same choices, so this game day shows no contrast to learn "
                "from. Replay the seed at a harder difficulty, or split the room into teams "
                "that must argue for CP and for AP.",
                [],
            )
        )
    return lessons


def _spread(times: dict[str, float | None]) -> float:
    values = [t for t in times.values() if t is not None]
    return max(values) - min(values) if len(values) > 1 else 0.0
