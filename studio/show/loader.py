"""Load a show folder into frozen dataclasses, reporting every problem at once with its location.

Never raises for bad input: `load_show` returns a `LoadResult` whose `problems` say what is wrong
(file, line, key, message, hint). Errors mean the show cannot run; warnings do not stop it. This
module reads show.toml itself and composes the readers of `studio.show.load` (products, lines,
rundowns and schedule), which all read through the located-TOML reader of `studio.core.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.compliance.disclosure import ai_denial, says_ai
from studio.compliance.normalize import is_separator
from studio.compliance.wordlists import MAX_TERM_LENGTH, parse_word_lists
from studio.core.assets import avatar_packs_dir
from studio.core.paths import LOOP_HINT, PathOutsideError, SymlinkLoopError, confine, resolve
from studio.core.problems import Problem, ProblemReport, Severity, did_you_mean, sort_problems
from studio.core.toml import format_key
from studio.show.load.files import (
    IMAGE_SUFFIXES,
    LANGUAGE_TAG,
    PRODUCTS_DIR,
    SHOW_FILE,
    LoadContext,
    ShowFile,
    checked_image,
    path_hint,
    read_source,
)
from studio.show.load.lines import read_lines
from studio.show.load.products import read_products
from studio.show.load.schedule import read_rundowns, read_schedule
from studio.show.model import (
    CANVAS_PRESETS,
    CHROMA_GREEN,
    Background,
    ChatConfig,
    Pauses,
    Show,
    Voice,
    disclosure_for,
)
from studio.show.variables import SHOW_VARIABLES

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

SHOW_KEYS = {
    "title", "language", "canvas", "fps", "avatar", "background", "disclosure", "voice",
    "pauses", "ticker", "logo", "rundowns", "schedule", "filler", "compliance", "chat",
}
VOICE_KEYS = {"engine", "id", "rate", "volume"}
PAUSE_KEYS = {"between_lines", "between_products"}
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
        base = avatar_packs_dir()
        if base.is_dir():
            names.update(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
    except (FileNotFoundError, ModuleNotFoundError):
        pass
    return sorted(names)


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
    ctx = LoadContext(root, texts)
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


def _load(ctx: LoadContext, root: Path) -> Show | None:
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
        ctx.add(Severity.ERROR, SHOW_FILE, None, "", str(exc), path_hint(exc, "copy the file into the show folder"))
        return None
    if ctx.texts.get(SHOW_FILE) is None and (SHOW_FILE in ctx.texts or not show_path.is_file()):
        ctx.add(Severity.ERROR, SHOW_FILE, None, "", f"no {SHOW_FILE} in {root}",
                f"`studio new {root}` creates a starter show")
        return None
    src = read_source(ctx, show_path, SHOW_FILE)
    if src is None:
        return None
    f = ShowFile(ctx, SHOW_FILE, src)
    d = src.data
    f.check_keys(d, (), SHOW_KEYS)

    title = f.string(d, "title", (), required=True, default=root.name, shown=True)
    language = f.string(d, "language", (), default="zh-CN")
    if not LANGUAGE_TAG.match(language):
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
    compliance = parse_word_lists(d.get("compliance"), f)
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
        logo = checked_image(f, ("logo",), logo)
    filler = read_lines(f, d.get("filler"), ("filler",), "filler", language, set(SHOW_VARIABLES), None)

    products = read_products(ctx, root, language)
    rundowns = read_rundowns(f, d, products)
    schedule = read_schedule(f, d, rundowns)

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


def _canvas(f: ShowFile, d: dict[str, Any]) -> tuple[int, int]:
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


def _avatar(f: ShowFile, d: dict[str, Any]) -> str:
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


def _background(f: ShowFile, d: dict[str, Any]) -> Background:
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
    image = checked_image(f, ("background",), image)
    return default if image is None else Background("image", None, image)


def _chat(f: ShowFile, d: dict[str, Any], disclosure: str) -> ChatConfig:
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


def show_files(root: Path) -> list[Path]:
    """The TOML files that make up a show (for watchers and editors)."""
    files = [root / SHOW_FILE]
    pdir = root / PRODUCTS_DIR
    if pdir.is_dir():
        files += sorted(p for p in pdir.glob("*.toml") if not p.name.startswith("."))
    return files


__all__ = ["LoadResult", "bundled_avatars", "format_key", "load_show", "show_files"]
