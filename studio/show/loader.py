"""Load a show folder into frozen dataclasses, reporting every problem at once with its location.

Never raises for bad input: `load_show` returns a `LoadResult` whose `problems` say what is wrong
(file, line, key, message, hint). Errors mean the show cannot run; warnings do not stop it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from studio.compliance.disclosure import ai_denial, says_ai
from studio.compliance.normalize import is_separator
from studio.compliance.wordlists import MAX_TERM_LENGTH, parse_word_lists
from studio.core.paths import LOOP_HINT, PathOutsideError, SymlinkLoopError, confine, resolve
from studio.core.images import ImageError, NotAnImage, check_image_file, format_of_suffix
from studio.core.problems import Problem, ProblemReport, Severity, closest, did_you_mean, sort_problems
from studio.core.text import describe_hidden, find_hidden, strip_hidden
from studio.core.vocab import CardMode
from studio.show.model import (
    CANVAS_PRESETS,
    CARD_ACTIONS,
    CHROMA_GREEN,
    DAYS,
    EXPRESSIONS,
    GESTURES,
    WEEK_MINUTES,
    Background,
    ChatConfig,
    FaqEntry,
    Line,
    Pauses,
    Product,
    Rundown,
    RundownItem,
    Schedule,
    ScheduleWindow,
    Show,
    SourceRef,
    Voice,
    disclosure_for,
)
from studio.show.templates import Template, TemplateError
from studio.show.tomlsource import (
    KeyPath,
    TomlReadError,
    TomlSource,
    format_key,
    decode_text,
    parse_toml,
    read_toml_file,
)
from studio.show.tomlsource import describe_value as _kind
from studio.show.tomlsource import format_number as _number
from studio.show.variables import CURRENCY_SYMBOLS, SHOW_VARIABLES, VARIABLES

SHOW_FILE = "show.toml"
PRODUCTS_DIR = "products"
MAX_PRODUCTS = 500
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ID = re.compile(r"^[\w-]+$")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")

DAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_ALIASES: dict[str, tuple[int, ...]] = {
    **{d: (i,) for i, d in enumerate(DAYS)},
    **{n.lower(): (i,) for i, n in enumerate(DAY_NAMES_EN)},
    **{f"周{c}": (i,) for i, c in enumerate("一二三四五六日")},
    **{f"星期{c}": (i,) for i, c in enumerate("一二三四五六日")},
    "周天": (6,),
    "星期天": (6,),
    "daily": tuple(range(7)),
    "every day": tuple(range(7)),
    "每天": tuple(range(7)),
    "weekdays": tuple(range(5)),
    "工作日": tuple(range(5)),
    "weekends": (5, 6),
    "weekend": (5, 6),
    "周末": (5, 6),
}

SHOW_KEYS = {
    "title", "language", "canvas", "fps", "avatar", "background", "disclosure", "voice",
    "pauses", "ticker", "logo", "rundowns", "schedule", "filler", "compliance", "chat",
}
PRODUCT_KEYS = {
    "id", "name", "price", "original_price", "currency", "image", "selling_points", "stock",
    "link", "flash_sale_end", "faq", "pitch", "approved",
}
LINE_KEYS = {"text", "expression", "gesture", "card", "pause", "language", "approved"}
MAX_APPROVAL_LENGTH = 50  # an approval names a term ("全球首发"), not a sentence
FAQ_KEYS = {"keywords", "answer"}
VOICE_KEYS = {"engine", "id", "rate", "volume"}
PAUSE_KEYS = {"between_lines", "between_products"}
RUNDOWN_KEYS = {"title", "products", "shuffle"}
RUNDOWN_ITEM_KEYS = {"id", "repeat"}
SCHEDULE_KEYS = {"fallback", "windows"}
WINDOW_KEYS = {"days", "from", "to", "rundown"}
CHAT_KEYS = {"identity_answer", "name_deny"}
MAX_IDENTITY_ANSWER = 300  # characters: the answer is said on air; the label fills {disclosure}
MAX_NAME_DENY = 500


@dataclass(frozen=True)
class LoadResult(ProblemReport):
    """A loaded show (None when it has errors) and every problem found, in reading order."""

    show: Show | None
    problems: tuple[Problem, ...]
    root: Path

    @property
    def ok(self) -> bool:
        return self.show is not None


def bundled_avatars() -> list[str]:
    """Names of the avatar packs shipped with studio ("default" is the built-in host)."""
    names = {"default"}
    try:
        base = resources.files("studio") / "assets" / "avatars"
        if base.is_dir():
            names.update(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
    except (FileNotFoundError, ModuleNotFoundError):
        pass
    return sorted(names)


class _File:
    """Problem reporting bound to one TOML file."""

    def __init__(self, ctx: _Context, rel: str, src: TomlSource | None) -> None:
        self.ctx = ctx
        self.rel = rel
        self.src = src

    def line(self, path: KeyPath) -> int | None:
        return self.src.line_of(path) if self.src else None

    def ref(self, path: KeyPath) -> SourceRef:
        return SourceRef(self.rel, self.line(path))

    def error(self, path: KeyPath, message: str, hint: str = "", line: int | None = None) -> None:
        self.ctx.add(Severity.ERROR, self.rel, line or self.line(path), format_key(path), message, hint)

    def warn(self, path: KeyPath, message: str, hint: str = "", line: int | None = None) -> None:
        self.ctx.add(Severity.WARNING, self.rel, line or self.line(path), format_key(path), message, hint)

    # ---- typed readers: report and return a default when the value is unusable ----

    def check_keys(self, table: dict[str, Any], path: KeyPath, known: set[str]) -> None:
        for key in table:
            if key not in known:
                self.warn(path + (key,), f"unknown key '{key}' is ignored", did_you_mean(key, known))

    def table(self, parent: dict[str, Any], key: str, path: KeyPath) -> dict[str, Any]:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path + (key,), f"must be a table, got {_kind(value)}",
                       f"write it as [{format_key(path + (key,))}] with keys below it")
            return {}
        return value

    def clean(self, text: str, path: KeyPath) -> str:
        """Text that reaches the screen or the voice, without hidden characters (warned, with their names)."""
        hidden = find_hidden(text)
        if not hidden:
            return text
        one = len(hidden) == 1
        self.warn(path, f"{'hidden character' if one else f'{len(hidden)} hidden characters'} "
                        f"{describe_hidden(hidden)} {'is' if one else 'are'} removed before airing",
                  f"{'it' if one else 'they'} can reverse, hide or disguise text on screen and in speech; "
                  f"delete {'it' if one else 'them'} from the file")
        return strip_hidden(text).strip()

    def string(self, table: dict[str, Any], key: str, path: KeyPath, *, required: bool = False,
               default: str = "", allow_empty: bool = False, shown: bool = False) -> str:
        """A text value; `shown` text (it reaches the screen or the voice) is cleaned by `clean()`."""
        if key not in table:
            if required:
                self.error(path + (key,), "is required", f'add {key} = "…"', line=self.line(path) or 1)
            return default
        value = table[key]
        if not isinstance(value, str):
            self.error(path + (key,), f"must be text, got {_kind(value)}", f'put the value in quotes: {key} = "…"')
            return default
        if not value.strip() and not allow_empty:
            self.error(path + (key,), "must not be empty")
            return default
        if not shown:
            return value.strip()
        cleaned = self.clean(value.strip(), path + (key,))
        if not cleaned and not allow_empty:
            self.error(path + (key,), "must not be empty (it holds only hidden characters)")
            return default
        return cleaned

    def strings(self, table: dict[str, Any], key: str, path: KeyPath, *, shown: bool = False) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(path + (key,), f"must be a list of texts, got {_kind(value)}", f'write {key} = ["…", "…"]')
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.error(path + (key, i), f"must be text, got {_kind(item)}")
                continue
            text = self.clean(item.strip(), path + (key, i)) if shown else item.strip()
            if not text:
                self.warn(path + (key, i), "empty text is ignored")
            else:
                out.append(text)
        return tuple(out)

    def number(self, table: dict[str, Any], key: str, path: KeyPath, default: float,
               lo: float, hi: float, unit: str = "") -> float:
        if key not in table:
            return default
        value = table[key]
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or (isinstance(value, float) and math.isnan(value))):
            self.error(path + (key,), f"must be a number, got {_kind(value)}", f"write {key} = {default:g}")
            return default
        if not lo <= value <= hi:
            self.error(path + (key,), f"must be between {lo:g} and {hi:g}{unit}, got {_number(value)}")
            return default
        return float(value)

    def integer(self, table: dict[str, Any], key: str, path: KeyPath, default: int | None,
                lo: int, hi: int) -> int | None:
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path + (key,), f"must be a whole number, got {_kind(value)}")
            return default
        if not lo <= value <= hi:
            self.error(path + (key,), f"must be between {lo} and {hi}, got {_number(value)}")
            return default
        return value

    def boolean(self, table: dict[str, Any], key: str, path: KeyPath, default: bool) -> bool:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            self.error(path + (key,), f"must be true or false, got {_kind(value)}")
            return default
        return value

    def money(self, table: dict[str, Any], key: str, path: KeyPath, required: bool) -> Decimal | None:
        if key not in table:
            if required:
                self.error(path + (key,), "is required", f"add {key} = 99.9", line=self.line(path) or 1)
            return None
        value = table[key]
        amount: Decimal | None = None
        if isinstance(value, bool):
            amount = None
        elif isinstance(value, int):
            amount = Decimal(value)
        elif isinstance(value, float):
            amount = Decimal(repr(value)) if math.isfinite(value) else None
        elif isinstance(value, str):
            cleaned = value.strip().lstrip("¥￥$€£").replace(",", "").strip()
            try:
                amount = Decimal(cleaned)
            except InvalidOperation:
                amount = None
            if amount is not None and not amount.is_finite():
                amount = None
        if amount is None:
            self.error(path + (key,), f"must be a number, got {_kind(value)}",
                       f"write {key} = 168.5, without a currency sign or words")
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
            self.error(path, str(exc), _path_hint(exc, "media must live inside the show folder, e.g. media/tea.png"))
            return None
        try:
            ok = target.is_dir() if expect_dir else target.is_file()
        except OSError:  # e.g. a name too long for the file system
            ok = False
        if not ok:
            report = self.error if missing_is_error else self.warn
            hint = "check the spelling; paths are relative to the show folder"
            nearby = _nearby_names(target)
            if closest(target.name, nearby) is not None:
                hint = did_you_mean(target.name, nearby)
            report(path, f"{what} '{rel}' not found" + ("" if missing_is_error else "; a placeholder is used"),
                   hint)
            return None
        return target


class _Context:
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


def load_show(path: Path | str, texts: Mapping[str, str | None] | None = None) -> LoadResult:
    """Load the show in folder `path` (or the folder of a show.toml). Never raises for bad input.

    `texts` maps show-relative files ("show.toml", "products/tea.toml") to text read in their
    place, or to None for a file treated as deleted: unsaved edits can be checked without writing.
    """
    given = Path(path)
    try:
        given_is_dir = given.is_dir()
    except OSError:
        given_is_dir = False
    root = given.parent if given.name == SHOW_FILE and not given_is_dir else given
    ctx = _Context(root, texts)
    try:
        show = _load(ctx, root)
    except RecursionError:
        ctx.add(Severity.ERROR, SHOW_FILE, None, "", "the show nests too deeply to read", "")
        show = None
    except OSError as exc:  # the folder itself cannot be examined (a name too long, …)
        ctx.add(Severity.ERROR, str(root), None, "", f"cannot read the show: {exc.strerror or exc}",
                "give the folder that holds show.toml")
        show = None
    problems = tuple(sort_problems(ctx.problems))
    if any(p.is_error for p in problems):
        show = None
    return LoadResult(show, problems, root)


def _path_hint(exc: PathOutsideError, hint: str) -> str:
    """What to do about a refused path: `hint`, or how to mend a symbolic link loop."""
    return LOOP_HINT if isinstance(exc, SymlinkLoopError) else hint


def _load(ctx: _Context, root: Path) -> Show | None:
    try:
        resolve(root)
    except SymlinkLoopError:
        ctx.add(Severity.ERROR, str(root), None, "", "symbolic link loop: the folder (or one above it) "
                "leads back to itself", LOOP_HINT)
        return None
    if not root.exists():
        ctx.add(Severity.ERROR, str(root), None, "", "no such folder", "give the folder that holds show.toml")
        return None
    if not root.is_dir():
        ctx.add(Severity.ERROR, str(root), None, "", "not a show folder",
                "give the folder that holds show.toml (or the show.toml itself)")
        return None
    show_path = root / SHOW_FILE
    try:  # the rules of every other show path: no link out of the folder, no loop
        confine(root, SHOW_FILE)
    except PathOutsideError as exc:
        ctx.add(Severity.ERROR, SHOW_FILE, None, "", str(exc), _path_hint(exc, "copy the file into the show folder"))
        return None
    if ctx.texts.get(SHOW_FILE) is None and (SHOW_FILE in ctx.texts or not show_path.is_file()):
        ctx.add(Severity.ERROR, SHOW_FILE, None, "", f"no {SHOW_FILE} in {root}",
                f"`studio new {root}` creates a starter show")
        return None
    src = _read(ctx, show_path, SHOW_FILE)
    if src is None:
        return None
    f = _File(ctx, SHOW_FILE, src)
    d = src.data
    f.check_keys(d, (), SHOW_KEYS)

    title = f.string(d, "title", (), required=True, default=root.name, shown=True)
    language = f.string(d, "language", (), default="zh-CN")
    if not _LANG.match(language):
        f.error(("language",), f"'{language}' is not a language tag", "write zh-CN, en-US, …")
        language = "zh-CN"
    elif language.split("-")[0].lower() not in ("zh", "en", "cmn"):
        f.warn(("language",), f"studio prepares text for Chinese and English; '{language}' is read as written")

    canvas = _canvas(f, d)
    fps = f.integer(d, "fps", (), 30, 10, 60) or 30
    avatar = _avatar(f, d)
    background = _background(f, d)
    if d.get("disclosure") is False:
        disclosure = ""  # switched off: studio.compliance reports it as an error for live use
    elif "disclosure" in d:
        disclosure = f.string(d, "disclosure", (), default=disclosure_for(language), allow_empty=True,
                              shown=True)
    else:
        disclosure = disclosure_for(language)
    compliance = parse_word_lists(d.get("compliance"), f.error, f.warn)
    chat = _chat(f, d, disclosure or disclosure_for(language))
    voice_t = f.table(d, "voice", ())
    f.check_keys(voice_t, ("voice",), VOICE_KEYS)
    engine = f.string(voice_t, "engine", ("voice",), default="pyttsx3")
    if engine != "pyttsx3":
        f.error(("voice", "engine"), f"unknown speech engine '{engine}'", "the engine available is pyttsx3")
    voice = Voice(
        engine="pyttsx3",
        id=f.string(voice_t, "id", ("voice",), default="auto"),
        rate=f.integer(voice_t, "rate", ("voice",), 175, 60, 400) or 175,
        volume=f.number(voice_t, "volume", ("voice",), 1.0, 0.0, 1.0),
    )
    pauses_t = f.table(d, "pauses", ())
    f.check_keys(pauses_t, ("pauses",), PAUSE_KEYS)
    pauses = Pauses(
        between_lines=f.number(pauses_t, "between_lines", ("pauses",), 0.4, 0.0, 30.0, " seconds"),
        between_products=f.number(pauses_t, "between_products", ("pauses",), 1.5, 0.0, 60.0, " seconds"),
    )
    ticker = f.strings(d, "ticker", (), shown=True)
    logo = f.path_value(d, "logo", (), what="logo")
    if logo is not None:
        logo = _checked_image(f, ("logo",), logo)
    filler = _lines(f, d.get("filler"), ("filler",), "filler", language, set(SHOW_VARIABLES), None)

    products = _products(ctx, root, language)
    rundowns = _rundowns(f, d, products)
    schedule = _schedule(f, d, rundowns)

    return Show(
        root=root.resolve(),
        title=title,
        language=language,
        canvas=canvas,
        fps=fps,
        avatar=avatar,
        background=background,
        disclosure=disclosure,
        compliance=compliance,
        chat=chat,
        voice=voice,
        pauses=pauses,
        ticker=ticker,
        logo=logo,
        products=tuple(products),
        rundowns=tuple(rundowns),
        schedule=schedule,
        filler=filler,
    )


def _read(ctx: _Context, path: Path, rel: str) -> TomlSource | None:
    try:
        text = ctx.texts.get(rel)
        if text is not None:
            return parse_toml(decode_text(text.encode("utf-8")))
        return read_toml_file(path)
    except TomlReadError as exc:
        ctx.add(Severity.ERROR, rel, exc.line, "", exc.message, exc.hint)
        return None


def _nearby_names(target: Path) -> list[str]:
    try:
        return [p.name for p in target.parent.iterdir()][:200] if target.parent.is_dir() else []
    except OSError:
        return []


def _canvas(f: _File, d: dict[str, Any]) -> tuple[int, int]:
    value = d.get("canvas", "portrait")
    sizes = {f"{w}x{h}": (w, h) for w, h in CANVAS_PRESETS.values()}
    if isinstance(value, str):
        key = value.strip().lower().replace("×", "x").replace(" ", "")
        if key in CANVAS_PRESETS:
            return CANVAS_PRESETS[key]
        if key in sizes:
            return sizes[key]
    f.error(("canvas",), f"unknown canvas {value!r}",
            "use portrait (1080x1920), landscape (1920x1080) or portrait-720 (720x1280)")
    return CANVAS_PRESETS["portrait"]


def _avatar(f: _File, d: dict[str, Any]) -> str:
    value = f.string(d, "avatar", (), default="default")
    if "/" in value or "\\" in value or value.startswith("."):
        target = f.confined(value, ("avatar",), expect_dir=True, missing_is_error=True, what="avatar folder")
        return str(target) if target else "default"
    names = bundled_avatars()
    if value not in names:
        f.error(("avatar",), f"no bundled avatar named '{value}'",
                did_you_mean(value, names) + " — or give the path to your own avatar pack folder")
        return "default"
    return value


def _background(f: _File, d: dict[str, Any]) -> Background:
    default = Background("color", "#20232A")
    value = f.string(d, "background", (), default="")
    if not value:
        return default
    low = value.lower()
    if low in ("chroma", "green", "chroma-green"):
        return Background("chroma", CHROMA_GREEN)
    if low == "transparent":
        return Background("transparent")
    if value.startswith("#"):
        if _COLOR.match(value):
            return Background("color", value.upper())
        f.error(("background",), f"'{value}' is not a colour", "write it as #RRGGBB, e.g. #1E2A3A")
        return default
    image = f.confined(value, ("background",), what="background image")
    if image is None:
        return default
    if image.suffix.lower() not in IMAGE_SUFFIXES:
        f.warn(("background",), f"'{value}' does not look like an image", "use a PNG or JPEG")
    image = _checked_image(f, ("background",), image)
    return default if image is None else Background("image", None, image)


def _chat(f: _File, d: dict[str, Any], disclosure: str) -> ChatConfig:
    """`[chat]`: the operator's wording of the AI identity answer, and words kept out of names."""
    table = f.table(d, "chat", ())
    f.check_keys(table, ("chat",), CHAT_KEYS)
    answer = ""
    path = ("chat", "identity_answer")
    example = 'identity_answer = "{disclosure}：我是AI生成的数字人主播，不是真人。"'
    raw = table.get("identity_answer")
    if raw is False or (isinstance(raw, str) and not raw.strip()):
        f.error(path, "the answer to 'are you real / are you AI?' cannot be switched off",
                "remove identity_answer to use the built-in answer, or reword it: " + example)
    elif not isinstance(raw, str):
        if raw is not None:
            f.string(table, "identity_answer", ("chat",))  # reports "must be text"
    else:
        text = raw.strip()
        filled = " ".join(text.replace("{disclosure}", disclosure).split())
        denial = ai_denial(filled)
        if len(text) > MAX_IDENTITY_ANSWER:
            f.error(path, f"the answer is {len(text)} characters long; at most {MAX_IDENTITY_ANSWER}",
                    "one or two short sentences")
        elif "{" in text.replace("{disclosure}", "") or "}" in text.replace("{disclosure}", ""):
            f.error(path, "only {disclosure} (the show's AI label) may be filled in here",
                    "write the rest as plain text: " + example)
        elif denial:
            f.error(path, f"the answer denies that the host is AI ('{denial}')",
                    "an AI host must say it is AI-generated: " + example)
        elif not says_ai(filled):
            f.error(path, "the answer does not say that the host is AI-generated",
                    "say it affirmatively (AI, 人工智能, AI生成…) or include {disclosure}: " + example)
        else:
            answer = text
    words: list[str] = []
    f.strings(table, "name_deny", ("chat",))  # reports a value that is not a list of texts
    given = table.get("name_deny")
    given = [given] if isinstance(given, str) else given if isinstance(given, list) else []
    for i, word in enumerate(given[:MAX_NAME_DENY]):
        if not isinstance(word, str) or not word.strip():
            continue  # reported above
        word = word.strip()
        if all(is_separator(c) for c in word):
            f.error(("chat", "name_deny", i), f"'{word}' has no letters or characters to match",
                    "write a word, not only punctuation")
        elif len(word) > MAX_TERM_LENGTH:
            f.error(("chat", "name_deny", i), f"the word is {len(word)} characters long; at most {MAX_TERM_LENGTH}",
                    "list the word itself, not a sentence")
        else:
            words.append(word)
    return ChatConfig(answer, tuple(words))


def _products(ctx: _Context, root: Path, language: str) -> list[Product]:
    pdir = root / PRODUCTS_DIR
    given = {rel for rel, text in ctx.texts.items()
             if text is not None and rel.startswith(PRODUCTS_DIR + "/") and rel.count("/") == 1}
    try:
        confine(root, PRODUCTS_DIR)
    except PathOutsideError as exc:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", str(exc),
                _path_hint(exc, "make products/ a real folder inside the show folder"))
        ctx.products_refused = True
        return []
    if not pdir.is_dir() and not given:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", "no products folder",
                f"create {PRODUCTS_DIR}/ with one TOML file per product")
        return []
    files: list[Path] = []
    try:
        on_disk = list(pdir.iterdir()) if pdir.is_dir() else []
        entries = sorted({p.name: p for p in on_disk + [root / rel for rel in given]}.values(),
                         key=lambda p: p.name)
    except OSError as exc:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", f"cannot list the folder: {exc.strerror}", "")
        return []
    for p in entries:
        rel = f"{PRODUCTS_DIR}/{p.name}"
        if p.name.startswith(".") or p.name.endswith("~"):
            continue
        if p.suffix.lower() != ".toml":
            ctx.add(Severity.WARNING, rel, None, "", "not a .toml file; ignored",
                    "product files end in .toml; images go in media/")
            continue
        try:
            confine(root, rel)
        except PathOutsideError as exc:
            ctx.add(Severity.ERROR, rel, None, "", str(exc), _path_hint(exc, "copy the file into the show folder"))
            ctx.broken_products.add(p.stem)
            continue
        if rel in ctx.texts:
            if ctx.texts[rel] is not None:
                files.append(p)
        elif p.is_file():
            files.append(p)
        elif p.is_symlink() and not p.exists():
            ctx.add(Severity.WARNING, rel, None, "", "a symbolic link to nothing; ignored",
                    "point it at a product file, or delete it")
        elif not p.is_dir():  # a FIFO, socket or device: never opened (reading one may never end)
            ctx.add(Severity.ERROR, rel, None, "", "not a regular file (a pipe, socket or device); not read",
                    "replace it with a product TOML file")
            ctx.broken_products.add(p.stem)
    if not files:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "", "no product files",
                f"add {PRODUCTS_DIR}/<id>.toml for each product")
    if len(files) > MAX_PRODUCTS:
        ctx.add(Severity.ERROR, PRODUCTS_DIR + "/", None, "",
                f"{len(files)} product files; at most {MAX_PRODUCTS} are supported", "split the show")
        files = files[:MAX_PRODUCTS]
    products: list[Product] = []
    seen: dict[str, str] = {}
    for p in files:
        rel = f"{PRODUCTS_DIR}/{p.name}"
        loaded = _product(ctx, p, rel, language)
        if loaded is None:
            continue
        product, id_line = loaded
        if product.id in seen:
            ctx.add(Severity.ERROR, rel, id_line, "id",
                    f"product id '{product.id}' is also used by {seen[product.id]}", "ids must be unique")
            continue
        seen[product.id] = rel
        products.append(product)
    return products


def _product(ctx: _Context, path: Path, rel: str, language: str) -> tuple[Product, int] | None:
    """The product in one file and the line its id comes from (1 when the file name gives it)."""
    src = _read(ctx, path, rel)
    if src is None:
        ctx.broken_products.add(path.stem)
        return None
    f = _File(ctx, rel, src)
    d = src.data
    f.check_keys(d, (), PRODUCT_KEYS)
    pid = f.string(d, "id", (), default=path.stem)
    if not _ID.match(pid):
        f.error(("id",), f"'{pid}' cannot be a product id",
                "use letters, digits, '-' or '_' (Chinese characters are fine), no spaces")
    name = f.string(d, "name", (), required=True, default=pid, shown=True)
    price = f.money(d, "price", (), required=True)
    original = f.money(d, "original_price", (), required=False)
    if price is not None and original is not None and original < price:
        f.warn(("original_price",), f"the original price {original} is below the price {price}",
               "no discount is shown; swap the two if they are reversed")
    default_currency = "CNY" if language.lower().startswith(("zh", "cmn")) else "USD"
    currency = f.string(d, "currency", (), default=default_currency).upper()
    if not _CURRENCY.match(currency):
        f.error(("currency",), f"'{currency}' is not a currency code", "write an ISO code such as CNY or USD")
        currency = default_currency
    elif currency not in CURRENCY_SYMBOLS:
        f.warn(("currency",), f"unfamiliar currency '{currency}'; prices show the code instead of a symbol")
    image = f.path_value(d, "image", (), what="image")
    if image is not None and image.suffix.lower() not in IMAGE_SUFFIXES:
        f.warn(("image",), f"'{image.name}' is not a PNG, JPEG, WebP or BMP image; a placeholder is used")
        image = None
    elif image is not None:
        image = _checked_image(f, ("image",), image)
    selling_points = f.strings(d, "selling_points", (), shown=True)
    stock = f.integer(d, "stock", (), None, 0, 10_000_000)
    link = f.string(d, "link", (), default="", allow_empty=True, shown=True)
    flash = _flash_sale(f, d)
    available = {name for name, needs in VARIABLES.items() if needs is None}
    if original is not None and price is not None and original > price:
        available |= {"original_price", "saving", "discount"}
    elif original is not None:
        available.add("original_price")
    if stock is not None:
        available.add("stock")
    if link:
        available.add("link")
    pitch = _lines(f, d.get("pitch"), ("pitch",), f"{pid}/pitch", language, available, "pitch")
    if not pitch and "pitch" not in d:
        f.warn(("pitch",), "no pitch lines: the host will show the card but say nothing about it",
               line=1, hint='add pitch = ["…"]')
    faq = _faq(f, d, pid, language, available)
    approved = _approvals(f, d, ())
    if price is None:
        ctx.broken_products.add(pid)
        return None
    product = Product(
        id=pid, name=name, price=price, currency=currency, original_price=original, image=image,
        selling_points=selling_points, stock=stock, link=link, flash_sale_end=flash, faq=faq,
        pitch=pitch, source=SourceRef(rel, 1), approved=approved,
    )
    return product, (f.line(("id",)) if "id" in d else None) or 1


def _checked_image(f: _File, key: KeyPath, image: Path) -> Path | None:
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


def _flash_sale(f: _File, d: dict[str, Any]) -> datetime | time | None:
    if "flash_sale_end" not in d:
        return None
    value = d["flash_sale_end"]
    if isinstance(value, datetime):
        return value
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        m = _HHMM.match(value.strip())
        if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
            return time(int(m.group(1)), int(m.group(2)))
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    f.error(("flash_sale_end",), f"must be a date and time or a time of day, got {_kind(value)}",
            "write flash_sale_end = 2026-11-27T20:00:00+08:00, or \"20:00\" for every day")
    return None


def _lines(f: _File, value: Any, path: KeyPath, id_prefix: str, language: str,
           variables: set[str], context: str | None) -> tuple[Line, ...]:
    """A list of line entries (strings or tables with cues)."""
    if value is None:
        return ()
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list):
        f.error(path, f"must be a list of lines, got {_kind(value)}", 'write ["first line", "second line"]')
        return ()
    out = []
    for i, entry in enumerate(value):
        line = _line(f, entry, path + (i,), f"{id_prefix}/{i + 1}", variables, context)
        if line is not None:
            out.append(line)
    return tuple(out)


def _line(f: _File, entry: Any, path: KeyPath, line_id: str, variables: set[str],
          context: str | None) -> Line | None:
    cues: dict[str, Any] = {}
    if isinstance(entry, str):
        text = entry
    elif isinstance(entry, dict):
        f.check_keys(entry, path, LINE_KEYS)
        if "text" not in entry:
            f.error(path + ("text",), "a line needs text", 'write { text = "…", gesture = "point" }',
                    line=f.line(path))
            return None
        text = entry["text"]
        if not isinstance(text, str):
            f.error(path + ("text",), f"must be text, got {_kind(text)}")
            return None
        cues = entry
    else:
        f.error(path, f"a line must be text or a table, got {_kind(entry)}")
        return None
    text = f.clean(text.strip(), path)
    if not text:
        f.warn(path, "empty line is ignored")
        return None
    if len(text) > 2000:
        f.error(path, f"the line is {len(text)} characters long; at most 2000",
                "split it into several lines")
        return None
    try:
        template = Template.parse(text)
    except TemplateError as exc:
        f.error(path, f"{exc.message} (column {exc.column})", exc.hint)
        return None
    for var in template.variables():
        if var.name in variables:
            continue
        if var.name in VARIABLES:
            need = VARIABLES[var.name]
            if context is None:
                f.error(path, f"{{{var.name}}} needs a product; filler lines can only use "
                        + ", ".join("{" + v + "}" for v in SHOW_VARIABLES))
            else:
                f.error(path, f"{{{var.name}}} needs the product's {need}, which is missing"
                        + (" or not above the price" if need == "original_price" else ""),
                        f"set {need} in this file, or remove {{{var.name}}}")
        else:
            f.error(path, f"unknown variable {{{var.name}}}",
                    did_you_mean(var.name, VARIABLES) if closest(var.name, VARIABLES) else
                    "variables: " + ", ".join("{" + v + "}" for v in VARIABLES)
                    + "; write {{ and }} for literal braces")
    expression = _choice(f, cues, "expression", path, EXPRESSIONS)
    gesture = _choice(f, cues, "gesture", path, GESTURES)
    card_cue = _choice(f, cues, "card", path, CARD_ACTIONS)
    card = CardMode(card_cue) if card_cue else None
    pause = None
    if "pause" in cues:
        pause = f.number(cues, "pause", path, 0.0, 0.0, 60.0, " seconds")
    lang = None
    if "language" in cues:
        lang = f.string(cues, "language", path) or None
        if lang and not _LANG.match(lang):
            f.error(path + ("language",), f"'{lang}' is not a language tag", "write en-US, zh-CN, …")
            lang = None
    approved = _approvals(f, cues, path)
    return Line(line_id, template, expression, gesture, card, pause, lang, f.ref(path), approved)


def _approvals(f: _File, table: dict[str, Any], path: KeyPath) -> tuple[str, ...]:
    """`approved = ["全球首发"]`: the warning terms the operator approved (whether each is still
    in the text is for `studio check` to say, which knows the lexicon)."""
    raw = table.get("approved")
    if raw is None:
        return ()
    items = list(enumerate(raw)) if isinstance(raw, list) else [(None, raw)]
    if not isinstance(raw, list | str):
        f.error(path + ("approved",), f"must be a list of approved terms, got {_kind(raw)}",
                'write approved = ["全球首发"]')
        return ()
    out: list[str] = []
    for i, term in items:
        where = path + ("approved",) + (() if i is None else (i,))
        if not isinstance(term, str):
            f.error(where, f"an approval must be text, got {_kind(term)}", 'write approved = ["全球首发"]')
        elif not term.strip():
            f.warn(where, "empty approval is ignored", "remove it")
        elif len(term.strip()) > MAX_APPROVAL_LENGTH:
            f.error(where, f"the approval is {len(term.strip())} characters long; at most {MAX_APPROVAL_LENGTH}",
                    'list the approved term itself, e.g. approved = ["全球首发"]')
        elif term.strip() in out:
            f.warn(where, f"'{term.strip()}' is approved twice", "remove the repeat")
        else:
            out.append(term.strip())
    return tuple(out)


def _choice(f: _File, table: dict[str, Any], key: str, path: KeyPath, choices: Iterable[str]) -> str | None:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, str) or value not in choices:
        shown = value if isinstance(value, str) else _kind(value)
        f.error(path + (key,), f"unknown {key} '{shown}'",
                did_you_mean(str(value), choices) or "expected one of: " + ", ".join(choices))
        return None
    return value


def _faq(f: _File, d: dict[str, Any], pid: str, language: str, variables: set[str]) -> tuple[FaqEntry, ...]:
    value = d.get("faq")
    if value is None:
        return ()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        f.error(("faq",), f"must be a list of entries, got {_kind(value)}",
                'write [[faq]] tables with keywords = ["…"] and answer = "…"')
        return ()
    out = []
    for i, entry in enumerate(value):
        path: KeyPath = ("faq", i)
        if not isinstance(entry, dict):
            f.error(path, f"an FAQ entry must be a table, got {_kind(entry)}")
            continue
        f.check_keys(entry, path, FAQ_KEYS)
        keywords = f.strings(entry, "keywords", path, shown=True)  # comments arrive cleaned: match them
        if not keywords:
            f.error(path + ("keywords",), "an FAQ entry needs keywords", 'keywords = ["多少钱", "价格"]',
                    line=f.line(path))
        if "answer" not in entry:
            f.error(path + ("answer",), "an FAQ entry needs an answer", line=f.line(path))
            continue
        answer = _lines(f, entry["answer"], path + ("answer",), f"{pid}/faq{i + 1}", language,
                        variables, "faq")
        if keywords and answer:
            out.append(FaqEntry(keywords, answer, f.ref(path)))
    return tuple(out)


def _rundowns(f: _File, d: dict[str, Any], products: list[Product]) -> list[Rundown]:
    ids = [p.id for p in products]
    table = f.table(d, "rundowns", ())
    if not table:
        if "rundowns" not in d and ids:
            f.warn(("rundowns",), "no rundowns; all products play in file order",
                   "add [rundowns.main] with products = [\"…\"]", line=1)
            return [Rundown("all", "All products", tuple(RundownItem(i) for i in ids),
                            source=SourceRef(f.rel, None))]
        if isinstance(d.get("rundowns"), dict):  # (any other type was reported by f.table)
            f.error(("rundowns",), "no rundowns defined", 'add [rundowns.main] with products = ["…"]')
        return []
    out = []
    for rid, body in table.items():
        path: KeyPath = ("rundowns", rid)
        if not isinstance(body, dict):
            f.error(path, f"must be a table, got {_kind(body)}",
                    f'write [rundowns.{rid}] with products = ["…"]')
            continue
        if not _ID.match(rid):
            f.error(path, f"'{rid}' cannot be a rundown id", "use letters, digits, '-' or '_'")
        f.check_keys(body, path, RUNDOWN_KEYS)
        title = f.string(body, "title", path, default=rid, shown=True)
        items = []
        raw = body.get("products")
        if raw is None:
            f.error(path + ("products",), "a rundown needs products", 'products = ["tea", "thermos"]',
                    line=f.line(path))
            continue
        if not isinstance(raw, list):
            f.error(path + ("products",), f"must be a list, got {_kind(raw)}", 'products = ["tea", "thermos"]')
            continue
        for i, item in enumerate(raw):
            ipath = path + ("products", i)
            repeat = 1
            if isinstance(item, dict):
                f.check_keys(item, ipath, RUNDOWN_ITEM_KEYS)
                pid = f.string(item, "id", ipath, required=True)
                repeat = f.integer(item, "repeat", ipath, 1, 1, 100) or 1
            elif isinstance(item, str):
                pid = item.strip()
            else:
                f.error(ipath, f"must be a product id or {{ id = \"…\", repeat = 2 }}, got {_kind(item)}")
                continue
            if not pid:
                if isinstance(item, str):
                    f.warn(ipath, "empty product id is ignored")
                continue
            if pid not in ids and (pid in f.ctx.broken_products or f.ctx.products_refused):
                continue  # its own file (or the folder) already has the error
            if pid not in ids:
                known = ids + sorted(f.ctx.broken_products)
                f.error(ipath, f"unknown product '{pid}'",
                        did_you_mean(pid, known) if known else f"add {PRODUCTS_DIR}/{pid}.toml")
                continue
            items.append(RundownItem(pid, repeat))
        if not items and not raw:
            f.error(path + ("products",), "the rundown is empty", "list at least one product")
            continue
        out.append(Rundown(rid, title, tuple(items), f.boolean(body, "shuffle", path, False), f.ref(path)))
    return out


def _clock(f: _File, table: dict[str, Any], key: str, path: KeyPath, allow_24: bool) -> time | None:
    if key not in table:
        f.error(path + (key,), "is required", f'{key} = "09:00"', line=f.line(path))
        return None
    value = table[key]
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        m = _HHMM.match(value.strip())
        if m:
            h, mi = int(m.group(1)), int(m.group(2))
            if allow_24 and h == 24 and mi == 0:
                return time(0, 0)
            if h < 24 and mi < 60:
                return time(h, mi)
    f.error(path + (key,), f"must be a time of day like \"09:30\", got {_kind(value)}",
            "use 24-hour HH:MM" + (" (\"24:00\" for midnight)" if allow_24 else ""))
    return None


def _days(f: _File, table: dict[str, Any], path: KeyPath) -> tuple[int, ...]:
    value = table.get("days")
    if value is None:
        f.error(path + ("days",), "is required", 'days = ["mon", "tue"] or "daily"', line=f.line(path))
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        f.error(path + ("days",), f"must be a list of days, got {_kind(value)}")
        return ()
    if not items:
        f.error(path + ("days",), "lists no days", 'days = ["mon", "tue"] or "daily"')
        return ()
    days: set[int] = set()
    for i, item in enumerate(items):
        key = item.strip().lower() if isinstance(item, str) else ""
        if key in _DAY_ALIASES:
            days.update(_DAY_ALIASES[key])
        else:
            ipath = path + ("days",) if isinstance(value, str) else path + ("days", i)
            f.error(ipath, f"unknown day {item!r}",
                    did_you_mean(key, list(DAYS) + ["daily", "weekdays", "weekends"]) or
                    "use mon … sun, daily, weekdays or weekends")
    return tuple(sorted(days))


def _schedule(f: _File, d: dict[str, Any], rundowns: list[Rundown]) -> Schedule:
    ids = [r.id for r in rundowns]
    table = f.table(d, "schedule", ())
    f.check_keys(table, ("schedule",), SCHEDULE_KEYS)
    if table.get("fallback") is False:
        fallback = None  # explicitly none: outside the windows only filler lines play
    else:
        fallback = f.string(table, "fallback", ("schedule",), default="") or None
    if fallback is not None and fallback not in ids:
        f.error(("schedule", "fallback"), f"unknown rundown '{fallback}'",
                did_you_mean(fallback, ids) if ids else "define the rundown under [rundowns]")
        fallback = None
    if fallback is None and "fallback" not in table and ids:
        fallback = ids[0]
    raw = table.get("windows", [])
    if not isinstance(raw, list):
        f.error(("schedule", "windows"), f"must be a list of [[schedule.windows]] tables, got {_kind(raw)}")
        raw = []
    windows: list[ScheduleWindow] = []
    for i, body in enumerate(raw):
        path: KeyPath = ("schedule", "windows", i)
        if not isinstance(body, dict):
            f.error(path, f"must be a table, got {_kind(body)}")
            continue
        f.check_keys(body, path, WINDOW_KEYS)
        days = _days(f, body, path)
        start = _clock(f, body, "from", path, allow_24=False)
        end = _clock(f, body, "to", path, allow_24=True)
        rid = f.string(body, "rundown", path, required=True)
        if rid and rid not in ids:
            f.error(path + ("rundown",), f"unknown rundown '{rid}'",
                    did_you_mean(rid, ids) if ids else "define it under [rundowns]")
            continue
        whole_day = isinstance(body.get("to"), str) and body["to"].strip() == "24:00"
        if start is not None and end is not None and start == end and not whole_day:
            f.error(path, "the window starts and ends at the same time",
                    "for a whole day write from = \"00:00\", to = \"24:00\"")
            continue
        if days and start is not None and end is not None and rid:
            windows.append(ScheduleWindow(days, start, end, rid, f.ref(path)))
    _check_overlaps(f, windows)
    return Schedule(tuple(windows), fallback)


def _split_week(a: int, b: int) -> list[tuple[int, int]]:
    if b <= WEEK_MINUTES:
        return [(a, b)]
    return [(a, WEEK_MINUTES), (0, b - WEEK_MINUTES)]


def _check_overlaps(f: _File, windows: list[ScheduleWindow]) -> None:
    spans = [(w, s) for w in windows for iv in w.week_intervals() for s in _split_week(*iv)]
    reported: set[tuple[int, int]] = set()
    for i, (w1, (a1, b1)) in enumerate(spans):
        for w2, (a2, b2) in spans[i + 1 :]:
            if w1 is w2:
                continue
            lo, hi = max(a1, a2), min(b1, b2)
            if lo >= hi:
                continue
            pair = (id(w1), id(w2))
            if pair in reported:
                continue
            reported.add(pair)
            first, second = sorted((w1, w2), key=lambda w: w.source.line or 0)
            f.error(
                ("schedule", "windows", windows.index(second)),
                f"overlaps the window at {first.source} on {DAY_NAMES_EN[lo // 1440]} "
                f"{_hhmm(lo % 1440)}–{_hhmm(hi % 1440 if hi % 1440 else 1440)}",
                "each moment of the week may belong to one window only",
                line=second.source.line,
            )


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def show_files(root: Path) -> list[Path]:
    """The TOML files that make up a show (for watchers and editors)."""
    files = [root / SHOW_FILE]
    pdir = root / PRODUCTS_DIR
    if pdir.is_dir():
        files += sorted(p for p in pdir.glob("*.toml") if not p.name.startswith("."))
    return files


__all__ = ["LoadResult", "bundled_avatars", "format_key", "load_show", "show_files"]
