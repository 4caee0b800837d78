"""`studio import-csv`: add products to a show from a spreadsheet's CSV export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from studio.core import cliargs
from studio.show.csv_import import read_products_csv
from studio.show.editing import EditError, ShowEditor
from studio.show.loader import _ID


def register(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add `import-csv` to the CLI; return its handler by command name."""
    c = sub.add_parser(
        "import-csv", help="add products to a show from a CSV file (Excel, WPS…)",
        description="Import products from CSV: columns 名称/name, 价格/price, 原价, 图片, 卖点 "
                    "(UTF-8 or GBK; comma, semicolon or tab). Prints what would be created and "
                    "the rows that cannot be imported. Exit 0 when something was imported, 1 when "
                    "nothing could be, 2 on usage errors.")
    c.add_argument("show", type=cliargs.show_folder(), help="the show folder")
    c.add_argument("csv", type=cliargs.input_file("the CSV file"), metavar="FILE.csv", help="the CSV file")
    c.add_argument("--dry-run", action="store_true", help="only print what would be imported")
    c.add_argument("--rundown", metavar="ID",
                   type=cliargs.checked(lambda rid: "" if _ID.match(rid) else "cannot be a rundown id",
                                        "use letters, digits, '-' or '_'"),
                   help="also append the products to this rundown (created if new)")
    c.add_argument("--update", action="store_true",
                   help="update products whose id already exists instead of reporting the row")
    return {"import-csv": cmd_import_csv}


def cmd_import_csv(args: argparse.Namespace) -> int:
    """Run `studio import-csv`."""
    try:
        editor = ShowEditor(args.show)
    except EditError as exc:
        print(f"studio import-csv: {exc}", file=sys.stderr)
        return 1
    preview = read_products_csv(args.csv, editor, update=args.update)
    delimiter = {",": "comma", ";": "semicolon", "\t": "tab"}[preview.delimiter]
    if preview.encoding:
        print(f"{args.csv}: {preview.encoding}, {delimiter}-separated")
    verb = "would import" if args.dry_run else "importing"
    print(f"{verb} {len(preview.products)} product{'s' * (len(preview.products) != 1)}:")
    for p in preview.products:
        print(f"  {p.summary()}")
    if preview.problems:
        print("not imported:" if any(p.row != 1 for p in preview.problems) else "notes:")
        for problem in preview.problems:
            print(f"  {problem.format()}")
    if not preview.products:
        print("studio import-csv: nothing to import", file=sys.stderr)
        return 1
    if args.dry_run:
        return 0
    before = {p.format() for p in editor.validate().errors}
    try:
        preview.apply(editor, args.rundown)
    except EditError as exc:
        print(f"studio import-csv: {exc}; nothing was written", file=sys.stderr)
        return 1
    new_errors = [p for p in editor.validate().errors if p.format() not in before]
    if new_errors:  # never write a show that the import itself broke
        for p in new_errors:
            print(p.format(), file=sys.stderr)
        print("studio import-csv: the imported products would break the show; nothing was written",
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
