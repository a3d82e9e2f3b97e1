"""The judge: every decision of a drill marked good, questionable or bad, and the moment
to act for each feature.

Public API::

    from wargame.judge import judge_decisions, moments_to_act
    judgments = judge_decisions(result, scenario, debrief)   # one per action, then omissions
    moments = moments_to_act(scenario, result, refs)          # one per feature the model changes

Built from engine outcomes and the scoring rules (nothing re-simulated by hand:
a moment to act's cost comes from replaying the run). Nothing here imports the
UI toolkit.
"""

from wargame.judge.decisions import judge_decisions, tally
from wargame.judge.models import Judgment, Mark, MomentToAct
from wargame.judge.moment import moments_to_act

__all__ = ["Judgment", "Mark", "MomentToAct", "judge_decisions", "moments_to_act", "tally"]
