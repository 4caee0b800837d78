"""The operator console: editing drives the preview, compliance underlines, transport wiring, going live."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCharFormat
from PySide6.QtWidgets import QApplication

from studio.checks import check_show
from studio.core.assets import demo_show_path
from studio.core.vocab import PlayoutStatus
from studio.runner.playout import PlayoutStats
from studio.ui.application import make_app
from studio.ui.console import i18n
from studio.ui.console.window import ConsoleWindow

from console_helpers import SATURDAY_EVENING, open_console  # noqa: E402 (tests/ui on sys.path)

ARTIFACTS = Path(tempfile.gettempdir()) / "studio-console-artifacts"  # looked at, not committed
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def image_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    view = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return view[:, : image.width(), :3].copy()


@dataclass
class FakePlayout:
    """Records the commands the console sends (wiring only)."""

    calls: list[tuple] = field(default_factory=list)
    status: PlayoutStatus = PlayoutStatus.ON_AIR
    stats: PlayoutStats = field(default_factory=PlayoutStats)

    def __getattr__(self, name: str):  # pause, resume, skip_line, next_product, interrupt_with_…
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args: self.calls.append((name, *args))

    def state_at(self, t: float):
        return type("PS", (), {"entry": None})()

    def up_next(self) -> list:
        return []


class FakeClock:
    has_audio = False

    def position(self) -> float:
        return 12.0


class FakeSession:
    def __init__(self, show) -> None:
        self.show = show
        self.playout = FakePlayout()
        self.clock = FakeClock()
        self.window = None
        self.bus = None
        self.started = self.stopped = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True


def make_window(qtbot, settings, tmp_path, factory=None) -> ConsoleWindow:
    return open_console(qtbot, settings, tmp_path, demo_show_path(), factory)


def focus_off_text(window: ConsoleWindow, qtbot) -> None:
    """Give the keyboard to the browser tree of an active window (as an operator's click would)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.browser.tree.setFocus()


def rendered(window: ConsoleWindow, qtbot) -> np.ndarray:
    before = window.preview.renders
    qtbot.waitUntil(lambda: window.preview.renders > before, timeout=3000)
    assert window.preview.image is not None
    return image_array(window.preview.image)


def test_editing_the_price_changes_the_preview_frame(qtbot, settings, tmp_path) -> None:
    window = make_window(qtbot, settings, tmp_path)
    window.select_product("tea")
    first = rendered(window, qtbot)
    window.product_editor.price.clear()
    qtbot.keyClicks(window.product_editor.price, "99")
    second = rendered(window, qtbot)
    assert window.draft.product("tea").price == 99
    assert window.draft.dirty
    assert (first != second).any(axis=2).sum() > 200  # the price on the card was redrawn
    assert window.draft.base.product("tea").price == 168  # the loaded show is untouched


def test_a_risky_word_is_underlined_with_its_law_and_rewrite(qtbot, settings, tmp_path) -> None:
    window = make_window(qtbot, settings, tmp_path)
    editor = window.pitch_editor.editor
    editor.setPlainText("这是今年最佳的龙井")
    start = "这是今年最佳的龙井".index("最佳")
    underlines = editor.highlighter.underlines
    assert [(u.start, u.end) for u in underlines] == [(start, start + 2)]
    assert underlines[0].finding.blocks and underlines[0].finding.basis
    formats = editor.document().firstBlock().layout().formats()
    wavy = [r for r in formats if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline]
    assert [(r.start, r.length) for r in wavy] == [(start, 2)]
    assert wavy[0].format.underlineColor().name().upper() == "#FF4D5A"
    assert "广告法" in wavy[0].format.toolTip()
    assert "1 blocked" in window.pitch_editor.status.text()


def test_template_syntax_is_coloured(qtbot, settings, tmp_path) -> None:
    window = make_window(qtbot, settings, tmp_path)
    editor = window.pitch_editor.editor
    editor.setPlainText("{欢迎|大家好}，今天只要{price}元")
    spans = {(r.start, r.length): r.format.foreground().color().name().upper()
             for r in editor.document().firstBlock().layout().formats()}
    assert spans[(0, 8)] == "#C9A2F5"  # the variants
    assert spans[(13, 7)] == "#74C0FC"  # the variable


def test_editing_a_pitch_line_updates_the_draft_and_preview(qtbot, settings, tmp_path) -> None:
    window = make_window(qtbot, settings, tmp_path)
    window.select_product("tea")
    rendered(window, qtbot)
    window.pitch_editor.editor.setPlainText("今天只要{price}元")
    window.pitch_editor.apply_line()
    assert window.draft.product("tea").pitch[0].text == "今天只要{price}元"
    rendered(window, qtbot)
    window.pitch_editor.editor.setPlainText("今天只要{price元")
    window.pitch_editor.apply_line()
    assert "column" in window.pitch_editor.status.text()  # a template error is shown, not applied
    assert window.draft.product("tea").pitch[0].text == "今天只要{price}元"


def test_save_writes_the_edits_to_the_show_files(qtbot, settings, tmp_path) -> None:
    make_app()
    show_copy = tmp_path / "show"
    shutil.copytree(demo_show_path(), show_copy)
    window = ConsoleWindow(check_show(show_copy), settings, now=lambda: SATURDAY_EVENING,
                           asrun_dir=tmp_path / "asrun")
    qtbot.addWidget(window)
    assert not window.save_action.isEnabled()  # nothing to save yet
    window.draft.set_field("tea", "price", window.draft.product("tea").price - 10)
    window.draft.set_line("tea", 1, "这款龙井是明前头采。")
    assert window.save_action.isEnabled()
    window.save_action.trigger()
    assert not window.draft.dirty
    reloaded = check_show(show_copy).show
    assert reloaded.product("tea").price == 158
    assert reloaded.product("tea").pitch[1].text == "这款龙井是明前头采。"
    assert "# 西湖龙井" in (show_copy / "products" / "tea.toml").read_text(encoding="utf-8")  # comments kept


def test_transport_buttons_and_shortcuts_send_playout_commands(qtbot, settings, tmp_path) -> None:
    sessions: list[FakeSession] = []

    def factory(show):
        sessions.append(FakeSession(show))
        return sessions[-1]

    window = make_window(qtbot, settings, tmp_path, factory)
    assert not window.skip_action.isEnabled()
    focus_off_text(window, qtbot)
    qtbot.keyClick(window.browser.tree, Qt.Key.Key_F5)
    assert sessions and sessions[0].started and window.session is sessions[0]
    assert window.skip_action.isEnabled() and not window.go_live_action.isEnabled()
    assert window.preview.showing_program
    playout = sessions[0].playout
    buttons = window.transport.buttons
    qtbot.mouseClick(buttons["skip"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["nextProduct"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["pause"], Qt.MouseButton.LeftButton)
    assert window.pause_action.text() == "Resume"
    qtbot.mouseClick(buttons["pause"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["stopAfter"], Qt.MouseButton.LeftButton)
    assert [c[0] for c in playout.calls] == ["skip_line", "next_product", "pause", "resume", "stop_after_product"]
    playout.calls.clear()
    focus_off_text(window, qtbot)  # shortcuts act when no text field has the keyboard
    tree = window.browser.tree
    qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert [c[0] for c in playout.calls] == ["skip_line", "next_product", "pause"]
    window.apply_interrupt("product", "serum")
    window.apply_interrupt("line", "限时秒杀最后五分钟")
    assert playout.calls[-2:] == [("interrupt_with_product", "serum"), ("interrupt_with_line", "限时秒杀最后五分钟")]
    window.refresh_status()
    assert window.transport.clock.text() == "00:00:12"
    asked: list[str] = []
    window.confirm = lambda title, question: asked.append(question) or False
    qtbot.keyClick(tree, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert asked and window.session is not None  # declined: still on air
    window.confirm = lambda title, question: True
    window.choose_unsaved = lambda question: "discard"  # tests never leave a dialog open
    qtbot.keyClick(tree, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert sessions[0].stopped and window.session is None
    assert window.go_live_action.isEnabled() and not window.preview.showing_program


def test_interrupt_dialog_offers_products_and_a_one_off_line(qtbot, settings, tmp_path) -> None:
    from studio.ui.console.transport import InterruptDialog

    window = make_window(qtbot, settings, tmp_path)
    dialog = InterruptDialog(window.draft.show, "serum", window)
    assert dialog.choice() == ("product", "serum")
    qtbot.keyClicks(dialog.line, "Last 5 minutes")
    assert dialog.choice() == ("line", "Last 5 minutes") and dialog.ok.isEnabled()


def test_real_go_live_and_stop(qtbot, settings, tmp_path) -> None:
    from studio.ui.console.window import live_session_factory

    window = make_window(qtbot, settings, tmp_path, live_session_factory(audio=False, control=False))
    window.go_live()
    session = window.session
    assert session is not None and session.window is not None
    qtbot.waitUntil(lambda: session.playout.stats.aired + session.playout.stats.failed > 0
                    or session.clock.position() > 1.0, timeout=20000)
    window.refresh_status()
    assert window.transport.lamp.text() in ("ON AIR", "STARTING")
    qtbot.waitUntil(lambda: window.preview.image is not None and window.preview.showing_program, timeout=5000)
    window.stop()
    assert window.session is None
    assert session.playout.status == "stopped"
    window.asrun.refresh()


def test_asrun_panel_filters_and_exports(qtbot, settings, tmp_path) -> None:
    from studio.runner.asrun import AsRunLog, AsRunRecord

    log = AsRunLog(tmp_path / "asrun")
    for n, (outcome, product) in enumerate([("aired", "tea"), ("blocked", "tea"), ("aired", "serum")]):
        at = SATURDAY_EVENING.replace(minute=n)
        log.append(AsRunRecord(start=at, end=at, line_id=f"{product}/pitch/{n}", kind="pitch",
                               text=f"line {n}", outcome=outcome, duration=2.0, product=product))
    log.close()
    window = make_window(qtbot, settings, tmp_path)
    panel = window.asrun
    panel.refresh()
    assert panel.table.rowCount() == 3
    panel.outcome.setCurrentIndex(panel.outcome.findData("aired"))
    assert panel.table.rowCount() == 2
    panel.product.setCurrentIndex(panel.product.findData("serum"))
    assert panel.table.rowCount() == 1
    out = tmp_path / "out.csv"
    assert panel.export_to(out) == 1
    assert "line 2" in out.read_text(encoding="utf-8-sig")


def test_settings_keep_geometry_last_show_and_language(qtbot, settings, tmp_path) -> None:
    window = make_window(qtbot, settings, tmp_path)
    assert Path(str(settings.value("console/last_show"))) == demo_show_path()
    window.settings.setValue(i18n.SETTING, i18n.CHINESE)
    assert i18n.chosen_language(settings) == i18n.CHINESE
    window.close()
    assert not settings.value("console/geometry").isEmpty()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_screenshots_in_both_languages(qtbot, settings, tmp_path, language) -> None:
    make_app()
    installed = i18n.install_translators(i18n.CHINESE if language == "zh" else i18n.ENGLISH)
    assert installed == (language == "zh")
    try:
        window = make_window(qtbot, settings, tmp_path)
        window.select_product("tea")
        window.pitch_editor.lines.setCurrentRow(3)
        qtbot.wait(400)
        if language == "zh":
            assert window.go_live_action.text() == "开播"
        else:
            assert window.go_live_action.text() == "Go live"
        QApplication.processEvents()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"console-{language}.png"
        # Render the widget, not the screen: the picture must not depend on the X screen's size.
        assert window.grab().save(str(path), "PNG")
        assert QImage(str(path)).size().width() == 1600
        if os.environ.get("STUDIO_UPDATE_SCREENSHOTS"):  # refresh the ones in docs/ on purpose only
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, SCREENSHOTS / f"console-{language}.png")
    finally:
        i18n.install_translators(i18n.ENGLISH)
