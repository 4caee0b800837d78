"""The registry of live shows: one OS lock per show folder, discovery entries, stale ones cleaned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.core.live_registry import ShowAlreadyLive, ShowLock, find_live, live_pid, live_shows, registry_dir
from studio.core.logs import show_key, write_private

REPO = Path(__file__).resolve().parents[2]

# A separate process that takes a show's lock, publishes it and waits to be killed.
HOLDER = """
import sys
from pathlib import Path
from studio.core.live_registry import ShowLock
lock = ShowLock.acquire(Path(sys.argv[1]))
lock.publish(int(sys.argv[2]), "http://127.0.0.1:" + sys.argv[2], "held elsewhere")
print("holding", flush=True)
sys.stdin.read()  # until killed (or stdin closes)
"""


@pytest.fixture
def show(tmp_path: Path) -> Path:
    folder = tmp_path / "tea"
    folder.mkdir()
    return folder


@pytest.fixture
def holder(show: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that has `show` live; killed at the end if the test did not."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(show), "4567"], cwd=REPO, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        proc.kill()
        proc.wait(30)


def test_a_show_is_locked_once(show: Path) -> None:
    with ShowLock.acquire(show) as lock:
        assert lock.held and live_pid(show) == os.getpid()
        with pytest.raises(ShowAlreadyLive) as refused:
            ShowLock.acquire(show / ".")  # the same folder, spelled another way
        assert refused.value.pid == os.getpid() and "already live in this program" in str(refused.value)
    assert not lock.held and live_pid(show) is None
    ShowLock.acquire(show).release()  # free again


def test_two_shows_are_live_side_by_side(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    with ShowLock.acquire(a) as la, ShowLock.acquire(b) as lb:
        la.publish(1111, "http://127.0.0.1:1111", "Show A")
        lb.publish(2222, "http://127.0.0.1:2222", "Show B")
        assert [(s.title, s.port) for s in live_shows()] == [("Show A", 1111), ("Show B", 2222)]
        assert find_live(a).port == 1111 and find_live(b).port == 2222  # type: ignore[union-attr]
        entry = json.loads(la.entry_path.read_text(encoding="utf-8"))
        assert set(entry) == {"key", "show", "title", "pid", "port", "url", "started"}
        assert entry["key"] == show_key(a) and entry["show"] == str(a.resolve()) and entry["pid"] == os.getpid()
        lb.withdraw()  # the control server stopped; the show is still live
        assert [s.title for s in live_shows()] == ["Show A"] and live_pid(b) == os.getpid()
    assert live_shows() == []


def test_another_process_holding_the_show_is_named(show: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(ShowAlreadyLive) as refused:
        ShowLock.acquire(show)
    message = str(refused.value)
    assert refused.value.pid == holder.pid and f"process {holder.pid}" in message
    assert "stop that one first" in message
    assert (f"kill {holder.pid}" if sys.platform != "win32" else f"taskkill /PID {holder.pid}") in message
    found = find_live(show)
    assert found is not None and found.pid == holder.pid and found.port == 4567


def test_a_killed_holder_leaves_nothing_that_blocks(show: Path, holder: subprocess.Popen[str]) -> None:
    entry = registry_dir() / f"{show_key(show)}.json"
    assert entry.exists()
    holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no cleanup code runs
    holder.wait(30)
    assert entry.exists()  # left behind…
    assert live_shows() == [] and not entry.exists()  # …recognised as stale and removed
    with ShowLock.acquire(show) as lock:  # and the show can go live again at once
        lock.publish(7777, "http://127.0.0.1:7777")
        assert find_live(show).pid == os.getpid()  # type: ignore[union-attr]


def test_broken_and_foreign_entries_are_ignored(show: Path) -> None:
    folder = registry_dir()
    write_private(folder / "garbage.json", "{not json")
    write_private(folder / "nolock.json", json.dumps({"port": 1, "pid": 1}))
    with ShowLock.acquire(show) as lock:
        write_private(lock.entry_path, json.dumps({"port": "eighty", "pid": 1}))  # malformed, held
        assert live_shows() == []
        assert (folder / "garbage.json").exists() is False and not (folder / "nolock.json").exists()
        lock.publish(8080, "http://127.0.0.1:8080", "ok")
        assert [s.port for s in live_shows()] == [8080]
