"""What every reader of a show's files shares: the load's context, the show's located-TOML reader
(`ShowFile`: the core reader plus prices, show-relative paths and source references) and media checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from studio.core.images import ImageError, NotAnImage, check_image_file, format_of_suffix
from studio.core.paths import LOOP_HINT, PathOutsideError, SymlinkLoopError, confine
from studio.core.problems import Problem, Severity, closest, did_you_mean
from studio.core.toml import KeyPath, TomlReader, TomlReadError, TomlSource, decode_text, parse_toml, read_toml_file
from studio.core.toml import describe_value as _kind
from studio.core.toml import format_number as _number
from studio.show.model import SourceRef
from studio.show.money import MoneyError, money_value

SHOW_FILE = "show.toml"
PRODUCTS_DIR = "products"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")

ID_PATTERN = re.compile(r"^[\w-]+$")  # product and rundown ids
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


class ShowFile(TomlReader):
    """The located-TOML reader bound to one file of a show, with the show's own value kinds."""

    def __init__(self, ctx: LoadContext, rel: str, src: TomlSource | None) -> None:
        super().__init__(rel, src, ctx.problems)
        self.ctx = ctx

    def ref(self, path: KeyPath) -> SourceRef:
        return SourceRef(self.file, self.line(path))

    def money(self, table: dict[str, Any], key: str, path: KeyPath, required: bool) -> Decimal | None:
        if key not in table:
            if required:
                self.error(path + (key,), "is required", f"add {key} = 99.9", line=self.line(path) or 1)
            return None
        value = table[key]
        try:
            amount = money_value(value)
        except MoneyError as exc:
            self.error(path + (key,), f"must be a number, got {_kind(value)}",
                       exc.hint or f"write {key} = 168.5, without a currency sign or words")
            return None
        if amount < 0:
            self.error(path + (key,), f"must not be negative, got {_number(value)}")
            return None
        if amount > Decimal("100000000"):
            self.error(path + (key,), f"is implausibly large ({_number(value)})")
            return None
        return amount

    def path_value(self, table: dict[str, Any], key: str, path: KeyPath, *, expect_dir: bool = False,
                   missing_is_error: bool = False, what: str = "file") -> Path | None:
        """A show-relative path: confined; a missing target warns (or errors) and gives None."""
        rel = self.string(table, key, path)
        if not rel:
            return None
        return self.confined(rel, path + (key,), expect_dir=expect_dir,
                             missing_is_error=missing_is_error, what=what)

    def confined(self, rel: str, path: KeyPath, *, expect_dir: bool = False,
                 missing_is_error: bool = False, what: str = "file") -> Path | None:
        try:
            target = confine(self.ctx.root, rel)
        except PathOutsideError as exc:
            self.error(path, str(exc), path_hint(exc, "media must live inside the show folder, e.g. media/tea.png"))
            return None
        try:
            ok = target.is_dir() if expect_dir else target.is_file()
        except OSError:  # e.g. a name too long for the file system
            ok = False
        if not ok:
            report = self.error if missing_is_error else self.warn
            hint = "check the spelling; paths are relative to the show folder"
            nearby = nearby_names(target)
            if closest(target.name, nearby) is not None:
                hint = did_you_mean(target.name, nearby)
            report(path, f"{what} '{rel}' not found" + ("" if missing_is_error else "; a placeholder is used"),
                   hint)
            return None
        return target


class LoadContext:
    """One load of a show: its folder, texts read in place of files, and every problem found."""

    def __init__(self, root: Path, texts: Mapping[str, str | None] | None = None) -> None:
        self.root = root
        # show-relative file → text to read instead of the file (None: as if deleted); the editor
        # validates unsaved edits this way, with media still checked against the real folder
        self.texts: dict[str, str | None] = dict(texts or {})
        self.problems: list[Problem] = []
        # ids of product files that exist but could not be loaded: their errors are reported
        # in their own file, so a rundown naming them need not add a second error
        self.broken_products: set[str] = set()
        # the products folder itself is refused (a link out, a loop): every product is unknown
        self.products_refused = False

    def add(self, severity: Severity, file: str, line: int | None, key: str, message: str, hint: str) -> None:
        self.problems.append(Problem(severity, file, line, key, message, hint))


def path_hint(exc: PathOutsideError, hint: str) -> str:
    """What to do about a refused path: `hint`, or how to mend a symbolic link loop."""
    return LOOP_HINT if isinstance(exc, SymlinkLoopError) else hint


def read_source(ctx: LoadContext, path: Path, rel: str) -> TomlSource | None:
    """One show file parsed (or its text given in `ctx.texts`); a file that is not TOML is reported."""
    try:
        text = ctx.texts.get(rel)
        if text is not None:
            return parse_toml(decode_text(text.encode("utf-8")))
        return read_toml_file(path)
    except TomlReadError as exc:
        ctx.add(Severity.ERROR, rel, exc.line, "", exc.message, exc.hint)
        return None


def nearby_names(target: Path) -> list[str]:
    """Names beside `target` (a few hundred at most), for a did-you-mean on a misspelt path."""
    try:
        return [p.name for p in target.parent.iterdir()][:200] if target.parent.is_dir() else []
    except OSError:
        return []


def checked_image(f: ShowFile, key: KeyPath, image: Path) -> Path | None:
    """The image when it is safe to decode (studio.core.images); otherwise reported and None.

    Not an image at all: a warning, the placeholder airs (as for a missing file). An image that is
    too large, cut short or lying about its size: an error, since decoding it could take the
    machine's memory or air a half-grey photo. Above SLOW_PIXELS: a warning that a smaller copy
    is prepared once.
    """
    checked = check_image_file(image)
    if isinstance(checked, NotAnImage):
        f.warn(key, f"'{image.name}' is not a readable image ({checked.reason}); a placeholder is used",
               "re-export it as PNG or JPEG")
        return None
    if isinstance(checked, ImageError):
        f.error(key, f"'{image.name}': {checked.reason}", checked.hint)
        return None
    promised = format_of_suffix(image.suffix)
    if promised is not None and promised != checked.format:
        f.warn(key, f"'{image.name}' is a {checked.format} file, not {promised} as its name says; "
               f"it is read as {checked.format}", f"rename it to {image.stem}{_SUFFIX_OF[checked.format]}")
    if checked.slow:
        f.warn(key, f"'{image.name}' is {checked.describe()}: a smaller copy is prepared once and used on air",
               "export it at most 2000 pixels on its longer side to spare that step")
    return image


_SUFFIX_OF = {"PNG": ".png", "JPEG": ".jpg", "WebP": ".webp", "GIF": ".gif", "BMP": ".bmp"}
