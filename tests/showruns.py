"""Helpers for tests that run a show: a copy of the demo to edit, an edit a watcher sees, a Qt loop to spin."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studio.core.assets import demo_show_path


def copy_demo(tmp_path: Path) -> Path:
    """A copy of the demo show to edit, in `tmp_path`/show."""
    root = tmp_path / "show"
    shutil.copytree(demo_show_path(), root)
    return root


def touch_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in a show file, with a visibly new modification time."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def spin_until(app: Any, done: Callable[[], bool], limit: float = 30.0) -> None:
    """Run the Qt loop of `app` until `done()` (bounded: a broken build fails instead of hanging)."""
    end = time.monotonic() + limit
    while not done():
        assert time.monotonic() < end, "gave up waiting"
        app.processEvents()
        time.sleep(0.01)
