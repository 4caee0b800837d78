"""`studio import-csv`: add products to a show from a spreadsheet's CSV export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from studio.core import cliargs
from studio.show.csv_import import ENCODINGS, CsvImport, grouped, read_products_csv
from studio.show.editing import EditError, ShowEditor
from studio.show.load.files import ID_PATTERN


def register(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add `import-csv` to the CLI; return its handler by command name."""
    c = sub.add_parser(
        "import-csv", help="add products to a show from a CSV file (Excel, WPS…)",
        description="Import products from CSV: columns 名称/name, 价格/price, 原价, 图片, 卖点, 库存, 链接 "
                    "(UTF-8, UTF-16 or GBK; comma, semicolon or tab). Every row is checked as the show "
                    "will be (its values, its wording, the loader): good rows are imported, the others "
                    "listed with their spreadsheet row and why. --dry-run prints exactly what the real "
                    "run writes. Exit 0 when something was imported, 1 when nothing could be, 2 on usage "
                    "errors.")
    c.add_argument("show", type=cliargs.show_folder(), help="the show folder")
    c.add_argument("csv", type=cliargs.input_file("the CSV file"), metavar="FILE.csv", help="the CSV file")
    c.add_argument("--dry-run", action="store_true", help="only print what would be imported")
    c.add_argument("--rundown", metavar="ID",
                   type=cliargs.checked(lambda rid: "" if ID_PATTERN.match(rid) else "cannot be a rundown id",
                                        "use letters, digits, '-' or '_'"),
                   help="also append the products to this rundown (created if new)")
    c.add_argument("--update", action="store_true",
                   help="update products whose id already exists instead of reporting the row")
    c.add_argument("--encoding", choices=sorted(ENCODINGS),
                   help="the file's encoding, when it cannot be told (default: recognise UTF-8, UTF-16, GBK)")
    return {"import-csv": cmd_import_csv}


def cmd_import_csv(args: argparse.Namespace) -> int:
    """Run `studio import-csv`: the plan, then (unless --dry-run) exactly that plan written."""
    try:
        editor = ShowEditor(args.show)
    except EditError as exc:
        print(f"studio import-csv: {exc}", file=sys.stderr)
        return 1
    plan = read_products_csv(args.csv, editor, update=args.update, rundown=args.rundown, encoding=args.encoding)
    print_plan(args.csv, plan, "would import" if args.dry_run else "importing")
    if not plan.products:
        print("studio import-csv: nothing to import", file=sys.stderr)
        return 1
    if args.dry_run:
        return 0
    try:
        plan.apply(editor, args.rundown)
    except EditError as exc:
        print(f"studio import-csv: {exc}; nothing was written", file=sys.stderr)
        return 1
    new_errors = plan.new_errors(editor)
    if new_errors:  # the plan was checked the same way: only a show changed meanwhile gets here
        for p in new_errors:
            print(p.format(), file=sys.stderr)
        print("studio import-csv: the show changed while importing; nothing was written (run it again)",
              file=sys.stderr)
        return 1
    try:
        written = editor.save()
    except EditError as exc:
        print(f"studio import-csv: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.as_posix()}")
    return 0


def print_plan(source: Path, plan: CsvImport, verb: str) -> None:
    """What will be (or is being) imported, the rows that are not, and the notes: the same for a dry run."""
    if plan.encoding:
        delimiter = {",": "comma", ";": "semicolon", "\t": "tab"}[plan.delimiter]
        print(f"{source}: {plan.encoding}, {delimiter}-separated, {plan.rows} row{'s' * (plan.rows != 1)}")
    print(f"{verb} {len(plan.products)} product{'s' * (len(plan.products) != 1)}:")
    for p in plan.products:
        print(f"  {p.summary()}")
    if plan.problems:
        rows = len({p.row for p in plan.problems if p.row})
        print(f"not imported ({rows} row{'s' * (rows != 1)}):" if rows else "not imported:")
        for line in grouped(plan.problems):
            print(f"  {line}")
    if plan.notes:
        print("notes:")
        for line in grouped(plan.notes):
            print(f"  {line}")
