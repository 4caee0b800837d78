"""Program test setup: a real X display when there is one (xvfb-run), else Qt offscreen; a small show."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studio.show.loader import load_show
from studio.show.model import Show
from studio.show.starter import create_starter

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def small_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Show:
    """The English starter show on the 720p canvas, with the caches in tmp_path: quick to render."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "show"
    create_starter(folder, language="en-US")
    toml = (folder / "show.toml").read_text(encoding="utf-8").replace('canvas = "portrait"',
                                                                     'canvas = "portrait-720"')
    (folder / "show.toml").write_text(toml, encoding="utf-8")
    result = load_show(folder)
    assert result.show is not None, result.errors
    return result.show
