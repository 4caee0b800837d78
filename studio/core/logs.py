"""Where studio keeps its log, and how an unexpected failure is told to a person."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path


def state_dir() -> Path:
    """Per-user folder for logs and caches: %LOCALAPPDATA%\\studio or $XDG_STATE_HOME/studio."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "studio"


def log_path() -> Path:
    return state_dir() / "studio.log"


def setup_logging(verbose: bool = False) -> None:
    """Log to the user's state folder (detail) and stderr (warnings, or everything if verbose)."""
    root = logging.getLogger()
    if root.handlers:
        return
    root.setLevel(logging.DEBUG)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("studio: %(message)s"))
    root.addHandler(console)
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.DEBUG)
        root.addHandler(handler)
    except OSError:
        pass  # a read-only home must not stop the show


def speaks_utf8(stream: object) -> bool:
    """Whether a text stream encodes UTF-8 (else Chinese must be escaped on the way out)."""
    return str(getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "") in (
        "utf8", "utf8sig")


def report_crash(exc: BaseException) -> str:
    """Write the traceback to the log and return one line for the person at the keyboard."""
    detail = "".join(traceback.format_exception(exc))
    where = ""
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(detail + "\n")
        where = f" (details in {path})"
    except OSError:
        where = ""
    return f"studio: unexpected error: {type(exc).__name__}: {exc}{where}"
