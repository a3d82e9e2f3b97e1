"""The store: every drill recorded in a local SQLite file, action by action.

Public API::

    from wargame.store import Store, StoreError
    with Store(path_or_None) as store:       # --db / WARGAME_DB / per-user data folder
        drill = store.start_drill("flash-sale", seed=7, difficulty="standard")
        store.record_action(drill, action)   # committed at once: kill -9 loses nothing
        store.record_inject(drill, 300.0, "The VP wants an ETA", source="facilitator")
        store.finish_drill(drill, summary(result, scenario))

Reading back: :mod:`wargame.store.queries` (history, bests, leaderboard).
Nothing here imports the UI toolkit.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wargame.store.db import ENV_VAR, StoreError, default_path, resolve_path
    from wargame.store.recorder import Inject, Recorder, Store
    from wargame.store.schema import SCHEMA_VERSION
    from wargame.store.scores import summary, summary_from_json

_HOME = {
    "ENV_VAR": "db",
    "StoreError": "db",
    "default_path": "db",
    "resolve_path": "db",
    "Inject": "recorder",
    "Recorder": "recorder",
    "Store": "recorder",
    "SCHEMA_VERSION": "schema",
    "summary": "scores",
    "summary_from_json": "scores",
}


def __getattr__(name: str):
    """Load each name from its module on first use: reading the store (the picker's best
    grades) does not pay for the models the recorder needs."""
    if name in _HOME:
        return getattr(import_module(f"wargame.store.{_HOME[name]}"), name)
    raise AttributeError(f"module 'wargame.store' has no attribute {name!r}")


__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "Inject",
    "Recorder",
    "Store",
    "StoreError",
    "default_path",
    "resolve_path",
    "summary",
    "summary_from_json",
]
