"""Templates: variables, nested variants, literal braces, counting and seeded rendering."""

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.show.templates import Node, Template, TemplateError, Var, Variant

VALUES = {"name": "龙井", "price": "168", "time": "20:00"}


def test_plain_text() -> None:
    t = Template.parse("今天大家好")
    assert t.nodes == ("今天大家好",)
    assert t.render(VALUES) == "今天大家好"
    assert t.variant_count() == 1 and t.variables() == []


def test_variables_are_filled() -> None:
    t = Template.parse("{name}今天只要{price}元")
    assert [v.name for v in t.variables()] == ["name", "price"]
    assert [v.column for v in t.variables()] == [1, 11]
    assert t.render(VALUES) == "龙井今天只要168元"


def test_spaces_inside_variable_braces_are_ignored() -> None:
    assert Template.parse("{ price }元").render(VALUES) == "168元"


def test_missing_value_raises_key_error() -> None:
    with pytest.raises(KeyError):
        Template.parse("{stock}").render(VALUES)


def test_literal_braces() -> None:
    t = Template.parse("{{price}} is {price}, a }} and a {{")
    assert t.variables()[0].name == "price" and len(t.variables()) == 1
    assert t.render(VALUES) == "{price} is 168, a } and a {"
    assert t.variant_count() == 1


def test_variants_and_count() -> None:
    t = Template.parse("{欢迎|大家好|你好}，{朋友们|家人们}")
    assert t.variant_count() == 6
    assert isinstance(t.nodes[0], Variant)


def test_nested_variants() -> None:
    t = Template.parse("{a|b{c|d}}!")
    assert t.variant_count() == 3
    seen = {t.render({}, random.Random(i)) for i in range(200)}
    assert seen == {"a!", "bc!", "bd!"}


def test_variables_inside_variants() -> None:
    t = Template.parse("{只要{price}元|{name}特价}")
    assert [v.name for v in t.variables()] == ["price", "name"]
    assert {t.render(VALUES, random.Random(i)) for i in range(100)} == {"只要168元", "龙井特价"}


def test_empty_option_makes_a_part_optional() -> None:
    t = Template.parse("好{哦|}")
    assert t.variant_count() == 2
    assert {t.render({}, random.Random(i)) for i in range(100)} == {"好哦", "好"}


def test_plain_shows_first_options_and_variable_names() -> None:
    assert Template.parse("{欢迎|你好}，{name}{{x}}").plain() == "欢迎，{name}{x}"


def test_same_seed_gives_the_same_sequence() -> None:
    t = Template.parse("{a|b|c|d}{1|2|3}{x|y}")
    rng1, rng2 = random.Random(42), random.Random(42)
    first = [t.render({}, rng1) for _ in range(30)]
    second = [t.render({}, rng2) for _ in range(30)]
    assert first == second
    assert len(set(first)) > 3  # and it is not one text repeated


def test_different_seeds_differ_somewhere() -> None:
    t = Template.parse("{a|b|c|d}{1|2|3}{x|y}")
    runs = {tuple(t.render({}, random.Random(seed)) for _ in range(10)) for seed in range(5)}
    assert len(runs) > 1


def test_avoid_gives_a_different_text_when_there_is_one() -> None:
    t = Template.parse("{欢迎|大家好}")
    for seed in range(50):
        assert t.render({}, random.Random(seed), avoid={"欢迎"}) == "大家好"
        assert t.render({}, random.Random(seed), avoid=["大家好"]) == "欢迎"


def test_avoid_finds_the_one_text_left_among_many() -> None:
    t = Template.parse("{a|b|c|d|e}{|!}")
    left = "e!"
    avoid = {x + y for x in "abcde" for y in ("", "!")} - {left}
    assert all(t.render({}, random.Random(seed), avoid=avoid) == left for seed in range(200))


def test_avoid_is_deterministic_under_a_seed() -> None:
    t = Template.parse("{a|b|c}{1|2}")
    one = [t.render({}, r, avoid={"a1", "b2"}) for r in [random.Random(3)] for _ in range(20)]
    two = [t.render({}, r, avoid={"a1", "b2"}) for r in [random.Random(3)] for _ in range(20)]
    assert one == two and not {"a1", "b2"} & set(one)


def test_avoid_without_alternatives_still_renders() -> None:
    assert Template.parse("只有一句").render({}, random.Random(1), avoid={"只有一句"}) == "只有一句"
    t = Template.parse("{a|b}")
    assert t.render({}, random.Random(1), avoid={"a", "b"}) in {"a", "b"}


def test_all_variants_eventually_appear() -> None:
    t = Template.parse("{欢迎|大家好|欢迎新朋友}，{喜欢|想要}的{抓紧|快拍}")
    rng = random.Random(7)
    seen = {t.render({}, rng) for _ in range(1000)}
    assert len(seen) == t.variant_count() == 12


def test_render_without_rng_works() -> None:
    assert Template.parse("{a|b}").render({}) in {"a", "b"}


@pytest.mark.parametrize(("text", "message", "column"), [
    ("大家好{欢迎", "a '{' that is never closed", 4),
    ("{a|b", "a '{' that is never closed", 1),
    ("ab}", "a '}' without a matching '{'", 3),
    ("{a|b}}", "a '}' without a matching '{'", 6),
    ("x{}", "empty braces '{}'", 2),
    ("{1abc}", "'{1abc}' is neither a variable nor a choice of variants", 1),
    ("{a b}", "'{a b}' is neither a variable nor a choice of variants", 1),
])
def test_syntax_errors_carry_message_and_column(text: str, message: str, column: int) -> None:
    with pytest.raises(TemplateError) as exc:
        Template.parse(text)
    assert exc.value.message == message
    assert exc.value.column == column
    assert exc.value.hint


def test_template_error_is_a_value_error() -> None:
    assert issubclass(TemplateError, ValueError)


def test_too_deep_nesting_is_a_template_error() -> None:
    with pytest.raises(TemplateError) as exc:
        Template.parse("{|" * 500 + "}" * 500)
    assert "nest" in exc.value.message


def test_reasonable_nesting_is_fine() -> None:
    t = Template.parse("{a|" * 20 + "b" + "}" * 20)
    assert t.variant_count() == 21


def test_variant_count_is_capped() -> None:
    t = Template.parse("{a|b|c|d|e|f|g|h|i|j}" * 12)
    assert t.variant_count() == 10**9


def test_var_nodes() -> None:
    assert Template.parse("x{price}").nodes == ("x", Var("price", 2))


# ---- the one variant expander: what a line can say, in one deterministic order ----

def _every_text(nodes: tuple[Node, ...], values: Mapping[str, str]) -> list[str]:
    """The plain definition the expander must agree with: the full product, first node slowest."""
    texts = [""]
    for n in nodes:
        if isinstance(n, str):
            parts = [n]
        elif isinstance(n, Var):
            parts = [values.get(n.name, "")]
        else:
            parts = [t for opt in n.options for t in _every_text(opt, values)]
        texts = [a + b for a in texts for b in parts]
    return texts


def test_texts_in_order_last_variant_fastest() -> None:
    t = Template.parse("{a|b}{c|d|e}")
    assert list(t.texts({})) == ["ac", "ad", "ae", "bc", "bd", "be"]
    assert list(t.texts({}, 4)) == ["ac", "ad", "ae", "bc"]
    assert list(Template.parse("{x{1|2}|y}z{price}").texts(VALUES)) == ["x1z168", "x2z168", "yz168"]
    assert list(Template.parse("").texts({})) == [""]


def test_texts_say_nothing_for_a_missing_variable() -> None:
    assert list(Template.parse("{只要{price}元|{stock}件}").texts(VALUES)) == ["只要168元", "件"]


def test_expansions_keep_variables_for_the_caller_to_fill() -> None:
    (only,) = Template.parse("只要{price}元").expansions()
    assert only == ("只要", Var("price", 3), "元")


def test_every_option_is_listed_before_the_first_combinations() -> None:
    t = Template.parse("{a|b|c}{d|e|{f|g}}")
    texts = ["".join(str(n) for n in e) for e in t.expansions(4, every_option=True)]
    # option k (modulo their count) at every variant, nested ones too; then the first 4 in order
    assert texts == ["ad", "be", "cf", "ad", "ae", "af", "ag"]
    # within the limit nothing is added: the enumeration is complete anyway
    assert ["".join(str(n) for n in e) for e in t.expansions(12, every_option=True)] == [
        "ad", "ae", "af", "ag", "bd", "be", "bf", "bg", "cd", "ce", "cf", "cg"]


def test_a_long_line_of_many_variants_is_enumerated_lazily() -> None:
    t = Template.parse("x{a|b}" * 333)  # 666 nodes, 2**333 texts
    first = list(t.texts({}, 3))
    assert first == ["xa" * 333, "xa" * 332 + "xb", "xa" * 331 + "xbxa"]
    assert len(list(t.expansions(3, every_option=True))) == 2 + 3


_options = st.recursive(
    st.text("abc", max_size=2),
    lambda inner: st.lists(inner, min_size=1, max_size=3).map(lambda opts: "{" + "|".join(opts) + "}"),
    max_leaves=6,
)
_templates = st.lists(st.one_of(_options, st.just("{price}"), st.just("{stock}")), max_size=4).map("".join)


@settings(max_examples=200, deadline=None)
@given(source=_templates, limit=st.one_of(st.none(), st.integers(0, 30)))
def test_texts_agree_with_the_full_product(source: str, limit: int | None) -> None:
    try:
        t = Template.parse(source)
    except TemplateError:
        return  # "{a}" alone is a variable name, "{}" is refused: not this test's concern
    everything = _every_text(t.nodes, VALUES)
    assert list(t.texts(VALUES, limit)) == everything[:limit]
    assert len(everything) == t.variant_count()
