"""Which shows are live for this user: one OS lock and one discovery entry per show folder.

In `<state>/live/` (0700), for each show folder (named by `show_key`, as its as-run folder is):

- `<key>.lock` — locked (flock on POSIX, msvcrt.locking on Windows) by the process that has the
  show on air, for as long as it does; it holds that process's id as text. The operating system
  drops the lock when the process ends, however it ends (kill -9 included), so a lock is never
  stale. Lock files are never deleted: deleting one while another process waits on it would let
  two processes hold "the" lock.
- `<key>.json` — `{"key", "show", "title", "pid", "port", "url", "started"}` (0600), written by the
  lock holder once its control server listens, removed when it stops. One left by a killed
  process is recognised (its lock is free) and removed by whoever finds it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from studio.core.dirs import state_dir
from studio.core.logs import private_dir, show_key, write_private

REGISTRY_FOLDER = "live"
_WINDOWS_LOCK_AT = 1 << 30  # lock a byte far past the pid text, which others must still read
_RETRIES = 10  # a reader checking a lock holds it for a moment: try again before saying "taken"
_RETRY_SECONDS = 0.05


class ShowAlreadyLive(Exception):
    """The show is on air in another process (or another window of this one)."""

    def __init__(self, show: Path, pid: int | None) -> None:
        who = f"process {pid}" if pid else "another process"
        how = (f"close its stream window, press Ctrl+C in its terminal, or run `kill {pid}`"
               if sys.platform != "win32" else f"close its stream window or run `taskkill /PID {pid}`")
        if not pid:
            how = "close its stream window or press Ctrl+C in its terminal"
        elif pid == os.getpid():
            who, how = "this program", "stop it there first"
        super().__init__(f"{show} is already live in {who} (a show can be on air only once at a time). "
                         f"To take it over, stop that one first: {how}.")
        self.show = show
        self.pid = pid


@dataclass(frozen=True)
class LiveShow:
    """A discovery entry: a live show and how to reach its control server."""

    key: str
    show: str
    title: str
    pid: int
    port: int
    url: str
    started: str

    @classmethod
    def from_json(cls, data: Any) -> LiveShow | None:
        if not isinstance(data, dict):
            return None
        port, pid = data.get("port"), data.get("pid")
        if not isinstance(port, int) or not 0 < port < 65536 or not isinstance(pid, int):
            return None
        text = {k: str(data.get(k) or "") for k in ("key", "show", "title", "url", "started")}
        return cls(pid=pid, port=port, **text)

    def label(self) -> str:
        """How to name it to a person: its title and folder."""
        return f"{self.title} ({self.show})" if self.title else self.show


def registry_dir(base: Path | None = None) -> Path:
    """`<state>/live`: the lock and discovery entry of every show that is (or was) live."""
    return (base or state_dir()) / REGISTRY_FOLDER


# ---- the OS lock ----

def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError: held by someone else
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _open_lock(path: Path) -> int:
    private_dir(path.parent)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)  # not inherited by child processes (PEP 446)


def _holder(path: Path) -> int | None:
    """The pid written in a lock file, if any."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class ShowLock:
    """Held by the process that has a show on air, from before anything starts until it stops."""

    def __init__(self, show_root: Path, fd: int, base: Path | None = None) -> None:
        self.show_root = show_root
        self.key = show_key(show_root)
        self.folder = registry_dir(base)
        self._fd: int | None = fd
        self._published = False

    @classmethod
    def acquire(cls, show_root: Path, base: Path | None = None) -> ShowLock:
        """Take the show's lock or raise ShowAlreadyLive (naming the holder's pid)."""
        folder = registry_dir(base)
        path = folder / f"{show_key(show_root)}.lock"
        fd = _open_lock(path)
        try:
            for attempt in range(_RETRIES):
                if _try_lock(fd):
                    break
                if attempt + 1 < _RETRIES:
                    time.sleep(_RETRY_SECONDS)  # maybe only a reader checking for staleness
            else:
                raise ShowAlreadyLive(show_root.resolve(), _holder(path))
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except BaseException:
            os.close(fd)
            raise
        lock = cls(show_root, fd, base)
        (folder / f"{lock.key}.json").unlink(missing_ok=True)  # left by a holder that was killed
        return lock

    @property
    def held(self) -> bool:
        return self._fd is not None

    @property
    def entry_path(self) -> Path:
        return self.folder / f"{self.key}.json"

    def publish(self, port: int, url: str, title: str = "") -> Path:
        """Write this show's discovery entry (0600): clients can now find its control server."""
        if self._fd is None:
            raise RuntimeError("the show's lock was released; it cannot be published")
        data = {"key": self.key, "show": str(self.show_root.resolve()), "title": title, "pid": os.getpid(),
                "port": port, "url": url, "started": _now_text()}
        write_private(self.entry_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        self._published = True
        return self.entry_path

    def withdraw(self) -> None:
        """Remove the discovery entry (the control server stopped; the show may still be on air)."""
        if self._published:
            self.entry_path.unlink(missing_ok=True)
            self._published = False

    def release(self) -> None:
        """Off air: remove the entry, then free the lock for the next `studio live` of this show."""
        if self._fd is None:
            return
        try:
            self.withdraw()
        finally:
            fd, self._fd = self._fd, None
            try:
                _unlock(fd)
            except OSError:
                pass  # closing frees it anyway
            os.close(fd)

    def __enter__(self) -> ShowLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        if getattr(self, "_fd", None) is not None:
            os.close(self._fd)  # the session was dropped without stop(): do not keep the show locked


def _now_text() -> str:
    from studio.core.clock import SystemClock

    return SystemClock().now().isoformat(timespec="seconds")


# ---- reading the registry ----

def _held(lock_path: Path, clean: Path | None = None) -> bool:
    """Whether some process holds this lock; when none does, remove `clean` (under the lock, so a
    new holder's entry is never the one removed)."""
    try:
        fd = os.open(lock_path, os.O_RDWR)
    except FileNotFoundError:
        if clean is not None:
            clean.unlink(missing_ok=True)  # an entry without a lock file was never a live show's
        return False
    except OSError:
        return True  # cannot tell: keep everything
    try:
        if not _try_lock(fd):
            return True
        try:
            if clean is not None:
                clean.unlink(missing_ok=True)
        finally:
            _unlock(fd)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def live_shows(base: Path | None = None) -> list[LiveShow]:
    """The shows live now with a control server, by title; entries left by killed processes are removed."""
    try:
        entries = sorted(registry_dir(base).glob("*.json"))
    except OSError:
        return []
    shows: list[LiveShow] = []
    for path in entries:
        if not _held(path.with_suffix(".lock"), clean=path):
            continue
        try:
            found = LiveShow.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # being replaced this very moment, or not ours: a panel retries
        if found is not None:
            shows.append(replace(found, key=path.stem))
    return sorted(shows, key=lambda s: (s.title, s.show))


def find_live(show_root: Path, base: Path | None = None) -> LiveShow | None:
    """The live entry of this show folder, or None (not live, or live without a control server)."""
    key = show_key(show_root)
    return next((s for s in live_shows(base) if s.key == key), None)


def live_pid(show_root: Path, base: Path | None = None) -> int | None:
    """The pid of the process that has this show on air (control server or not; 0 if it did not say), else None."""
    path = registry_dir(base) / f"{show_key(show_root)}.lock"
    return (_holder(path) or 0) if _held(path) else None
