"""CSV import: encodings, delimiters, quoted newlines, bad rows by spreadsheet row, ids, the CLI."""

from __future__ import annotations

import argparse
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from studio.show.commands import register
from studio.show.csv_import import read_products_csv, slug
from studio.show.editing import ShowEditor
from studio.show.loader import load_show

DEMO = Path(__file__).resolve().parents[2] / "studio" / "assets" / "demo-show"

CSV_ZH = "名称,价格,原价,图片,卖点\n明前龙井,168,238,media/tea.png,明前头采；核心产区、豆香浓郁\n保温杯,89.5,,,一键弹盖|可拆洗\n"


@pytest.fixture
def show(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def _write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    handlers = register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return handlers[args.command](args)


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""),
                                           ("gb18030", b"")])
def test_encodings(show: Path, tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = _write(tmp_path, bom + CSV_ZH.replace("\n", "\r\n").encode(encoding))
    preview = read_products_csv(path, ShowEditor(show))
    assert preview.problems == []
    tea, cup = preview.products
    assert (tea.name, tea.price, tea.original_price, tea.image) == ("明前龙井", Decimal(168), Decimal(238), "media/tea.png")
    assert tea.selling_points == ("明前头采", "核心产区", "豆香浓郁")
    assert (cup.name, cup.price, cup.selling_points) == ("保温杯", Decimal("89.5"), ("一键弹盖", "可拆洗"))
    assert (tea.id, cup.id) == ("product-1", "product-2")  # Chinese names: numbered ids


def test_semicolon_tab_english_headers_and_quoted_newlines(show: Path, tmp_path: Path) -> None:
    text = 'Name;Price;Original price;Image path;Selling points\n"Thermos ""Pro""";19,5;;;"hot 12h\nleak-proof"\n'
    preview = read_products_csv(_write(tmp_path, text.replace("19,5", "19.5").encode()), ShowEditor(show))
    assert preview.delimiter == ";" and preview.problems == []
    p = preview.products[0]
    assert (p.id, p.name, p.selling_points) == ("thermos-pro", 'Thermos "Pro"', ("hot 12h", "leak-proof"))
    tab = "商品名称\t售价\n茶\t1\n"
    assert read_products_csv(_write(tmp_path, tab.encode(), "t.csv"), ShowEditor(show)).products[0].name == "茶"


def test_bad_rows_are_numbered_as_the_spreadsheet_shows_them(show: Path, tmp_path: Path) -> None:
    text = ("名称,价格,图片,卖点\n"
            '好茶,10,,"一\n二"\n'          # row 2 spans two lines in the file
            "坏价格,abc,,\n"               # row 3
            "\n"                          # row 4: blank, skipped
            ",10,,\n"                     # row 5
            "杯,5,media/nope.png,\n"       # row 6
            "外面,5,../x.png,\n"           # row 7
            "负数,-1,,\n")                 # row 8
    preview = read_products_csv(_write(tmp_path, text.encode()), ShowEditor(show))
    assert [p.name for p in preview.products] == ["好茶"]
    assert [(p.row, p.column) for p in preview.problems] == [
        (3, "价格"), (5, "名称"), (6, "图片"), (7, "图片"), (8, "价格")]
    assert preview.problems[0].format() == "row 3, 价格: price is not a number: 'abc'"
    assert preview.problems[1].message == "missing name"
    assert "not found inside the show" in preview.problems[2].message


def test_missing_columns_import_nothing(show: Path, tmp_path: Path) -> None:
    preview = read_products_csv(_write(tmp_path, "名称,颜色\n茶,绿\n".encode()), ShowEditor(show))
    assert preview.products == []
    assert [p.format() for p in preview.problems if p.column == ""] == [
        "row 1: no price column in the header row"]


def test_duplicate_names_and_existing_products_get_unique_ids(show: Path, tmp_path: Path) -> None:
    text = "name,price\ntea,1\ntea,2\nTea!,3\nserum,4\n"
    preview = read_products_csv(_write(tmp_path, text.encode()), ShowEditor(show))
    assert [p.id for p in preview.products] == ["tea-1", "tea-2", "tea-3", "serum-1"]
    assert not any(p.replaces for p in preview.products)
    updating = read_products_csv(_write(tmp_path, text.encode()), ShowEditor(show), update=True)
    assert [(p.id, p.replaces) for p in updating.products][:2] == [("tea", True), ("tea-1", False)]


def test_apply_adds_products_and_appends_to_a_rundown(show: Path, tmp_path: Path) -> None:
    ed = ShowEditor(show)
    preview = read_products_csv(_write(tmp_path, CSV_ZH.encode()), ed)
    assert preview.apply(ed, rundown="daytime") == ["product-1", "product-2"]
    ed.save()
    result = load_show(show)
    assert result.errors == [] and result.show is not None
    assert [i.product for i in result.show.rundown("daytime").items][-2:] == ["product-1", "product-2"]
    assert result.show.product("product-1").image == (show / "media" / "tea.png").resolve()


def test_two_hundred_rows(show: Path, tmp_path: Path) -> None:
    rows = "".join(f"Item {i},{i}.99,{i + 10},,a；b\n" for i in range(200))
    ed = ShowEditor(show)
    preview = read_products_csv(_write(tmp_path, ("name,price,原价,image,卖点\n" + rows).encode("utf-8-sig")), ed)
    assert len(preview.products) == 200 and preview.problems == []
    assert len({p.id for p in preview.products}) == 200
    preview.apply(ed, rundown="bulk")
    assert len(ed.save()) == 201
    result = load_show(show)
    assert result.errors == [] and result.show is not None
    assert len(result.show.products) == 204 and len(result.show.rundown("bulk").items) == 200


def test_slug() -> None:
    assert slug("AirWave Pro 2 降噪") == "airwave-pro-2"
    assert slug("保温杯") == ""


def test_cli_dry_run_writes_nothing(show: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, (CSV_ZH + "坏,abc,,,\n").encode())
    before = sorted(p.name for p in (show / "products").iterdir())
    assert _cli("import-csv", str(show), str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would import 2 products" in out and "row 4, 价格: price is not a number: 'abc'" in out
    assert sorted(p.name for p in (show / "products").iterdir()) == before


def test_cli_imports_and_exit_codes(show: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("import-csv", str(show), str(_write(tmp_path, CSV_ZH.encode())), "--rundown", "evening") == 0
    assert "wrote" in capsys.readouterr().out
    assert (show / "products" / "product-1.toml").is_file()
    assert load_show(show).errors == []
    assert _cli("import-csv", str(show), str(_write(tmp_path, "名称,价格\n,\n".encode(), "b.csv"))) == 1
    for argv in ((str(tmp_path / "missing.csv"),), (str(_write(tmp_path, CSV_ZH.encode())), "--rundown", "a b")):
        with pytest.raises(SystemExit) as exc:  # usage errors from the argument types (studio.core.cliargs)
            _cli("import-csv", str(show), *argv)
        assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        _cli("import-csv", str(show))
    assert exc.value.code == 2
