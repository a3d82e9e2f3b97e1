"""``wargame design SCENARIO``: score a consistency contract, headless (interview mode).

``--contract FILE`` (TOML or JSON) is compared with the scenario's model, the
incident is run on it from the start, and the debrief is printed as text or,
with ``--json``, as strict JSON; ``--export FILE.md`` also writes the contract
as Markdown. ``--template`` writes the as-built design as a TOML contract to
start from, with each feature's four statements as comments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wargame.cli.common import (
    UsageError,
    output_or_exit,
    scenario_or_exit,
    seed_arg,
    write_text_or_exit,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "design",
        help="interview practice: score a consistency contract against the model",
        description="Score a consistency contract (per feature: policy, resolution, knobs, "
        "the reason picked and a justification) against the scenario's model: the "
        "incident runs on the design from the start and the debrief names the L5/L6 "
        "signals. --template writes a contract to start from.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="scenario id or .toml path")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--contract", metavar="FILE", help="the contract to score (TOML or JSON)")
    what.add_argument(
        "--template",
        action="store_true",
        help="write the as-built design as a TOML contract to fill in",
    )
    p.add_argument("--seed", type=seed_arg, help="seed of the incident (default: the scenario's)")
    p.add_argument("--json", action="store_true", help="print the debrief as JSON")
    p.add_argument(
        "--export", metavar="FILE.md", help="also write the contract as Markdown to FILE.md"
    )
    p.add_argument(
        "--out", metavar="FILE", help="with --template: write it to FILE (default: stdout)"
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from wargame.interview.contract import Contract, ContractError, load_contract
    from wargame.interview.dump import dump_toml

    if args.template and (args.export or args.json or args.seed is not None):
        raise UsageError("--template takes only --out (a template is not scored)")
    if args.out and not args.template:
        raise UsageError("--out goes with --template (use --export FILE.md for a contract)")
    for path, option in ((args.out, "--out"), (args.export, "--export")):
        if path:
            output_or_exit(path, option)
    scenario = scenario_or_exit(args.scenario)
    if args.template:
        text = dump_toml(Contract.from_as_built(scenario), scenario, notes=True)
        if args.out:
            write_text_or_exit(args.out, "--out", text)
        else:
            sys.stdout.write(text)
        return 0
    try:
        contract = load_contract(Path(args.contract), scenario)
    except ContractError as exc:
        raise UsageError(str(exc)) from None
    from wargame.interview.design import evaluate
    from wargame.interview.render import contract_markdown, debrief_text

    result = evaluate(scenario, contract, seed=args.seed)
    if args.export:
        write_text_or_exit(args.export, "--export", contract_markdown(contract, scenario))
    if args.json:
        text = json.dumps(result.model_dump(mode="json"), indent=2, allow_nan=False) + "\n"
    else:
        text = debrief_text(result, scenario)
    sys.stdout.write(text)
    return 0
