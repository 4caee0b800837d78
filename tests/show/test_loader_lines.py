"""Pitch, FAQ and filler lines: variables, template syntax and cues, located to the element."""

from __future__ import annotations

import pytest

from studio.core.problems import Severity

SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n'
HEAD = 'name = "明前龙井"\nprice = 168\n'


def with_pitch(pitch: str, head: str = HEAD) -> dict[str, str]:
    return {"tea": head + pitch}


def test_unknown_variable_with_did_you_mean(make_show, load, only) -> None:
    result = load(make_show(products=with_pitch('pitch = [\n  "hello",\n  "只要{prcie}元",\n]\n')))
    p = only(result)
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 5, "pitch[1]", Severity.ERROR)
    assert p.format() == "products/tea.toml:5: error: pitch[1]: unknown variable {prcie} (did you mean 'price'?)"


def test_unknown_variable_with_nothing_close_lists_the_variables(make_show, load, only) -> None:
    p = only(load(make_show(products=with_pitch('pitch = ["{zzz}"]\n'))))
    assert p.message == "unknown variable {zzz}"
    assert p.hint.startswith("variables: {name}, {price}")
    assert p.hint.endswith("write {{ and }} for literal braces")


def test_stock_variable_without_stock(make_show, load, only) -> None:
    p = only(load(make_show(products=with_pitch('pitch = ["只剩{stock}件"]\n'))))
    assert (p.line, p.key, p.severity) == (3, "pitch[0]", Severity.ERROR)
    assert p.message == "{stock} needs the product's stock, which is missing"
    assert p.hint == "set stock in this file, or remove {stock}"


@pytest.mark.parametrize("var", ["saving", "discount", "original_price"])
def test_markdown_variables_without_original_price(make_show, load, only, var: str) -> None:
    p = only(load(make_show(products=with_pitch(f'pitch = ["省{{{var}}}"]\n'))))
    assert (p.line, p.key) == (3, "pitch[0]")
    assert p.message.startswith(f"{{{var}}} needs the product's original_price, which is missing")


def test_saving_when_original_price_is_not_above_the_price(make_show, load) -> None:
    head = HEAD + "original_price = 100\n"
    result = load(make_show(products=with_pitch('pitch = ["原价{original_price}，省{saving}"]\n', head)))
    errors = [p for p in result.problems if p.is_error]
    assert [p.message for p in errors] == [
        "{saving} needs the product's original_price, which is missing or not above the price"]


def test_variables_available_when_data_present(make_show, load) -> None:
    head = HEAD + 'original_price = 238\nstock = 5\nlink = "1号链接"\n'
    pitch = 'pitch = ["{name}{price}{original_price}{saving}{discount}{stock}{time}{link}"]\n'
    assert load(make_show(products=with_pitch(pitch, head))).problems == ()


def test_product_variable_in_filler_needs_a_product(make_show, load, only) -> None:
    show = 'title = "t"\nfiller = [\n  "现在是{time}",\n  "今天{price}元",\n]\n[rundowns.main]\nproducts = ["tea"]\n'
    p = only(load(make_show(show=show)))
    assert (p.file, p.line, p.key, p.severity) == ("show.toml", 4, "filler[1]", Severity.ERROR)
    assert p.message == "{price} needs a product; filler lines can only use {time}"


@pytest.mark.parametrize(("text", "message"), [
    ("大家好{欢迎", "a '{' that is never closed (column 4)"),
    ("大家好}", "a '}' without a matching '{' (column 4)"),
    ("a{}b", "empty braces '{}' (column 2)"),
    ("{hello world}", "'{hello world}' is neither a variable nor a choice of variants (column 1)"),
])
def test_template_syntax_errors_with_column(make_show, load, only, text: str, message: str) -> None:
    p = only(load(make_show(products=with_pitch(f'pitch = ["ok", "{text}"]\n'))))
    assert (p.line, p.key, p.severity, p.message) == (3, "pitch[1]", Severity.ERROR, message)
    assert p.hint


def test_template_error_inside_array_of_tables(make_show, load, only) -> None:
    pitch = '[[pitch]]\ntext = "ok"\n\n[[pitch]]\ngesture = "point"\ntext = "价格{price"\n'
    p = only(load(make_show(products=with_pitch(pitch))))
    assert (p.line, p.key) == (6, "pitch[1]")
    assert p.message == "a '{' that is never closed (column 3)"


def test_literal_braces_are_fine(make_show, load) -> None:
    result = load(make_show(products=with_pitch('pitch = ["{{价格}}是{price}"]\n')))
    assert result.problems == ()
    assert result.show.product("tea").pitch[0].template.render({"price": "1"}) == "{价格}是1"


def test_too_deep_variants_are_an_error_not_a_crash(make_show, load, only) -> None:
    deep = "{a|" * 300 + "b" + "}" * 300
    p = only(load(make_show(products=with_pitch(f'pitch = ["{deep}"]\n'))))
    assert (p.file, p.key, p.severity) == ("products/tea.toml", "pitch[0]", Severity.ERROR)
    assert "nest" in p.message


@pytest.mark.parametrize(("cue", "key", "message", "hint"), [
    ('expression = "happy"', "expression", "unknown expression 'happy'",
     "expected one of: excited, neutral, smile, surprised, thinking"),
    ('gesture = "pointt"', "gesture", "unknown gesture 'pointt'", "did you mean 'point'?"),
    ('card = "flash"', "card", "unknown card 'flash'",
     "expected one of: hide, highlight_price, selling_points, show"),
    ("gesture = 3", "gesture", "unknown gesture 'the number 3'", "expected one of: nod, point, present, wave"),
    ('language = "en US"', "language", "'en US' is not a language tag", "write en-US, zh-CN, …"),
    ("pause = 61", "pause", "must be between 0 and 60 seconds, got 61", ""),
    ("pause = -0.5", "pause", "must be between 0 and 60 seconds, got -0.5", ""),
    ('pause = "long"', "pause", 'must be a number, got text "long"', "write pause = 0"),
    ("wait = 1", "wait", "unknown key 'wait' is ignored", ""),
])
def test_bad_cues_in_inline_tables(make_show, load, only, cue: str, key: str, message: str, hint: str) -> None:
    pitch = f'pitch = [\n  "first",\n  {{ text = "second", {cue} }},\n]\n'
    p = only(load(make_show(products=with_pitch(pitch))))
    assert (p.file, p.line, p.key, p.message) == ("products/tea.toml", 5, f"pitch[1].{key}", message)
    if hint:
        assert p.hint == hint
    assert p.severity is (Severity.WARNING if key == "wait" else Severity.ERROR)


def test_bad_cue_in_array_of_tables(make_show, load, only) -> None:
    pitch = '[[pitch]]\ntext = "a"\n\n[[pitch]]\ntext = "b"\n\n[[pitch]]\ntext = "c"\ngesture = "wavee"\n'
    p = only(load(make_show(products=with_pitch(pitch))))
    assert (p.line, p.key) == (11, "pitch[2].gesture")
    assert p.format() == "products/tea.toml:11: error: pitch[2].gesture: unknown gesture 'wavee' (did you mean 'wave'?)"


def test_cues_are_read(make_show, load) -> None:
    pitch = ('pitch = [{ text = "Hi", language = "en-US", expression = "smile", gesture = "wave",'
             ' card = "show", pause = 0.8 }]\n')
    line = load(make_show(products=with_pitch(pitch))).show.product("tea").pitch[0]
    assert (line.language, line.expression, line.gesture, line.card, line.pause_after) == (
        "en-US", "smile", "wave", "show", 0.8)
    assert line.source.file == "products/tea.toml" and line.source.line == 3
    assert line.id == "tea/pitch/1"


def test_line_table_without_text(make_show, load, only) -> None:
    p = only(load(make_show(products=with_pitch('pitch = ["a", { gesture = "wave" }]\n'))))
    assert (p.line, p.key, p.message) == (3, "pitch[1].text", "a line needs text")


def test_empty_line_is_a_warning(make_show, load, only) -> None:
    result = load(make_show(products=with_pitch('pitch = ["a", "   "]\n')))
    p = only(result)
    assert (p.line, p.key, p.severity) == (3, "pitch[1]", Severity.WARNING)
    assert len(result.show.product("tea").pitch) == 1


def test_overlong_line(make_show, load, only) -> None:
    p = only(load(make_show(products=with_pitch('pitch = ["' + "长" * 2001 + '"]\n'))))
    assert (p.key, p.message) == ("pitch[0]", "the line is 2001 characters long; at most 2000")


def test_missing_pitch_is_a_warning(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": HEAD})))
    assert (p.line, p.key, p.severity) == (1, "pitch", Severity.WARNING)


def test_faq_problems_are_located(make_show, load, only) -> None:
    faq = ('pitch = ["hi"]\n\n[[faq]]\nkeywords = ["价格"]\nanswer = "{price}元"\n\n'
           '[[faq]]\nkeywords = ["库存"]\nanswer = ["还有{stock}件"]\n\n[[faq]]\nanswer = "x"\n')
    result = load(make_show(products=with_pitch(faq)))
    p = only(result, key="faq[1].answer[0]")
    assert p.line == 11 and p.message.startswith("{stock} needs")
    p = only(result, key="faq[2].keywords")
    assert (p.line, p.message) == (13, "an FAQ entry needs keywords")


def test_faq_is_read(make_show, load) -> None:
    faq = 'pitch = ["hi"]\n[[faq]]\nkeywords = ["价格", "多少钱"]\nanswer = "{price}元"\n'
    tea = load(make_show(products=with_pitch(faq))).show.product("tea")
    assert tea.faq[0].keywords == ("价格", "多少钱")
    assert tea.faq[0].answer[0].text == "{price}元"
    assert tea.faq[0].source.line == 4
