"""Each team's path against the responder's on the same seed: where it left, what it got right.

The responder (:mod:`wargame.respond`, the score's 100 mark) plays the session's
scenario, seed and difficulty once; every team's recorded decisions are then
walked beside its journal, decision by decision:

- the team **diverged** at its first decision that is not the responder's next
  one: another verb, another target (the first argument: a feature, region,
  severity or team), or the same decision more than :data:`LATE_S` later; a
  team that stopped while the responder went on diverged at the responder's
  next decision (it did not make it), and one that followed to the end never did;
- what it **got right**: each of the responder's decisions it also made (same
  verb and arguments, at most :data:`LATE_S` after the responder), and each
  feature it left on the model's policy when the as-built one differs.

Injects are not decisions and are left out of both walks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wargame.model.action import NOT_PLAYER_VERBS, Action
from wargame.model.scenario import Scenario
from wargame.model.timefmt import format_clock

LATE_S = 60.0
"""The same decision this much later than the responder's counts as a different path."""
MAX_RIGHT = 8
"""Most 'got right' lines kept per team."""


@dataclass(frozen=True)
class Divergence:
    """Where a team's path left the responder's."""

    t: float
    """Sim time of the departure."""
    team: Action | None
    """The team's decision there (``None``: it made none)."""
    responder: Action | None
    """The responder's decision there (``None``: the responder had stopped)."""
    why: str
    """``verb``, ``target``, ``late``, ``missing`` or ``extra``."""

    def describe(self) -> str:
        """One sentence for the report."""
        ref = self.responder
        if self.why == "missing" and ref is not None:
            return (
                f"made no more decisions; at {format_clock(ref.t)} the responder did"
                f" '{ref.describe()}'"
            )
        assert self.team is not None
        did = f"at {format_clock(self.team.t)} did '{self.team.describe()}'"
        if ref is None:
            return f"{did} after the responder's last decision"
        if self.why == "late":
            return f"{did}, {self.team.t - ref.t:.0f} s after the responder did the same"
        return f"{did} where the responder did '{ref.describe()}' at {format_clock(ref.t)}"


def responder_actions(scenario: Scenario, seed: int, difficulty: str) -> list[Action]:
    """The responder's decisions on this scenario, seed and difficulty."""
    from wargame.respond import respond

    return list(respond(scenario, seed, difficulty=difficulty).result.actions)


def _decisions(actions: Sequence[Action]) -> list[Action]:
    return sorted((a for a in actions if a.verb not in NOT_PLAYER_VERBS), key=lambda a: a.t)


def _target(a: Action) -> str:
    return a.args[0] if a.args else ""


def divergence(team: Sequence[Action], responder: Sequence[Action]) -> Divergence | None:
    """The team's first departure from the responder's path (``None``: it never left it)."""
    mine, ref = _decisions(team), _decisions(responder)
    for i in range(max(len(mine), len(ref))):
        a = mine[i] if i < len(mine) else None
        r = ref[i] if i < len(ref) else None
        if a is None:
            assert r is not None
            return Divergence(r.t, None, r, "missing")
        if r is None:
            return Divergence(a.t, a, None, "extra")
        if a.verb != r.verb:
            return Divergence(a.t, a, r, "verb")
        if _target(a) != _target(r):
            return Divergence(a.t, a, r, "target")
        if a.t > r.t + LATE_S:
            return Divergence(a.t, a, r, "late")
    return None


def got_right(team: Sequence[Action], responder: Sequence[Action], scenario: Scenario) -> list[str]:
    """What the team did as the responder did it, and the model policies it ended on."""
    mine = _decisions(team)
    used: set[int] = set()
    out = []
    for r in _decisions(responder):
        for i, a in enumerate(mine):
            if i not in used and (a.verb, a.args) == (r.verb, r.args) and a.t <= r.t + LATE_S:
                used.add(i)
                when = "before" if a.t < r.t else "with"
                if a.t > r.t:
                    when = f"{a.t - r.t:.0f} s after"
                out.append(f"'{a.describe()}' at {format_clock(a.t)} ({when} the responder)")
                break
    final = {f.id: f.as_built for f in scenario.features}
    for a in mine:
        if a.verb == "set" and len(a.args) == 2 and a.args[0] in final:
            final[a.args[0]] = a.args[1]
    for f in scenario.features:
        if f.model.policy != f.as_built and final[f.id] == f.model.policy:
            out.append(f"{f.name} ended on {f.model.policy}, the model's policy")
    return out[:MAX_RIGHT]
