"""Hot reload and the watchdog, Qt-free: the driver polls them on a timer.

`ShowWatcher` notices edited show files and reloads through the full check, on a worker thread;
`Watchdog` collects heartbeats from the frame loop, the audio clock and speech, and names what
has stalled.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from studio.show.loader import LoadResult, show_files

log = logging.getLogger(__name__)

R = TypeVar("R", bound=LoadResult)

Snapshot = dict[str, tuple[int, int]]  # path → (mtime_ns, size)


def snapshot(root: Path) -> Snapshot:
    """The show files' modification times and sizes (a missing file is simply absent)."""
    out: Snapshot = {}
    for path in show_files(root):
        try:
            st = path.stat()
        except OSError:
            continue
        out[str(path)] = (st.st_mtime_ns, st.st_size)
    return out


@dataclass
class ShowWatcher(Generic[R]):
    """Reloads a show when its files change; an invalid edit keeps the running show and reports.

    The reload (`load`: the full check, the slow part) runs on a worker thread. `poll()` only
    compares file times and sizes, starts a reload once the files held still, and hands its result
    back at a later poll, on the polling thread: that thread never runs the check, and swapping
    the show in is the caller's, on its own thread.
    """

    root: Path
    load: Callable[[Path], R]
    _last: Snapshot = field(default_factory=dict)
    _pending: Snapshot | None = None
    _job: threading.Thread | None = None
    _result: list[R | None] = field(default_factory=list)  # set by the worker: [result], [None] on a bug

    def __post_init__(self) -> None:
        self._last = snapshot(self.root)

    def poll(self) -> R | None:
        """A finished reload, else None; starts one after files changed and then held still for one poll.

        Waiting one quiet poll means an editor's save (often several writes) loads once, whole.
        """
        if self._job is not None:
            if self._job.is_alive():
                return None
            self._job = None
            result = self._result.pop()
            if result is not None:
                if result.ok:
                    log.info("show reloaded: %s", self.root)
                else:
                    log.warning("show edit has %d errors; the show on air is unchanged", len(result.errors))
            return result
        now = snapshot(self.root)
        if now == self._last:
            self._pending = None
            return None
        if self._pending != now:
            self._pending = now
            return None
        self._last = now
        self._pending = None
        self._job = threading.Thread(target=self._reload, name="show-reload", daemon=True)
        self._job.start()
        return None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a reload under way is done (True), or `timeout` passed. Not for the UI thread."""
        if self._job is not None:
            self._job.join(timeout)
            return not self._job.is_alive()
        return True

    def _reload(self) -> None:
        try:
            self._result.append(self.load(self.root))
        except Exception:  # a bug in a check must not end the show: the show on air stays
            log.exception("reloading %s failed; the show on air is unchanged", self.root)
            self._result.append(None)


@dataclass
class Watchdog:
    """Heartbeats with a deadline each; `check` names the components that missed theirs."""

    limits: dict[str, float]  # component → seconds allowed between beats
    _beats: dict[str, float] = field(default_factory=dict)
    stalls: dict[str, int] = field(default_factory=dict)

    def beat(self, name: str, now: float) -> None:
        self._beats[name] = now

    def expect(self, name: str, limit: float, now: float) -> None:
        """Start (or re-arm) watching `name`, e.g. with twice the expected audio progress time."""
        self.limits[name] = limit
        self._beats[name] = now

    def check(self, now: float) -> list[str]:
        stalled = []
        for name, limit in self.limits.items():
            last = self._beats.get(name)
            if last is not None and now - last > limit:
                stalled.append(name)
                self.stalls[name] = self.stalls.get(name, 0) + 1
                self._beats[name] = now  # one report per stall; the restart re-arms it
        return stalled
