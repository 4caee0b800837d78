"""CSV import: encodings, delimiters, quoted newlines, bad rows by spreadsheet row, ids, the CLI."""

from __future__ import annotations

import argparse
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from studio.checks import check_show
from studio.cli.command import register
from studio.cli.show import COMMANDS
from studio.core.assets import demo_show_path
from studio.show import csv_import
from studio.show.csv_import import CsvEncodingError, CsvProblem, decode_csv, grouped, read_products_csv, slug
from studio.show.editing import ShowEditor
from studio.show.load.products import MAX_PRODUCTS
from studio.show.loader import load_show

DEMO = demo_show_path()

CSV_ZH = ("名称,价格,原价,图片,卖点\n"
          "明前龙井,168,238,media/tea.png,明前头采；核心产区、豆香浓郁\n"
          "保温杯,89.5,,,一键弹盖|可拆洗\n")


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
    handlers = register(parser.add_subparsers(dest="command"), COMMANDS)
    args = parser.parse_args(list(argv))
    return handlers[args.command](args)


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""),
                                               ("gb18030", b"")])
def test_encodings(show: Path, tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = _write(tmp_path, bom + CSV_ZH.replace("\n", "\r\n").encode(encoding))
    preview = read_products_csv(path, ShowEditor(show))
    assert preview.problems == []
    tea, cup = preview.products
    assert (tea.name, tea.price, tea.original_price, tea.image) == (
        "明前龙井", Decimal(168), Decimal(238), "media/tea.png")
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


# ---- issue 13, item 8: row-level results, a dry run that tells the truth, wording, encodings, bounds ----

# The reported case: a dry run promised 8 products, the real run wrote none (one row broke the show).
EIGHT = ("名称,价格,原价,图片,卖点,库存,链接\n"
         "明前龙井,168,238,media/tea.png,明前头采；核心产区,500,1号链接\n"
         "保温杯,89.5,,,一键弹盖,,\n"
         "大价钱,200000000,,,,,\n"                # the loader: implausibly large
         "负库存,10,,,,-5,\n"                      # the loader: stock out of range
         "最好的茶,10,,,,,\n"                      # wording: an absolute term, blocks
         "全球首发耳机,299,,,,,\n"                 # wording: a warning only
         "面霜,59,,,全网最低价,,\n"                # wording in a selling point, blocks
         "眼霜,79,,,,,点这里 全网第一\n")         # wording in the link hint, blocks


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = _cli(*argv)
    return code, capsys.readouterr().out.splitlines()


def test_dry_run_shows_exactly_what_the_real_run_writes(show: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, EIGHT.encode())
    code, dry = _run(capsys, "import-csv", str(show), str(path), "--dry-run", "--rundown", "daytime")
    assert code == 0 and dry[1] == "would import 3 products:"
    code, real = _run(capsys, "import-csv", str(show), str(path), "--rundown", "daytime")
    assert code == 0 and real[1] == "importing 3 products:"
    wrote = [line for line in real if line.startswith("wrote ")]
    assert [line for line in real if line not in wrote][2:] == dry[2:], "same products, same rows, same notes"
    planned = [line.split(":")[0].strip() for line in dry if line.startswith("  product-")]
    assert planned == ["product-1", "product-2", "product-5"]  # rows the loader refused had product-3 and -4
    assert sorted(p.name for p in (show / "products").iterdir() if p.name.startswith("product-")) == [
        f"{pid}.toml" for pid in planned]
    result = check_show(show)
    assert result.errors == [] and result.show is not None, [p.format() for p in result.errors]
    assert [i.product for i in result.show.rundown("daytime").items][-3:] == planned


def test_bad_rows_say_why_with_the_spreadsheet_column(show: Path, tmp_path: Path) -> None:
    preview = read_products_csv(_write(tmp_path, EIGHT.encode()), ShowEditor(show))
    assert [p.row for p in preview.products] == [2, 3, 7]
    rows = {p.row: p for p in preview.problems}
    assert sorted(rows) == [4, 5, 6, 8, 9]
    assert rows[4].format() == "row 4, 价格: is implausibly large (200000000)"
    assert rows[5].format() == "row 5, 库存: must be between 0 and 10000000, got -5"
    assert rows[6].column == "名称" and rows[6].message.startswith("'最好': ") and "must not be said" in rows[6].message
    assert rows[6].hint.startswith("try: ")  # the rewrite
    assert rows[8].column == "卖点" and "全网最低价" in rows[8].message
    assert rows[9].column == "链接" and "全网第一" in rows[9].message
    warned = [n for n in preview.notes if n.row == 7]
    assert len(warned) == 1 and warned[0].column == "名称" and "全球首发" in warned[0].message
    assert "check it is true and allowed" in warned[0].message


def test_the_shows_own_allow_list_is_respected(show: Path, tmp_path: Path) -> None:
    toml = show / "show.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[compliance]\nallow = ["全网第一"]\n', encoding="utf-8")
    preview = read_products_csv(_write(tmp_path, EIGHT.encode()), ShowEditor(show))
    assert 9 in [p.row for p in preview.products]


@pytest.mark.parametrize(("name", "data", "label"), [
    ("utf-16 le with bom", "\ufeff" + CSV_ZH, "UTF-16"),  # Excel's "Unicode text" (tab or comma)
    ("utf-16 be with bom", "\ufeff" + CSV_ZH, "UTF-16"),
    ("utf-16 le without bom", CSV_ZH, "UTF-16"),
    ("gb18030 beyond gbk", CSV_ZH.replace("保温杯", "保温杯𠀀"), "GBK/GB18030"),
])
def test_more_encodings(show: Path, tmp_path: Path, name: str, data: str, label: str) -> None:
    codec = {"utf-16 le with bom": "utf-16-le", "utf-16 be with bom": "utf-16-be",
             "utf-16 le without bom": "utf-16-le", "gb18030 beyond gbk": "gb18030"}[name]
    preview = read_products_csv(_write(tmp_path, data.encode(codec)), ShowEditor(show))
    assert preview.encoding == label and preview.problems == []
    assert preview.products[0].name == "明前龙井"
    assert not any("\ufffd" in p.name for p in preview.products)


@pytest.mark.parametrize(("data", "wording"), [
    ("名称,价格\n明前龙井,1\n".encode() + b"\xff\xfe\xfd,2\n" + "保温杯,3\n".encode() * 3,
     "line 3: byte 0xFF is not UTF-8, though the rest of the file is"),
    ("Name,Price\nCafé crème,4\n".encode("latin-1"), "line 2: byte 0xE9 is neither UTF-8 nor GBK"),
    ("名稱,價格\n國際牌電熱壺,1\n臺灣高山茶葉禮盒,2\n".encode("big5"), "cannot tell the file's encoding"),
    (b"PK\x03\x04" + b"\0" * 40, "an Excel or WPS workbook"),
    (b"name,price\ntea,1\x00\x01\x02\n", "line 2: the file contains NUL bytes"),
])
def test_undecodable_bytes_are_a_clear_message_never_replacement_characters(show: Path, tmp_path: Path, data: bytes,
                                                                            wording: str) -> None:
    preview = read_products_csv(_write(tmp_path, data), ShowEditor(show))
    assert preview.products == []
    (problem,) = preview.problems
    assert problem.row == 0 and wording in problem.message and "CSV UTF-8" in problem.message
    assert str(tmp_path / "in.csv") in problem.message


def test_a_forced_encoding_reads_what_detection_would_not_guess(show: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    text = "名称,价格\n鍠鍡鍢鍣鍤,1\n"  # real GBK characters, all outside GB2312: detection is unsure
    path = _write(tmp_path, text.encode("gbk"))
    assert read_products_csv(path, ShowEditor(show)).products == []
    preview = read_products_csv(path, ShowEditor(show), encoding="gbk")
    assert [p.name for p in preview.products] == ["鍠鍡鍢鍣鍤"]
    assert _cli("import-csv", str(show), str(path), "--encoding", "gbk", "--dry-run") == 0
    with pytest.raises(SystemExit) as exc:
        _cli("import-csv", str(show), str(path), "--encoding", "latin-1")
    assert exc.value.code == 2
    with pytest.raises(CsvEncodingError, match="line 2: byte 0xE9 is not valid UTF-8"):
        decode_csv("Name,Price\nCafé,1\n".encode("latin-1"), "utf-8")


def test_bounds_on_rows_columns_and_cells(show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = "x" * 200_000  # beyond the csv module's own field limit
    text = ("名称,价格\n"
            "长名字,10,\n"
            f"{'长' * 6000},1\n"
            f'"{huge}",1\n'
            "好茶,1\n"
            + "多,1" + ",x" * 150 + "\n")
    preview = read_products_csv(_write(tmp_path, text.encode()), ShowEditor(show))
    assert [p.name for p in preview.products] == ["长名字", "好茶"]
    rows = {p.row: p.message for p in preview.problems}
    assert rows[3] == "the cell is 6,000 characters long; at most 5,000"
    assert rows[4].startswith("cannot be read as CSV (field larger than field limit")
    assert rows[6] == "the row has 152 cells; at most 100"
    monkeypatch.setattr(csv_import, "MAX_ROWS", 3)
    preview = read_products_csv(_write(tmp_path, text.encode()), ShowEditor(show))
    assert preview.products == [] and "more than 3 rows" in preview.problems[-1].message
    monkeypatch.setattr(csv_import, "MAX_CSV_BYTES", 100)
    preview = read_products_csv(_write(tmp_path, text.encode()), ShowEditor(show))
    assert preview.products == [] and "at most 100" in preview.problems[0].message


def test_rows_beyond_the_shows_product_limit_are_listed_not_lost(show: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rows = "".join(f"Item {i},{i + 1}\n" for i in range(MAX_PRODUCTS + 6))
    path = _write(tmp_path, ("name,price\n" + rows).encode())
    code, out = _run(capsys, "import-csv", str(show), str(path))
    assert code == 0 and out[1] == f"importing {MAX_PRODUCTS - 4} products:"
    assert f"  rows {MAX_PRODUCTS - 2}–{MAX_PRODUCTS + 7}: the show would have more than {MAX_PRODUCTS} products " \
           "(it has 4) (import the rest into another show)" in out
    assert load_show(show).errors == []


def test_adding_and_listing_many_products_looks_at_the_show_once(show: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The quadratic part was a scan of every product file per added product (4,000 rows: 33 s)."""
    scans = []
    real = ShowEditor._taken_ids

    def counting(self: ShowEditor) -> set[str]:
        scans.append(1)
        return real(self)

    rows = "".join(f"Item {i},{i + 1}\n" for i in range(300))
    preview = read_products_csv(_write(tmp_path, ("name,price\n" + rows).encode()), ShowEditor(show))
    monkeypatch.setattr(ShowEditor, "_taken_ids", counting)
    ed = ShowEditor(show)
    preview.apply(ed, rundown="bulk")
    assert len(scans) == 2, "one look to add the products, one to check the rundown"


def test_numbered_ids_are_found_in_one_pass(show: Path, tmp_path: Path) -> None:
    rows = "茶,1\n" * 300 + "product-3-from-a-slug,1\n"
    (show / "products" / "product-2.toml").write_text('name = "x"\nprice = 1\n', encoding="utf-8")
    preview = read_products_csv(_write(tmp_path, ("名称,价格\n" + rows).encode()), ShowEditor(show))
    ids = [p.id for p in preview.products]
    assert ids[:3] == ["product-1", "product-3", "product-4"] and len(set(ids)) == len(ids) == 301


def test_update_rows_change_products_in_place(show: Path, tmp_path: Path) -> None:
    text = "id,名称,价格,库存\ntea,明前龙井 特级,199,42\nserum,精华,-1,\n"
    preview = read_products_csv(_write(tmp_path, text.encode()), ShowEditor(show), update=True)
    assert [(p.id, p.replaces) for p in preview.products] == [("tea", True)]
    ed = ShowEditor(show)
    preview.apply(ed)
    ed.save()
    tea = load_show(show).show.product("tea")
    assert (tea.name, tea.price, tea.stock) == ("明前龙井 特级", Decimal(199), 42)


def test_grouped_problems() -> None:
    problems = [CsvProblem(0, "", "whole file"), *(CsvProblem(r, "", "over", "split") for r in (3, 4, 5)),
                CsvProblem(6, "价格", "over", "split"), CsvProblem(8, "", "over", "split")]
    assert grouped(problems) == ["whole file", "rows 3–5: over (split)", "row 6, 价格: over (split)",
                                 "row 8: over (split)"]


def test_a_fifo_or_a_device_is_refused_without_reading_it(show: Path, tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        if not path.exists():
            continue
        preview = read_products_csv(path, ShowEditor(show))
        assert preview.products == [] and "not a regular file" in preview.problems[0].message
