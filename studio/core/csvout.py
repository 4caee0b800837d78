"""Every CSV studio writes: UTF-8 with BOM for Excel/WPS, text cells neutralised against formulas.

A spreadsheet opening a CSV runs a cell that starts with `=`, `+`, `-` or `@` (and, in some
programs, tab, carriage return or line feed) as a formula — "CSV injection" (OWASP, CWE-1236).
A viewer name such as `=HYPERLINK(…)` or an ordinary line such as "-50% 限时折扣" would become one.
As OWASP advises, such a text cell gets a leading `'`, which spreadsheets take as "this is text".

What counts as a trigger, and why:
- the OWASP list: `=` `+` `-` `@` tab, carriage return and line feed;
- their full-width and other compatibility forms (`＝` `＋` `－` `＠`, small forms such as `﹦`):
  Excel and WPS in Chinese locales take full-width input, and Apple Numbers NFKC-normalises a cell
  before parsing, so the first character is compared after NFKC normalisation;
- the same characters after leading white space (`" =1+1"`, `"　＝1"`): some programs trim first.
A cell that already starts with `'` gets one more, so `restore_cell` (drop one leading `'`)
returns exactly what was written: reading a studio CSV back is lossless.

Only text cells are touched. Columns named as numeric (durations, counts) are written as plain
numbers when the value is an int or float, so a spreadsheet can still add them up; anything else
in such a column is treated as text.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

FORMULA_TRIGGERS = frozenset("=+-@\t\r\n")
GUARD = "'"


def starts_like_a_formula(cell: str) -> bool:
    """Would a spreadsheet read `cell` as a formula (or something that may become one)?"""
    if not cell:
        return False
    if cell[0] in FORMULA_TRIGGERS:
        return True
    first = cell.lstrip()[:1]
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_TRIGGERS


def neutralise_cell(cell: str) -> str:
    """`cell` made safe to open in Excel/WPS/LibreOffice/Numbers: a leading `'` when needed."""
    if starts_like_a_formula(cell) or cell.startswith(GUARD):
        return GUARD + cell
    return cell


def restore_cell(cell: str) -> str:
    """The text a neutralised cell was made from (the inverse of `neutralise_cell`)."""
    return cell[1:] if cell.startswith(GUARD) else cell


def _number(value: object) -> str | None:
    """A number's CSV text, or None when `value` is not a genuine number (bool is not one)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return repr(value) if isinstance(value, float) else str(value)


def csv_row(row: Mapping[str, object], fields: Sequence[str], numeric: Collection[str] = ()) -> list[str]:
    """One row's cells in `fields` order: numbers in `numeric` columns as numbers, the rest as
    neutralised text (None and missing keys are empty cells)."""
    cells = []
    for name in fields:
        value = row.get(name)
        number = _number(value) if name in numeric else None
        if number is not None:
            cells.append(number)
        else:
            cells.append(neutralise_cell("" if value is None else str(value)))
    return cells


def write_csv(path: Path, fields: Sequence[str], rows: Iterable[Mapping[str, object]],
              numeric: Collection[str] = ()) -> int:
    """Write a header and `rows` to `path` as UTF-8 with BOM (Excel and WPS then read Chinese
    correctly); returns the number of rows. Raises OSError when the file cannot be written."""
    count = 0
    # backslashreplace: a lone surrogate (not encodable) is written as `\udXXX` instead of failing.
    with path.open("w", encoding="utf-8-sig", errors="backslashreplace", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([neutralise_cell(f) for f in fields])
        for row in rows:
            writer.writerow(csv_row(row, fields, numeric))
            count += 1
    return count


__all__ = ["FORMULA_TRIGGERS", "csv_row", "neutralise_cell", "restore_cell", "starts_like_a_formula",
           "write_csv"]
