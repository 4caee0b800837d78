"""The console's look: the overview window's dark palette, quieter, with broadcast-style transport."""

from __future__ import annotations

from studio.ui.show_overview import ACCENT, CARD, PANEL, STYLE, TEXT_DIM

ON_AIR_RED = "#E03131"
PAUSED_AMBER = "#F59F00"

CONSOLE_STYLE = STYLE + f"""
QMainWindow {{ background: #131519; }}
QWidget#page {{ background: #131519; }}
QMenuBar {{ background: #0F1114; color: #C9D1DC; padding: 2px 6px; }}
QMenuBar::item:selected {{ background: #2A2F3A; }}
QMenu {{ background: {CARD}; color: #E8ECF2; border: 1px solid #343A48; }}
QMenu::item {{ padding: 6px 22px; }}
QMenu::item:selected {{ background: #343A48; }}
QWidget#header {{ background: #0F1114; border-bottom: 1px solid #20242C; }}
QLabel#title {{ font-size: 17px; font-weight: 700; padding-right: 12px; }}
QLabel#dirty {{ color: {PAUSED_AMBER}; padding-right: 12px; }}
QFrame#transport {{ background: #181B21; border-bottom: 1px solid #242933; }}
QToolButton {{ background: #262B35; color: #E8ECF2; border: 1px solid #323845; border-radius: 6px;
               padding: 7px 14px; font-size: 13px; }}
QToolButton:hover {{ background: #2F3542; border-color: #444C5C; }}
QToolButton:pressed {{ background: #3A4150; }}
QToolButton:disabled {{ color: #596173; background: #1E2229; border-color: #262B34; }}
QToolButton#goLiveButton {{ background: {ON_AIR_RED}; border-color: {ON_AIR_RED}; color: white;
                            font-weight: 700; padding: 7px 18px; }}
QToolButton#goLiveButton:disabled {{ background: #3A2326; border-color: #4A2A2E; color: #A5787C; }}
QToolButton#stopButton:enabled {{ border-color: #7A2A2F; color: #FFB3B8; }}
QLabel#lamp {{ border-radius: 5px; padding: 5px 10px; font-weight: 700; font-size: 12px;
               letter-spacing: 1px; background: #262B35; color: #7D8596; }}
QLabel#lamp[state="on"] {{ background: {ON_AIR_RED}; color: white; }}
QLabel#lamp[state="paused"] {{ background: {PAUSED_AMBER}; color: #1B1E24; }}
QLabel#asrunHealth {{ color: #7D8596; font-size: 12px; padding: 4px 8px; border-radius: 5px; }}
QLabel#asrunHealth[state="degraded"] {{ background: {ON_AIR_RED}; color: white; font-weight: 700; }}
QLabel#asrunHealth[state="incomplete"] {{ background: {PAUSED_AMBER}; color: #1B1E24; }}
QLabel#airClock {{ font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 20px;
                   color: #E8ECF2; padding: 0 12px; }}
QLabel#nowPlaying {{ font-size: 14px; font-weight: 600; }}
QFrame#panel {{ background: {PANEL}; border: 1px solid #262B34; border-radius: 8px; }}
QLabel#sectionTitle {{ color: #C9D1DC; font-size: 14px; font-weight: 700; }}
QLabel#error {{ color: #FF8787; }}
QLineEdit, QSpinBox, QComboBox, QPlainTextEdit {{ background: #15181D; border: 1px solid #2F3542;
               border-radius: 5px; padding: 5px 7px; selection-background-color: #3D8BFD; }}
QLineEdit:focus, QSpinBox:focus, QPlainTextEdit:focus {{ border-color: #3D8BFD; }}
QPlainTextEdit#lineEditor {{ font-size: 16px; padding: 8px; }}
QPlainTextEdit:disabled, QLineEdit:disabled {{ color: #596173; }}
QListWidget, QTableWidget {{ background: #15181D; border: 1px solid #262B34; border-radius: 6px;
               alternate-background-color: #191C22; outline: 0; }}
QListWidget::item {{ padding: 6px 6px; }}
QListWidget::item:selected, QTableWidget::item:selected, QTreeWidget::item:selected {{
               background: #26354D; color: #FFFFFF; }}
QTableWidget {{ gridline-color: #262B34; }}
QHeaderView::section {{ background: #1B1E24; color: {TEXT_DIM}; border: none;
               border-bottom: 1px solid #262B34; padding: 5px 6px; }}
QTabWidget#browser::pane {{ background: {PANEL}; border: 1px solid #262B34; border-radius: 8px; }}
QTabWidget#browser QTreeWidget {{ background: {PANEL}; border-radius: 0; }}
QPushButton {{ background: #262B35; border: 1px solid #323845; border-radius: 5px; padding: 5px 12px; }}
QPushButton:hover {{ background: #2F3542; }}
QComboBox QAbstractItemView {{ background: {CARD}; selection-background-color: #343A48; }}
QSplitter::handle {{ background: #131519; }}
QStatusBar {{ background: #0F1114; }}
QDialog {{ background: {PANEL}; }}
QRadioButton {{ spacing: 8px; }}
QToolTip {{ background: #2A2F3A; color: #E8ECF2; border: 1px solid {ACCENT}; padding: 6px; }}
"""
