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

from wargame.store.db import ENV_VAR, StoreError, default_path, resolve_path
from wargame.store.recorder import Inject, Recorder, Store
from wargame.store.schema import SCHEMA_VERSION
from wargame.store.scores import summary, summary_from_json

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
