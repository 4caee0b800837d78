"""The console's CSV dialog shows the plan `import-csv --dry-run` prints: good rows, bad rows with why, notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.show.csv_import import read_products_csv
from studio.show.editing import ShowEditor
from studio.show.loader import load_show
from studio.ui.console.csv_dialog import CsvImportDialog

pytestmark = pytest.mark.gui

SHEET = ("名称,价格,原价,图片,卖点,库存,链接\n"
         "明前龙井,168,238,media/tea.png,明前头采,500,1号链接\n"
         "大价钱,200000000,,,,,\n"
         "最好的茶,10,,,,,\n"
         "全球首发耳机,299,,,,,\n"
         + "".join(f"Item {i},abc,,,,,\n" for i in range(3)))


def texts(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_dialog_lists_what_the_dry_run_lists(qtbot, show_copy: Path, tmp_path: Path) -> None:
    csv = tmp_path / "sheet.csv"
    csv.write_text(SHEET, encoding="utf-8")
    dialog = CsvImportDialog(show_copy, path=csv)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)  # the plan is made off the UI thread
    plan = read_products_csv(csv, ShowEditor(show_copy), rundown=dialog.rundown())
    assert len(texts(dialog.products_list)) == len(plan.products) == 2
    problems = texts(dialog.problems_list)
    assert problems[0] == "row 3 · 价格: is implausibly large (200000000)"
    assert problems[1].startswith("row 4 · 名称: '最好'") and "(try: " in problems[1]
    assert problems[2:] == ["rows 6–8 · 价格: price is not a number: 'abc'"]  # one line for a run of rows
    notes = texts(dialog.notes_list)
    assert any(n.startswith("row 5 · 名称: '全球首发'") for n in notes)
    assert any("no pitch lines" in n for n in notes)
    assert "2 products to import, 5 rows not imported" in dialog.summary.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.imported == [p.id for p in plan.products]
    assert all((show_copy / "products" / f"{pid}.toml").is_file() for pid in dialog.imported)


def test_choosing_an_encoding_makes_the_plan_again(qtbot, show_copy: Path, tmp_path: Path) -> None:
    csv = tmp_path / "gbk.csv"
    csv.write_bytes("名称,价格\n鍠鍡鍢鍣鍤,1\n".encode("gbk"))  # GBK outside GB2312: detection is unsure
    dialog = CsvImportDialog(show_copy, path=csv)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert not dialog.import_button.isEnabled()
    assert "cannot tell the file's encoding" in texts(dialog.problems_list)[0]
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("gbk"))
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert texts(dialog.problems_list) == [] and "鍠鍡鍢鍣鍤" in texts(dialog.products_list)[0]
    assert dialog.import_button.isEnabled()


def test_reading_and_importing_run_off_the_ui_thread(qtbot, show_copy: Path, tmp_path: Path) -> None:
    csv = tmp_path / "many.csv"
    csv.write_text("名称,价格\n" + "".join(f"Item {i},{i + 1}\n" for i in range(300)), encoding="utf-8")
    dialog = CsvImportDialog(show_copy, path=csv)
    qtbot.addWidget(dialog)
    # The constructor returns at once; the inputs wait for the plan (a plan of old inputs would be stale).
    assert dialog.busy and "Reading many.csv" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and not dialog.encoding_combo.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.products_list.count() == 300 and dialog.rundown() == "daytime"  # the first rundown
    assert dialog.encoding_combo.isEnabled() and dialog.rundown_combo.isEnabled()
    dialog.show()
    dialog.import_button.click()
    assert dialog.busy and dialog.importing
    dialog.reject()  # Esc while the files are written: the import finishes first
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.result() == dialog.DialogCode.Accepted and len(dialog.imported) == 300
    assert len(load_show(show_copy).show.products) == 304
