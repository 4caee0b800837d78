"""The console and the as-run log: the transport bar's indicator (quiet while records reach the disk,
loud when they do not) and the panel's CSV export (formula cells neutralised, failures reported)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QAction

from studio.core.assets import demo_show_path
from studio.runner.asrun import AsRunHealth, AsRunLog, AsRunRecord
from studio.ui.application import make_app
from studio.ui.console import i18n
from studio.ui.console.transport import TransportBar

from console_helpers import open_console  # noqa: E402 (tests/ui on sys.path)
from test_console import FakeSession  # noqa: E402


def bar(qtbot) -> TransportBar:  # noqa: ANN001
    make_app()
    widget = TransportBar([QAction("Go live")])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_indicator_shows_each_state_with_its_reason(qtbot) -> None:
    transport = bar(qtbot)
    assert not transport.asrun.isVisible()  # off air: nothing is recorded
    transport.set_asrun(AsRunHealth(written=12, path="/state/asrun/demo/2026-11-28.jsonl"))
    assert transport.asrun.isVisible() and transport.asrun.property("state") == "ok"
    assert transport.asrun.text() == "As-run ✓" and "12 records" in transport.asrun.toolTip()
    transport.set_asrun(AsRunHealth(pending=7, written=12, error="cannot write /state/asrun/demo: Read-only file system",
                                    path="/state/asrun/demo/2026-11-28.jsonl", since=datetime(2026, 11, 28, 21, 30)))
    assert transport.asrun.property("state") == "degraded"
    assert transport.asrun.text() == "AS-RUN NOT SAVED · 7 waiting"
    assert "Read-only file system" in transport.asrun.toolTip() and "writable" in transport.asrun.toolTip()
    transport.set_asrun(AsRunHealth(lost=3, written=40, path="/state/asrun/demo/2026-11-28.jsonl"))
    assert transport.asrun.property("state") == "incomplete" and transport.asrun.text() == "As-run: 3 lost"
    transport.set_off_air()
    assert not transport.asrun.isVisible()


def test_the_indicator_is_translated(qtbot) -> None:
    make_app()
    assert i18n.install_translators(i18n.CHINESE)
    try:
        transport = bar(qtbot)
        transport.set_asrun(AsRunHealth(pending=2, error="x"))
        assert transport.asrun.text() == "播出记录未保存 · 2 条待写入"
    finally:
        i18n.install_translators(i18n.ENGLISH)


def test_the_console_shows_a_sabotaged_asrun_log_while_on_air(qtbot, settings, tmp_path: Path) -> None:
    folder = tmp_path / "session-asrun"
    sessions: list[FakeSession] = []

    def factory(show):  # noqa: ANN001, ANN202
        session = FakeSession(show)
        session.asrun = AsRunLog(folder)  # a real log, written as the live session writes it
        sessions.append(session)
        return session

    window = open_console(qtbot, settings, tmp_path, demo_show_path(), factory)
    window.go_live()
    log = sessions[0].asrun
    at = datetime(2026, 11, 28, 21, 30)
    record = AsRunRecord(start=at, end=at, line_id="tea/pitch/1", kind="pitch", text="今天只要168元", outcome="aired")
    log.append(record)
    window.refresh_status()
    assert window.transport.asrun.isVisible() and window.transport.asrun.property("state") == "ok"

    day = log.path_for(at.date())
    day.unlink()
    day.mkdir()  # the day file cannot be written any more
    log.append(record)
    window.refresh_status()
    assert window.transport.asrun.property("state") == "degraded"
    assert window.transport.asrun.text() == "AS-RUN NOT SAVED · 1 waiting"
    assert str(day) in window.transport.asrun.toolTip()

    day.rmdir()
    log.retry()
    window.refresh_status()
    assert window.transport.asrun.property("state") == "ok"
    window.stop()
    assert not window.transport.asrun.isVisible()
    log.close()


def test_the_panel_exports_neutralised_csv_and_reports_a_failed_export(qtbot, settings, tmp_path: Path,
                                                                       monkeypatch) -> None:
    import csv

    from PySide6.QtWidgets import QFileDialog

    from console_helpers import SATURDAY_EVENING  # noqa: E402

    log = AsRunLog(tmp_path / "asrun")
    log.append(AsRunRecord(start=SATURDAY_EVENING, end=SATURDAY_EVENING, line_id="chat/none", kind="comment",
                           text="=HYPERLINK(\"http://evil.example\"): 多少钱", outcome="dropped", duration=0.0))
    log.append(AsRunRecord(start=SATURDAY_EVENING, end=SATURDAY_EVENING, line_id="tea/pitch/1", kind="pitch",
                           text="-50% 限时折扣", outcome="aired", duration=2.5, product="tea"))
    log.close()
    window = open_console(qtbot, settings, tmp_path, demo_show_path())
    panel = window.asrun
    panel.refresh()
    target = tmp_path / "export.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)"))
    panel._ask_export()
    assert "Exported 2 records" in panel.summary.text()
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig", newline="")))
    assert [r["text"] for r in rows] == ["'=HYPERLINK(\"http://evil.example\"): 多少钱", "'-50% 限时折扣"]
    assert [r["duration"] for r in rows] == ["0.0", "2.5"]

    folder = tmp_path / "a-folder.csv"
    folder.mkdir()  # the chosen name is a folder: the export fails and says so, the console carries on
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder), "CSV files (*.csv)"))
    panel._ask_export()
    assert panel.summary.text().startswith(f"Could not export to {folder}")
