"""The cycle collector runs on the Qt thread only: never on a worker thread that happens to allocate."""

from __future__ import annotations

import gc
import threading

import pytest

from studio.program.qt_gc import QtThreadCollector, collect_on_qt_thread


class _Cycle:
    def __init__(self, freed: list[str], where: list[int]) -> None:
        self.me = self
        self.freed, self.where = freed, where

    def __del__(self) -> None:
        self.freed.append("freed")
        self.where.append(threading.get_ident())


@pytest.fixture
def collector(qapp):  # qapp: pytest-qt's QApplication
    was_enabled = gc.isenabled()
    c = QtThreadCollector(qapp, interval_ms=10)
    yield c
    c.timer.stop()
    c.setParent(None)
    if was_enabled:
        gc.enable()


def test_garbage_made_on_a_worker_thread_is_freed_on_the_qt_thread(qtbot, collector) -> None:
    assert not gc.isenabled()
    freed: list[str] = []
    where: list[int] = []

    def work() -> None:  # a worker thread making cyclic garbage, well past the thresholds
        for _ in range(collector.thresholds[0] * 3):
            _Cycle(freed, where)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert not freed  # nothing was collected on the worker thread
    qtbot.waitUntil(lambda: len(freed) > 0, timeout=5000)
    assert set(where) == {threading.get_ident()}  # the Qt (main) thread freed them


def test_installing_twice_keeps_one_collector(qapp) -> None:
    first = collect_on_qt_thread(qapp)
    try:
        assert collect_on_qt_thread(qapp) is first
    finally:
        first.timer.stop()
        first.setParent(None)
