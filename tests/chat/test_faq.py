"""FAQ matching on the demo show: a table of questions, the product on air first, built-in rules."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from studio.chat.faq import GREETING, ORDER, PRICE, SHIPPING, FaqMatcher, Keyword, Question, rule_lines
from studio.compliance.checker import Checker
from studio.show.model import Show
from studio.show.variables import product_variables, show_variables

NOW = datetime(2026, 11, 26, 14, 0)

# (question, product on air, expected rule, product whose variables fill the answer)
TABLE = [
    # the product on air answers first
    ("多少钱", "tea", "tea/faq1", "tea"),
    ("多少钱？", "serum", "serum/faq2", "serum"),
    ("幾塊錢", "tea", "tea/faq1", "tea"),  # traditional characters
    ("多 少 钱 ！！", "tea", "tea/faq1", "tea"),  # spaces and punctuation
    ("ＢＡＴＴＥＲＹ能用多久", "headphones", "headphones/faq1", "headphones"),  # full width
    ("这个保质期多久", "tea", "tea/faq2", "tea"),
    ("蓝牙能连苹果吗", "headphones", "headphones/faq2", "headphones"),
    ("有几个色", "thermos", "thermos/faq2", "thermos"),
    ("500ml够喝吗", "thermos", "thermos/faq1", "thermos"),  # a unit right after digits
    ("发货快吗", "tea", "tea/faq3", "tea"),  # the product's own shipping answer beats the show's
    # no FAQ entry on the product on air: the show-wide rule, for that product
    ("多少钱", "thermos", PRICE, "thermos"),
    ("how much is it?", "serum", PRICE, "serum"),
    ("怎么买", "serum", ORDER, "serum"),
    ("链接在哪", "headphones", ORDER, "headphones"),
    ("发货快吗", "thermos", SHIPPING, None),
    ("包邮吗", None, SHIPPING, None),
    ("Do you ship to Shanghai?", "tea", SHIPPING, None),  # "ship" at a word boundary
    ("shipping cost?", "tea", SHIPPING, None),
    ("运费多少钱", "thermos", SHIPPING, None),  # shipping before price: it is about shipping
    # a question naming another product is about that product
    ("耳机多少钱", "tea", PRICE, "headphones"),
    ("保温杯有几个色", "tea", "thermos/faq2", "thermos"),
    ("How much is the tea?", "serum", PRICE, "tea"),
    # a keyword only one product has finds it from anywhere
    ("续航多久", "tea", "headphones/faq1", "headphones"),
    ("battery life?", "serum", "headphones/faq1", "headphones"),
    ("敏感肌能用吗", "tea", "serum/faq1", "serum"),
    # greetings come last
    ("你好", "tea", GREETING, None),
    ("主播好呀", None, GREETING, None),
    ("Hello there", "tea", GREETING, None),
    ("你好，多少钱", "tea", "tea/faq1", "tea"),  # a question beats a greeting
    # nothing to say
    ("今天天气不错", "tea", None, None),
    ("this is nice", "tea", None, None),  # "hi" inside "this" is no greeting
    ("多少钱", None, None, None),  # two products share "多少钱" and none is on air
    ("🎉🎉🎉", "tea", None, None),
]


@pytest.fixture(scope="module")
def matcher(show: Show) -> FaqMatcher:
    return FaqMatcher(show)


@pytest.mark.parametrize(("question", "on_air", "rule", "product"), TABLE)
def test_faq_table(matcher: FaqMatcher, question: str, on_air: str | None, rule: str | None,
                   product: str | None) -> None:
    m = matcher.match(question, on_air)
    if rule is None:
        assert m is None, m
        return
    assert m is not None, f"no match for {question!r}"
    assert (m.rule, m.product) == (rule, product)
    assert m.lines


def test_product_faq_answers_are_the_shows_own_lines(matcher: FaqMatcher, show: Show) -> None:
    m = matcher.match("保质期", "tea")
    assert m is not None and m.lines == show.product("tea").faq[1].answer


def test_latin_keywords_need_word_boundaries() -> None:
    hi = Keyword.of("hi")
    assert hi is not None
    assert hi.found_in(Question.of("Hi!")) and hi.found_in(Question.of("oh hi there"))
    assert not hi.found_in(Question.of("this")) and not hi.found_in(Question.of("ship"))
    ship = Keyword.of("ship")
    assert ship is not None and ship.found_in(Question.of("shipping?")) and ship.found_in(Question.of("SHIPS"))
    assert Keyword.of("！！") is None  # punctuation only: nothing to match


@pytest.mark.parametrize("language", ["zh-CN", "en-US"])
@pytest.mark.parametrize("rule", [PRICE, SHIPPING, ORDER, GREETING])
def test_built_in_answers_render_and_pass_compliance(show: Show, checker: Checker, rule: str, language: str) -> None:
    for product in (*show.products, None):
        lines = rule_lines(rule, product, language)
        if lines is None:
            assert rule == PRICE and product is None
            continue
        values = product_variables(product, language, NOW) if product is not None else show_variables(NOW)
        for line in lines:
            for text in line.template.texts(values, 64):
                assert "{" not in text and text.strip()
                assert not checker.blocking(text, language), text
            line.template.render(values, random.Random(1))  # every variable has a value


def test_built_in_answers_speak_the_shows_language(show: Show) -> None:
    tea = show.product("tea")
    zh = rule_lines(PRICE, tea, "zh-CN")
    en = rule_lines(PRICE, tea, "en-US")
    assert zh is not None and en is not None
    values = product_variables(tea, "zh-CN", NOW)
    assert zh[0].template.render(values) == "明前西湖龙井 250g今天直播间168元，比日常价省70元，点击下方小黄车 1号链接。"
    assert en[0].template.render(values).startswith("明前西湖龙井 250g is ¥168 today, ¥70 off")
