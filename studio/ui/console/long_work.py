"""Long work from the Show menu — Prepare speech, Render preview video — as background jobs.

Each runs through studio.ui.jobs under a progress dialog with Cancel, one at a time; the console
stays usable (the Show menu's long work and opening another show wait). A mixin of ConsoleWindow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from studio.show.model import Show
from studio.ui.console.draft import ShowDraft
from studio.ui.console.window_part import WindowPart
from studio.ui.jobs import Job, JobControl, JobProgressDialog, describe


def prepare_speech(show: Show, job: JobControl, cache_dir: Path | None = None,
                   max_variants: int = 12, at: datetime | None = None) -> dict[str, Any]:
    """Pre-synthesize every line of `show` as it would be said at `at` (default now) into the speech
    cache, as `studio synth` does.

    Stops between lines when the job is cancelled. Returns {"lines", "done", "cached", "failed", "cancelled"}.
    """
    from studio.speech.cache import SpeechCache
    from studio.speech.showlines import show_lines
    from studio.speech.speaker import Speaker
    from studio.speech.supervisor import WorkerEngine

    lines = show_lines(show, max_variants, at)
    speaker = Speaker(WorkerEngine(), SpeechCache(cache_dir), fps=show.fps)
    done = cached = 0
    failed: list[str] = []
    try:
        for i, (text, lang) in enumerate(lines):
            if job.cancelled:
                break
            job.report(i, len(lines), text)
            utt = speaker.synthesize(text, lang, show.voice)
            done += 1
            if utt.ok:
                cached += utt.cached
            else:
                failed.append(f"{text[:40]}: {utt.failure.message if utt.failure else '?'}")
        else:
            job.report(len(lines), len(lines), "")
    finally:
        speaker.engine.close()
    return {"lines": len(lines), "done": done, "cached": cached, "failed": failed, "cancelled": job.cancelled
            and done < len(lines)}





class LongWork(WindowPart):
    """The ConsoleWindow's long work: one background job at a time, its progress dialog and its result."""

    draft: ShowDraft | None
    session: Any
    product_id: str | None
    job: Job | None
    progress_dialog: JobProgressDialog | None
    last_job_result: object
    speech_cache_dir: Path | None
    now: Callable[[], datetime]
    _sync_actions: Callable[[], None]

    def run_job(self, title: str, work: Callable[[JobControl], object],
                on_done: Callable[[object], None], busy: bool = False) -> Job | None:
        """Run `work` as a background job under a progress dialog with Cancel; the UI stays responsive."""
        if self.job is not None:
            return None
        job = Job(work, owner=self,
                  on_success=lambda result: self._job_finished(job, result, None, on_done),
                  on_failure=lambda exc: self._job_finished(job, None, describe(exc), on_done))
        self.job = job
        self.progress_dialog = JobProgressDialog(job, title, self.tr("Cancel"), self, busy, on_cancel=self.cancel_job)
        self._sync_actions()
        self.progress_dialog.show()
        return job.start()

    def cancel_job(self) -> None:
        """Ask the running work to stop (between lines, between frames)."""
        if self.job is not None:
            self.job.cancel()
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText(self.tr("Cancelling…"))

    def _job_finished(self, job: Job, result: object, error: str | None,
                      on_done: Callable[[object], None]) -> None:
        if job is not self.job:
            return  # dropped: the window stopped it while closing
        self.job = None
        self.progress_dialog = None  # it closed itself when the job finished
        self._sync_actions()
        if error is not None:
            self.statusBar().showMessage(self.tr("Failed: %1").replace("%1", error), 10000)
            self.job_failed(error)
            return
        on_done(result)

    def job_failed(self, error: str) -> None:
        """Say why long work failed (replaced in tests)."""
        QMessageBox.warning(self, self.tr("Failed"), error)

    def prepare_speech(self) -> None:
        """Show → Prepare speech: pre-synthesize every line into the speech cache (as `studio synth`)."""
        if self.draft is None or self.session is not None:
            return
        show, cache_dir, at = self.draft.show, self.speech_cache_dir, self.now()
        self.run_job(self.tr("Preparing speech…"), lambda job: prepare_speech(show, job, cache_dir, at=at),
                     self._speech_prepared)

    def _speech_prepared(self, result: object) -> None:
        assert isinstance(result, dict)
        self.last_job_result = result
        if result["cancelled"]:
            message = self.tr("Speech preparation cancelled: %1 of %2 lines ready")
            message = message.replace("%1", str(result["done"])).replace("%2", str(result["lines"]))
        else:
            message = (self.tr("Speech ready: %1 lines (%2 were already cached), %3 failed")
                       .replace("%1", str(result["lines"])).replace("%2", str(result["cached"]))
                       .replace("%3", str(len(result["failed"]))))
        self.statusBar().showMessage(message, 10000)

    def ask_render_path(self) -> str:
        """Where to write the preview video ("" when the operator cancels)."""
        assert self.draft is not None and self.product_id is not None
        start = str(self.draft.root / f"{self.product_id}.mp4")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Render preview video"), start,
                                              self.tr("MP4 video (*.mp4)"))
        if path and not path.lower().endswith(".mp4"):
            path += ".mp4"
        return path

    def render_video(self) -> None:
        """Show → Render preview video…: the selected product's pitch to an MP4, off the UI thread."""
        if self.draft is None or self.session is not None or not self.product_id:
            return
        chosen = self.ask_render_path()
        if not chosen:
            return
        from studio.program.qt_offline import RenderCancelled, render_pitch

        show, product_id, out, when = self.draft.show, self.product_id, Path(chosen), self.now()

        def work(job: JobControl) -> object:
            shown: dict[str, object] = {"line": None}  # the last line and quarter second reported

            def progress(t: float, line: str) -> None:
                if line != shown["line"] or int(t * 4) != shown.get("q"):
                    shown["line"], shown["q"] = line, int(t * 4)
                    job.report(0, 0, f"{t:5.1f} s · {line}")

            try:
                return render_pitch(show, product_id, out, when=when, progress=progress,
                                    cancel=lambda: job.cancelled)
            except RenderCancelled:
                return None

        self.run_job(self.tr("Rendering the preview video…"), work, self._video_rendered, busy=True)

    def _video_rendered(self, result: object) -> None:
        self.last_job_result = result
        if result is None:
            self.statusBar().showMessage(self.tr("Rendering cancelled; the partial file was deleted"), 10000)
            return
        path = getattr(result, "path", "")
        seconds = getattr(result, "seconds", 0.0)
        self.statusBar().showMessage(self.tr("Wrote %1 (%2 s)").replace("%1", str(path))
                                     .replace("%2", f"{seconds:.1f}"), 10000)

    def stop_work(self) -> None:
        """Cancel the running job and wait for it (the window is closing); its result is dropped."""
        if self.job is None:
            return
        job, self.job = self.job, None
        job.cancel()
        job.wait()
        if self.progress_dialog is not None:
            self.progress_dialog.end()
            self.progress_dialog = None
