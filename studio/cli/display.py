"""The one display bootstrap: which Qt platform a command runs on, decided before Qt loads.

Qt reads QT_QPA_PLATFORM when its application starts, so each command says what it needs of the
screen here first: pictures only (offscreen Qt when no display server is there), no window at all
(`--headless`: always offscreen), or a window (a display server, or a platform the user chose).
"""

from __future__ import annotations

import os
import sys
from enum import Enum


class Screen(Enum):
    """What a command needs of the screen."""

    IMAGES = "images"  # draws frames or files only: the display when there is one, else offscreen
    OFFSCREEN = "offscreen"  # shows no window even on a desktop (a headless show)
    WINDOW = "window"  # opens a window someone looks at or captures


def display_server() -> bool:
    """True when windows can reach a screen: always off Linux; on Linux, an X11 or Wayland display."""
    return not sys.platform.startswith("linux") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare_display(command: str, need: Screen, advice: str = "") -> bool:
    """Choose Qt's platform for `command`; False, after saying what to do (`advice`), when it needs a
    window and there is nowhere to show one."""
    if need is Screen.OFFSCREEN:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return True
    if display_server():
        return True
    if need is Screen.IMAGES:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return True
    if os.environ.get("QT_QPA_PLATFORM"):  # a platform the user chose (offscreen, vnc…): theirs to pick
        return True
    print(f"studio {command}: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n  {advice}", file=sys.stderr)
    return False
