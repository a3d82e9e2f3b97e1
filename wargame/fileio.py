"""Writing files so that a crash never leaves a half-written one behind.

Every file the program writes goes through :func:`atomic_write` (or, for a
journal written line by line, :func:`check_target` then an append): the text
goes to a temporary file beside the target, is synced, and is renamed over
it. A target that is not a regular file (a device such as ``/dev/full``, a
FIFO, a directory, a symlink to anything but a regular file in the same
folder) is refused before anything is written, so the program never replaces
a device node or writes through a link to somewhere else.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class UnsafeTarget(OSError):
    """A target the program refuses to write (not a regular file, or no such folder)."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(path: Path, make_parents: bool = False) -> Path:
    """The file to write for ``path``, or ``UnsafeTarget`` saying why not.

    A missing file in an existing (or, with ``make_parents``, creatable) folder
    is fine; an existing target must be a regular file; a symlink must lead to a
    regular file in the same folder (the link is kept and the file it names is
    replaced).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not path.name or path.name in (".", ".."):
        raise UnsafeTarget(errno.EISDIR, "is a directory, not a file name")
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except ValueError:  # a NUL or a lone surrogate in the name
        raise UnsafeTarget(errno.EINVAL, "not a valid file name") from None
    except OSError as exc:
        raise UnsafeTarget(exc.errno or errno.EIO, exc.strerror or str(exc)) from None
    target = path
    if info is not None and stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(path))
        try:
            real_info = real.lstat()
        except OSError:
            raise UnsafeTarget(errno.ENOENT, "is a symlink to a missing file") from None
        if os.path.realpath(folder) != str(real.parent) or not stat.S_ISREG(real_info.st_mode):
            raise UnsafeTarget(
                errno.EPERM, "is a symlink to something other than a file in the same folder"
            )
        target, info = real, real_info
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UnsafeTarget(errno.EPERM, f"is {_kind(info.st_mode)}; only regular files are written")
    if not folder.is_dir():
        if make_parents and not folder.exists():
            return target
        raise UnsafeTarget(errno.ENOENT, f"folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UnsafeTarget(errno.EACCES, f"folder {str(folder)!r} is not writable")
    return target


def atomic_write(path: Path, text: str, make_parents: bool = True) -> Path:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, fsync, rename.

    Creates missing parent folders unless ``make_parents`` is false. ``OSError``
    (``UnsafeTarget`` for a target that is not a regular file) propagates;
    callers word it for the user. Nothing is left behind on failure.
    """
    target = check_target(path, make_parents)
    folder = target.parent if str(target.parent) else Path(".")
    if make_parents:
        folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8", "backslashreplace")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def describe(exc: OSError) -> str:
    """A one-line reason for a failed write (``no space left on device``, ...)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]
