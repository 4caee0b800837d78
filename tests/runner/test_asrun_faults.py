"""The as-run log under a hostile file system: rotated, deleted, unwritable, full — nothing is lost silently."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studio.runner import asrun as asrun_module
from studio.runner.asrun import AsRunLog, AsRunRecord, DayTail, read_file

T0 = datetime(2026, 11, 26, 20, 0)


def rec(i: int, text: str = "") -> AsRunRecord:
    start = T0 + timedelta(seconds=4 * i)
    return AsRunRecord(start=start, end=start + timedelta(seconds=3), line_id=f"tea/pitch/{i}", kind="pitch",
                       text=text or f"第{i}句", outcome="aired", duration=3.0, product="tea")


def ids(path: Path) -> list[str]:
    return [r.line_id for r in read_file(path).records]


def asrun_messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "studio.runner.asrun" and r.levelno == level]


def test_logrotate_rename_mid_run_starts_a_fresh_file_and_loses_nothing(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    log = AsRunLog(tmp_path)
    day = log.path_for(T0.date())
    for i in range(3):
        assert log.append(rec(i))
    rotated = day.with_name(day.name + ".1")
    os.rename(day, rotated)  # what logrotate does (without copytruncate)
    for i in range(3, 6):
        assert log.append(rec(i))
    log.close()
    assert ids(rotated) == [f"tea/pitch/{i}" for i in range(3)]
    assert ids(day) == [f"tea/pitch/{i}" for i in range(3, 6)]
    assert log.health().ok and log.health().written == 6
    assert any("moved away" in m for m in asrun_messages(caplog, logging.INFO))
    assert asrun_messages(caplog, logging.WARNING) == []  # a rotation is routine


def test_copytruncate_rotation_keeps_appending_at_the_start(tmp_path: Path) -> None:
    log = AsRunLog(tmp_path)
    day = log.path_for(T0.date())
    log.append(rec(0))
    shutil.copyfile(day, tmp_path / "copy.jsonl")
    os.truncate(day, 0)  # logrotate copytruncate: same file, emptied
    log.append(rec(1))
    log.close()
    assert ids(day) == ["tea/pitch/1"]  # no hole of NUL bytes before it: the file is opened for appending
    assert read_file(day).unreadable == []


def test_a_deleted_day_file_is_recreated_and_the_whole_folder_too(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    folder = tmp_path / "asrun" / "show-1234"
    log = AsRunLog(folder)
    day = log.path_for(T0.date())
    log.append(rec(0))
    day.unlink()
    assert log.append(rec(1))
    assert ids(day) == ["tea/pitch/1"]
    assert any("was deleted" in m for m in asrun_messages(caplog, logging.WARNING))
    shutil.rmtree(tmp_path / "asrun")  # a clean-up script removes the whole folder mid-show
    assert log.append(rec(2))
    log.close()
    assert ids(day) == ["tea/pitch/2"] and log.health().ok


def test_an_unwritable_day_path_buffers_records_then_writes_them_in_order(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    log = AsRunLog(tmp_path)
    day = log.path_for(T0.date())
    assert log.append(rec(0))
    day.unlink()
    day.mkdir()  # a folder where the file must be: unwritable even for root
    for i in range(1, 6):
        assert not log.append(rec(i))  # never raises: the show goes on
    health = log.health()
    assert health.state == "degraded" and not health.ok
    assert health.pending == 5 and health.lost == 0 and health.written == 1
    assert health.error.startswith(f"cannot write {day}") and "directory" in health.error.lower()
    assert health.since == rec(1).start and health.path == str(day)
    assert health.to_json()["ok"] is False and health.to_json()["pending"] == 5
    warnings = [m for m in asrun_messages(caplog, logging.WARNING) if "kept in memory" in m]
    assert len(warnings) == 1  # once when it degrades, not per record
    assert log.retry() is False  # the periodic tick: still broken, still one warning
    assert len(asrun_messages(caplog, logging.WARNING)) == 2  # that one and "was deleted"

    day.rmdir()  # fixed
    assert log.retry() is True
    assert log.append(rec(6))
    log.close()
    records = read_file(day).records
    assert [r.line_id for r in records] == [f"tea/pitch/{i}" for i in range(1, 7)]
    assert [r.start for r in records] == [rec(i).start for i in range(1, 7)]  # their own times, in order
    assert log.health().ok and log.health().error == "" and log.health().since is None
    infos = [m for m in asrun_messages(caplog, logging.INFO) if "again" in m]
    assert len(infos) == 1


def test_the_buffer_is_bounded_and_what_it_drops_is_counted(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    log = AsRunLog(tmp_path, max_pending=4)
    day = log.path_for(T0.date())
    day.mkdir()
    for i in range(10):
        log.append(rec(i))
    health = log.health()
    assert health.pending == 4 and health.lost == 6 and health.state == "degraded"
    errors = asrun_messages(caplog, logging.ERROR)
    assert len(errors) == 1 and "oldest are being dropped" in errors[0]
    day.rmdir()
    assert log.retry()
    log.close()
    assert ids(day) == [f"tea/pitch/{i}" for i in range(6, 10)]  # the newest kept, in order
    health = log.health()
    assert health.state == "incomplete" and health.lost == 6 and not health.ok
    assert any("6 lost" in m for m in asrun_messages(caplog, logging.INFO))


def test_a_file_in_place_of_the_folder_at_start_degrades_from_the_first_record(tmp_path: Path) -> None:
    folder = tmp_path / "asrun"
    folder.write_text("not a folder")  # read-only / uncreatable: root ignores modes, so a file blocks it
    log = AsRunLog(folder)
    assert log.days() == [] and log.last_position() is None  # start-up reads do not fail either
    assert not log.append(rec(0))
    health = log.health()
    assert health.state == "degraded" and health.pending == 1
    assert str(folder) in health.error
    folder.unlink()
    assert log.append(rec(1))
    log.close()
    assert ids(log.path_for(T0.date())) == ["tea/pitch/0", "tea/pitch/1"]


def test_records_that_still_cannot_be_written_at_close_are_rescued(tmp_path: Path, caplog) -> None:
    log = AsRunLog(tmp_path / "asrun", rescue_dir=tmp_path / "rescue")
    (tmp_path / "rescue").mkdir()
    (tmp_path / "asrun").write_text("in the way")
    log.append(rec(0))
    log.append(rec(1))
    log.close()
    rescued = list((tmp_path / "rescue").iterdir())
    assert len(rescued) == 1 and ids(rescued[0]) == ["tea/pitch/0", "tea/pitch/1"]
    assert any(str(rescued[0]) in m for m in asrun_messages(caplog, logging.ERROR))
    if os.name != "nt":
        assert stat.S_IMODE(rescued[0].stat().st_mode) == 0o600
    assert log.health().pending == 0 and log.health().lost == 0


def test_nothing_can_be_saved_at_close_counts_as_lost(tmp_path: Path, caplog) -> None:
    (tmp_path / "asrun").write_text("in the way")
    log = AsRunLog(tmp_path / "asrun", rescue_dir=tmp_path / "missing")
    log.append(rec(0))
    log.close()
    assert log.health().lost == 1
    assert any("they are lost" in m for m in asrun_messages(caplog, logging.ERROR))


def test_a_disk_full_mid_line_leaves_a_torn_line_and_the_record_is_written_whole_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = AsRunLog(tmp_path)
    log.append(rec(0))
    real_write = os.write
    calls = {"n": 0}

    def full_disk(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:20]))  # part of the line reached the disk…
        raise OSError(errno.ENOSPC, "No space left on device")  # …then the disk was full

    monkeypatch.setattr(asrun_module.os, "write", full_disk)
    assert not log.append(rec(1))
    assert "No space left" in log.health().error
    monkeypatch.setattr(asrun_module.os, "write", real_write)
    assert log.append(rec(2))
    log.close()
    reading = read_file(log.path_for(T0.date()))
    assert [r.line_id for r in reading.records] == ["tea/pitch/0", "tea/pitch/1", "tea/pitch/2"]
    assert reading.unreadable == [2]  # the torn fragment, ended by a newline so nothing glued to it


def test_a_lone_surrogate_in_a_record_does_not_fail_the_append(tmp_path: Path) -> None:
    log = AsRunLog(tmp_path)
    assert log.append(rec(0, text="观众\ud800说"))
    log.close()
    assert read_file(log.path_for(T0.date())).records[0].text == "观众\ud800说"


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes; on Windows the profile folder is private")
def test_files_and_folders_are_user_only(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        folder = tmp_path / "state" / "asrun" / "show-1234"
        log = AsRunLog(folder)
        log.append(rec(0))
        log.close()
        assert stat.S_IMODE(log.path_for(T0.date()).stat().st_mode) == 0o600
        for p in (folder, folder.parent, folder.parent.parent):  # the folders it created
            assert stat.S_IMODE(p.stat().st_mode) == 0o700, p
        # Left readable by an older studio: tightened when opened.
        older = tmp_path / "older"
        older.mkdir(mode=0o755)
        day = older / f"{T0.date().isoformat()}.jsonl"
        day.write_text("")
        day.chmod(0o644)
        log = AsRunLog(older)
        log.append(rec(0))
        log.close()
        assert stat.S_IMODE(day.stat().st_mode) == 0o600 and stat.S_IMODE(older.stat().st_mode) == 0o700
    finally:
        os.umask(old_umask)


def test_day_tail_follows_a_rotation(tmp_path: Path) -> None:
    log = AsRunLog(tmp_path)
    day = log.path_for(T0.date())
    log.append(rec(0))
    log.append(rec(1))
    tail = DayTail(day)
    assert len(tail.poll()) == 2
    os.rename(day, day.with_name("rotated.jsonl"))
    log.append(rec(2))
    assert [r.line_id for r in tail.poll()] == ["tea/pitch/2"]
    assert tail.restarts == 1 and [r.line_id for r in tail.reading.records] == ["tea/pitch/2"]
    log.close()
