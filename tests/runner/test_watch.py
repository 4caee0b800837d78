"""Hot reload (valid and invalid edits) and the watchdog."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from showruns import copy_demo, touch_edit

from studio.checks import check_show
from studio.runner.planner import Planner
from studio.runner.playout import Playout
from studio.runner.watch import ShowWatcher, Watchdog
from studio.show.loader import LoadResult

THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)


def reloaded(watcher: ShowWatcher) -> LoadResult | None:
    """The next poll's reload, once it has finished on the watcher's thread."""
    assert watcher.poll() is None  # held still: the reload starts, on the watcher's thread
    assert watcher.wait(60)
    return watcher.poll()


def test_the_check_runs_off_the_polling_thread(tmp_path) -> None:
    root = copy_demo(tmp_path)
    threads: list[int] = []

    def check(path: Path) -> LoadResult:
        threads.append(threading.get_ident())
        return check_show(path)

    watcher = ShowWatcher(root, check)
    touch_edit(root / "show.toml", 'title = "', 'title = "新 ')
    watcher.poll()
    result = reloaded(watcher)
    assert result is not None and result.ok and result.show.title.startswith("新 ")
    assert threads and threading.get_ident() not in threads
    assert watcher.poll() is None  # nothing changed since


def test_a_check_that_breaks_keeps_the_show(tmp_path, caplog) -> None:
    root = copy_demo(tmp_path)

    def broken(path: Path) -> LoadResult:
        raise RuntimeError("a bug in a check")

    watcher = ShowWatcher(root, broken)
    touch_edit(root / "show.toml", 'title = "', 'title = "新 ')
    watcher.poll()
    assert reloaded(watcher) is None
    assert "a bug in a check" in caplog.text


def test_valid_edit_takes_effect_at_the_next_segment(tmp_path, tones) -> None:
    root = copy_demo(tmp_path)
    show = check_show(root).show
    playout = Playout(show, Planner(show, seed=1), tones(), THURSDAY_AFTERNOON)
    playout.go_live()
    playout.advance(1.0)
    on_air = playout.state_at(playout.t).entry
    watcher = ShowWatcher(root, check_show)
    touch_edit(root / "products" / "tea.toml", "这款龙井是明前头采", "这款龙井是今年的明前头采")
    assert watcher.poll() is None  # changed: wait one quiet poll
    result = reloaded(watcher)
    assert result is not None and result.ok
    playout.reload(result.show)
    # the line on air finishes as it was; the next line is the edited one
    playout.advance(on_air.pause_end - playout.t + 0.05)
    nxt = playout.state_at(playout.t).entry
    assert nxt.segment.line_id == "tea/pitch/2" and "今年的明前头采" in nxt.segment.text
    assert watcher.poll() is None


def test_invalid_edit_keeps_the_show_on_air(tmp_path, tones) -> None:
    root = copy_demo(tmp_path)
    show = check_show(root).show
    playout = Playout(show, Planner(show, seed=1), tones(), THURSDAY_AFTERNOON)
    playout.go_live()
    watcher = ShowWatcher(root, check_show)
    touch_edit(root / "products" / "tea.toml", "price = 168", 'price = "abc"')
    watcher.poll()
    result = reloaded(watcher)
    assert result is not None and not result.ok
    assert any(p.file == "products/tea.toml" and p.key == "price" for p in result.errors)
    playout.advance(20)
    assert playout.show is show and playout.state_at(playout.t).entry is not None


def test_watchdog_names_the_stalled_component_once() -> None:
    dog = Watchdog({"frames": 2.0})
    dog.beat("frames", 0.0)
    dog.expect("audio", 3.0, 0.0)
    assert dog.check(1.9) == []
    dog.beat("frames", 1.9)
    dog.beat("audio", 2.5)
    assert dog.check(4.0) == ["frames"]
    assert dog.check(4.5) == []  # reported once; the restart re-arms it
    assert dog.check(6.1) == ["frames", "audio"]
    assert dog.stalls == {"frames": 2, "audio": 1}
