"""Atomic writes: old or new file, never half; on the disk before the rename; modes kept or private."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from studio.core import atomic
from studio.core.atomic import create_atomic, replace_file, write_atomic, write_temp

POSIX_MODES = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_and_bytes_are_written_exactly_and_no_temp_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "show.toml"
    write_atomic(target, "标题 = 1\r\nx = 2\n")  # newlines as given, UTF-8, the folder made
    assert target.read_bytes() == "标题 = 1\r\nx = 2\n".encode("utf-8")
    write_atomic(target, b"\x00\x01binary")
    assert target.read_bytes() == b"\x00\x01binary"
    assert sorted(p.name for p in target.parent.iterdir()) == ["show.toml"]


def test_the_data_is_on_the_disk_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(atomic.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    write_atomic(tmp_path / "a.json", "{}")
    assert calls == ["fsync", "replace"]


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temp(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "voices.json"
    target.write_text("old", encoding="utf-8")

    def refuse(a: object, b: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["voices.json"]


def test_write_temp_leaves_the_target_alone_until_it_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "tea.toml"
    target.write_text("old", encoding="utf-8")
    tmp = write_temp(target, "new")
    assert tmp.parent == tmp_path and tmp.name.startswith(".tea.toml.") and tmp.name.endswith(".tmp")
    assert target.read_text(encoding="utf-8") == "old" and tmp.read_text(encoding="utf-8") == "new"
    replace_file(tmp, target)
    assert target.read_text(encoding="utf-8") == "new" and not tmp.exists()


@POSIX_MODES
def test_modes_follow_the_umask_the_replaced_file_or_privacy(tmp_path: Path) -> None:
    old_umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.png"
        write_atomic(fresh, b"x")
        assert _mode(fresh) == 0o640  # as open() would make it
        kept = tmp_path / "kept.toml"
        kept.write_text("a", encoding="utf-8")
        os.chmod(kept, 0o604)
        write_atomic(kept, "b")
        assert _mode(kept) == 0o604  # as readable as it was
        secret = tmp_path / "secrets.json"
        secret.write_text("{}", encoding="utf-8")
        os.chmod(secret, 0o644)
        write_atomic(secret, "{}", private=True)
        assert _mode(secret) == 0o600  # narrowed, whatever it was
    finally:
        os.umask(old_umask)


def test_windows_tries_the_rename_again_while_a_reader_holds_the_target(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.wav"
    real_replace = os.replace
    refusals = [PermissionError(13, "in use")] * 2

    def busy(a: str, b: str) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(a, b)

    monkeypatch.setattr(atomic.os, "replace", busy)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    monkeypatch.setattr(atomic.sys, "platform", "win32")
    write_atomic(target, b"RIFF")
    assert target.read_bytes() == b"RIFF" and not refusals


def test_elsewhere_a_refused_rename_fails_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tries: list[str] = []

    def refuse(a: str, b: str) -> None:
        tries.append(b)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    monkeypatch.setattr(atomic.sys, "platform", "linux")
    with pytest.raises(PermissionError):
        write_atomic(tmp_path / "a.wav", b"RIFF")
    assert len(tries) == 1 and list(tmp_path.iterdir()) == []


def test_create_atomic_makes_a_file_once_and_never_replaces_one(tmp_path: Path) -> None:
    target = tmp_path / "state" / "control-token"
    assert create_atomic(target, "first\n", private=True)
    assert not create_atomic(target, "second\n", private=True)
    assert target.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in target.parent.iterdir()] == ["control-token"]  # no temp file left


def test_create_atomic_without_hard_links_still_creates_but_does_not_replace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(a: object, b: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = tmp_path / "token"
    assert create_atomic(target, "first") and not create_atomic(target, "second")
    assert target.read_text(encoding="utf-8") == "first" and [p.name for p in tmp_path.iterdir()] == ["token"]
