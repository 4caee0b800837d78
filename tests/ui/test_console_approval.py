"""The pitch editor's approved wording: warnings look unlike blocks, Approve wording writes
`approved = [...]` on Save, Undo takes it back, approved lines carry a mark."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from studio.show import load_show
from studio.ui.console.highlight import APPROVED_COLOR, BLOCK_COLOR, WARN_COLOR
from studio.ui.console.window import ConsoleWindow

from console_helpers import open_console  # noqa: E402 (tests/ui on sys.path)

LAUNCH = "全球首发的明前龙井，全网最佳"  # a warning and a block in one line


def with_launch_line(show: Path, text: str = "全球首发的明前龙井。") -> Path:
    tea = show / "products" / "tea.toml"
    body = tea.read_text(encoding="utf-8")
    tea.write_text(body.replace('    "闻起来是清新的豆香', f'    "{text}",\n    "闻起来是清新的豆香', 1), encoding="utf-8")
    return show


def open_on(qtbot, settings, tmp_path, show: Path, row: int = 2) -> ConsoleWindow:
    window = open_console(qtbot, settings, tmp_path, show, product="tea")
    window.pitch_editor.lines.setCurrentRow(row)
    return window


def test_warnings_look_unlike_blocks_and_unapproved_lines_are_marked(qtbot, settings, tmp_path, show_copy) -> None:
    window = open_on(qtbot, settings, tmp_path, with_launch_line(show_copy))
    pitch = window.pitch_editor
    pitch.editor.setPlainText(LAUNCH)  # typed in: a file with a block term does not open at all
    pitch.apply_line()
    found = {u.finding.term: u for u in pitch.editor.highlighter.underlines}
    assert found["全球首发"].gated and not found["全球首发"].approved
    assert found["最佳"].finding.blocks
    item = pitch.lines.item(2)
    assert item.foreground().color() == QColor(BLOCK_COLOR)  # a block outranks a warning
    assert "1 blocked, 1 skipped on air until approved, 0 approved" in pitch.status.text()
    # The block is never approvable: Approve wording approves the warning only.
    assert pitch.editor.approvable_terms() == ("全球首发",)


def test_approve_wording_marks_the_line_saves_it_and_undo_takes_it_back(qtbot, settings, tmp_path,
                                                                       show_copy) -> None:
    window = open_on(qtbot, settings, tmp_path, with_launch_line(show_copy))
    pitch = window.pitch_editor
    assert pitch.lines.item(2).foreground().color() == QColor(WARN_COLOR)
    assert "Skipped on air until its warning wording is approved: 全球首发" in pitch.lines.item(2).toolTip()
    assert pitch.approve_action.isEnabled()
    pitch.approve_action.trigger()
    item = pitch.lines.item(2)
    assert item.text().startswith("✓ 3.") and item.foreground().color() == QColor(APPROVED_COLOR)
    assert [u.approved for u in pitch.editor.highlighter.underlines] == [True]
    assert not pitch.approve_action.isEnabled()  # nothing left to approve
    assert window.draft.dirty
    pitch.undo_action.trigger()
    assert window.draft.product("tea").pitch[2].approved == ()
    assert not pitch.lines.item(2).text().startswith("✓")
    pitch.approve_action.trigger()
    window.save_action.trigger()  # Ctrl+S
    assert not window.draft.dirty
    saved = load_show(show_copy).show.product("tea").pitch[2]
    assert saved.approved == ("全球首发",)
    text = (show_copy / "products" / "tea.toml").read_text(encoding="utf-8")
    assert '{ text = "全球首发的明前龙井。", approved = ["全球首发"] },' in text
    assert text.startswith("# 西湖龙井 — the evening's lead product.")  # comments kept
    # Reopened, the approved line keeps its mark.
    again = open_on(qtbot, settings, tmp_path, show_copy)
    assert again.pitch_editor.lines.item(2).text().startswith("✓ 3.")
    assert "1 approved" in again.pitch_editor.status.text()


def test_the_context_menu_of_a_warning_approves_that_term(qtbot, settings, tmp_path, show_copy) -> None:
    window = open_on(qtbot, settings, tmp_path, with_launch_line(show_copy, "全球首发，首家采用"))
    editor = window.pitch_editor.editor
    cursor = editor.textCursor()
    cursor.setPosition(6)  # inside 首家
    at = editor.cursorRect(cursor).center()
    menu = editor.context_menu(at)
    (action,) = [a for a in menu.actions() if a.objectName() == "approveWordingHere"]
    assert action.text() == "Approve wording: 首家"
    assert menu.actions()[0] is action  # first in the menu
    action.trigger()
    assert window.draft.product("tea").pitch[2].approved == ("首家",)
    # Over plain text there is nothing to approve: the menu is the standard one.
    plain = editor.context_menu(QPoint(2, editor.viewport().height() - 2))
    assert not [a for a in plain.actions() if a.objectName() == "approveWordingHere"]


def test_a_show_that_allows_warnings_does_not_say_they_are_skipped(qtbot, settings, tmp_path, show_copy) -> None:
    toml = show_copy / "show.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[compliance]\nwarnings = "allow"\n', encoding="utf-8")
    window = open_on(qtbot, settings, tmp_path, with_launch_line(show_copy))
    pitch = window.pitch_editor
    assert "0 blocked, 1 to check" in pitch.status.text()
    assert not [u for u in pitch.editor.highlighter.underlines if u.gated]
