"""Finding and opening the store: a SQLite file in WAL mode, checked before it is touched.

The file lives in the per-user data folder (``platformdirs.user_data_dir("wargame")``,
or ``$WARGAME_DATA_DIR`` where the game keeps its journals) unless ``--db PATH`` or
the ``WARGAME_DB`` environment variable names another.
Before SQLite opens anything, the path and the files SQLite keeps beside it
(``-wal``, ``-shm``, ``-journal``) must be regular files or absent, so the
program never writes into a device, a FIFO or a directory; a file that is not
SQLite, belongs to another program, or was written by a newer wargame is
refused with :class:`StoreError` (the command line turns it into exit 2).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from wargame.fileio import UnsafeTarget, check_target, describe
from wargame.model.text import printable
from wargame.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

ENV_VAR = "WARGAME_DB"
"""Environment variable naming the store file."""
FILE_NAME = "wargame.db"
"""The store's file name in the per-user data folder."""
SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""
BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's transaction before giving up."""
SIDE_FILES = ("-wal", "-shm", "-journal")
"""Files SQLite creates beside the database."""


class StoreError(Exception):
    """The store cannot be used (bad path, foreign or newer file); one printable line."""


def default_path() -> Path:
    """The store in the per-user data folder (e.g. ``~/.local/share/wargame/wargame.db``)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("wargame", appauthor=False)) / FILE_NAME


DATA_DIR_VAR = "WARGAME_DATA_DIR"
"""The game's data-folder override (journals go there too); the store follows it."""


def resolve_path(option: str | None = None) -> Path:
    """``--db`` if given, else ``WARGAME_DB``, else ``$WARGAME_DATA_DIR/wargame.db``, else
    :func:`default_path` (empty variables count as unset)."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR, "")
    if env:
        return Path(env)
    data_dir = os.environ.get(DATA_DIR_VAR, "")
    return Path(data_dir) / FILE_NAME if data_dir else default_path()


def _fail(path: Path, message: str) -> StoreError:
    return StoreError(f"{printable(str(path))}: {message}")


def check_file(path: Path) -> bool:
    """Check ``path`` can hold a store; return whether it already has content.

    ``StoreError`` if the path or a side file is not a regular file, or if the
    file has content that is not SQLite.
    """
    for candidate in [path, *(Path(str(path) + s) for s in SIDE_FILES)]:
        try:
            check_target(candidate, make_parents=True)
        except UnsafeTarget as exc:
            raise _fail(candidate, f"cannot be used as the store: {describe(exc)}") from None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _fail(path, f"cannot be read: {describe(exc)}") from None
    if not stat.S_ISREG(info.st_mode):  # pragma: no cover - check_target refused it already
        raise _fail(path, "is not a regular file")
    if info.st_size == 0:
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise _fail(path, f"cannot be read: {describe(exc)}") from None
    if head != SQLITE_MAGIC:
        raise _fail(path, "is not a wargame store (not an SQLite database)")
    return True


def connect(path: Path, create: bool = True) -> sqlite3.Connection:
    """An autocommit connection to a checked, migrated store in WAL mode.

    With ``create`` false a missing store is a ``StoreError`` (commands that
    only read, such as ``history``, never create an empty file).
    """
    existed = check_file(path)
    if not existed and not create and not path.exists():
        raise _fail(path, "no store here yet (nothing has been recorded)")
    if not existed:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(path.parent, f"cannot create the folder: {describe(exc)}") from None
    try:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise _fail(path, f"cannot open: {exc}") from None
    try:
        _prepare_waiting(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _fail(path, f"is not a usable wargame store: {exc}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare_waiting(conn: sqlite3.Connection, path: Path) -> None:
    """:func:`_prepare`, tried again while another process holds the file's lock.

    Two games opening a new store at once race to switch it to WAL mode; SQLite
    answers the loser "database is locked" at once, without its busy timeout.
    Preparing is idempotent, so the loser waits a little and tries again.
    """
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            _prepare(conn, path)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
        raise _fail(path, "is an SQLite database of another program, not a wargame store")
    if version > SCHEMA_VERSION:
        raise _fail(
            path,
            f"was written by a newer wargame (store version {version}; this one knows up to "
            f"{SCHEMA_VERSION}); upgrade wargame or use another --db",
        )
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # pragma: no cover - e.g. a file system without shared memory
        raise _fail(path, f"cannot switch to WAL mode (got {mode})")
    # FULL: a commit is on disk before record_action returns, even across a power cut.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)


def io_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """A ``StoreError`` for an SQLite failure while using the store (disk full, locked, ...)."""
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return _fail(path, f"is busy (another wargame held it over {BUSY_TIMEOUT_MS // 1000} s)")
    return _fail(path, f"cannot be used: {exc}")


__all__ = [
    "ENV_VAR",
    "StoreError",
    "connect",
    "default_path",
    "io_error",
    "resolve_path",
]
