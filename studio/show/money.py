"""Prices as people write them: the one money parser of show files, the console and supplier CSVs.

"168", "168.50", "￥168", "168元", "US$ 19.99", "1,680.50" and full-width "１６８" all read the
same everywhere. A comma only ever separates thousands, so it must be followed by exactly three
digits: "1,68" or "19,5" (a decimal comma) is refused with a hint, never read as 168 or 195.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

# Currency marks a price may carry before or after the amount; longer ones first ("US$" before "$").
CURRENCY_MARKS = ("US$", "USD", "RMB", "CNY", "EUR", "GBP", "¥", "￥", "元", "$", "€", "£")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．＋－＄", "0123456789,.+-$")
_AMOUNT = re.compile(r"(?P<whole>[0-9]+(?:,[0-9]+)*)?(?:\.(?P<fraction>[0-9]*))?")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*")


class MoneyError(ValueError):
    """Text that is not an amount; `hint` says how to write it when there is more to say than
    "a number" (callers word the rest themselves)."""

    def __init__(self, text: str, hint: str = "") -> None:
        super().__init__(text)
        self.text = text
        self.hint = hint


def parse_money(text: str) -> Decimal:
    """The amount in `text`, keeping the decimals written ("168.50" → Decimal("168.50")).

    A sign is kept (a negative price is the caller's to refuse); MoneyError when the text is not
    one amount with at most one currency mark on each side.
    """
    rest = text.translate(_FULL_WIDTH).strip()
    sign, rest = _sign(rest)
    rest = _strip_mark(rest, leading=True)
    if not sign:
        sign, rest = _sign(rest)  # "¥-5" as well as "-¥5"
    rest = _strip_mark(rest, leading=False)
    m = _AMOUNT.fullmatch(rest)
    if m is None or not (m.group("whole") or m.group("fraction")):
        raise MoneyError(text)
    whole = m.group("whole") or "0"
    if "," in whole and not _THOUSANDS.fullmatch(whole):
        raise MoneyError(text, _comma_hint(whole, m.group("fraction")))
    fraction = m.group("fraction")
    return Decimal(sign + whole.replace(",", "") + ("." + fraction if fraction else ""))


def money_value(value: object) -> Decimal:
    """A typed value as an amount: a whole number, a float (as written), a Decimal, or text that
    `parse_money` reads; MoneyError for anything else (true/false, nan, inf, lists…)."""
    if isinstance(value, bool):
        raise MoneyError(str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MoneyError(str(value))
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(str(value))
        return value
    if isinstance(value, str):
        return parse_money(value)
    raise MoneyError(str(value))


def _sign(text: str) -> tuple[str, str]:
    if text[:1] in ("+", "-"):
        return ("-" if text[0] == "-" else ""), text[1:].lstrip()
    return "", text


def _strip_mark(text: str, leading: bool) -> str:
    """`text` without one currency mark at its start (or end), matched without regard to case."""
    for mark in CURRENCY_MARKS:
        if leading and text[: len(mark)].upper() == mark:
            return text[len(mark):].lstrip()
        if not leading and text[len(text) - len(mark):].upper() == mark:
            return text[: len(text) - len(mark)].rstrip()
    return text


def _comma_hint(whole: str, fraction: str | None) -> str:
    hint = "a comma separates thousands and is followed by three digits, as in 1,680"
    if whole.count(",") == 1 and fraction is None:
        return hint + f"; for a decimal write a point: {whole.replace(',', '.')}"
    return hint
