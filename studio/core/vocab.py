"""The words the packages pass each other: card modes, cues, mouth shapes and cues, word timings, playout status.

Each is defined once, here, and handed on unchanged: a show file's `card = "highlight_price"` is
loaded as `CardMode.PRICE` and reaches the playout, the program and the stage as that value; the
speech package's word timings are the captions' word timings; the playout's expression cues are
the avatar's. The string enums compare equal to, and serialise as, the words of the show files,
the /status JSON and the logs, so those formats do not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


__all__ = ["CardMode", "Cue", "PlayoutStatus"]
