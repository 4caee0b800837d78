"""The console's FAQ section: edit an answer, add and remove entries, save through ShowEditor."""

from __future__ import annotations

from pathlib import Path


from studio.show import load_show
from studio.ui.console.faq_editor import split_keywords
from studio.ui.console.window import ConsoleWindow

from console_helpers import open_console  # noqa: E402 (tests/ui on sys.path)



def make_window(qtbot, settings, tmp_path, show: Path) -> ConsoleWindow:
    return open_console(qtbot, settings, tmp_path, show, product="tea")


def faq_of(show: Path, pid: str = "tea") -> list[tuple[tuple[str, ...], list[str]]]:
    result = load_show(show)
    assert not result.errors, result.errors
    return [(e.keywords, [line.text for line in e.answer]) for e in result.show.product(pid).faq]


def test_split_keywords() -> None:
    assert split_keywords("多少钱，价格、几块, price ,") == ("多少钱", "价格", "几块", "price")


def test_edit_add_remove_and_save(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    faq = window.product_editor.faq
    assert faq.entries.count() == 3
    assert faq.entries.item(0).text().startswith("多少钱、价格、几块  →  ")
    assert faq.keywords.text() == "多少钱，价格，几块"
    # Edit the first answer (two lines) and its keywords.
    faq.answer.setPlainText("{name}今天只要{price}元。\n{link}。")
    faq.keywords.setText("多少钱、价格")
    faq.apply_entry()
    assert window.draft.dirty and window.save_action.isEnabled()
    assert window.draft.product("tea").faq[0].keywords == ("多少钱", "价格")
    assert "{name}今天只要{price}元。" in faq.entries.item(0).text()
    # The answer is highlighted like a pitch line (the same highlighter class).
    assert faq.answer.highlighter.language == window.draft.show.language
    # Remove the last entry, add a new one and fill it in.
    faq.entries.setCurrentRow(2)
    faq.remove_button.click()
    assert faq.entries.count() == 2 and faq.row == 1
    faq.add_button.click()
    assert faq.entries.count() == 3 and faq.row == 2
    faq.keywords.setText("包邮, 运费")
    faq.answer.setPlainText("全国包邮。")
    faq.apply_entry()
    window.save_action.trigger()
    assert not window.draft.dirty
    assert faq_of(show_copy) == [
        (("多少钱", "价格"), ["{name}今天只要{price}元。", "{link}。"]),
        (("保质期", "怎么保存", "放多久"), ["密封避光保存，开罐后建议冷藏，三个月内喝完口感更好。"]),
        (("包邮", "运费"), ["全国包邮。"]),
    ]
    text = (show_copy / "products" / "tea.toml").read_text(encoding="utf-8")
    assert text.startswith("# 西湖龙井 — the evening's lead product.\n")
    assert 'answer = "全国包邮。"' in text  # a one-line answer is written as a string
    assert faq.entries.count() == 3  # reloaded from the saved show


def test_empty_keywords_or_bad_template_are_not_applied(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    faq = window.product_editor.faq
    faq.keywords.setText(" ，、")
    faq.apply_entry()
    assert faq.message.text() and not window.draft.dirty
    faq.keywords.setText("价格")
    faq.answer.setPlainText("{price")
    faq.apply_entry()
    assert faq.message.text() and not window.draft.dirty
    faq.answer.setPlainText("{price}元")
    faq.apply_entry()
    assert window.draft.dirty and not faq.message.text()
    assert window.draft.product("tea").faq[0].answer[0].text == "{price}元"


def test_switching_products_lists_their_faq(qtbot, settings, tmp_path, show_copy) -> None:
    window = make_window(qtbot, settings, tmp_path, show_copy)
    window.select_product("serum")
    faq = window.product_editor.faq
    assert faq.entries.count() == 2
    assert faq.keywords.text().startswith("敏感肌")
