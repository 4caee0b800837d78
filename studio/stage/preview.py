"""A picture preview of a show for `studio stream`: products in rundown order with their first line.

This is not the playout (the runner, a later issue, decides what is said and when, from real
speech): it cycles the current rundown's products, captions each with its first pitch line timed
at an even reading pace, and plays the card cues (show → selling points → price) so the whole
picture can be checked in the stream window and in OBS. Qt-free and a pure function of t.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime

from studio.core.vocab import CardMode
from studio.show.model import Product, Show
from studio.stage.state import (
    Caption,
    CardState,
    StageState,
    estimate_word_timings,
    first_pitch_text,
)

LEAD_IN = 0.6  # seconds between the card appearing and the host starting to speak
HOLD = 3.5  # seconds the card stays after the line before the next product
CHARS_PER_SECOND = 4.5  # a relaxed Mandarin reading pace


@dataclass(frozen=True)
class Segment:
    """One product's turn: from `start` for `length` seconds, with its caption."""

    start: float
    length: float
    product: Product
    caption: Caption


def rundown_products(show: Show, now: datetime) -> list[Product]:
    """The products of the rundown on air at `now` (the first rundown when none is), repeats included."""
    rid = show.schedule.rundown_at(now) or (show.rundowns[0].id if show.rundowns else None)
    if rid is None:
        return list(show.products)
    out: list[Product] = []
    for item in show.rundown(rid).items:
        out.extend([show.product(item.product)] * max(1, item.repeat))
    return out or list(show.products)


class PreviewProgram:
    """StageStates for every t of a looping preview of `show`, starting at wall-clock `started`."""

    def __init__(self, show: Show, started: datetime, template: str | None = None, seed: int = 0) -> None:
        self.show = show
        self.started = started
        self.template = template
        self.segments: list[Segment] = []
        t = 0.0
        for i, product in enumerate(rundown_products(show, started)):
            text = first_pitch_text(product, show.language, started, seed + i)
            words = estimate_word_timings(text, CHARS_PER_SECOND)
            speech = max((w.end for w in words), default=0.0)
            length = LEAD_IN + speech + HOLD
            self.segments.append(Segment(t, length, product, Caption(text, t + LEAD_IN, words, t + LEAD_IN + speech + 1.2)))
            t += length
        self.length = t
        self._starts = [s.start for s in self.segments]

    def state_at(self, t: float) -> StageState:
        """The state at preview time t (the rundown loops)."""
        base = StageState(show=self.show, template=self.template, live=True, now=self.started, now_at=0.0)
        if not self.segments:
            return base
        loop, local = divmod(t, self.length)
        seg = self.segments[max(0, bisect.bisect_right(self._starts, local) - 1)]
        offset = loop * self.length
        start = seg.start + offset
        # Card cues through the segment: shown, then the selling points, then the price.
        cues = [(start, CardMode.SHOWN), (start + seg.length * 0.40, CardMode.POINTS),
                (start + seg.length * 0.68, CardMode.PRICE), (start + seg.length - 0.45, CardMode.HIDDEN)]
        card = CardState(CardMode.SHOWN, start, CardMode.HIDDEN)
        for at, mode in cues[1:]:
            if t >= at:
                card = CardState(mode, at, card.mode)
        cap = seg.caption
        caption = Caption(cap.text, cap.start + offset, cap.words, None if cap.end is None else cap.end + offset)
        return StageState(show=self.show, template=self.template, product=seg.product, product_since=start,
                          card=card, caption=caption, live=True, now=self.started, now_at=0.0)
