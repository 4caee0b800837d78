"""The show model: frozen dataclasses for Show, Product, Line, Rundown and Schedule.

Built by `studio.show.loader` from a show folder; replaced, never mutated. Paths are absolute and
already confined to the show folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path

from studio.compliance.wordlists import ShowWordLists
from studio.core.vocab import CardMode
from studio.show.templates import Template

EXPRESSIONS = ("neutral", "smile", "excited", "surprised", "thinking")
GESTURES = ("point", "wave", "nod", "present")
CARD_ACTIONS = tuple(mode.value for mode in CardMode)  # the card cues a show file may write
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

CANVAS_PRESETS: dict[str, tuple[int, int]] = {
    "portrait": (1080, 1920),
    "landscape": (1920, 1080),
    "portrait-720": (720, 1280),
}

DEFAULT_DISCLOSURE = {"zh": "AI数字人主播", "en": "AI-generated host"}


def disclosure_for(language: str) -> str:
    """The default AI-disclosure label for a BCP 47 language tag."""
    return DEFAULT_DISCLOSURE.get(language.split("-")[0].lower(), DEFAULT_DISCLOSURE["en"])


@dataclass(frozen=True)
class SourceRef:
    """Where something was defined: show-relative file and 1-based line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Line:
    """One line of a pitch (or FAQ answer, or filler) with its cues."""

    id: str  # stable within the show, e.g. "tea/pitch/3"
    template: Template
    expression: str | None = None
    gesture: str | None = None
    card: CardMode | None = None
    pause_after: float | None = None  # seconds; None means the show's default
    language: str | None = None  # None means the show's language
    source: SourceRef = field(default_factory=lambda: SourceRef(""))
    # Warning-level terms the operator approved for this line (`approved = ["全球首发"]`): with
    # `[compliance] warnings = "approve"` a warning term airs only when it is listed here.
    approved: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The template as written (with its braces)."""
        return self.template.source


@dataclass(frozen=True)
class FaqEntry:
    """Viewer questions (by keyword) and the answer lines studio speaks for them."""

    keywords: tuple[str, ...]
    answer: tuple[Line, ...]
    source: SourceRef = field(default_factory=lambda: SourceRef(""))


@dataclass(frozen=True)
class Product:
    """Something for sale, with its card data and its pitch."""

    id: str
    name: str
    price: Decimal
    currency: str = "CNY"
    original_price: Decimal | None = None
    image: Path | None = None  # None: no image, or missing (then a placeholder is drawn)
    selling_points: tuple[str, ...] = ()
    stock: int | None = None
    link: str = ""
    flash_sale_end: datetime | time | None = None  # a time means "daily at"
    faq: tuple[FaqEntry, ...] = ()
    pitch: tuple[Line, ...] = ()
    source: SourceRef = field(default_factory=lambda: SourceRef(""))
    # Warning-level terms approved in the product's own fields (name, link, selling points),
    # which lines speak through {name} and {link}.
    approved: tuple[str, ...] = ()

    @property
    def saving(self) -> Decimal | None:
        if self.original_price is None or self.original_price <= self.price:
            return None
        return self.original_price - self.price

    @property
    def discount_ratio(self) -> Decimal | None:
        """price / original price (0.7 for 7折), or None without a higher original price."""
        if self.original_price is None or self.original_price <= self.price or not self.original_price:
            return None
        return self.price / self.original_price


@dataclass(frozen=True)
class RundownItem:
    """A product in a rundown, played `repeat` times in a row."""

    product: str
    repeat: int = 1


@dataclass(frozen=True)
class Rundown:
    """An ordered list of products that loops while it is on air."""

    id: str
    title: str
    items: tuple[RundownItem, ...]
    shuffle: bool = False
    source: SourceRef = field(default_factory=lambda: SourceRef(""))


@dataclass(frozen=True)
class ScheduleWindow:
    """A weekly slot: on `days`, from `start` to `end` (an end at or before the start crosses midnight)."""

    days: tuple[int, ...]  # 0 = Monday
    start: time
    end: time  # time(0, 0) as an end means midnight (24:00)
    rundown: str
    source: SourceRef = field(default_factory=lambda: SourceRef(""))

    @property
    def crosses_midnight(self) -> bool:
        """True when the window ends on the next day (22:00–02:00); an end of 24:00 does not."""
        return self.end != time(0, 0) and self.end <= self.start

    def week_intervals(self) -> list[tuple[int, int]]:
        """The minutes of the week [start, end) this window covers (Monday 00:00 = 0), unwrapped."""
        out = []
        s = self.start.hour * 60 + self.start.minute
        e = self.end.hour * 60 + self.end.minute
        if e <= s:
            e += 24 * 60  # to the next day (24:00 is written as 00:00 or "24:00")
        for d in self.days:
            out.append((d * 1440 + s, d * 1440 + e))
        return out


WEEK_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class Schedule:
    """The weekly plan: which rundown plays when, and the fallback for unscheduled time."""

    windows: tuple[ScheduleWindow, ...] = ()
    fallback: str | None = None

    def window_at(self, when: datetime) -> ScheduleWindow | None:
        minute = when.weekday() * 1440 + when.hour * 60 + when.minute
        for w in self.windows:
            for a, b in w.week_intervals():
                # A Sunday-night window that crosses midnight reaches into Monday morning.
                if a <= minute < b or a <= minute + WEEK_MINUTES < b:
                    return w
        return None

    def rundown_at(self, when: datetime) -> str | None:
        """The id of the rundown that should be on air at `when` (local time), or None."""
        w = self.window_at(when)
        return w.rundown if w is not None else self.fallback


@dataclass(frozen=True)
class Background:
    """What is behind the host: a colour, an image, chroma green or transparency."""

    kind: str  # "color" | "image" | "chroma" | "transparent"
    color: str | None = None  # "#RRGGBB" for color and chroma
    image: Path | None = None


CHROMA_GREEN = "#00B140"


@dataclass(frozen=True)
class Voice:
    """Which voice speaks, and how."""

    engine: str = "pyttsx3"
    id: str = "auto"  # "auto" picks by language
    rate: int = 175  # words per minute, as pyttsx3 counts
    volume: float = 1.0


@dataclass(frozen=True)
class Pauses:
    """Default silences, in seconds."""

    between_lines: float = 0.4
    between_products: float = 1.5


@dataclass(frozen=True)
class ChatConfig:
    """How the host treats viewers (`[chat]` in show.toml); the rules themselves are in studio.chat."""

    identity_answer: str = ""  # the operator's wording of the AI identity answer; "" = the built-in one
    name_deny: tuple[str, ...] = ()  # words that keep a viewer's name off the air, besides the built-in list


@dataclass(frozen=True)
class Show:
    """A whole show: settings, products, rundowns, schedule and filler."""

    root: Path
    title: str
    language: str = "zh-CN"
    canvas: tuple[int, int] = CANVAS_PRESETS["portrait"]
    fps: int = 30
    avatar: str = "default"  # a bundled avatar name, or an absolute path to a pack folder
    background: Background = field(default_factory=lambda: Background("color", "#20232A"))
    disclosure: str = DEFAULT_DISCLOSURE["zh"]
    voice: Voice = field(default_factory=Voice)
    pauses: Pauses = field(default_factory=Pauses)
    ticker: tuple[str, ...] = ()
    logo: Path | None = None
    products: tuple[Product, ...] = ()
    rundowns: tuple[Rundown, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)
    filler: tuple[Line, ...] = ()
    compliance: ShowWordLists = field(default_factory=ShowWordLists)  # [compliance] allow / deny
    chat: ChatConfig = field(default_factory=ChatConfig)  # [chat] identity answer, name words

    def product(self, product_id: str) -> Product:
        for p in self.products:
            if p.id == product_id:
                return p
        raise KeyError(product_id)

    def rundown(self, rundown_id: str) -> Rundown:
        for r in self.rundowns:
            if r.id == rundown_id:
                return r
        raise KeyError(rundown_id)
