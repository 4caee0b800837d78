"""WindowPart: the base of the ConsoleWindow's command groups (actions, file commands, long work, live control).

Each group is a mixin of ConsoleWindow, a QMainWindow; type checkers see the QMainWindow (its tr,
statusBar…) and each group declares the window's attributes it uses. At run time it is a plain object,
so the window has one Qt base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    WindowPart = QMainWindow
else:
    WindowPart = object

__all__ = ["WindowPart"]
