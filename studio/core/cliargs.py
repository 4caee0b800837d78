"""Argument checks shared by every `studio` command: one line, exit 2, never a traceback.

Every command parses with `Parser` (sub-commands inherit it) and gives its options a `type=`
from here, so a bad value ends as

    studio CMD: --flag VALUE: what is wrong (what to do)

with exit status 2, before anything slow (Qt, the show, the speech engine) starts. Checks that
need the show (a product id, a file the show owns) print the same line with `usage_error`.
"""

from __future__ import annotations

import argparse
import errno
import math
import os
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from studio.core.clock import SystemClock
from studio.core.paths import SymlinkLoopError, resolve
from studio.core.text import find_hidden

MAX_SEED = 2**32 - 1  # what every random source studio seeds accepts
MAX_RUN_SECONDS = 1_000_000.0  # ~11.5 days; Qt timers count milliseconds in 31 bits (~24.8 days)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # the loader's rule for language tags
_SHOWN_MAX = 60  # characters of a bad value repeated in the message


class BadValue(argparse.ArgumentTypeError):
    """Raised by a `type=` check: what is wrong with the value, and what to do about it.

    An ArgumentTypeError, so that a plain ArgumentParser still reports it as a usage error.
    """

    def __init__(self, what: str, hint: str = "") -> None:
        super().__init__(what + (f" ({hint})" if hint else ""))
        self.what = what
        self.hint = hint


class Parser(argparse.ArgumentParser):
    """argparse whose value checks end in one line and exit 2; `add_parser` makes more of the same."""

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            # argparse turns the type's ArgumentTypeError into an ArgumentError raised inside its handler.
            bad = exc.__context__
            if isinstance(bad, BadValue):
                self.exit(2, usage_line(self.prog, option_name(action), arg_string, bad.what, bad.hint) + "\n")
            raise

    def error(self, message: str) -> NoReturn:
        # argparse's own complaints (a missing argument, an unknown option, a bad choice) keep
        # their usage line, but never echo a raw newline or escape sequence from the command line.
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def option_name(action: argparse.Action) -> str:
    """How a message names an argument: its long option ('--control-port'), or a positional's name."""
    if action.option_strings:
        longs = [o for o in action.option_strings if o.startswith("--")]
        return (longs or action.option_strings)[0]
    metavar = action.metavar if isinstance(action.metavar, str) else None
    return metavar or action.dest


def one_line(text: str) -> str:
    """`text` with controls, invisible characters and undecodable bytes escaped, so it stays one line.

    For whatever repeats operator input on a terminal: a value with a newline or an escape sequence
    must not break a `file:line: error:` line or repaint the screen.
    """
    hidden = {h.index for h in find_hidden(text)}  # the characters show text may not hide either
    out = []
    for i, ch in enumerate(text):
        cp = ord(ch)
        if 0xDC80 <= cp <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
            out.append(f"\\x{cp - 0xDC00:02x}")
        elif i not in hidden and ch not in "\n\t":
            out.append(ch)
        elif cp < 0x100:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, f"\\x{cp:02x}"))
        else:
            out.append(f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}")
    return "".join(out)


def shown(value: str) -> str:
    """A value as a message repeats it: escaped, shortened, quoted when it is empty or has spaces."""
    text = one_line(value)
    quoted = not text or text != value or any(ch.isspace() for ch in text) or "'" in text
    if len(text) > _SHOWN_MAX:
        text = text[: _SHOWN_MAX - 1] + "…"
    return "'" + text.replace("'", "\\'") + "'" if quoted else text


def usage_line(prog: str, flag: str, value: str, what: str, hint: str = "") -> str:
    """`studio CMD: --flag VALUE: what (hint)`."""
    return f"{prog}: {flag} {shown(value)}: {what}" + (f" ({hint})" if hint else "")


def usage_error(command: str, flag: str, value: str, what: str, hint: str = "") -> int:
    """Print the one-line usage error of a check made after parsing; returns the exit status 2."""
    print(usage_line(f"studio {command}", flag, value, what, hint), file=sys.stderr)
    return 2


# ---- numbers ----------------------------------------------------------------------------------

def _number_text(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        raise BadValue("is empty", "give a number")
    return stripped


def _count(value: int) -> str:
    """A bound as people read it: 65535 and 1440 plain, 4,294,967,295 grouped."""
    return f"{value:,}" if abs(value) >= 100_000 else str(value)


def whole(lo: int, hi: int, hint: str = "", *, unit: str = "") -> Callable[[str], int]:
    """A whole number in lo..hi (no fractions, no exponents, no thousands of digits)."""
    span = f"from {_count(lo)} to {_count(hi)}" + (f" {unit}" if unit else "")

    def check(text: str) -> int:
        stripped = _number_text(text)
        if not re.fullmatch(r"[+-]?[0-9]+", stripped):  # ASCII digits: int() would also take ١٢٣
            raise BadValue("is not a whole number", f"give a whole number {span}" + (f"; {hint}" if hint else ""))
        # No int() of thousands of digits (Python refuses them, and they are out of range anyway).
        value = int(stripped) if len(stripped) <= 40 else (hi + 1 if stripped[0] != "-" else lo - 1)
        if not lo <= value <= hi:
            raise BadValue(f"must be {span}", hint)
        return value

    return check


def real(lo: float, hi: float, *, above_lo: bool = False, unit: str = "", hint: str = "") -> Callable[[str], float]:
    """A finite number in [lo, hi] (or (lo, hi] with `above_lo`): never nan, inf or 1e309."""
    unit_text = f" {unit}" if unit else ""

    def check(text: str) -> float:
        stripped = _number_text(text)
        try:
            value = float(stripped)
        except ValueError:
            raise BadValue("is not a number", hint or f"give{unit_text or ' a number'}, e.g. {lo + 1:g}") from None
        if not math.isfinite(value):
            raise BadValue("is not a finite number", hint or f"give a number from {lo:g} to {hi:g}{unit_text}")
        too_low = value <= lo if above_lo else value < lo
        if too_low or value > hi:
            low = f"more than {lo:g}" if above_lo else f"at least {lo:g}"
            raise BadValue(f"must be {low} and at most {hi:g}{unit_text}", hint)
        return value

    return check


def port(*, any_port: bool = False) -> Callable[[str], int]:
    """A TCP port 1–65535; with `any_port`, 0 means 'any free port'."""
    return whole(0 if any_port else 1, 65535, "0 means any free port" if any_port else "")


seed = whole(0, MAX_SEED, "the same seed gives the same result")


def seconds_to_run(text: str) -> float:
    """How long a window or show runs before stopping by itself: more than 0, at most ~11 days."""
    return real(0.0, MAX_RUN_SECONDS, above_lo=True, unit="seconds",
                hint="leave it out to run until stopped")(text)


# ---- dates, times, words ----------------------------------------------------------------------

def day(text: str) -> date:
    """A calendar day written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadValue("is not a date", "write it as YYYY-MM-DD, e.g. 2026-11-11") from None


def moment(text: str) -> datetime:
    """A wall-clock time: 'YYYY-MM-DD HH:MM[:SS]', or HH:MM[:SS] today (naive local time)."""
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%H:%M:%S", "%H:%M"):
        try:
            value = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        if fmt.startswith("%H"):
            today = SystemClock().now()
            value = today.replace(hour=value.hour, minute=value.minute, second=value.second, microsecond=0,
                                  tzinfo=None)
        return value
    raise BadValue("is not a time", "write it as 'YYYY-MM-DD HH:MM' or HH:MM")


def text(*, max_length: int = 2000, what: str = "text") -> Callable[[str], str]:
    """Text that must say something: not empty or blank, no NUL, at most `max_length` characters."""

    def check(value: str) -> str:
        if not value.strip():
            raise BadValue("is empty", f"give the {what}")
        if "\x00" in value:
            raise BadValue("contains a NUL character", f"give the {what} as plain text")
        if len(value) > max_length:
            raise BadValue(f"is {len(value):,} characters long; at most {max_length:,}", f"shorten the {what}")
        return value

    return check


def language(value: str) -> str:
    """A BCP 47 language tag such as zh-CN or en-US."""
    if not _LANGUAGE.match(value.strip()):
        raise BadValue("is not a language tag", "write zh-CN, en-US, …")
    return value.strip()


def checked(problem: Callable[[str], str], hint: str = "") -> Callable[[str], str]:
    """A check from elsewhere that returns what is wrong ('' when fine), as a `type=`."""

    def check(value: str) -> str:
        found = problem(value)
        if found:
            raise BadValue(found, hint)
        return value

    return check


# ---- paths ------------------------------------------------------------------------------------

_LOOP = ("is a symbolic link loop: it, or a folder above it, leads back to itself",
         "replace the link with the real file or folder")


def _path_text(value: str, what: str) -> Path:
    if not value.strip():
        raise BadValue("is empty", f"give {what}")
    if "\x00" in value:
        raise BadValue("contains a NUL character", f"give {what}")
    return Path(value)


def path(what: str) -> Callable[[str], Path]:
    """Any path that names something (not empty, no NUL); what is there is the command's business."""
    return lambda value: _path_text(value, what)


def _stat(path: Path) -> os.stat_result | None:
    """`os.stat(path)`, None when nothing is there; BadValue for a loop or an unusable name."""
    try:
        resolve(path)
        return path.stat()
    except SymlinkLoopError:
        raise BadValue(*_LOOP) from None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return None
        if exc.errno == errno.ELOOP:
            raise BadValue(*_LOOP) from None
        if exc.errno == errno.ENAMETOOLONG:
            raise BadValue("is too long a name for the file system", "use a shorter path") from None
        raise BadValue(f"cannot be examined: {exc.strerror or exc}", "check the path and its permissions") from None


def _is_dir(st: os.stat_result) -> bool:
    import stat

    return stat.S_ISDIR(st.st_mode)


def show_folder(*, must_exist: bool = True) -> Callable[[str], Path]:
    """A show folder (or its show.toml). Without `must_exist` the loader reports what is missing."""
    what = "the show folder or its show.toml"

    def check(value: str) -> Path:
        path = _path_text(value, what)
        if not must_exist:
            return path
        st = _stat(path)
        if st is None:
            raise BadValue("no such folder", "give the folder that holds show.toml; `studio new FOLDER` creates one")
        if not _is_dir(st) and path.name != "show.toml":
            raise BadValue("is a file, not a show folder", "give the folder that holds show.toml")
        return path

    return check


def input_file(what: str) -> Callable[[str], Path]:
    """An existing, readable file (not a folder)."""

    def check(value: str) -> Path:
        path = _path_text(value, what)
        st = _stat(path)
        if st is None:
            raise BadValue("no such file", f"give the path of {what}")
        if _is_dir(st):
            raise BadValue("is a folder, not a file", f"give the path of {what}")
        if not os.access(path, os.R_OK):
            raise BadValue("cannot be read: permission denied", "check the file's permissions")
        return path

    return check


def _no_control(value: str, what: str) -> None:
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in value):
        raise BadValue("has bytes that are not UTF-8 in its name", f"give {what} a name in UTF-8")
    if one_line(value) != value:
        raise BadValue("has a control or invisible character in its name",
                       f"give {what} a plain name; such names break other tools")


def _writable_folder(folder: Path, what: str) -> None:
    """`folder` must exist, be a folder and be writable (what is written goes into it)."""
    st = _stat(folder)
    if st is None:
        raise BadValue(f"the folder {folder.as_posix()} does not exist",
                       f"create it first, or choose another place for {what}")
    if not _is_dir(st):
        raise BadValue(f"{folder.as_posix()} is a file, not a folder", f"choose another place for {what}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadValue(f"cannot write in {folder.as_posix()}: permission denied", f"choose another place for {what}")


def output_file(suffixes: Iterable[str], what: str) -> Callable[[str], Path]:
    """A file to write: the right extension, a writable existing parent folder, not a folder itself."""
    allowed = tuple(s.lower() for s in suffixes)
    names = " or ".join(allowed)

    def check(value: str) -> Path:
        path = _path_text(value, f"a file name ending in {names}")
        _no_control(value, "the file")
        st = _stat(path)
        if st is not None and _is_dir(st):
            raise BadValue("is a folder", f"give a file name in it, e.g. {(path / ('out' + allowed[0])).as_posix()}")
        if path.suffix.lower() not in allowed:
            raise BadValue(f"the file is written as {what}, so its name must end in {names}",
                           f"e.g. {path.stem or 'out'}{allowed[0]}")
        _writable_folder(path.parent, "the file")
        if st is not None and not os.access(path, os.W_OK):
            raise BadValue("exists and is read-only", "choose another name")
        return path

    return check


def output_folder(what: str) -> Callable[[str], Path]:
    """A folder to write into, created if missing: not a file, and the nearest existing folder writable."""

    def check(value: str) -> Path:
        path = _path_text(value, f"a folder for {what}")
        _no_control(value, "the folder")
        st = _stat(path)
        if st is not None:
            if not _is_dir(st):
                raise BadValue("is a file, not a folder", f"give a folder for {what}")
            if not os.access(path, os.W_OK | os.X_OK):
                raise BadValue("cannot be written: permission denied", f"choose another folder for {what}")
            return path
        parent = path.parent
        while _stat(parent) is None and parent != parent.parent:
            parent = parent.parent
        _writable_folder(parent, what)
        return path

    return check


def new_folder(value: str) -> Path:
    """A folder to create something in (new, or empty — the command checks that)."""
    path = _path_text(value, "a folder")
    _no_control(value, "the folder")
    st = _stat(path)
    if st is not None and not _is_dir(st):
        raise BadValue("is a file, not a folder", "give a new folder name")
    return path
