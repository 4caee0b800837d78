"""Hot reload (valid and invalid edits) and the watchdog."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from studio.checks import check_show
from studio.core.assets import demo_show_path
from studio.runner.planner import Planner
from studio.runner.playout import Playout
from studio.runner.watch import ShowWatcher, Watchdog

THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)


def copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "show"
    shutil.copytree(demo_show_path(), root)
    return root


def touch_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a visibly new mtime


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
    result = watcher.poll()
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
    result = watcher.poll()
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
