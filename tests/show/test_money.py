"""One money parser: the same table of prices through every place a price is typed or read."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from studio.show.csv_import import read_products_csv
from studio.show.editing import EditError, ShowEditor
from studio.show.money import MoneyError, money_value, parse_money

# (as written, the amount) — the decimals written are kept: "168.50" stays 168.50.
GOOD = [
    ("168", "168"),
    ("168.50", "168.50"),
    ("0.5", "0.5"),
    ("  99.9 ", "99.9"),
    ("¥168", "168"),
    ("￥168", "168"),
    ("168元", "168"),
    ("￥168元", "168"),
    ("¥ 168", "168"),
    ("168 元", "168"),
    ("RMB 168", "168"),
    ("168rmb", "168"),
    ("CNY168", "168"),
    ("168 CNY", "168"),
    ("$19.99", "19.99"),
    ("US$19.99", "19.99"),
    ("USD 19.99", "19.99"),
    ("19.99 usd", "19.99"),
    ("€5", "5"),
    ("5 €", "5"),
    ("£5.50", "5.50"),
    ("1,680", "1680"),
    ("1,680.50", "1680.50"),
    ("¥1,299", "1299"),
    ("12,345,678", "12345678"),
    ("１６８", "168"),
    ("１，６８０．５", "1680.5"),
    ("￥１６８元", "168"),
    ("＄19.99", "19.99"),
]
# (as written, the hint the parser gives: "" when "not a number" says it all)
BAD = [
    ("1,68", "a comma separates thousands and is followed by three digits, as in 1,680; "
             "for a decimal write a point: 1.68"),
    ("19,5", "a comma separates thousands and is followed by three digits, as in 1,680; "
             "for a decimal write a point: 19.5"),
    ("1,6800", "a comma separates thousands and is followed by three digits, as in 1,680; "
               "for a decimal write a point: 1.6800"),
    ("1234,567", "a comma separates thousands and is followed by three digits, as in 1,680; "
                 "for a decimal write a point: 1234.567"),
    ("1,68.5", "a comma separates thousands and is followed by three digits, as in 1,680"),
    ("1,2,345", "a comma separates thousands and is followed by three digits, as in 1,680"),
    ("１，６８", "a comma separates thousands and is followed by three digits, as in 1,680; "
               "for a decimal write a point: 1.68"),
    ("abc", ""),
    ("十元", ""),
    ("元", ""),
    ("168 元 元", ""),
    ("$$5", ""),
    ("1e5", ""),
    ("NaN", ""),
    ("Infinity", ""),
    ("1 680", ""),
    ("1.2.3", ""),
    (",168", ""),
    ("168,", ""),
]

Price = Callable[[str], Decimal]


def test_parser_reads_the_table() -> None:
    for text, amount in GOOD:
        assert str(parse_money(text)) == amount, text
    for text, hint in BAD:
        with pytest.raises(MoneyError) as caught:
            parse_money(text)
        assert (caught.value.text, caught.value.hint) == (text, hint)


def test_sign_is_kept_for_the_caller_to_judge() -> None:
    assert parse_money("-5") == parse_money("-¥5") == parse_money("¥-5") == Decimal(-5)
    assert parse_money("+5") == Decimal(5)


def test_typed_values() -> None:
    assert str(money_value(168.5)) == "168.5" and money_value(168) == Decimal(168)
    assert money_value(Decimal("9.90")) == Decimal("9.90") and money_value("¥9.90") == Decimal("9.90")
    for value in (True, float("nan"), float("inf"), Decimal("NaN"), [1], None):
        with pytest.raises(MoneyError):
            money_value(value)


# ---- every caller, with the same table ----

def _loader(make_show: Callable[..., Path], load: Callable[[Path], object]) -> Callable[[str], object]:
    def price(text: str) -> object:
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        result = load(make_show(products={"tea": f'name = "x"\nprice = "{quoted}"\npitch = ["hi"]\n'}))
        return result.show.product("tea").price if result.ok else result.errors[0]
    return price


def test_show_files_read_the_table(make_show, load) -> None:
    price = _loader(make_show, load)
    for text, amount in GOOD:
        assert price(text) == Decimal(amount), text
    for text, hint in BAD:
        problem = price(text)
        assert problem.message == f'must be a number, got text "{text}"', text
        assert problem.hint == (hint or "write price = 168.5, without a currency sign or words"), text


def test_console_reads_the_table() -> None:
    from studio.ui.console.draft import parse_money as console_money

    for text, amount in GOOD:
        assert console_money(text) == Decimal(amount), text
    for text, _ in BAD:
        with pytest.raises(MoneyError):
            console_money(text)
    assert console_money("  ") is None  # a blank field is unset
    with pytest.raises(ValueError, match=r"^-5$"):
        console_money("-5")


def _csv(tmp_path: Path, rows: list[str]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "price"])
    writer.writerows([f"p{i}", text] for i, text in enumerate(rows))
    path = tmp_path / "prices.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_csv_import_reads_the_table(make_show, tmp_path: Path) -> None:
    editor = ShowEditor(make_show())
    preview = read_products_csv(_csv(tmp_path, [text for text, _ in GOOD]), editor)
    assert preview.problems == []
    assert [p.price for p in preview.products] == [Decimal(a) for _, a in GOOD]
    preview = read_products_csv(_csv(tmp_path, [text for text, _ in BAD]), editor)
    assert preview.products == []
    assert [(p.message, p.hint) for p in preview.problems] == [
        (f"price is not a number: '{text}'", hint) for text, hint in BAD]


def test_editor_writes_the_table(make_show) -> None:
    editor = ShowEditor(make_show())
    for text, amount in GOOD:
        editor.set_product_field("tea", "price", text)
        assert editor.text_of("products/tea.toml").splitlines()[1] == f"price = {amount}", text
    for text, hint in BAD:
        with pytest.raises(EditError) as caught:
            editor.set_product_field("tea", "price", text)
        assert str(caught.value) == f"price must be a number, got '{text}'" + (f" ({hint})" if hint else "")
