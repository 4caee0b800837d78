"""ShowEditor: edits keep comments and layout, the loader accepts the result, saves are atomic."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.core import atomic
from studio.core.assets import demo_show_path
from studio.show.editing import EditError, SaveConflict, ShowEditor
from studio.show.loader import load_show

DEMO = demo_show_path()


@pytest.fixture
def show(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8").splitlines(keepends=True)


def _unchanged_except(before: list[str], after: list[str], changed: set[int]) -> None:
    """Every line but the 0-based `changed` ones is byte-identical and in place."""
    assert len(before) == len(after)
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if i not in changed:
            assert a == b, f"line {i + 1} changed: {a!r} → {b!r}"


def test_untouched_editor_is_clean_and_saves_nothing(show: Path) -> None:
    ed = ShowEditor(show)
    assert not ed.dirty
    assert ed.save() == []
    assert sorted(ed.product_ids()) == ["headphones", "serum", "tea", "thermos"]


def test_change_price_keeps_every_other_byte(show: Path) -> None:
    tea = show / "products" / "tea.toml"
    before = _lines(tea)
    ed = ShowEditor(show)
    assert ed.set_product_field("tea", "price", Decimal("158.50"))
    assert ed.dirty and ed.changed_files() == ["products/tea.toml"]
    assert ed.save() == [tea]
    after = _lines(tea)
    _unchanged_except(before, after, {2})
    assert after[2] == "price = 158.50\n"
    result = load_show(show)
    assert result.errors == []
    assert result.show is not None and result.show.product("tea").price == Decimal("158.50")
    assert not ed.dirty


def test_setting_the_same_value_changes_nothing(show: Path) -> None:
    ed = ShowEditor(show)
    assert not ed.set_product_field("tea", "price", 168)
    assert not ed.set_product_field("tea", "price", Decimal("168.0"))
    assert not ed.set_pitch_line("tea", 2, "闻起来是清新的豆香，入口鲜爽回甘，{办公室|家里}泡上一杯特别舒服。")
    assert not ed.dirty


def test_value_change_keeps_its_comment(show: Path) -> None:
    ed = ShowEditor(show)
    ed.set_product_field("serum", "flash_sale_end", "22:00")
    ed.save()
    assert 'flash_sale_end = "22:00"     # every day at 21:00\n' in _lines(show / "products" / "serum.toml")


def test_remove_field_and_add_field_in_place(show: Path) -> None:
    ed = ShowEditor(show)
    ed.set_product_field("headphones", "currency", "usd")  # not written before: goes after original_price
    ed.set_product_field("serum", "link", None)
    ed.save()
    head = _lines(show / "products" / "headphones.toml")
    assert head[3:5] == ["original_price = 599\n", 'currency = "USD"\n']
    assert not any(line.startswith("link") for line in _lines(show / "products" / "serum.toml"))
    result = load_show(show)
    # serum's pitch and FAQ use {link}: the loader says so, and those are the only errors
    assert [p.key for p in result.errors] == ["pitch[3]", "faq[1].answer[0]"]


def test_bad_values_are_refused_before_touching_the_document(show: Path) -> None:
    ed = ShowEditor(show)
    with pytest.raises(EditError):
        ed.set_product_field("tea", "price", "abc")
    with pytest.raises(EditError):
        ed.set_product_field("tea", "price", None)
    with pytest.raises(EditError):
        ed.set_product_field("tea", "colour", "red")
    with pytest.raises(EditError):
        ed.set_product_field("nope", "name", "x")
    with pytest.raises(EditError):
        ed.set_product_field("tea", "image", "../outside.png")
    assert not ed.dirty


def test_pitch_line_edits_in_an_inline_array(show: Path) -> None:
    tea = show / "products" / "tea.toml"
    before = _lines(tea)
    ed = ShowEditor(show)
    ed.set_pitch_line("tea", 2, "闻起来是清新的豆香。", gesture="point")  # string → table with a cue
    ed.set_pitch_line("tea", 0, card=None, expression="excited")
    ed.save()
    after = _lines(tea)
    _unchanged_except(before, after, {11, 13})
    assert after[11] == ('    { text = "{欢迎|大家好|欢迎来到直播间}！今天给大家带来的是{name}。", '
                         'expression = "excited", gesture = "wave" },\n')
    assert after[13] == '    { text = "闻起来是清新的豆香。", gesture = "point" },\n'
    show_ = load_show(show).show
    assert show_ is not None
    lines = show_.product("tea").pitch
    assert lines[0].expression == "excited" and lines[0].card is None
    assert lines[2].text == "闻起来是清新的豆香。" and lines[2].gesture == "point"


def test_insert_remove_move_in_an_inline_array(show: Path) -> None:
    ed = ShowEditor(show)
    ed.insert_pitch_line("tea", 1, "新的一行", card="show")
    ed.insert_pitch_line("tea", ed.pitch_size("tea"), "最后一行")
    ed.remove_pitch_line("tea", 3)  # the old third line
    ed.move_pitch_line("tea", 0, 2)
    assert ed.validate().errors == []
    ed.save()
    text = (show / "products" / "tea.toml").read_text("utf-8")
    assert text.startswith("# 西湖龙井 — the evening's lead product.\n")
    assert '    { text = "新的一行", card = "show" },\n' in text
    assert '    "最后一行",\n]\n' in text
    show_ = load_show(show).show
    assert show_ is not None
    texts = [line.text for line in show_.product("tea").pitch]
    assert texts[0] == "新的一行" and texts[-1] == "最后一行" and len(texts) == 6
    assert texts[2].startswith("{欢迎|大家好")
    assert not any(t.startswith("闻起来") for t in texts)


def test_pitch_as_tables_keeps_its_form(show: Path) -> None:
    thermos = show / "products" / "thermos.toml"
    ed = ShowEditor(show)
    ed.set_pitch_line("thermos", 1, "内胆是316不锈钢。", card=None, pause=0.5)
    ed.insert_pitch_line("thermos", 4, "最后一句", gesture="nod")
    ed.move_pitch_line("thermos", 3, 0)
    ed.save()
    text = thermos.read_text("utf-8")
    assert text.count("[[pitch]]") == 5 and "pitch = [" not in text
    assert "\n\n[[faq]]" in text and '[[pitch]]\ntext = "最后一句"\ngesture = "nod"\n\n[[faq]]' in text
    assert "\n[[pitch]]" in text and "\n\n[[pitch]]" in text and '"\n[[pitch]]' not in text  # blank-line separated
    show_ = load_show(show).show
    assert show_ is not None
    pitch = show_.product("thermos").pitch
    assert pitch[0].text.startswith("今天{price}元到手") and pitch[2].text == "内胆是316不锈钢。"
    assert pitch[2].pause_after == 0.5 and pitch[2].card is None and pitch[-1].gesture == "nod"


def test_single_line_array_stays_on_one_line(make_show) -> None:
    root = make_show(products={"tea": 'name = "茶"\nprice = 1\npitch = ["一", "二"]  # short\n'})
    ed = ShowEditor(root)
    ed.insert_pitch_line("tea", 0, "零")
    ed.move_pitch_line("tea", 2, 1)
    ed.save()
    assert (root / "products" / "tea.toml").read_text("utf-8").endswith('pitch = ["零", "二", "一"]  # short\n')


def test_product_without_pitch_gets_one(make_show) -> None:
    root = make_show(products={"tea": 'name = "茶"\nprice = 1\n'})
    ed = ShowEditor(root)
    ed.insert_pitch_line("tea", 0, "今天只要{price}元", card="highlight_price")
    ed.save()
    result = load_show(root)
    assert result.problems == ()
    assert result.show is not None and result.show.product("tea").pitch[0].card == "highlight_price"


def test_add_and_remove_products_and_rundowns(show: Path) -> None:
    ed = ShowEditor(show)
    ed.add_product("mug", "马克杯", Decimal("39.9"), {"original_price": 59, "selling_points": ["陶瓷", "大容量"],
                                                  "image": "media/tea.png"})
    with pytest.raises(EditError):
        ed.add_product("tea", "again", 1)
    with pytest.raises(EditError):
        ed.add_product("bad id", "x", 1)
    removal = ed.remove_product("headphones")
    assert removal.rundowns == (("daytime", 1), ("evening", 1)) and removal.emptied == ()
    assert "removed products/headphones.toml" in removal.describe()
    ed.set_rundown("evening", ["tea", ("mug", 2)], title="晚间")
    ed.set_rundown("morning", ["mug"], shuffle=True)
    assert ed.pending_removals() == [show / "products" / "headphones.toml"]
    assert ed.validate().errors == []
    written = ed.save()
    assert show / "products" / "mug.toml" in written
    assert not (show / "products" / "headphones.toml").exists()
    result = load_show(show)
    assert result.errors == [] and result.show is not None
    s = result.show
    assert s.product("mug").price == Decimal("39.9") and s.product("mug").selling_points == ("陶瓷", "大容量")
    assert [(i.product, i.repeat) for i in s.rundown("evening").items] == [("tea", 1), ("mug", 2)]
    assert s.rundown("morning").shuffle and s.rundown("evening").title == "晚间"
    text = (show / "show.toml").read_text("utf-8")
    assert '[rundowns.morning]\nproducts = ["mug"]\nshuffle = true\n\n[schedule]' in text


def test_removing_the_only_product_of_a_rundown_is_reported(make_show) -> None:
    root = make_show(show='title = "t"\n[rundowns.main]\nproducts = ["tea"]\n[rundowns.b]\nproducts = ["tea", "x"]\n',
                     products={"tea": 'name = "a"\nprice = 1\npitch = ["x"]\n',
                               "x": 'name = "b"\nprice = 1\npitch = ["x"]\n'})
    removal = ShowEditor(root).remove_product("tea")
    assert removal.emptied == ("main",)
    assert removal.rundowns == (("main", 1), ("b", 1))


def test_schedule_windows_edit_in_place(show: Path) -> None:
    path = show / "show.toml"
    before = _lines(path)
    ed = ShowEditor(show)
    # the first window written differently but meaning the same stays untouched
    ed.set_schedule_windows([(["mon", "tue", "wed", "thu", "fri"], "19:00", "23:30", "evening"),
                             (["sat"], "10:00", "12:00", "daytime"),
                             ([6], "10:00", "12:00", "daytime")])
    ed.save()
    after = _lines(path)
    assert after[: len(before) - 4] == before[:-4]
    assert after[len(before) - 4 :] == [
        'days = ["sat"]\n', 'from = "10:00"\n',
        'to = "12:00"                 # ends after midnight, on Sunday and Monday mornings\n',
        'rundown = "daytime"\n', "\n", "[[schedule.windows]]\n", 'days = ["sun"]\n', 'from = "10:00"\n',
        'to = "12:00"\n', 'rundown = "daytime"\n']
    result = load_show(show)
    assert result.errors == [] and result.show is not None
    assert len(result.show.schedule.windows) == 3
    ed.set_schedule_windows([("daily", "09:00", "24:00", "evening")])
    ed.save()
    s = load_show(show).show
    assert s is not None and len(s.schedule.windows) == 1 and s.schedule.windows[0].days == tuple(range(7))
    with pytest.raises(EditError):
        ed.set_schedule_windows([("daily", "9", "10:00", "evening")])
    with pytest.raises(EditError):
        ed.set_schedule_windows([("daily", "09:00", "10:00", "nope")])


def test_show_fields(show: Path) -> None:
    ed = ShowEditor(show)
    ed.set_show_field("voice.rate", 180)
    ed.set_show_field("title", "新标题")
    ed.set_show_field("ticker", ["一", "二"])
    ed.set_show_field("logo", None)
    with pytest.raises(EditError):
        ed.set_show_field("rundowns", {})
    ed.save()
    s = load_show(show).show
    assert s is not None and s.voice.rate == 180 and s.title == "新标题" and s.ticker == ("一", "二")
    assert s.logo is None
    assert 'id = "auto"                  # picks a voice by the line\'s language\n' in _lines(show / "show.toml")


def test_validate_reports_without_writing(show: Path) -> None:
    ed = ShowEditor(show)
    original = (show / "products" / "tea.toml").read_bytes()
    ed.set_pitch_line("tea", 0, "{nosuch}")
    result = ed.validate()
    assert [(p.file, p.key) for p in result.errors] == [("products/tea.toml", "pitch[0]")]
    assert result.errors[0].line == 12  # the line in the edited text
    assert (show / "products" / "tea.toml").read_bytes() == original


def test_validate_sees_new_and_removed_files(show: Path) -> None:
    ed = ShowEditor(show)
    ed.add_product("mug", "杯", 1)
    ed.set_rundown("daytime", ["mug"])
    assert "mug" in [p.id for p in ed.validate().show.products]  # type: ignore[union-attr]
    ed.remove_product("mug")
    errors = ed.validate().errors
    assert errors and all("mug" not in p.file for p in errors)  # daytime is empty now: reported


def test_crlf_and_bom_are_kept(make_show) -> None:
    text = '# 注释\r\nname = "茶"\r\nprice = 1\r\npitch = [\r\n    "一",\r\n]\r\n'
    root = make_show(products={"tea": b"\xef\xbb\xbf" + text.encode("utf-8")})
    ed = ShowEditor(root)
    ed.set_product_field("tea", "price", 2)
    ed.insert_pitch_line("tea", 1, "二")
    ed.save()
    raw = (root / "products" / "tea.toml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n") == 7
    assert raw.decode("utf-8-sig") == text.replace("price = 1", "price = 2").replace(
        '"一",\r\n', '"一",\r\n    "二",\r\n')
    assert load_show(root).errors == []


def test_failed_write_leaves_the_old_files(show: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(show.rglob("*.toml"))
    before = {p: p.read_bytes() for p in files}
    ed = ShowEditor(show)
    ed.set_product_field("tea", "price", 1)
    ed.set_show_field("title", "x")
    calls = []

    def broken_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the first temp file is written, the second fails
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(EditError, match="nothing was changed"):
        ed.save()
    assert {p: p.read_bytes() for p in files} == before
    assert sorted(show.rglob("*")) == sorted(DEMO_tree(show))  # no temp files left behind
    assert ed.dirty
    monkeypatch.undo()
    ed.save()
    assert load_show(show).show.title == "x"  # type: ignore[union-attr]


def DEMO_tree(root: Path) -> list[Path]:
    return [root / p.relative_to(DEMO) for p in DEMO.rglob("*")]


def test_failed_replace_leaves_the_old_file(show: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tea = show / "products" / "tea.toml"
    before = tea.read_bytes()
    ed = ShowEditor(show)
    ed.set_product_field("tea", "price", 1)

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(EditError):
        ed.save()
    assert tea.read_bytes() == before
    assert not [p for p in tea.parent.iterdir() if p.name.startswith(".")]


def test_external_change_is_a_conflict(show: Path) -> None:
    ed = ShowEditor(show)
    ed.set_product_field("tea", "price", 1)
    tea = show / "products" / "tea.toml"
    tea.write_text(tea.read_text("utf-8").replace("238", "239"), "utf-8")
    with pytest.raises(SaveConflict):
        ed.save()
    assert "original_price = 239" in tea.read_text("utf-8")
    ed.save(force=True)
    assert "price = 1\n" in tea.read_text("utf-8")


def test_unreadable_product_files_are_listed_not_fatal(make_show) -> None:
    root = make_show(products={"tea": 'name = "茶"\nprice = 1\n', "gbk": "name = '茶'\n".encode("gbk"),
                               "broken": "name = \n"})
    ed = ShowEditor(root)
    assert set(ed.unreadable) == {"products/gbk.toml", "products/broken.toml"}
    with pytest.raises(EditError, match="cannot be edited"):
        ed.set_product_field("gbk", "price", 1)
    ed.set_product_field("tea", "price", 3)
    assert ed.save() == [root / "products" / "tea.toml"]


def test_missing_show_is_an_edit_error(tmp_path: Path) -> None:
    with pytest.raises(EditError):
        ShowEditor(tmp_path)


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)
_cue = st.sampled_from([None, "point", "wave", "nod"])
_op = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(["tea", "thermos", "serum"]), st.integers(0, 6), _text, _cue),
    st.tuples(st.just("insert"), st.sampled_from(["tea", "thermos", "serum"]), st.integers(0, 6), _text, _cue),
    st.tuples(st.just("remove"), st.sampled_from(["tea", "thermos", "serum"]), st.integers(0, 6)),
    st.tuples(st.just("move"), st.sampled_from(["tea", "thermos", "serum"]), st.integers(0, 6), st.integers(0, 6)),
    st.tuples(st.just("price"), st.sampled_from(["tea", "thermos"]),
              st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(_op, max_size=8))
def test_random_edits_never_break_the_show(tmp_path_factory: pytest.TempPathFactory, ops: list[tuple]) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "demo"
    shutil.copytree(DEMO, root)
    ed = ShowEditor(root)
    for op in ops:
        kind, pid, *rest = op
        try:
            if kind == "set":
                ed.set_pitch_line(pid, rest[0], rest[1], gesture=rest[2])
            elif kind == "insert":
                ed.insert_pitch_line(pid, rest[0], rest[1], gesture=rest[2])
            elif kind == "remove":
                ed.remove_pitch_line(pid, rest[0])
            elif kind == "move":
                ed.move_pitch_line(pid, rest[0], rest[1])
            else:
                ed.set_product_field(pid, "price", rest[0])
        except EditError:
            pass  # an index out of range is refused, not a crash
    result = ed.validate()
    # Random text may use braces or variables; the only errors allowed are about line texts.
    for p in result.errors:
        assert p.file.startswith("products/") and p.key.startswith("pitch["), p.format()
    ed.save()
    on_disk = load_show(root)
    assert [p.format() for p in on_disk.problems] == [p.format() for p in result.problems]
