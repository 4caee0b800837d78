"""Product and show values: required keys, prices, unknown keys, duplicates — located exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio.core.problems import Severity

SHOW = 'title = "Test show"\n\n[rundowns.main]\nproducts = ["tea"]\n'


def product(*lines: str, pitch: str = 'pitch = ["今天只要{price}元"]') -> str:
    return "\n".join([*lines, pitch]) + "\n"


# ---- required keys ------------------------------------------------------------------------------

def test_missing_title(make_show, load, only) -> None:
    result = load(make_show(show='language = "zh-CN"\n\n[rundowns.main]\nproducts = ["tea"]\n'))
    p = only(result)
    assert (p.file, p.line, p.key, p.severity) == ("show.toml", 1, "title", Severity.ERROR)
    assert p.format() == 'show.toml:1: error: title: is required (add title = "…")'


def test_missing_name(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": product("price = 1")})))
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 1, "name", Severity.ERROR)
    assert p.message == "is required"


def test_missing_price(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": product('name = "x"')})))
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 1, "price", Severity.ERROR)
    assert p.format() == "products/tea.toml:1: error: price: is required (add price = 99.9)"


def test_title_must_be_text(make_show, load, only) -> None:
    p = only(load(make_show(show='title = 5\n[rundowns.main]\nproducts = ["tea"]\n')))
    assert (p.line, p.key, p.message) == (1, "title", "must be text, got the number 5")


# ---- prices -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    ('"abc"', 'text "abc"'),
    ("true", "true (true/false)"),
    ("[1, 2]", "a list"),
    ('"NaN"', 'text "NaN"'),
    ("nan", "the number nan"),
    ("inf", "the number inf"),
])
def test_price_that_is_not_a_number(make_show, load, only, value: str, shown: str) -> None:
    p = only(load(make_show(products={"tea": product('name = "x"', "", f"price = {value}")})))
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 3, "price", Severity.ERROR)
    assert p.message == f"must be a number, got {shown}"
    assert p.hint == "write price = 168.5, without a currency sign or words"


def test_negative_price(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": product('name = "x"', "price = -5")})))
    assert (p.line, p.key, p.severity, p.message) == (2, "price", Severity.ERROR, "must not be negative, got -5")


def test_implausibly_large_price(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": product('name = "x"', "price = 1e12")})))
    assert p.key == "price" and p.message.startswith("is implausibly large")


def test_huge_integer_price_is_shortened_in_the_message(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": product('name = "x"', "price = " + "9" * 400)})))
    assert p.key == "price" and len(p.message) < 80


@pytest.mark.parametrize(("written", "expected"), [
    ('"168.50"', Decimal("168.50")),
    ('"¥168.5"', Decimal("168.5")),
    ('"1,299"', Decimal("1299")),
    ("168.5", Decimal("168.5")),
    ("19.99", Decimal("19.99")),
    ("99", Decimal("99")),
    ("0", Decimal("0")),
])
def test_prices_accepted_as_decimal(make_show, load, written: str, expected: Decimal) -> None:
    result = load(make_show(products={"tea": product('name = "x"', f"price = {written}")}))
    assert result.problems == ()
    price = result.show.product("tea").price
    assert isinstance(price, Decimal) and price == expected


def test_price_string_keeps_its_exact_decimal(make_show, load) -> None:
    result = load(make_show(products={"tea": product('name = "x"', 'price = "168.50"')}))
    assert str(result.show.product("tea").price) == "168.50"


def test_original_price_below_price_is_a_warning(make_show, load, only) -> None:
    result = load(make_show(products={"tea": product('name = "x"', "price = 168", "original_price = 100")}))
    p = only(result)
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 3, "original_price", Severity.WARNING)
    assert p.message == "the original price 100 is below the price 168"
    assert result.ok
    tea = result.show.product("tea")
    assert tea.saving is None and tea.discount_ratio is None


def test_original_price_above_price_gives_saving(make_show, load) -> None:
    result = load(make_show(products={"tea": product('name = "x"', "price = 168", "original_price = 238")}))
    assert result.problems == ()
    assert result.show.product("tea").saving == Decimal(70)


def test_currency_defaults_and_checks(make_show, load, only) -> None:
    result = load(make_show(products={"tea": product('name = "x"', "price = 1")}))
    assert result.show.product("tea").currency == "CNY"
    p = only(load(make_show(products={"tea": product('name = "x"', "price = 1", 'currency = "yuan"')})))
    assert (p.line, p.key, p.severity) == (3, "currency", Severity.ERROR)
    p = only(load(make_show(products={"tea": product('name = "x"', "price = 1", 'currency = "XYZ"')})))
    assert (p.line, p.key, p.severity) == (3, "currency", Severity.WARNING)


def test_stock_must_be_a_whole_number(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": product('name = "x"', "price = 1", "stock = 2.5")})))
    assert (p.line, p.key, p.message) == (3, "stock", "must be a whole number, got the number 2.5")
    p = only(load(make_show(products={"tea": product('name = "x"', "price = 1", "stock = -1")})))
    assert (p.line, p.key, p.message) == (3, "stock", "must be between 0 and 10000000, got -1")


def test_flash_sale_end(make_show, load, only) -> None:
    from datetime import time
    result = load(make_show(products={"tea": product('name = "x"', "price = 1", 'flash_sale_end = "21:00"')}))
    assert result.show.product("tea").flash_sale_end == time(21, 0)
    p = only(load(make_show(products={"tea": product('name = "x"', "price = 1", 'flash_sale_end = "soon"')})))
    assert (p.line, p.key, p.severity) == (3, "flash_sale_end", Severity.ERROR)


# ---- unknown keys -------------------------------------------------------------------------------

def test_unknown_product_key_suggests_the_right_one(make_show, load, only) -> None:
    result = load(make_show(products={"tea": product('name = "x"', "price = 1", "prcie = 2")}))
    p = only(result)
    assert (p.file, p.line, p.key, p.severity) == ("products/tea.toml", 3, "prcie", Severity.WARNING)
    assert p.format() == ("products/tea.toml:3: warning: prcie: unknown key 'prcie' is ignored "
                          "(did you mean 'price'?)")
    assert result.ok


def test_selling_point_suggests_selling_points(make_show, load, only) -> None:
    p = only(load(make_show(products={"tea": product('name = "x"', "price = 1", 'selling_point = ["a"]')})))
    assert (p.line, p.key, p.hint) == (3, "selling_point", "did you mean 'selling_points'?")


def test_unknown_show_keys_and_nested_keys(make_show, load, only) -> None:
    show = 'title = "t"\ntitel = "x"\n[voice]\nrte = 100\n[rundowns.main]\nproducts = ["tea"]\nshufle = true\n'
    result = load(make_show(show=show))
    assert only(result, key="titel").line == 2
    p = only(result, key="voice.rte")
    assert (p.line, p.hint) == (4, "did you mean 'rate'?")
    p = only(result, key="rundowns.main.shufle")
    assert (p.line, p.hint, p.severity) == (7, "did you mean 'shuffle'?", Severity.WARNING)


def test_unknown_table_in_show_toml_is_located(make_show, load, only) -> None:
    # [products.tea] in show.toml: the key `products` is defined by the header on line 3.
    show = SHOW + '\n[products.tea]\nname = "x"\n'
    p = only(load(make_show(show=show)), key="products")
    assert (p.file, p.line, p.severity) == ("show.toml", 6, Severity.WARNING)


def test_unknown_dotted_key_is_located(make_show, load, only) -> None:
    show = SHOW.replace('title = "Test show"\n', 'title = "Test show"\nvoise.rate = 100\n')
    p = only(load(make_show(show=show)), key="voise")
    assert (p.line, p.hint) == (2, "did you mean 'voice'?")


# ---- duplicates ---------------------------------------------------------------------------------

def test_duplicate_product_ids_name_the_other_file(make_show, load, only) -> None:
    other = '# the same tea again\n\nid = "tea"\nname = "y"\nprice = 2\npitch = ["hi"]\n'
    result = load(make_show(products={"tea": product('name = "x"', "price = 1"), "tea2": other}))
    p = only(result)
    assert (p.file, p.line, p.key, p.severity) == ("products/tea2.toml", 3, "id", Severity.ERROR)
    assert p.message == "product id 'tea' is also used by products/tea.toml"
    assert p.hint == "ids must be unique"


def test_duplicate_ids_both_given_by_key(make_show, load, only) -> None:
    a = 'id = "same"\nname = "a"\nprice = 1\npitch = ["hi"]\n'
    b = 'name = "b"\nprice = 1\npitch = ["hi"]\nid = "same"\n'
    show = SHOW.replace('["tea"]', '["same"]')
    p = only(load(make_show(show=show, products={"a": a, "b": b})))
    assert (p.file, p.line, p.message) == ("products/b.toml", 4, "product id 'same' is also used by products/a.toml")


# ---- show settings ------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "key", "severity"), [
    ('language = "zh_CN"', "language", Severity.ERROR),
    ('language = "fr-FR"', "language", Severity.WARNING),
    ('canvas = "square"', "canvas", Severity.ERROR),
    ("fps = 120", "fps", Severity.ERROR),
    ('avatar = "robot"', "avatar", Severity.ERROR),
    ('background = "#12345"', "background", Severity.ERROR),
    ("ticker = 5", "ticker", Severity.ERROR),
])
def test_show_setting_problems_are_located(make_show, load, only, line: str, key: str, severity) -> None:
    show = 'title = "t"\n\n' + line + '\n[rundowns.main]\nproducts = ["tea"]\n'
    p = only(load(make_show(show=show)))
    assert (p.file, p.line, p.key, p.severity) == ("show.toml", 3, key, severity)


def test_voice_and_pause_ranges(make_show, load, only) -> None:
    show = SHOW + "\n[voice]\nvolume = 2\nrate = 10\n[pauses]\nbetween_lines = -1\n"
    result = load(make_show(show=show))
    assert only(result, key="voice.volume").line == 7
    assert only(result, key="voice.rate").message == "must be between 60 and 400, got 10"
    p = only(result, key="pauses.between_lines")
    assert (p.line, p.message) == (10, "must be between 0 and 30 seconds, got -1")


def test_huge_numbers_in_settings_do_not_crash(make_show, load, only) -> None:
    show = SHOW + "\n[voice]\nvolume = " + "9" * 400 + "\n"
    p = only(load(make_show(show=show)), key="voice.volume")
    assert p.line == 7 and p.is_error


def test_show_settings_are_read(make_show, load) -> None:
    show = """\
title = "Night"
language = "en-US"
canvas = "landscape"
fps = 25
background = "chroma"
ticker = "Free shipping"
[voice]
rate = 200
[pauses]
between_products = 2.5
[rundowns.main]
products = ["tea"]
"""
    result = load(make_show(show=show))
    assert result.problems == ()
    s = result.show
    assert (s.language, s.canvas, s.fps, s.background.kind, s.ticker) == (
        "en-US", (1920, 1080), 25, "chroma", ("Free shipping",))
    assert s.voice.rate == 200 and s.pauses.between_products == 2.5
    assert s.disclosure == "AI-generated host"


# ---- rundowns -----------------------------------------------------------------------------------

def test_unknown_product_in_rundown(make_show, load, only) -> None:
    show = 'title = "t"\n\n[rundowns.main]\nproducts = ["tea", "tee"]\n'
    p = only(load(make_show(show=show)))
    assert (p.file, p.line, p.key, p.severity) == ("show.toml", 4, "rundowns.main.products[1]", Severity.ERROR)
    assert p.format() == ("show.toml:4: error: rundowns.main.products[1]: unknown product 'tee' "
                          "(did you mean 'tea'?)")


def test_unknown_product_in_a_multiline_rundown(make_show, load, only) -> None:
    show = 'title = "t"\n\n[rundowns.main]\nproducts = [\n  "tea",\n  { id = "coffee", repeat = 2 },\n]\n'
    p = only(load(make_show(show=show)))
    assert (p.line, p.key) == (6, "rundowns.main.products[1]")
    assert p.message == "unknown product 'coffee'"


def test_rundown_item_repeat(make_show, load, only) -> None:
    show = 'title = "t"\n[rundowns.main]\nproducts = [{ id = "tea", repeat = 3 }]\n'
    result = load(make_show(show=show))
    assert result.show.rundown("main").items[0].repeat == 3
    show = 'title = "t"\n[rundowns.main]\nproducts = [{ id = "tea", repeat = 0 }]\n'
    p = only(load(make_show(show=show)))
    assert (p.line, p.key) == (3, "rundowns.main.products[0].repeat")


def test_empty_rundown(make_show, load, only) -> None:
    p = only(load(make_show(show='title = "t"\n[rundowns.main]\nproducts = []\n')))
    assert (p.line, p.key, p.message) == (3, "rundowns.main.products", "the rundown is empty")


def test_rundown_without_products(make_show, load, only) -> None:
    p = only(load(make_show(show='title = "t"\n\n[rundowns.main]\ntitle = "x"\n')))
    assert (p.line, p.key, p.message) == (3, "rundowns.main.products", "a rundown needs products")


def test_no_rundowns_plays_everything_with_a_warning(make_show, load, only) -> None:
    result = load(make_show(show='title = "t"\n'))
    p = only(result)
    assert (p.line, p.key, p.severity) == (1, "rundowns", Severity.WARNING)
    assert [r.id for r in result.show.rundowns] == ["all"]


def test_a_broken_product_does_not_also_fail_the_rundown(make_show, load) -> None:
    # The price error is reported once, in the product file; the rundown naming it stays quiet.
    show_txt = SHOW.replace('["tea"]', '["tea", "bad"]')
    result = load(make_show(show=show_txt, products={"tea": product('name = "x"', 'price = "abc"'), "bad": "x = "}))
    assert sorted(p.file for p in result.problems) == ["products/bad.toml", "products/tea.toml"]
    assert result.show is None


def test_rundowns_of_the_wrong_type_is_one_error(make_show, load, only) -> None:
    p = only(load(make_show(show='title = "t"\nrundowns = ["tea"]\n')))
    assert (p.line, p.key, p.message) == (2, "rundowns", "must be a table, got a list")


def test_empty_rundowns_table(make_show, load, only) -> None:
    p = only(load(make_show(show='title = "t"\n\n[rundowns]\n')))
    assert (p.line, p.key, p.message) == (3, "rundowns", "no rundowns defined")


def test_empty_product_id_in_rundown_is_a_warning(make_show, load, only) -> None:
    result = load(make_show(show='title = "t"\n[rundowns.main]\nproducts = ["", "tea"]\n'))
    p = only(result)
    assert (p.line, p.key, p.severity) == (3, "rundowns.main.products[0]", Severity.WARNING)
    assert [i.product for i in result.show.rundown("main").items] == ["tea"]
