"""Qt test setup: a real X display when there is one (scripts/test starts Xvfb), else offscreen."""

import os

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
