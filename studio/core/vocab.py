"""The words the packages pass each other: card modes, cues, mouth shapes and cues, word timings, playout status.

Each is defined once, here, and handed on unchanged: a show file's `card = "highlight_price"` is
loaded as `CardMode.PRICE` and reaches the playout, the program and the stage as that value; the
speech package's word timings are the captions' word timings; the playout's expression cues are
the avatar's. The string enums compare equal to, and serialise as, the words of the show files,
the /status JSON and the logs, so those formats do not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum


class CardMode(StrEnum):
    """What the product card is doing; the values are the show files' `card = "…"` cues."""

    SHOWN = "show"
    HIDDEN = "hide"
    PRICE = "highlight_price"
    POINTS = "selling_points"

    @property
    def visible(self) -> bool:
        return self is not CardMode.HIDDEN


class PlayoutStatus(StrEnum):
    """Where the playout is, in the operator's words (as /status and the console show it)."""

    OFF_AIR = "off_air"
    ON_AIR = "on_air"
    PAUSED = "paused"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Cue:
    """An expression or a gesture (by name) that starts at time `at`, in seconds on the program clock."""

    at: float
    name: str


class MouthShape(str, Enum):
    """Rhubarb Lip Sync's mouth shapes, the set 2D animators draw."""

    A = "A"  # closed: m, b, p
    B = "B"  # slightly open, teeth together: most consonants, ee
    C = "C"  # open: e, a in "cat"
    D = "D"  # wide open: a in "father"
    E = "E"  # slightly rounded: o, er
    F = "F"  # puckered: oo, w
    G = "G"  # upper teeth on lower lip: f, v
    H = "H"  # tongue up: l
    X = "X"  # rest: silence


@dataclass(frozen=True)
class MouthCue:
    """One mouth shape held from `start` to `end` (seconds from the start of its track)."""

    start: float
    end: float
    shape: MouthShape

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class WordTiming:
    """When a word (or one Chinese character, or a whole number like "168.5元") is spoken.

    Seconds from the start of the line. `text` is the caption text at [char_start, char_end),
    not what the voice read.
    """

    text: str
    start: float
    end: float
    char_start: int
    char_end: int
    estimated: bool = False  # True when placed from the audio or the text, not from engine events


__all__ = ["CardMode", "Cue", "MouthCue", "MouthShape", "PlayoutStatus", "WordTiming"]
