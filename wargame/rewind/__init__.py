"""Rewind and branch: the drill as it was at any moment, and what else could have happened.

Public API::

    from wargame.rewind import Rewinder, branch, state_at
    moment = state_at(scenario, seed, actions, t=330.0)   # the console at 05:30
    fork = branch(scenario, seed, actions, at_t=330.0, then="respond")
    fork.difference["overall"]                              # branch minus original

Both replay the journal on a fresh engine (the engine is deterministic, so a
drill needs no extra storage to be revisited). Nothing here imports the UI toolkit.
"""

from wargame.rewind.branch import TOTAL_KEYS, Branch, Totals, branch, branch_run
from wargame.rewind.state import Moment, Rewinder, RewindError, check_time, state_at

__all__ = [
    "TOTAL_KEYS",
    "Branch",
    "Moment",
    "RewindError",
    "Rewinder",
    "Totals",
    "branch",
    "branch_run",
    "check_time",
    "state_at",
]
