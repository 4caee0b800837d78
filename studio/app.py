"""The composition root: builds the Qt application and opens the window for a show."""

from __future__ import annotations

import sys
from pathlib import Path

from studio.checks import check_show
from studio.core.clock import SystemClock
from studio.ui.application import UI_FONTS, exec_or_screenshot, make_app, save_screenshot
from studio.ui.show_overview import ShowOverviewWindow

__all__ = ["UI_FONTS", "main", "make_app", "run_gui", "save_screenshot"]


def run_gui(show_path: Path, screenshot: Path | None = None) -> int:
    """Open the show overview window; with `screenshot`, save it once shown and quit."""
    app = make_app()
    result = check_show(show_path)
    window = ShowOverviewWindow(result, now=SystemClock().now())
    window.resize(1280, 860)
    window.show()
    return exec_or_screenshot(app, window, screenshot, "studio gui")


def main() -> int:
    """`studio-gui [SHOW]`: the desktop entry point."""
    from studio.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
