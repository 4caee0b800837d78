"""ShowEditor writes approvals (`approved = […]`) into the line they belong to, keeping comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.show.editing import EditError, ShowEditor
from studio.show.loader import load_show

SHOW = ('title = "t"\n'
        '# filler keeps the room warm\n'
        'filler = [\n  "万能的主播陪你聊",  # a comment\n]\n\n'
        '[rundowns.main]\nproducts = ["tea"]\n')
TEA = ('name = "万能锅"  # the supplier\'s name\n'
       'price = 99\n'
       '# the pitch, top to bottom\n'
       'pitch = [\n'
       '  "全球首发的新茶",  # launch line\n'
       '  { text = "永久保修", gesture = "nod" },\n'
       ']\n\n'
       '[[faq]]\nkeywords = ["保修"]\nanswer = "永久保修，放心买"\n')


@pytest.fixture
def root(make_show) -> Path:
    return make_show(show=SHOW, products={"tea": TEA})


def _saved(editor: ShowEditor, root: Path):
    check = editor.validate()
    assert not check.errors, [p.format() for p in check.problems]
    editor.save()
    result = load_show(root)
    assert result.show is not None
    return result.show


def test_approvals_go_into_each_kind_of_line_and_keep_the_comments(root: Path) -> None:
    editor = ShowEditor(root)
    assert editor.set_approval("tea", "pitch[0]", ["全球首发"])
    assert editor.set_approval("tea", "pitch[1]", ["永久"])
    assert editor.set_approval("tea", "faq[0].answer[0]", ["永久"])
    assert editor.set_approval(None, "filler[0]", ["万能"])
    assert editor.set_approval("tea", "", ["万能"])
    show = _saved(editor, root)
    tea = show.product("tea")
    assert [line.approved for line in tea.pitch] == [("全球首发",), ("永久",)]
    assert tea.pitch[1].gesture == "nod"  # cues stay
    assert tea.faq[0].answer[0].approved == ("永久",)
    assert show.filler[0].approved == ("万能",)
    assert tea.approved == ("万能",)
    text = (root / "products" / "tea.toml").read_text(encoding="utf-8")
    assert '{ text = "全球首发的新茶", approved = ["全球首发"] },  # launch line' in text
    assert "# the pitch, top to bottom" in text and "# the supplier's name" in text
    assert '# a comment' in (root / "show.toml").read_text(encoding="utf-8")


def test_setting_the_same_approval_changes_nothing_and_removing_it_restores_the_line(root: Path) -> None:
    before = (root / "products" / "tea.toml").read_bytes()
    editor = ShowEditor(root)
    editor.set_approval("tea", "pitch[1]", ["永久"])
    _saved(editor, root)
    editor = ShowEditor(root)
    assert not editor.set_approval("tea", "pitch[1]", ["永久", " 永久 "])  # the same terms
    assert editor.set_approval("tea", "pitch[1]", None)
    _saved(editor, root)
    assert (root / "products" / "tea.toml").read_bytes() == before


def test_pitch_line_edits_carry_approvals(root: Path) -> None:
    editor = ShowEditor(root)
    editor.set_pitch_line("tea", 0, approved=["全球首发"])
    editor.insert_pitch_line("tea", 2, "首家采用", approved=["首家"])
    show = _saved(editor, root)
    assert [line.approved for line in show.product("tea").pitch] == [("全球首发",), (), ("首家",)]


@pytest.mark.parametrize(("pid", "key", "terms", "message"), [
    ("tea", "pitch[9]", ["x"], "has no line 10"),
    ("tea", "pitches[0]", ["x"], "names no line"),
    (None, "pitch[0]", ["x"], "name the product"),
    ("tea", "faq[3].answer[0]", ["x"], "has no entry 4"),
    ("tea", "pitch[0]", "全球首发", "must be a list of texts"),
    ("nope", "pitch[0]", ["x"], "no product 'nope'"),
])
def test_bad_approvals_are_refused(root: Path, pid, key: str, terms, message: str) -> None:
    with pytest.raises(EditError, match=message.replace("[", r"\[")):
        ShowEditor(root).set_approval(pid, key, terms)


def test_approvals_go_into_pitch_tables_too(make_show) -> None:
    root = make_show(show=SHOW, products={"tea": 'name = "龙井"\nprice = 99\n\n'
                                                  '[[pitch]]\ntext = "全球首发"  # launch\n\n'
                                                  '[[pitch]]\ntext = "你好"\n'})
    editor = ShowEditor(root)
    assert editor.set_approval("tea", "pitch[0]", ["全球首发"])
    show = _saved(editor, root)
    assert show.product("tea").pitch[0].approved == ("全球首发",)
    text = (root / "products" / "tea.toml").read_text(encoding="utf-8")
    assert 'text = "全球首发"  # launch\napproved = ["全球首发"]\n' in text
