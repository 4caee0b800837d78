"""Values written into a show's TOML documents with their layout kept: the editor's errors, KEEP,
typed values as tomlkit items, and setting one key beside its neighbours, comment intact.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Item, Table
from tomlkit.toml_document import TOMLDocument

from studio.show.money import MoneyError, money_value


class EditError(ValueError):
    """An edit that cannot be made (or saved); the message says why, for people."""


class SaveConflict(EditError):
    """A file changed on disk since the editor read it; saving would overwrite someone's work."""


class Keep(enum.Enum):
    """The type of KEEP: "leave this value as it is"."""

    KEEP = "keep"


KEEP = Keep.KEEP  # "leave this as it is" (None means "remove it")

Cue = str | float | int | None | Keep


def money_item(value: object, key: str) -> Item:
    """A price as a TOML number, keeping the decimals given (Decimal("168.50") → 168.50)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise EditError(f"{key} must be a number, got {type(value).__name__}")
    try:
        amount = money_value(value)
    except MoneyError as exc:
        if not isinstance(value, str):
            raise EditError(f"{key} must be a finite number, got {value}") from None
        raise EditError(f"{key} must be a number, got '{value}'" + (f" ({exc.hint})" if exc.hint else "")) from None
    text = format(amount, "f")
    return tomlkit.value(text)


def text_item(value: object, key: str) -> Item:
    if not isinstance(value, str):
        raise EditError(f"{key} must be text, got {type(value).__name__}")
    return tomlkit.string(value)


def texts_item(value: object, key: str) -> Array:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise EditError(f"{key} must be a list of texts")
    items = list(value)
    if not all(isinstance(v, str) for v in items):
        raise EditError(f"{key} must be a list of texts")
    return tomlkit.array("[" + ", ".join(tomlkit.string(v).as_string() for v in items) + "]")


def unwrap(item: object) -> Any:
    return item.unwrap() if isinstance(item, Item) else item


def same(old: object, new: Item) -> bool:
    """True when writing `new` over `old` would not change the value (so leave the text alone)."""
    a, b = unwrap(old), unwrap(new)
    if type(a) is bool or type(b) is bool:
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return Decimal(repr(a) if isinstance(a, float) else a) == Decimal(repr(b) if isinstance(b, float) else b)
    return type(a) is type(b) and a == b


def set_key(table: Container | Table | TOMLDocument, key: str, item: Item | None,
             after: Sequence[str] = ()) -> bool:
    """Set or remove (None) one key, keeping its comment; new keys go after the first `after` present."""
    if item is None:
        if key in table:
            del table[key]
            return True
        return False
    if key in table:
        if same(table[key], item):
            return False
        table[key] = item  # tomlkit keeps the old value's comment and spacing
        return True
    for anchor in after:
        if anchor in table and not isinstance(table[anchor], Table | AoT):
            try:
                container = table if isinstance(table, Container) else table.value
                container._insert_after(anchor, key, item)  # beside its neighbours, not at the end
                return True
            except (AttributeError, KeyError, ValueError):
                break
    table[key] = item
    return True
