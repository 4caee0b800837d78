"""Qt test setup: a real X display when there is one (scripts/test starts Xvfb), else offscreen."""

import os

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from studio.core.assets import demo_show_path  # noqa: E402


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """Console settings in a file of the test's own (never the user's)."""
    return QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def show_copy(tmp_path) -> Path:
    """The demo show copied where a test may edit and save it."""
    folder = tmp_path / "show"
    shutil.copytree(demo_show_path(), folder)
    return folder
