"""Shared set-up for the console tests: a scripted console window on a show, at a fixed time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from studio.checks import check_show
from studio.ui.application import make_app
from studio.ui.console.window import ConsoleWindow

SATURDAY_EVENING = datetime(2026, 11, 28, 21, 30)


def open_console(qtbot, settings, tmp_path: Path, show: Path, factory=None, size=(1600, 1000),  # noqa: ANN001
                 product: str | None = None) -> ConsoleWindow:
    """A console on `show` that answers every question (tests never leave a dialog open)."""
    make_app()
    window = ConsoleWindow(check_show(show), settings, factory, now=lambda: SATURDAY_EVENING,
                           asrun_dir=tmp_path / "asrun")
    window.confirm = lambda title, question: True
    window.choose_unsaved = lambda question: "discard"
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if product is not None:
        window.select_product(product)
    return window
