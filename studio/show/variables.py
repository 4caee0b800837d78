"""The values of line variables (`{price}`, `{discount}`, `{time}`…) for a product at a moment."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from studio.show.model import Product

# name → what it needs from the product to have a value (None: always available)
VARIABLES: dict[str, str | None] = {
    "name": None,
    "price": None,
    "original_price": "original_price",
    "saving": "original_price",
    "discount": "original_price",
    "stock": "stock",
    "time": None,
    "link": "link",
}
# Lines that belong to no product (filler) can only use these.
SHOW_VARIABLES = ("time",)

CURRENCY_SYMBOLS = {
    "CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$", "TWD": "NT$",
    "KRW": "₩", "SGD": "S$", "AUD": "A$", "CAD": "C$", "MYR": "RM", "THB": "฿", "IDR": "Rp",
    "VND": "₫", "PHP": "₱", "INR": "₹",
}


def format_amount(value: Decimal) -> str:
    """168.50 → '168.5', 99.00 → '99', 19.99 → '19.99': how a host says a price."""
    q = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_discount(product: Product, language: str) -> str:
    """Chinese 折 (7折, 7.5折) or English 'N% off' for the product's markdown; '' without one."""
    ratio = product.discount_ratio
    if ratio is None:
        return ""
    if language.lower().startswith("zh"):
        zhe = (ratio * 10).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if zhe >= 10:  # a tiny markdown must not read as "10折" (no discount at all)
            zhe = (ratio * 10).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{format_amount(zhe)}折"
    off = ((1 - ratio) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    if off < 1:
        off = ((1 - ratio) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{format_amount(off)}% off"


def product_variables(product: Product, language: str, now: datetime) -> dict[str, str]:
    """Every variable's value for `product`, spoken in `language`, at wall-clock time `now`."""
    saving = product.saving
    return {
        "name": product.name,
        "price": format_amount(product.price),
        "original_price": (format_amount(product.original_price)
                           if product.original_price is not None else ""),
        "saving": format_amount(saving) if saving is not None else "",
        "discount": format_discount(product, language),
        "stock": str(product.stock) if product.stock is not None else "",
        "time": now.strftime("%H:%M"),
        "link": product.link,
    }


def show_variables(now: datetime) -> dict[str, str]:
    """Values for lines that belong to no product (filler)."""
    return {"time": now.strftime("%H:%M")}
