"""The composition root: builds the Qt application and opens the window for a show."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from studio.core.clock import SystemClock
from studio.checks import check_show
from studio.ui.show_overview import ShowOverviewWindow

# CJK-capable UI fonts per platform, first found wins; Qt falls back per glyph after that.
UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
            "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", "Noto Sans"]


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("studio")
    app.setOrganizationName("studio")
    app.setStyle("Fusion")
    font = QFont()
    font.setFamilies(UI_FONTS)
    font.setPointSize(10)
    app.setFont(font)
    return app


def save_screenshot(window: ShowOverviewWindow, path: Path) -> bool:
    """Grab the window as the window system shows it (under X11), else render the widget."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    pixmap = None
    if QGuiApplication.platformName() == "xcb" and screen is not None:
        pixmap = screen.grabWindow(window.winId())
    if pixmap is None or pixmap.isNull():
        pixmap = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    return pixmap.save(str(path), "PNG")


def run_gui(show_path: Path, screenshot: Path | None = None) -> int:
    """Open the show overview window; with `screenshot`, save it once shown and quit."""
    app = make_app()
    result = check_show(show_path)
    window = ShowOverviewWindow(result, now=SystemClock().now())
    window.resize(1280, 860)
    window.show()
    if screenshot is not None:
        status = {"ok": False}

        def shoot() -> None:
            status["ok"] = save_screenshot(window, screenshot)
            app.quit()

        QTimer.singleShot(800, shoot)
        app.exec()
        if not status["ok"]:
            print(f"studio: could not save the screenshot to {screenshot}", file=sys.stderr)
            return 1
        print(f"saved {screenshot}")
        return 0
    return app.exec()


def main() -> int:
    """`studio-gui [SHOW]`: the desktop entry point."""
    from studio.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
