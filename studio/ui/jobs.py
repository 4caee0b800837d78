"""Background jobs: the one way studio's UI runs long work off the UI thread (after Anki's QueryOp).

`Job(work, on_success=…).start()` runs `work(control)` on a worker thread. The work sees only its
`JobControl` — `report(done, total, text)` and `cancelled` — never a widget; its progress, its
result and its error come back as calls on the UI thread. A started job is kept alive until it
finishes, so closing the dialog that started it never destroys a running thread; when its `owner`
is destroyed first, the result is dropped instead of reaching widgets that are gone.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Work = Callable[["JobControl"], Any]

_RUNNING: set[Job] = set()  # started jobs, kept alive (and reachable) until they finish


def describe(exc: BaseException) -> str:
    """An error as the operator reads it: its message, or its kind when it has none."""
    return str(exc) or type(exc).__name__


class JobControl:
    """What the work sees of its job, on the worker thread: progress out, cancel in."""

    def __init__(self, worker: _Worker) -> None:
        # A weak reference: worker → control → worker would be a cycle, and a QThread freed by
        # Python's cycle collector is freed on whatever thread happens to collect — possibly not the
        # UI thread, which Qt does not survive. Without cycles, the last reference goes on the UI thread.
        self._worker = weakref.ref(worker)
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, text: str) -> None:
        """Say how far the work is (total 0: unknown); it reaches the UI thread as `progressed`."""
        worker = self._worker()
        if worker is not None:
            worker.reported.emit(done, total, text)


class _Worker(QThread):
    """The thread of one job; it hands everything to the Job (on the UI thread) through signals."""

    reported = Signal(int, int, str)
    returned = Signal(object)
    raised = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.control = JobControl(self)

    def run(self) -> None:  # on the worker thread
        try:
            result = self.work(self.control)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI, which says why
            self.raised.emit(exc)
            return
        self.returned.emit(result)


class Job(QObject):
    """One long task: `work(control)` off the UI thread; progress, result or error back on it.

    The callbacks (and the signals of the same names) run on the UI thread: `on_progress(done,
    total, text)` while it works; when it ends, `finished`, then `on_success(result)` or `on_failure(exc)`.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, work: Work, *, on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None,
                 on_progress: Callable[[int, int, str], None] | None = None,
                 owner: QObject | None = None) -> None:
        super().__init__()  # never parented: a widget going away must not take a running thread with it
        self._worker = _Worker(work)
        self._on_success, self._on_failure, self._on_progress = on_success, on_failure, on_progress
        self._done = False
        # Queued onto this object's (the UI) thread whatever thread emits them.
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.reported.connect(self._progress, queued)
        self._worker.returned.connect(self._succeed, queued)
        self._worker.raised.connect(self._fail, queued)
        if owner is not None:
            owner.destroyed.connect(self._orphan)

    # ---- control (UI thread) ----

    def start(self) -> Job:
        _RUNNING.add(self)
        self._worker.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it looks at `control.cancelled` between its steps."""
        self._worker.control._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._worker.control.cancelled

    @property
    def running(self) -> bool:
        """True until the work has returned or raised (its result may still be on its way)."""
        return self._worker.isRunning()

    @property
    def done(self) -> bool:
        """True once the work has ended and its result or error is being (or has been) handed over."""
        return self._done

    def wait(self, ms: int | None = None) -> bool:
        """Block until the work has returned (False on timeout); the result arrives with the event loop."""
        return self._worker.wait() if ms is None else self._worker.wait(ms)

    # ---- results (UI thread) ----

    @Slot()
    def _orphan(self) -> None:
        self._on_success = self._on_failure = self._on_progress = None

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self._done:
            return
        if self._on_progress is not None:
            self._on_progress(done, total, text)
        self.progressed.emit(done, total, text)

    @Slot(object)
    def _succeed(self, result: object) -> None:
        on_success = self._settle()[0]
        if on_success is not None:
            on_success(result)
        self.succeeded.emit(result)

    @Slot(object)
    def _fail(self, exc: BaseException) -> None:
        on_failure = self._settle()[1]
        if on_failure is not None:
            on_failure(exc)
        self.failed.emit(exc)

    def _settle(self) -> tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]:
        """Mark the job done and hand back its result callbacks, dropping the job's own references to
        them: they usually hold the widget that holds this job, a cycle only the collector could free."""
        self._worker.wait()  # the thread has emitted its last signal: let it end before letting go
        self._done = True
        callbacks = (self._on_success, self._on_failure)
        self._on_success = self._on_failure = self._on_progress = None
        # Let go after this event, never inside it: were the last reference dropped while Qt still
        # delivers this job's own event, the object would be deleted under Qt's feet.
        QTimer.singleShot(0, lambda: _RUNNING.discard(self))
        self.finished.emit()  # first: a progress dialog closes before a result opens a message box
        return callbacks


class JobProgressDialog(QProgressDialog):
    """A window-modal progress dialog that follows a job and closes when it finishes.

    Cancel calls `on_cancel` (by default the job's cancel). `busy`: the work reports no totals,
    so the bar moves instead of filling.
    """

    def __init__(self, job: Job, title: str, cancel_text: str, parent: QWidget, busy: bool = False,
                 on_cancel: Callable[[], None] | None = None) -> None:
        super().__init__(title, cancel_text, 0, 0 if busy else 100, parent)
        self.job = job
        self._ended = False
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(460)
        self.canceled.connect(on_cancel or job.cancel)
        # Slots of this dialog: Qt drops the connections if the dialog goes before the job ends.
        job.progressed.connect(self.follow)
        job.finished.connect(self.end)

    @Slot(int, int, str)
    def follow(self, done: int, total: int, text: str) -> None:
        if self.job.cancelled:
            return  # "Cancelling…" stays until the work stops
        if total > 0:
            self.setMaximum(total)
            self.setValue(done)
        self.setLabelText(text if len(text) <= 50 else text[:49] + "…")

    @Slot()
    def end(self) -> None:
        """Close for good (the job finished, or its window stopped it)."""
        if self._ended:
            return
        self._ended = True
        self.canceled.disconnect()
        self.close()
        self.deleteLater()


__all__ = ["Job", "JobControl", "JobProgressDialog", "describe"]
