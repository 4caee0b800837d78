"""The show commands: `check` a show, create a `new` one, `import-csv` products into one.

Exit codes: 0 clean (or warnings only) or done, 1 errors in the show or a failed action, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from studio.checks import check_show
from studio.cli.command import Command, SubParsers
from studio.core import cliargs
from studio.core.logs import speaks_utf8
from studio.core.problems import Problem
from studio.show.csv_import import ENCODINGS, CsvImport, grouped, read_products_csv
from studio.show.editing import EditError, ShowEditor
from studio.show.load.files import ID_PATTERN
from studio.show.loader import LoadResult
from studio.show.starter import StarterError, create_starter


def _declare_check(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    c = sub.add_parser(name, help="check a show folder and list every problem",
                       description="Check a show folder. Prints file:line: error|warning: message (hint). "
                                   "Exit 0 when clean or warnings only, 1 on errors.")
    # A missing or looping folder is a located problem in the report (and in --json), not a usage error.
    c.add_argument("show", type=cliargs.show_folder(must_exist=False), help="the show folder (or its show.toml)")
    c.add_argument("--json", action="store_true", help="print a JSON report for tools")
    c.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return c


def _declare_new(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    n = sub.add_parser(name, help="create a starter show that passes `studio check`",
                       description="Create a starter show in a new (or empty) folder.")
    n.add_argument("folder", type=cliargs.new_folder)
    n.add_argument("--title", type=cliargs.text(max_length=200, what="show's title"), help="the show's title")
    n.add_argument("--language", type=cliargs.language, default="zh-CN", help="zh-CN (default) or en-US")
    return n


def _display_file(show_arg: Path, problem: Problem) -> str:
    """The problem's file relative to where the user is, so editors can jump to it."""
    base = show_arg.parent if show_arg.name == "show.toml" else show_arg
    if not problem.file or Path(problem.file).is_absolute() or problem.file in (str(base), str(show_arg)):
        return problem.file
    return (base / problem.file).as_posix()


def _display(show_arg: Path, problem: Problem) -> str:
    return _display_file(show_arg, problem) + problem.format()[len(problem.file):]


def _summary(result: LoadResult) -> str:
    e, w, n = len(result.errors), len(result.warnings), len(result.notes)
    counts = f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"
    if n:  # approved wording, listed so it stays in view
        counts += f", {n} note{'s' * (n != 1)}"
    if result.show is None:
        return f"{result.root}: cannot run — {counts}"
    s = result.show
    return (f"{result.root}: OK — {len(s.products)} products, {len(s.rundowns)} rundowns, "
            f"{len(s.schedule.windows)} schedule windows ({counts})")


def cmd_check(args: argparse.Namespace) -> int:
    result = check_show(args.show)
    if args.json:
        report = {
            "show": str(args.show),
            "ok": result.ok,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "notes": len(result.notes),
            "problems": [
                {**p.to_json(), "path": _display_file(args.show, p)}
                for p in result.problems
            ],
        }
        json.dump(report, sys.stdout, ensure_ascii=not speaks_utf8(sys.stdout), indent=2)
        sys.stdout.write("\n")
    else:
        for p in result.problems:
            if args.quiet and not p.is_error:
                continue
            print(cliargs.one_line(_display(args.show, p)))
        print(cliargs.one_line(_summary(result)), file=sys.stderr)
    return 0 if result.ok else 1


def cmd_new(args: argparse.Namespace) -> int:
    try:
        files = create_starter(args.folder, args.title, args.language)
    except StarterError as exc:
        print(f"studio new: {exc}", file=sys.stderr)
        return 1
    for f in files:
        print(f"created {f.as_posix()}")
    print(f"next: studio check {args.folder.as_posix()}", file=sys.stderr)
    return 0


def _declare_import_csv(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    c = sub.add_parser(
        name, help="add products to a show from a CSV file (Excel, WPS…)",
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
    return c


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


CHECK = Command("check", _declare_check, cmd_check)
NEW = Command("new", _declare_new, cmd_new)
IMPORT_CSV = Command("import-csv", _declare_import_csv, cmd_import_csv)
COMMANDS = (CHECK, NEW, IMPORT_CSV)
