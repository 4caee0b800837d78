"""Python's cycle collector run on the Qt thread only, for processes that also run worker threads.

The collector runs in whichever thread happens to allocate when a threshold is crossed. Qt objects
held by Python and caught in a reference cycle are then destroyed on that thread — a speech reader,
an output's encoder thread, the control server — while they belong to the Qt thread, which Qt does
not survive (a crash later, far from the cause). So automatic collection is switched off and the
same thresholds are checked from a timer on the Qt thread (the recipe PyQt applications use).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class QtThreadCollector(QObject):
    """Collects garbage on the Qt thread every `interval_ms` when Python's thresholds say so."""

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count is over its threshold; how many objects were freed."""
        counts = gc.get_count()
        generation = max((g for g in range(3) if counts[g] > self.thresholds[g]), default=-1)
        return gc.collect(generation) if generation >= 0 else 0


def collect_on_qt_thread(app: QObject) -> QtThreadCollector:
    """Install the collector once per application (later calls return the one installed)."""
    existing = app.findChild(QtThreadCollector)
    if existing is not None:
        return existing
    log.debug("garbage collection moves to the Qt thread")
    return QtThreadCollector(app)


__all__ = ["QtThreadCollector", "collect_on_qt_thread"]
