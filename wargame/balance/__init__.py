"""The balance harness: does the game reward the chapter's lesson?

It plays a catalogue of strategies (:mod:`wargame.balance.strategies`) over
seeds on each scenario (:mod:`wargame.balance.harness`), scores them with the
game's own scorer and checks the properties B1-B5
(:mod:`wargame.balance.properties`). ``wargame balance`` prints the table.
"""

from wargame.balance.harness import Outcome, Row, ScenarioTable, run_balance
from wargame.balance.properties import Finding, check
from wargame.balance.strategies import Strategy, catalogue, play

__all__ = [
    "Finding",
    "Outcome",
    "Row",
    "ScenarioTable",
    "Strategy",
    "catalogue",
    "check",
    "play",
    "run_balance",
]
