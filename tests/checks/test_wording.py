"""check_wording: every spoken and shown line of a show, located, across variables and variants."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.checks.wording import MAX_RENDERINGS, check_wording, line_key, renderings
from studio.compliance import Checker, DenyTerm, ShowWordLists
from studio.core.problems import Problem, Severity
from studio.show.loader import LoadResult, load_show
from studio.show.model import Line, Show, SourceRef
from studio.show.templates import Template

SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n'


def product(pitch: str, head: str = 'name = "明前龙井"\nprice = 168\n') -> dict[str, str]:
    return {"tea": head + pitch}


@pytest.fixture
def problems_of(make_show: Callable[..., Path]) -> Callable[..., list[Problem]]:
    """Build a show from strings, load it (it must load), and check it."""

    def run(show: str = SHOW, products: dict[str, str] | None = None,
            lists: ShowWordLists | None = None) -> list[Problem]:
        result: LoadResult = load_show(make_show(show=show, products=products or product('pitch = ["你好"]\n')))
        assert result.show is not None, [p.format() for p in result.problems]
        found = check_wording(result.show, lists)
        for p in found:
            assert p.message == p.message.strip() and p.hint == p.hint.strip()
            assert p.line is None or p.line >= 1
        return found

    return run


def test_the_demo_show_is_clean(demo_show: Path) -> None:
    result = load_show(demo_show)
    assert result.show is not None
    assert check_wording(result.show) == []


def test_best_on_the_whole_net_fails_at_its_line_with_the_legal_basis(problems_of) -> None:
    (p,) = problems_of(products=product('pitch = [\n  "今天只要{price}元",\n  "这款是全网最佳的龙井",\n]\n'))
    assert (p.severity, p.file, p.line, p.key) == (Severity.ERROR, "products/tea.toml", 5, "pitch[1]")
    assert p.format() == (
        "products/tea.toml:5: error: pitch[1]: '全网最佳' ('最佳'): 绝对化用语 / absolute term, "
        "must not be said — 《广告法》第九条第（三）项；第五十七条：对广告主处二十万元以上一百万元以下的罚款 "
        "(try: 口碑很好、很推荐)"
    )


@pytest.mark.parametrize(("line", "shown"), [
    ("全网最 佳的龙井", "'全网最 佳' ('最佳' disguised)"),
    ("全网最-佳的龙井", "'全网最-佳' ('最佳' disguised)"),
    ("國家級的工藝", "'國家級' ('国家级' disguised)"),
    ("ＺＵＩ佳的龙井", "'ＺＵＩ佳' ('最佳' in pinyin)"),
    ("zui jia的龙井", "'zui jia' ('最佳' in pinyin)"),
    ("醉佳的龙井", "'醉佳' (sounds like '最佳')"),
])
def test_evasions_fail_at_their_line(problems_of, line: str, shown: str) -> None:
    (p,) = problems_of(products=product(f'pitch = [\n  "你好",\n  "{line}",\n]\n'))
    assert (p.severity, p.line, p.key) == (Severity.ERROR, 5, "pitch[1]")
    assert p.message.startswith(shown + ": ")
    assert "《广告法》第九条第（三）项" in p.message


def test_exemptions_pass(problems_of) -> None:
    pitch = ('pitch = ["第一步先温杯", "首先看包装", "最近很干燥", "首个工作日发货", "最佳赏味期三个月", '
             '"第一次买的朋友"]\n')
    assert problems_of(products=product(pitch)) == []


def test_a_term_in_one_variant_is_found_and_shown_in_context(problems_of) -> None:
    (p,) = problems_of(products=product('pitch = ["{大家好|欢迎}，这是{很好|最佳}的{name}"]\n'))
    assert (p.line, p.key) == (3, "pitch[0]")
    assert p.message.endswith("(in “大家好，这是最佳的明前龙井”)")


def test_each_term_is_reported_once_per_line_across_variants(problems_of) -> None:
    found = problems_of(products=product('pitch = ["{今天|现在}{最佳|最好}的{茶|杯子}"]\n'))
    assert sorted(p.message.split(":")[0] for p in found) == ["'最佳'", "'最好'"]
    assert {(p.line, p.key) for p in found} == {(3, "pitch[0]")}


def test_a_term_formed_across_a_variant_boundary_is_found(problems_of) -> None:
    (p,) = problems_of(products=product('pitch = ["这是{最|很}佳的茶"]\n'))
    assert p.message.startswith("'最佳'")


def test_a_term_in_a_field_is_reported_at_the_field_not_at_every_line(problems_of) -> None:
    head = 'name = "第一好茶"\nprice = 168\n'
    found = problems_of(products=product('pitch = ["{name}来了", "今天的{name}"]\n', head))
    assert [(p.key, p.line) for p in found] == [("name", 1)]


def test_a_term_made_by_a_value_and_the_line_together_is_reported_at_the_line(problems_of) -> None:
    head = 'name = "茶中最"\nprice = 168\n'
    (p,) = problems_of(products=product('pitch = [\n  "{name}佳的就是它",\n]\n', head))
    assert (p.key, p.line) == ("pitch[0]", 4)


def test_ticker_filler_faq_and_selling_points_are_checked_and_located(problems_of) -> None:
    show = ('title = "t"\nticker = [\n  "关注直播间",\n  "全网最低价",\n]\n'
            'filler = [\n  "现在是{time}，这是最好的时间",\n]\n[rundowns.main]\nproducts = ["tea"]\n')
    head = 'name = "明前龙井"\nprice = 168\nselling_points = [\n  "顶级原料",\n  "铁罐密封",\n]\n'
    pitch = 'pitch = ["你好"]\n[[faq]]\nkeywords = ["效果"]\nanswer = "保证有效"\n'
    found = problems_of(show=show, products=product(pitch, head))
    assert [(p.file, p.line, p.key, p.severity) for p in found] == [
        ("products/tea.toml", 4, "selling_points[0]", Severity.ERROR),
        ("products/tea.toml", 10, "faq[0].answer[0]", Severity.ERROR),
        ("show.toml", 4, "ticker[1]", Severity.ERROR),
        ("show.toml", 7, "filler[0]", Severity.ERROR),
    ]


def test_english_lines_are_checked_in_english(problems_of) -> None:
    pitch = 'pitch = [\n  { text = "It is the best thermos ever made.", language = "en-US" },\n]\n'
    (p,) = problems_of(products=product(pitch))
    assert (p.line, p.key) == (4, "pitch[0]")
    assert p.message.startswith("'the best'")


def test_warn_terms_are_warnings_with_advice(problems_of) -> None:
    (p,) = problems_of(products=product('pitch = ["首家采用这种工艺"]\n'))
    assert p.severity is Severity.WARNING
    assert "check it is true and allowed; will be skipped on air until approved" in p.message
    assert p.hint.startswith('approve it in the console (right-click the underline: Approve wording) '
                             'or with approved = ["首家"] in pitch[0]; or reword it: ')


def test_warn_terms_of_a_show_that_allows_warnings_advise_the_allow_list(problems_of) -> None:
    show = SHOW + '[compliance]\nwarnings = "allow"\n'
    (p,) = problems_of(show=show, products=product('pitch = ["首家采用这种工艺"]\n'))
    assert p.severity is Severity.WARNING
    assert "skipped" not in p.message
    assert p.hint.endswith("add it to allow under [compliance] in show.toml")


def test_show_lists_allow_and_deny(problems_of) -> None:
    products = product('pitch = ["这是最佳的茶", "别买竞品"]\n')
    found = problems_of(products=products, lists=ShowWordLists(allow=("最佳",), deny=(DenyTerm("竞品"),)))
    (p,) = found
    assert (p.key, p.severity) == ("pitch[1]", Severity.ERROR)
    assert "本场禁用词" in p.message and "show.toml [compliance] deny" in p.message


def test_a_checker_can_be_reused(demo_show: Path) -> None:
    show = load_show(demo_show).show
    assert show is not None
    checker = Checker()
    assert check_wording(show, checker=checker) == check_wording(show) == []


# ---- the AI disclosure label ----

def _demo(demo_show: Path) -> Show:
    show = load_show(demo_show).show
    assert show is not None
    return show


@pytest.mark.parametrize("label", ["", "   ", "\n"])
def test_missing_disclosure_is_an_error(demo_show: Path, label: str) -> None:
    (p,) = check_wording(dataclasses.replace(_demo(demo_show), disclosure=label))
    assert (p.severity, p.file, p.key) == (Severity.ERROR, "show.toml", "disclosure")
    assert "empty or switched off" in p.message
    assert p.hint == 'set disclosure = "AI数字人主播"'


def test_disclosure_error_is_located_when_the_key_is_written(problems_of, make_show) -> None:
    root = make_show(show='title = "t"\n\ndisclosure = "欢迎光临"\n[rundowns.main]\nproducts = ["tea"]\n')
    show = load_show(root).show
    assert show is not None
    (p,) = check_wording(show)
    assert (p.severity, p.line, p.key) == (Severity.WARNING, 3, "disclosure")
    assert p.message == "the disclosure label '欢迎光临' does not say the host is AI-generated"


@pytest.mark.parametrize("label", ["AI数字人主播", "本直播间为虚拟主播", "内容由人工智能生成", "AI-generated host",
                                   "Digital human host", "AIGC"])
def test_labels_that_say_ai_pass(demo_show: Path, label: str) -> None:
    assert check_wording(dataclasses.replace(_demo(demo_show), disclosure=label)) == []


# ---- renderings ----

def test_all_combinations_when_few() -> None:
    t = Template.parse("{a|b}{c|d|e}")
    assert [r.text for r in renderings(t, {})] == ["ac", "ad", "ae", "bc", "bd", "be"]


def test_bounded_deterministic_and_every_option_heard_when_many() -> None:
    t = Template.parse("{a|b|c|d|e}{f|g|h|i|j}{k|l|m|n|o}{p|q|r}")  # 375 combinations
    first = [r.text for r in renderings(t, {})]
    assert len(first) == MAX_RENDERINGS == len(set(first))
    assert first == [r.text for r in renderings(t, {})]
    assert set("abcdefghijklmnopqr") <= set("".join(first))


def test_nested_variants_and_variable_spans() -> None:
    t = Template.parse("{x{price}|y{z|w}}!")
    out = renderings(t, {"price": "9"})
    assert [r.text for r in out] == ["x9!", "yz!", "yw!"]
    assert out[0].variables == ((1, 2, "price"),)


@pytest.mark.parametrize(("line_id", "key"), [
    ("tea/pitch/3", "pitch[2]"), ("tea/faq1/2", "faq[0].answer[1]"), ("filler/1", "filler[0]"),
    ("odd", "odd"),
])
def test_line_keys(line_id: str, key: str) -> None:
    line = Line(line_id, Template.parse("x"), source=SourceRef("f.toml", 1))
    assert line_key(line) == key
