"""The after-action report of a game day, as data: teams side by side, contract, lessons.

Everything comes from the store: each team's latest finished drill (its
recorded decisions, injects and score summary). The scenario is loaded for
its titles, the as-built and model policies and the consistency contract.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from wargame.gameday.lessons import Lesson, TeamPlay, choose
from wargame.gameday.sessions import session
from wargame.model.loader import ScenarioError, load_scenario
from wargame.model.scenario import Scenario
from wargame.store import Store
from wargame.store.scores import contract_rows


@dataclass
class Event:
    """One line of a team's timeline."""

    t: float
    kind: str
    """``action`` (the team's decision) or ``inject`` (a message the team received)."""
    text: str


@dataclass
class TeamReport:
    """One team's column."""

    name: str
    state: str
    drill: int | None
    grade: str | None
    overall: float | None
    axes: dict[str, float]
    capped: bool
    verdict: str
    timeline: list[Event]
    play: TeamPlay


@dataclass
class Report:
    """The whole after-action report."""

    session: dict
    title: str
    teams: list[TeamReport]
    contract: list[dict]
    lessons: list[Lesson]
    ranking: list[str] = field(default_factory=list)
    """Team names from the best overall score down (teams without a result left out)."""


def _scenario(sid: str) -> Scenario | None:
    try:
        return load_scenario(sid)
    except ScenarioError:
        return None


def _play(name: str, row: dict, actions, scenario: Scenario | None, summary: dict) -> TeamPlay:
    final = {f.id: f.as_built for f in scenario.features} if scenario else {}
    play = TeamPlay(
        name=name,
        grade=row.get("grade"),
        overall=row.get("overall"),
        capped=bool(summary.get("capped")),
        final=final,
        changes=[],
        failovers=[],
        first_status=None,
        first_diagnosis=None,
        first_action=actions[0].t if actions else None,
    )
    for a in actions:
        play.verbs.setdefault(a.verb, a.t)
        if a.verb == "set" and len(a.args) == 2:
            play.changes.append((a.t, a.args[0], a.args[1]))
            if a.args[0] in final:
                final[a.args[0]] = a.args[1]
        elif a.verb == "failover" and len(a.args) == 2:
            play.failovers.append((a.t, a.args[0], a.args[1]))
        elif a.verb == "status-page" and play.first_status is None:
            play.first_status = a.t
        elif a.verb == "diagnose" and play.first_diagnosis is None and a.args:
            play.first_diagnosis = (a.t, " ".join(a.args))
    return play


def build(store: Store, session_id: int) -> Report:
    """The report of one session (``StoreError`` if there is no such session)."""
    info = session(store, session_id)
    scenario = _scenario(info["scenario"])
    teams: list[TeamReport] = []
    for t in info["teams"]:
        drill = t["drill"] if t["state"] == "finished" else None
        actions, injects, row, summary = [], [], {}, {}
        if drill is not None:
            actions = store.actions(drill)
            injects = store.injects(drill)
            r = store.drill(drill)
            row = {"grade": r["grade"], "overall": r["overall"]}
            summary = json.loads(r["summary"]) if r["summary"] else {}
        timeline = [Event(a.t, "action", str(a).split(" ", 1)[-1]) for a in actions]
        timeline += [
            Event(i.t, "inject", f"{i.source}: {i.text}" if i.source else i.text) for i in injects
        ]
        timeline.sort(key=lambda e: (e.t, e.kind != "inject"))
        teams.append(
            TeamReport(
                name=t["name"],
                state=t["state"],
                drill=drill,
                grade=row.get("grade"),
                overall=row.get("overall"),
                axes=summary.get("axes", {}),
                capped=bool(summary.get("capped")),
                verdict=summary.get("verdict", ""),
                timeline=timeline,
                play=_play(t["name"], row, actions, scenario, summary),
            )
        )
    ranked = sorted((t for t in teams if t.overall is not None), key=lambda t: -t.overall)
    return Report(
        session=info,
        title=scenario.title if scenario else info["scenario"],
        teams=teams,
        contract=contract_rows(scenario) if scenario else [],
        lessons=choose(scenario, [t.play for t in teams]) if scenario else [],
        ranking=[t.name for t in ranked],
    )
