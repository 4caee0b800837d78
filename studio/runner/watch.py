"""Hot reload and the watchdog, Qt-free: the driver polls them on a timer.

`ShowWatcher` notices edited show files and reloads through the full check; `Watchdog` collects
heartbeats from the frame loop, the audio clock and speech, and names what has stalled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from studio.show.loader import LoadResult, show_files

log = logging.getLogger(__name__)

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
class ShowWatcher:
    """Reloads a show when its files change; an invalid edit keeps the running show and reports."""

    root: Path
    load: Callable[[Path], LoadResult]
    _last: Snapshot = field(default_factory=dict)
    _pending: Snapshot | None = None

    def __post_init__(self) -> None:
        self._last = snapshot(self.root)

    def poll(self) -> LoadResult | None:
        """A new LoadResult after files changed and then held still for one poll, else None.

        Waiting one quiet poll means an editor's save (often several writes) loads once, whole.
        """
        now = snapshot(self.root)
        if now == self._last:
            self._pending = None
            return None
        if self._pending != now:
            self._pending = now
            return None
        self._last = now
        self._pending = None
        result = self.load(self.root)
        if result.ok:
            log.info("show reloaded: %s", self.root)
        else:
            log.warning("show edit has %d errors; the show on air is unchanged", len(result.errors))
        return result


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
