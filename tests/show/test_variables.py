"""Variable values: amounts, discounts and the time, as a host would say them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from studio.show.model import Product
from studio.show.variables import (
    VARIABLES,
    format_amount,
    format_discount,
    product_variables,
    show_variables,
)

NOW = datetime(2026, 11, 27, 20, 5)


def tea(**kw) -> Product:
    base = {"id": "tea", "name": "明前龙井", "price": Decimal(168), "original_price": Decimal(238)}
    base.update(kw)
    return Product(**base)


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("168.50"), "168.5"),
    (Decimal("99"), "99"),
    (Decimal("99.00"), "99"),
    (Decimal("19.99"), "19.99"),
    (Decimal("0.005"), "0.01"),
    (Decimal("1E+3"), "1000"),
    (Decimal("0"), "0"),
])
def test_format_amount(value: Decimal, text: str) -> None:
    assert format_amount(value) == text


def test_discount_in_chinese() -> None:
    assert format_discount(tea(), "zh-CN") == "7.1折"
    assert format_discount(tea(price=Decimal(119), original_price=Decimal(238)), "zh-CN") == "5折"
    assert format_discount(tea(price=Decimal(75), original_price=Decimal(100)), "zh") == "7.5折"


def test_discount_in_english() -> None:
    assert format_discount(tea(), "en-US") == "29% off"
    assert format_discount(tea(price=Decimal(75), original_price=Decimal(100)), "en-GB") == "25% off"


def test_no_discount_without_a_higher_original_price() -> None:
    assert format_discount(tea(original_price=None), "zh-CN") == ""
    assert format_discount(tea(original_price=Decimal(100)), "en-US") == ""
    assert format_discount(tea(original_price=Decimal(168)), "en-US") == ""


def test_product_variables() -> None:
    values = product_variables(tea(stock=500, link="1号链接"), "zh-CN", NOW)
    assert values == {
        "name": "明前龙井", "price": "168", "original_price": "238", "saving": "70",
        "discount": "7.1折", "stock": "500", "time": "20:05", "link": "1号链接",
    }
    assert set(values) == set(VARIABLES)


def test_product_variables_with_missing_data() -> None:
    values = product_variables(tea(original_price=None), "en-US", NOW)
    assert values["original_price"] == values["saving"] == values["discount"] == values["stock"] == ""


def test_original_price_of_zero_is_still_said() -> None:
    assert product_variables(tea(original_price=Decimal(0)), "zh-CN", NOW)["original_price"] == "0"


def test_decimal_prices_are_spoken_short() -> None:
    values = product_variables(tea(price=Decimal("19.90"), original_price=Decimal("29.90")), "en-US", NOW)
    assert (values["price"], values["original_price"], values["saving"]) == ("19.9", "29.9", "10")


def test_time_from_a_given_datetime() -> None:
    assert show_variables(datetime(2026, 1, 1, 9, 7)) == {"time": "09:07"}
    assert product_variables(tea(), "zh-CN", datetime(2026, 1, 1, 23, 59))["time"] == "23:59"
