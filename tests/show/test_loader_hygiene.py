"""Show text hygiene: hidden characters in any text that airs are located warnings and never air."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio.checks import check_show
from studio.core.problems import Severity
from studio.runner.planner import Planner

RLO = "\u202e"
SHOW = """\
title = "夜{c}市"
disclosure = "AI数字人主播{c}"
ticker = ["满199减20{c}"]
filler = ["欢迎{c}来到直播间"]

[rundowns.main]
title = "晚间{c}主推"
products = ["tea"]
"""
PRODUCT = """\
name = "明前{c}龙井"
price = 168
selling_points = ["明前{c}头采"]
link = "1号{c}链接"
pitch = [
    "今天只要{{price}}元{c}",
    {{ text = "{{name}}{c}好喝", gesture = "point" }},
]

[[faq]]
keywords = ["多少{c}钱"]
answer = "只要{{price}}元{c}"
"""
# (file, line, key) of every value above that reaches the screen or the voice.
WHERE = [
    ("show.toml", 1, "title"), ("show.toml", 2, "disclosure"), ("show.toml", 3, "ticker[0]"),
    ("show.toml", 4, "filler[0]"), ("show.toml", 7, "rundowns.main.title"),
    ("products/tea.toml", 1, "name"), ("products/tea.toml", 3, "selling_points[0]"),
    ("products/tea.toml", 4, "link"), ("products/tea.toml", 6, "pitch[0]"), ("products/tea.toml", 7, "pitch[1]"),
    ("products/tea.toml", 11, "faq[0].keywords[0]"), ("products/tea.toml", 12, "faq[0].answer[0]"),
]


def build(make_show, c: str):
    return make_show(show=SHOW.format(c=c), products={"tea": PRODUCT.format(c=c)})


@pytest.mark.parametrize(("char", "label"), [
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE (bidi control)"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE (bidi control)"),
    ("\u200b", "U+200B ZERO WIDTH SPACE (invisible character)"),
    ("\\u0007", "U+0007 BELL (control character)"),  # written as a TOML escape
    ("\u3164", "U+3164 HANGUL FILLER (invisible character)"),
    ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A (invisible character)"),
])
def test_every_aired_text_warns_with_its_place_and_the_character(make_show, load, char: str, label: str) -> None:
    result = load(build(make_show, char))
    assert result.ok and not result.errors
    found = {(p.file, p.line, p.key): p for p in result.warnings}
    assert sorted(found) == sorted(WHERE)
    for p in found.values():
        assert p.message == f"hidden character {label} is removed before airing"
        assert p.hint == "it can reverse, hide or disguise text on screen and in speech; delete it from the file"


def test_the_model_holds_clean_text_for_every_path_to_the_air(make_show, load) -> None:
    show = load(build(make_show, RLO + "\u200b")).show
    tea = show.product("tea")
    assert (show.title, show.disclosure, show.ticker, show.rundown("main").title) == (
        "夜市", "AI数字人主播", ("满199减20",), "晚间主推")
    assert (tea.name, tea.selling_points, tea.link) == ("明前龙井", ("明前头采",), "1号链接")
    assert [line.template.source for line in tea.pitch] == ["今天只要{price}元", "{name}好喝"]
    assert tea.faq[0].keywords == ("多少钱",) and tea.faq[0].answer[0].template.source == "只要{price}元"
    assert show.filler[0].template.source == "欢迎来到直播间"
    # What the planner fills in (live, preview, render and the console all plan this way).
    planner = Planner(show)
    said = [planner.next_segment(datetime(2026, 1, 5, 20, 0)).text for _ in range(2)]
    assert said == ["今天只要168元", "明前龙井好喝"]


def test_several_characters_are_one_warning_counting_them(make_show, load, only) -> None:
    result = load(make_show(products={"tea": f'name = "明{RLO}前{RLO}龙\u200b井"\nprice = 1\npitch = ["a"]\n'}))
    p = only(result, key="name")
    assert p.message == ("3 hidden characters U+202E RIGHT-TO-LEFT OVERRIDE (bidi control), U+200B ZERO WIDTH "
                         "SPACE (invisible character) are removed before airing")
    assert result.show.product("tea").name == "明前龙井"


def test_a_value_of_hidden_characters_only_is_empty(make_show, load, only) -> None:
    result = load(make_show(show='title = "\u200b\u202e"\n[rundowns.main]\nproducts = ["tea"]\n'))
    p = only(result, key="title", severity=Severity.ERROR)
    assert p.message == "must not be empty (it holds only hidden characters)"


def test_a_line_of_hidden_characters_only_is_dropped(make_show, load) -> None:
    result = load(make_show(products={"tea": 'name = "t"\nprice = 1\npitch = ["\u200b", "好喝"]\n'}))
    assert [p.message for p in result.warnings if p.key == "pitch[0]"] == [
        "hidden character U+200B ZERO WIDTH SPACE (invisible character) is removed before airing",
        "empty line is ignored"]
    assert [line.template.source for line in result.show.product("tea").pitch] == ["好喝"]


def test_legitimate_characters_stay_without_a_warning(make_show, load) -> None:
    flag = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # England
    product = ('name = "Café 咖啡 ☕️"\nprice = 1\nselling_points = ["👩\u200d💻 程序员最爱", "مرحبا", "שלום"]\n'
               f'pitch = ["می\u200cخواهم {flag}"]\n')
    result = load(make_show(products={"tea": product}))
    assert result.problems == ()
    tea = result.show.product("tea")
    assert tea.selling_points[0] == "👩\u200d💻 程序员最爱"
    assert tea.pitch[0].template.source.startswith("می\u200cخواهم")


def test_hidden_characters_do_not_hide_a_banned_word_from_the_check(make_show) -> None:
    root = make_show(products={"tea": 'name = "t"\nprice = 1\npitch = ["全\u200b网\u202e最低价"]\n'})
    result = check_show(root)
    assert any(p.is_error and p.key == "pitch[0]" and "最低价" in p.message for p in result.problems)
    assert any(not p.is_error and p.key == "pitch[0]" and "U+200B" in p.message for p in result.problems)


def test_ids_paths_and_codes_are_not_cleaned(make_show, load) -> None:
    # Only text that airs is cleaned: an id with a hidden character is still refused as an id.
    result = load(make_show(products={"tea": 'id = "te\u200ba"\nname = "t"\nprice = 1\npitch = ["a"]\n'}))
    assert [p.key for p in result.errors if p.file == "products/tea.toml"] == ["id"]


def test_an_operator_one_off_line_is_cleaned_the_same_way(make_show, load) -> None:
    planner = Planner(load(make_show()).show)
    planner.interrupt_with_line(f"{RLO}限时秒杀\u200b最后五分钟\u2066")
    seg = planner.next_segment(datetime(2026, 1, 5, 20, 0))
    assert (seg.kind, seg.text) == ("one_off", "限时秒杀最后五分钟")
    planner.interrupt_with_line("\u200b\u202e ")  # nothing visible left: nothing is said
    assert planner.next_segment(datetime(2026, 1, 5, 20, 0)).kind == "pitch"
