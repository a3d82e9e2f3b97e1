"""Counterfactual runs: the same scenario and seed under other policies.

The debrief compares the player's run with the responder's (the reference
play: the model applied from the console once the signals agree, see
:mod:`wargame.respond`), with the per-feature model designed beforehand
("what designing it beforehand would have saved"), with the three naive
policies (as-built, all-CP, all-AP) and on a healthy network (the revenue
baseline). Each is a plain engine run; nothing is re-simulated here.

The healthy-network baseline drops every network event: partitions, link
changes of any state (``slow`` included), heals, outages and restores.
Slowness can time requests out in the engine, so it is part of the network
trouble whose cost the debrief reports; surges and injects stay, so the
baseline sees the same traffic. (Scores do not depend on this choice: the
baseline shifts every run's revenue cost by the same amount, and placement
between the model and the worst naive run cancels it.)
"""

from __future__ import annotations

from dataclasses import dataclass

from wargame.engine import Engine
from wargame.model.result import RunResult
from wargame.model.scenario import Scenario
from wargame.respond import respond

NETWORK_EVENTS: frozenset[str] = frozenset({"partition", "link", "heal", "outage", "restore"})
"""Event kinds removed for the healthy-network baseline."""

REFERENCES: tuple[str, ...] = ("responder", "model", "as-built", "all-cp", "all-ap")
"""Reference runs for the comparison, in display order: the responder (the 100 mark),
the model designed beforehand, and the naive policies."""
POLICY_REFERENCES: tuple[str, ...] = ("model", "as-built", "all-cp", "all-ap")
"""The references that are plain policy modes with no actions."""


@dataclass
class Counterfactuals:
    """The reference runs of one scenario and seed."""

    runs: dict[str, RunResult]
    """Reference -> its run: ``responder`` (the reference play) and each policy mode."""
    baseline: RunResult
    """The as-built run on a healthy network."""


def healthy(scenario: Scenario) -> Scenario:
    """The scenario with every network event removed."""
    events = [ev for ev in scenario.events if ev.kind not in NETWORK_EVENTS]
    return scenario.model_copy(update={"events": events})


def run(scenario: Scenario, seed: int, policy: str) -> RunResult:
    """One headless engine run with no actions."""
    engine = Engine(scenario, seed=seed, policy=policy)
    engine.run([])
    return engine.result()


def counterfactuals(scenario: Scenario, seed: int) -> Counterfactuals:
    """Run the responder, the model, the naive policies and the healthy baseline."""
    runs = {"responder": respond(scenario, seed).result}
    runs.update({mode: run(scenario, seed, mode) for mode in POLICY_REFERENCES})
    return Counterfactuals(runs=runs, baseline=run(healthy(scenario), seed, "as-built"))
