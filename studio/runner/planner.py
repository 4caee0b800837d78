"""The planner: which rundown plays now and what the host says next, as a pure function of state.

It never reads a clock: callers pass the wall-clock time. Variants are drawn from a seeded random
source and never repeat the text a line had the last time it played, so loops differ.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from studio.core.text import strip_hidden
from studio.show.model import Line, Product, Rundown, Show
from studio.show.templates import Template
from studio.show.variables import product_variables, show_variables

# Segment kinds, in the operator's words.
PITCH = "pitch"  # a line of a product's pitch
FILLER = "filler"  # a line for idle moments
FAQ = "faq"  # an answer to a viewer's question
ONE_OFF = "one_off"  # a line the operator typed in


@dataclass(frozen=True)
class Position:
    """Where playout is in a rundown: loop count, item, repeat of that item, and line."""

    rundown: str
    loop: int = 0
    item: int = 0
    repeat: int = 0
    line: int = 0


@dataclass(frozen=True)
class Segment:
    """One thing to say: the line, its text with variables and variants filled, and what follows."""

    kind: str
    line: Line
    text: str
    language: str
    pause_after: float
    product: str | None = None
    rundown: str | None = None
    position: Position | None = None
    first_of_product: bool = False
    last_of_product: bool = False

    @property
    def line_id(self) -> str:
        return self.line.id


@dataclass
class _RundownCursor:
    rundown: Rundown
    order: list[int]  # item indices in play order for this loop (shuffled or not)
    loop: int = 0
    slot: int = 0  # index into order
    repeat: int = 0
    line: int = 0


@dataclass
class _Pending:
    product: str | None
    lines: list[Line]
    kind: str
    next_line: int = 0
    texts: list[str] = field(default_factory=list)  # one-off texts (no template)


class Planner:
    """Decides the next segment from the show, the schedule and the wall-clock time."""

    def __init__(self, show: Show, seed: int = 0) -> None:
        self.show = show
        self.rng = random.Random(seed)
        self._cursor: _RundownCursor | None = None
        self._last_text: dict[str, str] = {}
        self._insert: list[_Pending] = []
        self._returned: list[Segment] = []  # committed segments handed back, replayed as they were
        self._filler_next = 0
        self._stop_after_product = False
        self.stopped = False

    # ---- operator commands (take effect at the next segment) ----

    def interrupt_with_product(self, product_id: str) -> None:
        """Pitch `product_id` next (from its first line), then resume the rundown where it was."""
        product = self.show.product(product_id)
        self._insert.append(_Pending(product.id, list(product.pitch), PITCH))

    def interrupt_with_line(self, text: str, language: str | None = None) -> None:
        """Say `text` next (typed by the operator; no templates), then resume.

        Hidden characters go as they do from show text (studio.core.text): a bidi override pasted
        with the line must not reverse the caption on air. Nothing is left? Nothing is said.
        """
        text = strip_hidden(text).strip()
        if not text:
            return
        line = Line(id=f"one-off/{len(self._insert) + 1}", template=Template.literal(text), language=language)
        self._insert.append(_Pending(None, [line], ONE_OFF))

    def answer(self, product_id: str | None, lines: tuple[Line, ...]) -> None:
        """Speak FAQ answer lines next (for `product_id`'s variables, or the show's)."""
        self._insert.append(_Pending(product_id, list(lines), FAQ))

    def skip_product(self) -> None:
        """Leave the current product: the next segment starts the next product."""
        if self._cursor is not None and self._cursor.line > 0:
            self._advance_item(self._cursor)

    def jump_to(self, product_id: str) -> None:
        """Continue the rundown from `product_id` (the first occurrence in it), or pitch it once."""
        c = self._cursor
        if c is not None:
            for slot, item_index in enumerate(c.order):
                if c.rundown.items[item_index].product == product_id:
                    c.slot, c.repeat, c.line = slot, 0, 0
                    return
        self.interrupt_with_product(product_id)

    def push_back(self, segments: list[Segment]) -> None:
        """Hand back segments taken too early (queued for speech): they come again, unchanged,
        after any interrupt and before the rundown moves on."""
        self._returned[:0] = list(segments)

    def stop_after_product(self) -> None:
        """Finish the product on air, then stop."""
        self._stop_after_product = True

    def resume_at(self, position: Position) -> None:
        """Continue with the item after the one at `position` (used after a restart)."""
        try:
            rundown = self.show.rundown(position.rundown)
        except KeyError:
            return
        cursor = self._new_cursor(rundown, position.loop)
        if 0 <= position.item < len(rundown.items):
            order = list(range(len(rundown.items)))
            cursor.order = order
            cursor.slot = position.item
            self._advance_item(cursor)
        self._cursor = cursor

    def replace_show(self, show: Show) -> None:
        """Take an edited show (hot reload): keep the place by ids; what vanished is skipped."""
        self.show = show
        c = self._cursor
        if c is not None:
            try:
                rundown = show.rundown(c.rundown.id)
            except KeyError:
                self._cursor = None
            else:
                if len(rundown.items) != len(c.rundown.items) or rundown.shuffle != c.rundown.shuffle:
                    c.order = self._order(rundown, None)
                    c.slot = min(c.slot, len(c.order) - 1)
                c.rundown = rundown
                if not rundown.items:
                    self._cursor = None
        known = {p.id for p in show.products}
        self._insert = [p for p in self._insert if p.product is None or p.product in known]

    def rewind_to(self, position: Position) -> None:
        """Make `position` the next segment again (its lines are planned afresh)."""
        try:
            rundown = self.show.rundown(position.rundown)
        except KeyError:
            return
        if not 0 <= position.item < len(rundown.items):
            return
        c = self._cursor
        if c is None or c.rundown.id != rundown.id:
            c = self._cursor = self._new_cursor(rundown, position.loop)
            c.order = list(range(len(rundown.items)))
        if position.item in c.order:
            c.slot = c.order.index(position.item)
        c.loop, c.repeat, c.line = position.loop, position.repeat, position.line

    @property
    def position(self) -> Position | None:
        c = self._cursor
        if c is None:
            return None
        item = c.order[c.slot] if c.slot < len(c.order) else 0
        return Position(c.rundown.id, c.loop, item, c.repeat, c.line)

    # ---- planning ----

    def next_segment(self, now: datetime) -> Segment | None:
        """The next thing to say at wall-clock `now`, or None when stopped or nothing can play."""
        if self.stopped:
            return None
        while self._insert:
            pending = self._insert[0]
            if pending.next_line >= len(pending.lines):
                self._insert.pop(0)
                continue
            return self._from_pending(pending, now)
        if self._returned:
            return self._returned.pop(0)
        rundown = self._rundown_now(now)
        if rundown is None:
            return self._filler(now)
        cursor = self._cursor
        assert cursor is not None
        for _ in range(len(rundown.items) * 2 + 2):  # products without lines are skipped
            item = rundown.items[cursor.order[cursor.slot]]
            product = self.show.product(item.product)
            if cursor.line < len(product.pitch):
                return self._pitch_segment(cursor, product, now)
            self._advance_item(cursor)
        return self._filler(now)

    def upcoming(self, now: datetime, count: int) -> list[Segment]:
        """A forecast of the next `count` segments (for 'up next' and speech look-ahead).

        Planned on a copy, so it neither consumes variants nor moves the position; the texts
        may differ from what airs because variants are drawn again when a line is due.
        """
        clone = Planner(self.show)
        clone.rng = random.Random(self.rng.random())
        clone._cursor = None if self._cursor is None else replace(self._cursor, order=list(self._cursor.order))
        clone._last_text = dict(self._last_text)
        clone._insert = [replace(p, lines=list(p.lines)) for p in self._insert]
        clone._returned = list(self._returned)
        clone._filler_next = self._filler_next
        clone._stop_after_product = self._stop_after_product
        clone.stopped = self.stopped
        out = []
        for _ in range(count):
            seg = clone.next_segment(now)
            if seg is None:
                break
            out.append(seg)
        return out

    def segments(self, now: datetime) -> Iterator[Segment]:
        """Segments forever (at a fixed `now`): for offline rendering and simulations."""
        while (seg := self.next_segment(now)) is not None:
            yield seg

    # ---- internals ----

    def _rundown_now(self, now: datetime) -> Rundown | None:
        rid = self.show.schedule.rundown_at(now)
        cursor = self._cursor
        if rid is None:
            if cursor is None or cursor.line == 0:
                self._cursor = None
                return None
            return cursor.rundown  # finish the product on air before going idle
        if cursor is not None and cursor.rundown.id == rid:
            return cursor.rundown
        if cursor is not None and cursor.line > 0:
            return cursor.rundown  # the schedule changed: switch at the end of this product
        try:
            rundown = self.show.rundown(rid)
        except KeyError:
            return None
        if not rundown.items:
            return None
        self._cursor = self._new_cursor(rundown, 0)
        return rundown

    def _new_cursor(self, rundown: Rundown, loop: int) -> _RundownCursor:
        return _RundownCursor(rundown, self._order(rundown, None), loop=loop)

    def _order(self, rundown: Rundown, previous_last: int | None) -> list[int]:
        order = list(range(len(rundown.items)))
        if rundown.shuffle and len(order) > 1:
            self.rng.shuffle(order)
            if previous_last is not None and order[0] == previous_last:
                order.append(order.pop(0))  # never the same product twice across the loop seam
        return order

    def _advance_item(self, cursor: _RundownCursor) -> None:
        item = cursor.rundown.items[cursor.order[cursor.slot]]
        cursor.line = 0
        if self._stop_after_product:
            self.stopped = True
        cursor.repeat += 1
        if cursor.repeat < item.repeat:
            return
        cursor.repeat = 0
        cursor.slot += 1
        if cursor.slot >= len(cursor.order):
            last = cursor.order[-1]
            cursor.loop += 1
            cursor.slot = 0
            cursor.order = self._order(cursor.rundown, last)

    def _render(self, line: Line, values: dict[str, str]) -> str:
        previous = self._last_text.get(line.id)
        text = line.template.render(values, self.rng, avoid=(previous,) if previous else ())
        self._last_text[line.id] = text
        return text

    def _pitch_segment(self, cursor: _RundownCursor, product: Product, now: datetime) -> Segment:
        index = cursor.line
        line = product.pitch[index]
        language = line.language or self.show.language
        values = product_variables(product, language, now)
        text = self._render(line, values)
        position = Position(cursor.rundown.id, cursor.loop, cursor.order[cursor.slot], cursor.repeat, index)
        last = index == len(product.pitch) - 1
        pause = line.pause_after if line.pause_after is not None else self.show.pauses.between_lines
        if last:
            pause = max(pause, self.show.pauses.between_products)
        cursor.line += 1
        if last:
            self._advance_item(cursor)
        return Segment(PITCH, line, text, language, pause, product.id, cursor.rundown.id, position,
                       first_of_product=index == 0, last_of_product=last)

    def _from_pending(self, pending: _Pending, now: datetime) -> Segment:
        line = pending.lines[pending.next_line]
        pending.next_line += 1
        language = line.language or self.show.language
        if pending.kind == ONE_OFF:
            text = line.template.source
        elif pending.product is not None:
            product = self.show.product(pending.product)
            text = self._render(line, product_variables(product, language, now))
        else:
            text = self._render(line, show_variables(now))
        last = pending.next_line >= len(pending.lines)
        pause = line.pause_after if line.pause_after is not None else self.show.pauses.between_lines
        if last and pending.kind == PITCH:
            pause = max(pause, self.show.pauses.between_products)
        return Segment(pending.kind, line, text, language, pause, pending.product, None, None,
                       first_of_product=pending.next_line == 1, last_of_product=last)

    def _filler(self, now: datetime) -> Segment | None:
        if not self.show.filler:
            return None
        line = self.show.filler[self._filler_next % len(self.show.filler)]
        self._filler_next += 1
        text = self._render(line, show_variables(now))
        pause = line.pause_after if line.pause_after is not None else self.show.pauses.between_products
        return Segment(FILLER, line, text, line.language or self.show.language, pause)

