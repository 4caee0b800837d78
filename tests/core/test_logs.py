"""The studio log: INFO unless asked, rotated at a size with a few old files kept, this user's only."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from studio.core.logs import PrivateRotatingHandler, log_level, log_path, report_crash, show_key, write_private

REPO = Path(__file__).resolve().parents[2]
POSIX_MODES = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _logger(handler: logging.Handler, name: str) -> logging.Logger:
    logger = logging.getLogger(f"test.logs.{name}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("studio.log"))


def test_the_log_rotates_and_its_total_size_stays_bounded(tmp_path: Path) -> None:
    path = tmp_path / "studio.log"
    handler = PrivateRotatingHandler(path, max_bytes=4000, backups=3)
    log = _logger(handler, "rotate")
    try:
        for i in range(2000):  # ~140 KB of records into a 4 KB × (1 + 3) log
            log.info("record %05d %s", i, "x" * 60)
    finally:
        handler.close()
    names = [p.name for p in _files(tmp_path)]
    assert names == ["studio.log", "studio.log.1", "studio.log.2", "studio.log.3"]
    assert all(p.stat().st_size <= 4000 for p in _files(tmp_path))
    assert "record 01999" in path.read_text(encoding="utf-8")  # the newest is kept
    assert "record 00000" not in "".join(p.read_text(encoding="utf-8") for p in _files(tmp_path))


def test_two_processes_sharing_the_log_do_not_rotate_each_others_fresh_file(tmp_path: Path) -> None:
    path = tmp_path / "studio.log"
    # Two handlers on one path are what two studio processes are: each has its own open file.
    first, second = PrivateRotatingHandler(path, 3000, 5), PrivateRotatingHandler(path, 3000, 5)
    a, b = _logger(first, "a"), _logger(second, "b")
    try:
        for i in range(60):  # ~4.5 KB: one rotation between them, not one each
            (a if i % 2 else b).info("shared %03d %s", i, "y" * 50)
    finally:
        first.close()
        second.close()
    text = "".join(p.read_text(encoding="utf-8") for p in _files(tmp_path))
    assert [f"shared {i:03d}" in text for i in range(60)] == [True] * 60  # nothing lost
    assert len(_files(tmp_path)) == 2


@POSIX_MODES
def test_log_files_and_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "studio"
    folder.mkdir(parents=True, mode=0o755)
    old = folder / "studio.log.1"
    old.write_text("an old log, readable by everyone\n")
    os.chmod(old, 0o644)
    handler = PrivateRotatingHandler(folder / "studio.log", max_bytes=500, backups=2)
    log = _logger(handler, "private")
    try:
        for i in range(40):
            log.info("viewer 小王 %d", i)
    finally:
        handler.close()
    assert [stat.S_IMODE(p.stat().st_mode) for p in _files(folder)] == [0o600] * 3
    write_private(folder / "token", "secret")  # the same helper makes its folder private
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@POSIX_MODES
def test_a_crash_report_is_private(state_home: Path) -> None:
    path = log_path()
    path.parent.mkdir(parents=True)
    path.write_text("")
    os.chmod(path, 0o644)
    os.chmod(path.parent, 0o755)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        line = report_crash(exc)
    assert line.startswith("studio: unexpected error: RuntimeError: boom (details in ")
    assert "Traceback" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_log_level_is_info_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STUDIO_LOG_LEVEL", raising=False)
    assert log_level() == logging.INFO and log_level(debug=True) == logging.DEBUG
    for given, level in (("debug", logging.DEBUG), (" WARNING ", logging.WARNING), ("loud", logging.INFO)):
        monkeypatch.setenv("STUDIO_LOG_LEVEL", given)
        assert log_level() == level, given


def _cli_log_level(*argv: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    """The root level after `studio ARGV` in a fresh process, and what the log file holds."""
    code = ("import logging, sys\nfrom studio.cli import main\nmain(sys.argv[1:])\n"
            "logging.getLogger('studio.test').debug('a debug line')\n"
            "logging.getLogger('studio.test').info('an info line')\n"
            "print(logging.getLevelName(logging.getLogger().level))")
    proc = subprocess.run([sys.executable, "-c", code, *argv], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1], log_path().read_text(encoding="utf-8")


def test_studio_logs_info_by_default_and_debug_when_asked(state_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STUDIO_LOG_LEVEL", raising=False)
    level, text = _cli_log_level("demo-path")
    assert level == "INFO" and "an info line" in text and "a debug line" not in text
    level, text = _cli_log_level("--debug", "demo-path")
    assert level == "DEBUG" and "a debug line" in text
    level, _ = _cli_log_level("demo-path", env={"STUDIO_LOG_LEVEL": "DEBUG"})
    assert level == "DEBUG"
    level, text = _cli_log_level("demo-path", env={"STUDIO_LOG_LEVEL": "chatty"})
    assert level == "INFO" and "STUDIO_LOG_LEVEL=CHATTY is not a level" in text


def test_show_key_names_a_folder_however_it_is_spelled(tmp_path: Path) -> None:
    show = tmp_path / "My Show!"
    show.mkdir()
    key = show_key(show)
    assert key.startswith("My-Show-") and len(key) == len("My-Show-") + 8
    assert show_key(tmp_path / "x" / ".." / "My Show!") == key
    if sys.platform != "win32":
        (tmp_path / "link").symlink_to(show)
        assert show_key(tmp_path / "link") == key
    assert show_key(tmp_path / "other") != key
