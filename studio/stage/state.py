"""What is on stage at a moment: the frozen inputs of `compose(state, t)`.

The runner (or a command, or a test) builds a `StageState` and replaces it when something changes
(a new product, a card cue, a caption line); everything that moves in between is computed from
the times stored here and the frame time t, all on the one show clock (seconds).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from studio.core.vocab import CardMode, WordTiming
from studio.show.model import Product, Show
from studio.show.variables import product_variables
from studio.stage.text import units


@dataclass(frozen=True)
class CardState:
    """The card's mode, when it last changed and what it was before (for eased transitions)."""

    mode: CardMode = CardMode.SHOWN
    since: float = -1e9  # long ago: no transition in progress
    previous: CardMode = CardMode.SHOWN

    def follow(self, mode: CardMode, since: float) -> CardState:
        """This card after a source that reports only (mode, since) — such as the runner's
        ProgramState — says `mode` since `since`; remembers the mode before for easing."""
        if mode is self.mode and since == self.since:
            return self
        return CardState(mode, since, self.mode)


@dataclass(frozen=True)
class Caption:
    """The line being spoken: its text, word timings relative to `start`, and when it ends."""

    text: str
    start: float
    words: tuple[WordTiming, ...] = ()
    end: float | None = None  # None: stays until the state drops it


@dataclass(frozen=True)
class StageState:
    """Everything `compose` needs besides the time: show settings, product, card, caption, ticker."""

    show: Show
    template: str | None = None  # None: the template of the show's canvas
    product: Product | None = None
    product_since: float = -1e9
    card: CardState = field(default_factory=CardState)
    caption: Caption | None = None
    ticker: tuple[str, ...] | None = None  # None: the show's ticker lines
    live: bool = False  # on air: the AI-disclosure label is drawn whatever else says
    disclosure_visible: bool = True  # may hide the label in rehearsal only; ignored when live
    now: datetime | None = None  # wall-clock time at show time `now_at` (for countdowns)
    now_at: float = 0.0
    pose: object | None = None  # the avatar's pose, passed through untouched to the avatar painter

    def with_card(self, mode: CardMode, at: float) -> StageState:
        """The state after a card cue at show time `at` (a repeated cue changes nothing)."""
        if mode is self.card.mode:
            return self
        return replace(self, card=CardState(mode, at, self.card.mode))

    def with_product(self, product: Product | None, at: float) -> StageState:
        """The state with another product on the card from show time `at`."""
        return replace(self, product=product, product_since=at)

    def with_caption(self, caption: Caption | None) -> StageState:
        return replace(self, caption=caption)

    def with_pose(self, pose: object | None) -> StageState:
        return replace(self, pose=pose)


def estimate_word_timings(text: str, chars_per_second: float = 4.5, start: float = 0.0,
                          gap: float = 0.0) -> tuple[WordTiming, ...]:
    """Even timings by line-breaking unit, for previews and tests when no TTS timings exist.

    Real timings come from the speech engine (the Utterance); these only make a preview move.
    """
    out: list[WordTiming] = []
    t = start
    for a, b in units(text):
        word = text[a:b].rstrip(" ")
        if not word.strip():
            continue
        spoken = sum(1 for c in word if c.isalnum()) or 0.5
        seconds = spoken / chars_per_second
        out.append(WordTiming(word, round(t, 4), round(t + seconds, 4), a, a + len(word), estimated=True))
        t += seconds + gap
    return tuple(out)


def in_time_order(words: Iterable[WordTiming]) -> list[WordTiming]:
    """Word timings in the order they are said (ties by their place in the text)."""
    return sorted(words, key=lambda w: (w.start, w.end, w.char_start, w.char_end))


def first_pitch_text(product: Product, language: str, now: datetime, seed: int = 0) -> str:
    """The product's first pitch line with its variables filled (variants drawn from `seed`)."""
    if not product.pitch:
        return product.name
    line = product.pitch[0]
    return line.template.render(product_variables(product, line.language or language, now), random.Random(seed))


def state_for(show: Show, product_id: str | None = None, *, template: str | None = None,
              t: float = 0.0, card: CardMode = CardMode.SHOWN, caption: str | None = None,
              caption_words: tuple[WordTiming, ...] | None = None, live: bool = False,
              now: datetime | None = None, pose: object | None = None) -> StageState:
    """A ready state for one product of `show` at show time t (for `studio stage`, previews and tests).

    The product and card appeared long before t (no transition in progress) unless the caller
    says otherwise with `with_card`/`with_product`; a caption starts at t with estimated timings.
    `product_id=None` takes the first product; KeyError for an unknown id.
    """
    product = show.product(product_id) if product_id is not None else (show.products[0] if show.products else None)
    cap = None
    if caption:
        words = caption_words if caption_words is not None else estimate_word_timings(caption)
        cap = Caption(caption, t, words)
    return StageState(show=show, template=template, product=product, product_since=-1e9,
                      card=CardState(card, -1e9, card), caption=cap, live=live, now=now, now_at=t, pose=pose)
