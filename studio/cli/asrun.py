"""`studio asrun`: read a show's as-run log — a day's summary, the lines, or a CSV export."""

from __future__ import annotations

import argparse
import sys

from studio.cli.command import Command, SubParsers
from studio.core import cliargs
from studio.runner.asrun import AsRunLog, export_csv, summarize
from studio.runner.paths import asrun_folder


def _declare_asrun(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    a = sub.add_parser(name, help="summarize a show's as-run log for a day, or export it as CSV",
                       description="Print what the host said on a day (summary and lines) from the as-run "
                                   "log, or export it as CSV (UTF-8 with BOM, opens in Excel and WPS; text "
                                   "cells starting with = + - @ get a leading ' so they never run as "
                                   "formulas).")
    a.add_argument("show", type=cliargs.show_folder(), help="the show folder")
    a.add_argument("--date", type=cliargs.day, help="the day, YYYY-MM-DD (default: the newest day in the log)")
    a.add_argument("--csv", type=cliargs.output_file([".csv"], "CSV (UTF-8 with BOM, for Excel and WPS)"),
                   metavar="FILE", help="write the day's records to FILE (.csv)")
    a.add_argument("--lines", action="store_true", help="also print every record")
    a.add_argument("--log-dir", type=cliargs.path("the as-run folder"), help=argparse.SUPPRESS)  # tests, custom setups
    return a


def cmd_asrun(args: argparse.Namespace) -> int:
    folder = args.log_dir or asrun_folder(args.show)
    log = AsRunLog(folder)
    days = log.days()
    if args.date:
        day = args.date
    elif days:
        day = days[-1]
    else:
        print(f"studio asrun: no as-run records yet for {args.show} (looked in {folder})", file=sys.stderr)
        return 1
    reading = log.read_day(day)
    if not reading.records:
        known = ", ".join(d.isoformat() for d in days[-7:]) or "none"
        print(f"studio asrun: no records on {day} (days with records: {known})", file=sys.stderr)
        return 1
    summary = summarize(reading.records)
    print(f"{day}: {summary.format()}")
    for product, count in sorted(summary.by_product.items(), key=lambda kv: -kv[1]):
        print(f"  {product}: {count} lines aired")
    if reading.unreadable:
        lines = ", ".join(map(str, reading.unreadable))
        print(f"  note: {log.path_for(day)} has unreadable lines ({lines}) — "
              "a line cut off by a crash; the rest is intact")
    if args.lines:
        for r in reading.records:
            print(f"{r.start:%H:%M:%S} {r.outcome:<8} {r.product or '-':<12} {r.duration:6.2f}s  {r.text}")
    if args.csv:
        try:
            n = export_csv(reading.records, args.csv)
        except OSError as exc:
            print(f"studio asrun: cannot write {args.csv}: {exc.strerror or exc}; check that the folder is "
                  "writable and the file is not open in another program", file=sys.stderr)
            return 1
        print(f"wrote {n} records to {args.csv}")
    return 0


ASRUN = Command("asrun", _declare_asrun, cmd_asrun)
COMMANDS = (ASRUN,)
