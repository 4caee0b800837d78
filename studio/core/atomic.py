"""Atomic file writes: a reader sees the old file or the new one, never half of either.

The data goes to a hidden temp file beside the target (same folder, so the rename is atomic), is
flushed to the disk (fsync) and then replaces the target with os.replace. A crash leaves at most a
`.<name>.<random>.tmp` file behind, which the loader and the watchers skip (a leading dot).

The new file is as readable as the one it replaces (or, new, as the umask makes files), unless it
is private: 0600, this user's only. Windows has no such modes, and there a reader holding the
target open (a player, a virus scanner) makes the rename fail for a moment: it is tried again.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

PRIVATE_FILE = 0o600
# Windows: how often and how long apart the rename is tried while another process holds the target.
REPLACE_TRIES = 10
REPLACE_PAUSE = 0.05  # seconds


def write_atomic(path: Path, data: bytes | str, *, private: bool = False) -> None:
    """Replace `path` with `data` (str: UTF-8, newlines as given) in one step; OSError when it cannot."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path, data, private=private)
    try:
        replace_file(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def create_atomic(path: Path, data: bytes | str, *, private: bool = False) -> bool:
    """Create `path` holding `data` unless it exists: True if this call made it, False if it was there.

    For a file several processes may create at once (the control token): exactly one of them
    makes it, whole, and the others find it and leave it alone.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path, data, private=private)
    try:
        os.link(tmp, path)  # atomic, and fails when the name is taken
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: the rename, which cannot refuse a file made meanwhile
        if path.exists():
            return False
        replace_file(tmp, path)
        return True
    finally:
        tmp.unlink(missing_ok=True)


def write_temp(path: Path, data: bytes | str, *, private: bool = False) -> Path:
    """The first half of `write_atomic`: `data` in a new hidden file beside `path`, on the disk.

    For callers that must write several files before replacing any (all or nothing); they hand
    the result to `replace_file`, or remove it.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    # os.open applies the umask to 0o666 as open() would; O_BINARY keeps Windows from adding CRs.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    mode = PRIVATE_FILE if private else 0o666
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, mode)
            break
        except FileExistsError:  # another writer drew the same name: draw again
            continue
    try:
        if sys.platform != "win32":
            _set_mode(fd, path, private)
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def replace_file(tmp: Path, path: Path) -> None:
    """os.replace(tmp, path); on Windows retried for about half a second while a reader holds `path`."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(REPLACE_PAUSE)


def _set_mode(fd: int, path: Path, private: bool) -> None:
    """Private: 0600 whatever the umask. Else keep the replaced file's mode (the umask made it when new)."""
    if private:
        os.fchmod(fd, PRIVATE_FILE)
        return
    try:
        os.fchmod(fd, path.stat().st_mode & 0o777)
    except FileNotFoundError:
        pass


__all__ = ["PRIVATE_FILE", "create_atomic", "replace_file", "write_atomic", "write_temp"]
