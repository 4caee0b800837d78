"""The console's pitch editor: add, remove, move lines, edit their cues, undo, save through ShowEditor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.checks import check_show
from studio.show import load_show
from studio.ui.application import make_app
from studio.ui.console.window import ConsoleWindow

from console_helpers import open_console  # noqa: E402 (tests/ui on sys.path)

TEA_LINES = 5


def make_window(qtbot, settings, tmp_path, show: Path) -> ConsoleWindow:
    return open_console(qtbot, settings, tmp_path, show, product="tea")


def texts(window: ConsoleWindow) -> list[str]:
    return [line.text for line in window.draft.product("tea").pitch]


def reload_tea(show: Path):
    result = load_show(show)
    assert not result.errors, result.errors
    return result.show.product("tea")


def save(window: ConsoleWindow) -> None:
    assert window.save_action.isEnabled()
    window.save_action.trigger()  # Ctrl+S
    assert not window.draft.dirty


def test_add_remove_and_move_lines_are_saved(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    pitch = window.pitch_editor
    original = texts(window)
    pitch.lines.setCurrentRow(1)
    pitch.add_action.trigger()
    assert pitch.row == 2  # the new line is after the selected one, and selected
    assert texts(window)[2] == pitch.editor.toPlainText()
    pitch.editor.setPlainText("新加的一句：{name}今天特别划算。")
    pitch.apply_line()
    assert texts(window)[2] == "新加的一句：{name}今天特别划算。"
    assert len(texts(window)) == TEA_LINES + 1
    # Move the new line to the top (button twice), then remove the old last line.
    pitch.moveUp_action.trigger()
    pitch.moveUp_action.trigger()
    assert pitch.row == 0 and texts(window)[0] == "新加的一句：{name}今天特别划算。"
    assert not pitch.moveUp_action.isEnabled()
    pitch.lines.setCurrentRow(TEA_LINES)
    pitch.remove_action.trigger()
    expected = ["新加的一句：{name}今天特别划算。", *original[:4]]
    assert texts(window) == expected
    assert window.draft.dirty and window.draft.base.product("tea").pitch[4].text == original[4]
    save(window)
    tea = reload_tea(show_copy)
    assert [line.text for line in tea.pitch] == expected
    assert tea.pitch[1].expression == "smile" and tea.pitch[1].card == "show"  # cues moved with their line
    assert tea.pitch[4].expression == "excited" and tea.pitch[4].pause_after == 0.8
    assert "# 西湖龙井" in (show_copy / "products" / "tea.toml").read_text(encoding="utf-8")
    assert texts(window) == expected  # the console shows the saved show


def test_cue_changes_are_saved(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    pitch = window.pitch_editor
    pitch.lines.setCurrentRow(2)  # a plain string line without cues
    assert pitch.expression.currentText() == "—" and pitch.pause.text() == pitch.pause.specialValueText()
    pitch.expression.setCurrentIndex(pitch.expression.findData("thinking"))
    pitch.gesture.setCurrentIndex(pitch.gesture.findData("nod"))
    pitch.card.setCurrentIndex(pitch.card.findData("highlight_price"))
    pitch.pause.setValue(1.5)
    pitch.language.setCurrentIndex(pitch.language.findData("en-US"))
    line = window.draft.product("tea").pitch[2]
    assert (line.expression, line.gesture, line.card, line.pause_after, line.language) == \
        ("thinking", "nod", "highlight_price", 1.5, "en-US")
    assert pitch.editor.highlighter.language == "en-US"
    # Line 1: remove its cues ("—", default pause).
    pitch.lines.setCurrentRow(0)
    assert pitch.expression.currentData() == "smile" and pitch.gesture.currentData() == "wave"
    pitch.expression.setCurrentIndex(0)
    pitch.card.setCurrentIndex(0)
    pitch.lines.setCurrentRow(3)
    assert pitch.pause.value() == pytest.approx(0.8)
    pitch.pause.setValue(pitch.pause.minimum())  # "default"
    save(window)
    tea = reload_tea(show_copy)
    second = tea.pitch[2]
    assert (second.expression, second.gesture, second.card, second.pause_after, second.language) == \
        ("thinking", "nod", "highlight_price", 1.5, "en-US")
    assert tea.pitch[0].expression is None and tea.pitch[0].card is None and tea.pitch[0].gesture == "wave"
    assert tea.pitch[3].pause_after is None and tea.pitch[3].expression == "excited"
    # The editor shows the saved cues.
    pitch.lines.setCurrentRow(2)
    assert pitch.gesture.currentData() == "nod" and pitch.pause.value() == pytest.approx(1.5)


def test_undo_puts_a_removed_line_back(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    pitch = window.pitch_editor
    original = texts(window)
    assert not pitch.undo_action.isEnabled()
    pitch.lines.setCurrentRow(3)
    pitch.remove_action.trigger()
    assert len(texts(window)) == TEA_LINES - 1
    assert "Ctrl+Z" in pitch.status.text()
    pitch.undo_action.trigger()
    assert texts(window) == original
    assert pitch.row == 3
    restored = window.draft.product("tea").pitch[3]
    assert restored.card == "highlight_price" and restored.pause_after == 0.8
    # The document is as saved again, to the byte: nothing left to save.
    assert not window.draft.dirty and not window.save_action.isEnabled()
    pitch.lines.setCurrentRow(0)
    pitch.remove_action.trigger()
    save(window)
    assert [line.text for line in reload_tea(show_copy).pitch] == original[1:]


def test_keyboard_moves_and_undo(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    pitch = window.pitch_editor
    original = texts(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    pitch.lines.setCurrentRow(0)
    pitch.lines.setFocus()
    qtbot.keyClick(pitch.lines, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert texts(window)[1] == original[0] and pitch.row == 1
    qtbot.keyClick(pitch.lines, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert texts(window)[2] == original[0] and pitch.row == 2
    qtbot.keyClick(pitch.lines, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert texts(window)[1] == original[0]
    qtbot.keyClick(pitch.lines, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(window)[2] == original[0]
    qtbot.keyClick(pitch.lines, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pitch.lines, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(window) == original


def test_the_preview_caption_follows_the_selected_line(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    pitch, preview = window.pitch_editor, window.preview

    def caption() -> str:
        return preview.show_model.product(preview.product_id).pitch[preview.line_index].text

    pitch.lines.setCurrentRow(2)
    assert preview.line_index == 2 and caption() == texts(window)[2]
    pitch.moveDown_action.trigger()
    assert preview.line_index == 3 and caption() == texts(window)[3]
    pitch.add_action.trigger()
    assert preview.line_index == 4 and caption() == pitch.editor.toPlainText()
    pitch.remove_action.trigger()
    assert preview.line_index == 4 and caption() == texts(window)[4]
    # A cue change reaches the preview's show (the card cue drives the card on the stage).
    pitch.card.setCurrentIndex(pitch.card.findData("hide"))
    assert preview.show_model.product("tea").pitch[preview.line_index].card == "hide"
    before = preview.renders
    qtbot.waitUntil(lambda: preview.renders > before, timeout=3000)
    assert preview.image is not None and not preview.error


def test_every_edit_goes_into_the_editor_documents_at_once(qtbot, show_copy) -> None:
    """No second model: the draft's Show is read back from its ShowEditor's text after each edit."""
    from studio.ui.console.draft import ShowDraft

    make_app()
    draft = ShowDraft(check_show(show_copy).show)
    draft.set_field("tea", "stock", 42)
    draft.set_line("tea", 0, "大家好！今天是{name}。")
    draft.insert_line("tea", 1, "第二句。", gesture="point")
    draft.move_line("tea", 1, 3)
    draft.remove_line("tea", 0)
    draft.set_cues("tea", 2, pause=2.0, language="en-US")
    expected = [line.text for line in draft.product("tea").pitch]
    text = draft.editor.text_of("products/tea.toml")  # the document holds every edit already
    assert "stock = 42" in text and '{ text = "第二句。", gesture = "point"' in text
    assert draft.show == load_show(show_copy, texts={"products/tea.toml": text}).show
    draft.save()
    draft.saved(check_show(show_copy).show)
    tea = reload_tea(show_copy)
    assert tea.stock == 42
    assert [line.text for line in tea.pitch] == expected
    assert tea.pitch[2].text == "第二句。" and tea.pitch[2].gesture == "point"
    assert tea.pitch[2].pause_after == 2.0 and tea.pitch[2].language == "en-US"
    assert not draft.dirty
