"""ShowEditor's FAQ editing: entries keep their form and the file's comments; the loader reads the result."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio.core.assets import demo_show_path
from studio.show.editing import EditError, ShowEditor
from studio.show.loader import load_show

DEMO = demo_show_path()


@pytest.fixture
def show(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def _faq(root: Path, pid: str) -> list[tuple[list[str], list[str]]]:
    result = load_show(root)
    assert not result.errors, result.errors
    return [(list(e.keywords), [line.text for line in e.answer]) for e in result.show.product(pid).faq]


def test_faq_entries_read_as_written(show: Path) -> None:
    ed = ShowEditor(show)
    assert ed.faq_entries("tea") == _faq(show, "tea")
    assert ed.faq_entries("tea")[0][0] == ["多少钱", "价格", "几块"]


def test_edit_add_remove_round_trip_keeps_comments(show: Path) -> None:
    path = show / "products" / "tea.toml"
    before = path.read_text(encoding="utf-8")
    ed = ShowEditor(show)
    assert ed.set_faq_entry("tea", 0, answer=["{name}今天只要{price}元。"])
    assert ed.set_faq_entry("tea", 1, keywords=["保质期", "保存"])
    ed.remove_faq_entry("tea", 2)
    ed.add_faq_entry("tea", ["包邮", "运费"], ["全国包邮。", "偏远地区除外。"])
    assert not ed.validate().errors
    ed.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 西湖龙井 — the evening's lead product.\n")
    assert 'answer = "{name}今天只要{price}元。"\n' in text  # a one-line answer stays a string
    assert before.split("[[faq]]")[0] == text.split("[[faq]]")[0]  # everything above the FAQ untouched
    assert "发货" not in text
    assert text.endswith('answer = ["全国包邮。", "偏远地区除外。"]\n')
    assert "\n\n\n" not in text
    assert _faq(show, "tea") == [
        (["多少钱", "价格", "几块"], ["{name}今天只要{price}元。"]),
        (["保质期", "保存"], ["密封避光保存，开罐后建议冷藏，三个月内喝完口感更好。"]),
        (["包邮", "运费"], ["全国包邮。", "偏远地区除外。"]),
    ]


def test_unchanged_values_leave_the_file_alone(show: Path) -> None:
    ed = ShowEditor(show)
    keywords, answer = ed.faq_entries("tea")[0]
    assert not ed.set_faq_entry("tea", 0, keywords=keywords, answer=answer)
    assert not ed.dirty


def test_list_answer_stays_a_list_and_grows_and_shrinks(show: Path) -> None:
    ed = ShowEditor(show)
    ed.set_faq_entry("serum", 0, answer=["第一句。", "第二句。"])
    ed.save()
    ed = ShowEditor(show)
    ed.set_faq_entry("serum", 0, answer=["只剩一句。"])
    ed.save()
    text = (show / "products" / "serum.toml").read_text(encoding="utf-8")
    assert '"只剩一句。"' in text and 'answer = "只剩一句。"' not in text
    assert _faq(show, "serum")[0][1] == ["只剩一句。"]


def test_add_to_a_product_without_faq_and_inline_form(show: Path) -> None:
    path = show / "products" / "tea.toml"
    text = path.read_text(encoding="utf-8")
    head = text.split("[[faq]]")[0]
    path.write_text(head + '# questions\nfaq = [\n    { keywords = ["价格"], answer = "{price}元" },\n]\n',
                    encoding="utf-8")
    ed = ShowEditor(show)
    ed.set_faq_entry("tea", 0, keywords=["价格", "多少钱"])
    ed.add_faq_entry("tea", ["发货"], "48小时内发货。")
    ed.add_faq_entry("serum", ["a"], "b")  # serum has [[faq]]: appended as a table
    ed.save()
    new = path.read_text(encoding="utf-8")
    assert "# questions\n" in new
    assert '{ keywords = ["价格", "多少钱"], answer = "{price}元" }' in new
    assert '{ keywords = ["发货"], answer = "48小时内发货。" }' in new
    assert _faq(show, "tea") == [(["价格", "多少钱"], ["{price}元"]), (["发货"], ["48小时内发货。"])]
    # A product with no FAQ at all gets [[faq]] tables.
    (show / "products" / "tea.toml").write_text(head, encoding="utf-8")
    ed = ShowEditor(show)
    assert ed.faq_entries("tea") == []
    ed.add_faq_entry("tea", ["价格"], "{price}元")
    ed.save()
    assert "\n[[faq]]\nkeywords = [\"价格\"]\n" in path.read_text(encoding="utf-8")
    assert _faq(show, "tea") == [(["价格"], ["{price}元"])]


def test_removing_every_entry_and_errors(show: Path) -> None:
    ed = ShowEditor(show)
    for _ in range(3):
        ed.remove_faq_entry("tea", 0)
    assert ed.faq_entries("tea") == []
    assert "faq" not in ed.text_of("products/tea.toml")
    with pytest.raises(EditError):
        ed.remove_faq_entry("tea", 0)
    with pytest.raises(EditError):
        ed.set_faq_entry("serum", 5, answer="x")
    with pytest.raises(EditError):
        ed.add_faq_entry("serum", [], "x")
    with pytest.raises(EditError):
        ed.add_faq_entry("serum", ["x"], ["  "])
    assert not ed.validate().errors
