"""The Qt application every studio window runs in: style, CJK-capable fonts, screenshots."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from studio.program.qt_gc import collect_on_qt_thread

# CJK-capable UI fonts per platform, first found wins; Qt falls back per glyph after that.
UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
            "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", "Noto Sans"]


def make_app() -> QApplication:
    """The QApplication (created once), named for QSettings, with the Fusion style and UI fonts."""
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
    collect_on_qt_thread(app)  # worker threads must never free the console's Qt objects
    return app


def exec_or_screenshot(app: QApplication, window: QWidget, screenshot: Path | None, command: str,
                       delay_ms: int = 800) -> int:
    """Run the event loop; with `screenshot`, save the shown window once it has settled and quit."""
    if screenshot is None:
        return app.exec()
    status = {"ok": False}

    def shoot() -> None:
        status["ok"] = save_screenshot(window, screenshot)
        window.close()
        app.quit()

    QTimer.singleShot(delay_ms, shoot)
    app.exec()
    if not status["ok"]:
        print(f"{command}: could not save the screenshot to {screenshot}", file=sys.stderr)
        return 1
    print(f"saved {screenshot}")
    return 0


def save_screenshot(window: QWidget, path: Path) -> bool:
    """Grab the window as the window system shows it (under X11), else render the widget."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    pixmap = None
    if QGuiApplication.platformName() == "xcb" and screen is not None:
        pixmap = screen.grabWindow(window.winId())
    if pixmap is None or pixmap.isNull():
        pixmap = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    return pixmap.save(str(path), "PNG")
