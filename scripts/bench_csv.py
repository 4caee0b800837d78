"""CSV import benchmark: `studio import-csv` of 4,000 and 20,000 rows into a copy of the demo show.

    .venv/bin/python scripts/bench_csv.py [--rows 4000 20000] [--repeat N]

Each CSV mixes Chinese names (ids numbered product-1, product-2…) and English names (ids from the
name), with prices, original prices, selling points and stock, as a supplier's sheet has them.
Two figures per size, medians over --repeat runs, each on a fresh copy of the show:

  dry run   read, decode, check every row (values, wording, the loader over the show as it would be)
  import    the same plan, then written: products added, the rundown extended, the show saved

A show holds at most 500 products, so most rows of a large sheet are reported, not imported; the
time must still grow in proportion to the rows (linear), which the last column shows per 1,000 rows.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if not os.environ.get("PYTHONPATH"):  # another checkout's code can be measured with PYTHONPATH=that/checkout
    sys.path.insert(0, str(ROOT))


def sheet(rows: int) -> bytes:
    lines = ["名称,价格,原价,卖点,库存"]
    for i in range(rows):
        name = f"明前龙井 {i} 号" if i % 2 else f"Thermos Model {i}"
        lines.append(f"{name},{i % 500 + 9}.9,{i % 500 + 29},密封罐装；顺丰包邮、七天无理由,{i % 1000}")
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def run(csv_path: Path, base: Path, dry: bool) -> float:
    from studio.cli.command import register
    from studio.cli.show import COMMANDS
    from studio.core.assets import demo_show_path

    show = base / "show"
    shutil.rmtree(show, ignore_errors=True)
    shutil.copytree(demo_show_path(), show)
    parser = argparse.ArgumentParser()
    handler = register(parser.add_subparsers(dest="command"), COMMANDS)["import-csv"]
    args = parser.parse_args(["import-csv", str(show), str(csv_path), "--rundown", "bulk",
                              *(["--dry-run"] if dry else [])])
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        handler(args)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[4000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.repeat < 1 or any(n < 1 for n in args.rows):
        parser.error("--rows and --repeat must be at least 1")
    print(f"studio import-csv into the demo show, median of {args.repeat}:")
    with tempfile.TemporaryDirectory(prefix="studio-bench-csv-") as tmp:
        base = Path(tmp)
        for rows in args.rows:
            path = base / f"{rows}.csv"
            path.write_bytes(sheet(rows))
            for label, dry in (("dry run", True), ("import", False)):
                seconds = statistics.median(run(path, base, dry) for _ in range(args.repeat))
                print(f"  {rows:>6,} rows  {label:<8} {seconds:7.2f} s   {seconds / rows * 1000:6.3f} s per 1,000 rows",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
