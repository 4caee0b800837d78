"""The console's actions (with their shortcuts and tooltips) and its menus.

Window-wide shortcuts (F5 go live, Space pause, Ctrl+S save…) act while no text field has the
keyboard; the Settings menu also picks the language for the next start. A mixin of ConsoleWindow.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox

from studio.ui.console import i18n
from studio.ui.console.window_part import WindowPart


class ConsoleActions(WindowPart):
    """Builds the ConsoleWindow's actions and menus; the slots are the window's commands."""

    settings: QSettings
    go_live: Callable[[], None]
    toggle_pause: Callable[[], None]
    skip_line: Callable[[], None]
    next_product: Callable[[], None]
    interrupt: Callable[[], None]
    stop_after_product: Callable[[], None]
    stop: Callable[[], None]
    save: Callable[[], None]
    new_show: Callable[[], None]
    open_show: Callable[[], None]
    import_csv: Callable[[], None]
    edit_schedule: Callable[[], None]
    open_settings: Callable[[], None]
    prepare_speech: Callable[[], None]
    render_video: Callable[[], None]

    def _action(self, name: str, text: str, key: str | QKeySequence.StandardKey | None,
                slot: Callable[[], object], tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if key is not None:
            action.setShortcut(QKeySequence(key))
            # Window-wide, but text fields keep their own keys (Space types a space while editing).
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text} ({shortcut})" if shortcut else (tip or text))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.go_live_action = self._action("goLive", self.tr("Go live"), "F5", self.go_live,
                                           self.tr("Put the show on air in the stream window"))
        self.pause_action = self._action("pause", self.tr("Pause"), "Space", self.toggle_pause,
                                         self.tr("Pause at the end of the line, or resume"))
        self.skip_action = self._action("skip", self.tr("Skip line"), "Ctrl+Right", self.skip_line,
                                        self.tr("Cut the line on air and go on with the next"))
        self.next_action = self._action("nextProduct", self.tr("Next product"), "Ctrl+N", self.next_product,
                                        self.tr("Leave this product now and start the next"))
        self.interrupt_action = self._action("interrupt", self.tr("Interrupt…"), "Ctrl+I", self.interrupt,
                                             self.tr("Pitch a product or say a one-off line next"))
        self.stop_after_action = self._action("stopAfter", self.tr("Stop after product"), None,
                                              self.stop_after_product,
                                              self.tr("Go off air when the product on air is finished"))
        self.stop_action = self._action("stop", self.tr("Stop"), "Shift+F5", self.stop,
                                        self.tr("Go off air now (asks first)"))
        self.save_action = self._action("save", self.tr("Save"), QKeySequence.StandardKey.Save, self.save)
        self.new_action = self._action("newShow", self.tr("New show…"), "Ctrl+Shift+N",
                                       self.new_show, self.tr("Start a new show from a starter in an empty folder"))
        self.open_action = self._action("open", self.tr("Open show…"), QKeySequence.StandardKey.Open,
                                        self.open_show)
        self.quit_action = self._action("quit", self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.import_csv_action = self._action("importCsv", self.tr("Import products from CSV…"), None,
                                              self.import_csv, self.tr("Add products from a spreadsheet's CSV"))
        self.schedule_action = self._action("editSchedule", self.tr("Edit schedule…"), None, self.edit_schedule,
                                            self.tr("Draw the weekly windows on a grid"))
        self.settings_action = self._action("settings", self.tr("Settings…"), "Ctrl+,", self.open_settings,
                                            self.tr("Voice, avatar and outputs for going live"))
        self.prepare_speech_action = self._action(
            "prepareSpeech", self.tr("Prepare speech"), None, self.prepare_speech,
            self.tr("Synthesize every line of the show ahead of time, so going live starts at once"))
        self.render_action = self._action("renderVideo", self.tr("Render preview video…"), None, self.render_video,
                                          self.tr("Render the selected product's pitch to an MP4 file"))
        self.live_actions = [self.pause_action, self.skip_action, self.next_action, self.interrupt_action,
                             self.stop_after_action, self.stop_action]

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for a in (self.new_action, self.open_action, self.save_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.import_csv_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        show_menu = bar.addMenu(self.tr("&Show"))
        show_menu.addAction(self.go_live_action)
        for a in self.live_actions:
            show_menu.addAction(a)
        show_menu.addSeparator()
        show_menu.addAction(self.prepare_speech_action)
        show_menu.addAction(self.render_action)
        schedule_menu = bar.addMenu(self.tr("S&chedule"))
        schedule_menu.addAction(self.schedule_action)
        settings_menu = bar.addMenu(self.tr("S&ettings"))
        settings_menu.addAction(self.settings_action)
        lang_menu = settings_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        current = i18n.chosen_language(self.settings)
        self.language_actions: dict[str, QAction] = {}
        for code, label in ((i18n.SYSTEM, self.tr("System")), (i18n.CHINESE, "中文"), (i18n.ENGLISH, "English")):
            a = QAction(label, self, checkable=True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(a)
            lang_menu.addAction(a)
            self.language_actions[code] = a

    def set_language(self, code: str) -> None:
        """Keep the language choice; it applies at the next start."""
        self.settings.setValue(i18n.SETTING, code)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The language changes the next time the console starts."))
