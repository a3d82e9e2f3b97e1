"""``wargame schema``: the JSON Schema of the scenario format."""

from __future__ import annotations

import argparse
import json

from wargame.model.scenario import Scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    print(json.dumps(Scenario.model_json_schema(), indent=2))
    return 0
