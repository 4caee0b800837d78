"""studio.ui.jobs: work off the UI thread; progress, result, error and cancel back on it."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QWidget

from studio.ui import jobs
from studio.ui.application import make_app
from studio.ui.jobs import Job, JobControl, JobProgressDialog, describe


@pytest.fixture(autouse=True)
def app():
    return make_app()


def test_the_work_runs_off_the_ui_thread_and_its_result_comes_back_on_it(qtbot) -> None:
    ui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(control: JobControl) -> int:
        seen["work"] = threading.get_ident()
        for i in range(3):
            control.report(i + 1, 3, f"step {i + 1}")
        return 42

    progress: list[tuple[int, int, str, int]] = []
    job = Job(work, on_success=lambda r: seen.update(result=r, success=threading.get_ident()),
              on_progress=lambda d, t, text: progress.append((d, t, text, threading.get_ident())))
    order: list[str] = []
    job.finished.connect(lambda: order.append("finished"))
    job.succeeded.connect(lambda r: order.append(f"succeeded {r}"))
    job.start()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert seen["work"] != ui and seen["success"] == ui and seen["result"] == 42
    assert [p[:3] for p in progress] == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert all(p[3] == ui for p in progress)
    assert order == ["finished", "succeeded 42"]  # a progress dialog closes before the result is shown
    assert not job.running
    qtbot.waitUntil(lambda: job not in jobs._RUNNING, timeout=3000)  # let go once its last event is over


def test_an_error_comes_back_as_the_exception(qtbot) -> None:
    def work(control: JobControl) -> None:
        raise ValueError("the file is gone")

    failures: list[BaseException] = []
    job = Job(work, on_success=lambda r: pytest.fail("succeeded"), on_failure=failures.append).start()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert [type(e) for e in failures] == [ValueError] and describe(failures[0]) == "the file is gone"
    assert describe(KeyError()) == "KeyError"


def test_cancel_reaches_the_work_between_its_steps(qtbot) -> None:
    started = threading.Event()

    def work(control: JobControl) -> int:
        steps = 0
        started.set()
        while not control.cancelled and steps < 10_000:
            time.sleep(0.001)
            steps += 1
        return steps

    results: list[int] = []
    job = Job(work, on_success=results.append).start()
    assert started.wait(5)
    job.cancel()
    assert job.cancelled
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert results and results[0] < 10_000


def test_a_job_outlives_its_owner_and_drops_the_result(qtbot) -> None:
    release = threading.Event()
    owner = QWidget()
    results: list[object] = []
    job = Job(lambda control: release.wait(5) and "late", on_success=results.append, owner=owner).start()
    assert job in jobs._RUNNING  # kept alive while it works, whoever held it
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=3000)
    release.set()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert results == []  # the widgets it would have filled are gone
    qtbot.waitUntil(lambda: job not in jobs._RUNNING, timeout=3000)


def test_the_progress_dialog_follows_the_job_and_closes_when_it_ends(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    step = threading.Event()

    def work(control: JobControl) -> None:
        control.report(1, 4, "first of four lines, long enough to be cut short at fifty characters")
        step.wait(5)

    job = Job(work)
    dialog = JobProgressDialog(job, "Working", "Cancel", parent)
    labels: list[str] = []
    job.progressed.connect(lambda d, t, text: labels.append(dialog.labelText()))
    job.start()
    qtbot.waitUntil(lambda: bool(labels), timeout=5000)
    assert dialog.maximum() == 4 and dialog.value() == 1
    assert labels[0].endswith("…") and len(labels[0]) == 50
    dialog.canceled.emit()  # the Cancel button
    assert job.cancelled
    step.set()
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    qtbot.waitUntil(lambda: not _alive(dialog), timeout=3000)


def _alive(obj: object) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_the_last_reference_may_go_in_the_jobs_own_callback(qtbot) -> None:
    import gc
    import weakref

    holder: dict[str, Job] = {}
    holder["job"] = Job(lambda control: 1, on_success=lambda result: holder.clear()).start()
    gone = weakref.ref(holder["job"])
    qtbot.waitUntil(lambda: not holder, timeout=5000)  # the window-style `self.job = None` in the callback

    def freed() -> bool:
        gc.collect()
        return gone() is None

    qtbot.waitUntil(freed, timeout=3000)  # freed after its own event, not inside it (that would crash)
