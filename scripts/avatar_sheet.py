"""Render an avatar pack's contact sheet (every mouth shape × expression, gestures, blinks) to a PNG.

    .venv/bin/python scripts/avatar_sheet.py [PACK] [--out FILE] [--seed N]

The same as `studio avatar-sheet`, with /tmp/avatar_sheet.png as the default output. PACK is a
bundled pack name (default: "default") or a pack folder; problems are printed as
`file:line: error: key: message` and the exit status is 1.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--out" not in args and "-o" not in args:
        args += ["--out", str(Path(tempfile.gettempdir()) / "avatar_sheet.png")]
    sys.exit(main(["avatar-sheet", *args]))
