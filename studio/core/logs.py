"""Where studio keeps its log, and how an unexpected failure is told to a person.

The log is for a process that runs all day: INFO by default (DEBUG with `studio --debug` or
STUDIO_LOG_LEVEL=DEBUG), rotated at LOG_MAX_BYTES with LOG_BACKUPS old files kept, and readable
by this user only (files 0600, the state folder 0700) because it names viewers.
"""

from __future__ import annotations

import hashlib
import logging
import logging.handlers
import os
import re
import sys
import traceback
from pathlib import Path
from typing import IO

from studio.core.atomic import write_atomic
from studio.core.dirs import state_dir

LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5
LEVEL_VARIABLE = "STUDIO_LOG_LEVEL"
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_PRIVATE_DIR = 0o700
_PRIVATE_FILE = 0o600


def show_key(show_root: Path) -> str:
    """`<folder-name>-<hash of its resolved path>`: one name per show folder, readable by people.

    Names the show's as-run folder and its entry among the live shows, so both follow the same
    folder however it was spelled on the command line.
    """
    resolved = show_root.resolve()
    slug = re.sub(r"[^\w-]+", "-", resolved.name).strip("-") or "show"
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def log_path() -> Path:
    return state_dir() / "studio.log"


# ---- private files (viewer names, the control token: this user only) ----

def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it this user's only (0700); return it."""
    path.mkdir(parents=True, exist_ok=True, mode=_PRIVATE_DIR)
    if sys.platform != "win32" and path.stat().st_mode & 0o077:
        os.chmod(path, _PRIVATE_DIR)  # made by an older version, or by a umask of 022
    return path


def open_private(path: Path, mode: str = "a") -> IO[str]:
    """Open a text file for writing ("a" or "w"), created 0600 and narrowed to 0600 if it was wider."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    fd = os.open(path, flags, _PRIVATE_FILE)
    try:
        if sys.platform != "win32" and os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, _PRIVATE_FILE)  # the umask can only narrow the mode; an old file may be wider
        return os.fdopen(fd, mode, encoding="utf-8")
    except BaseException:
        os.close(fd)
        raise


def write_private(path: Path, text: str) -> None:
    """Write `text` readable by this user only (0600), atomically, in a private folder."""
    private_dir(path.parent)
    write_atomic(path, text, private=True)


# ---- the log ----

class PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """A size-capped rotating log, 0600, that several studio processes may share.

    Another process may rotate the file under us: then we reopen the new file rather than rotate
    again (which would push a fresh file out of the way). On Windows a file another process holds
    open cannot be renamed: the rotation is skipped until it can be done.
    """

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True)
        for old in [path, *(path.with_name(f"{path.name}.{i}") for i in range(1, backups + 1))]:
            if sys.platform != "win32" and old.exists() and old.stat().st_mode & 0o077:
                os.chmod(old, _PRIVATE_FILE)  # written by an older version, readable by everyone

    def _open(self) -> IO[str]:
        return open_private(Path(self.baseFilename), "a")

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 - logging's naming
        if self.stream is not None and self._moved_away():
            self.stream.close()
            self.stream = None  # reopened by the base class below
        return bool(super().shouldRollover(record))

    def _moved_away(self) -> bool:
        """Whether the file we write is no longer the one at our path (rotated by another process)."""
        try:
            now = os.stat(self.baseFilename)
        except OSError:
            return True
        ours = os.fstat(self.stream.fileno())
        return (now.st_dev, now.st_ino) != (ours.st_dev, ours.st_ino)

    def doRollover(self) -> None:  # noqa: N802
        try:
            super().doRollover()
        except OSError:
            pass  # Windows: another studio process holds the file; try again at the next record
        if self.stream is None:
            self.stream = self._open()


def log_level(debug: bool = False) -> int:
    """INFO, or DEBUG when asked for with --debug or STUDIO_LOG_LEVEL (which may also say WARNING…)."""
    if debug:
        return logging.DEBUG
    wanted = (os.environ.get(LEVEL_VARIABLE) or "INFO").strip().upper()
    return getattr(logging, wanted) if wanted in _LEVELS else logging.INFO


def setup_logging(verbose: bool = False, debug: bool = False) -> None:
    """Log to the user's state folder (INFO, or DEBUG) and stderr (warnings, or everything if verbose)."""
    root = logging.getLogger()
    if root.handlers:
        return
    level = log_level(debug)
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("studio: %(message)s"))
    root.addHandler(console)
    try:
        path = log_path()
        private_dir(path.parent)
        handler = PrivateRotatingHandler(path)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        pass  # a read-only home must not stop the show
    wanted = (os.environ.get(LEVEL_VARIABLE) or "").strip().upper()
    if wanted and wanted not in _LEVELS:
        logging.getLogger(__name__).warning("%s=%s is not a level (one of %s); logging at INFO",
                                            LEVEL_VARIABLE, wanted[:20], ", ".join(_LEVELS))


def speaks_utf8(stream: object) -> bool:
    """Whether a text stream encodes UTF-8 (else Chinese must be escaped on the way out)."""
    return str(getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "") in (
        "utf8", "utf8sig")


def report_crash(exc: BaseException) -> str:
    """Write the traceback to the log (0600) and return one line for the person at the keyboard."""
    detail = "".join(traceback.format_exception(exc))
    where = ""
    try:
        path = log_path()
        private_dir(path.parent)
        with open_private(path, "a") as fh:
            fh.write(detail + "\n")
        where = f" (details in {path})"
    except OSError:
        where = ""
    return f"studio: unexpected error: {type(exc).__name__}: {exc}{where}"
