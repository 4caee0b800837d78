"""The comment inbox: viewer comments in (from any thread), moderated and matched answers out.

Threading: `submit` is called on the HTTP server's threads; everything it touches is behind one
lock, and it never calls back into the owner. The owner (the live session, on its own thread)
polls `take_ready()` — e.g. every 250 ms — which hands over answers to speak and, on that same
thread, passes every handled comment to the `record` callback. So neither callback ever runs on
a foreign thread, and the playout and the as-run log need no locks of their own.
"""

from __future__ import annotations

import collections
import logging
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from studio.chat.faq import FaqMatcher, Question
from studio.chat.moderation import MAX_TEXT, Moderator, describe, fallback_name, sanitize
from studio.compliance.approval import UNAPPROVED, line_verdict
from studio.core.clock import Clock, SystemClock
from studio.show.model import Line, Show
from studio.show.templates import Template, Var, Variant
from studio.show.variables import product_variables, show_variables

log = logging.getLogger(__name__)

ANSWERED = "answered"
DROPPED = "dropped"
QUEUED = "queued"
_MAX_EVENTS = 1000  # handled comments waiting for the owner to record; a flood beyond is counted
_MAX_VARIANTS = 64  # answer texts checked per line; the playout's own guard covers the rest
_MAX_KEYS = 5000  # cooldown entries kept before old ones are pruned


@dataclass(frozen=True)
class ChatSettings:
    """How the host treats comments (defaults suit a busy live room)."""

    address_viewers: bool = True  # "小王，…": say the asker's sanitised, shortened name
    read_comments: bool = False  # read the viewer's own words aloud (after moderation) before answering
    question_cooldown: float = 60.0  # seconds: the same normalised question is answered once
    rule_cooldown: float = 30.0  # seconds: the same rule for the same product is answered once
    max_queue: int = 8  # answers waiting; the oldest is dropped first
    max_age: float = 90.0  # seconds: an answer not taken by then is stale and dropped
    max_text: int = MAX_TEXT  # characters kept of a comment
    max_read: int = 40  # characters of a comment read aloud when `read_comments` is on


@dataclass(frozen=True)
class Comment:
    """A viewer comment as received (raw: never spoken as it is)."""

    user: str
    text: str
    received: datetime
    source: str = "api"


@dataclass(frozen=True)
class ChatEvent:
    """One handled comment, for the as-run log: what was asked, and answered or why not."""

    time: datetime
    user: str  # sanitised name
    question: str  # sanitised text
    outcome: str  # ANSWERED | DROPPED
    rule: str = ""
    product: str | None = None
    answer: str = ""  # the answer as it would be said now (variants may differ on air)
    reason: str = ""  # why it was dropped

    def to_json(self) -> dict[str, Any]:
        return {
            "time": self.time.isoformat(timespec="milliseconds"), "user": self.user,
            "question": self.question, "outcome": self.outcome, "rule": self.rule,
            "product": self.product, "answer": self.answer, "reason": self.reason,
        }


@dataclass(frozen=True)
class Answer:
    """Lines to speak for a comment: pass `product` and `lines` to `Playout.answer`."""

    product: str | None
    lines: tuple[Line, ...]
    comment: Comment
    rule: str
    name: str
    question: str
    text: str  # a preview of what will be said
    queued_at: float  # monotonic seconds


@dataclass(frozen=True)
class Receipt:
    """What became of a submitted comment, as the HTTP API reports it."""

    outcome: str  # QUEUED | DROPPED
    rule: str = ""
    product: str | None = None
    answer: str = ""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"outcome": self.outcome}
        if self.outcome == QUEUED:
            data.update(rule=self.rule, product=self.product, answer=self.answer)
        else:
            data["reason"] = self.reason
        return data


def expand(template: Template, values: Mapping[str, str], cap: int = _MAX_VARIANTS) -> list[str]:
    """The texts `template` can produce with `values` (at most `cap` of them)."""
    return _expand(template.nodes, values, cap)


def _expand(nodes: tuple, values: Mapping[str, str], cap: int) -> list[str]:
    texts = [""]
    for n in nodes:
        if isinstance(n, str):
            parts = [n]
        elif isinstance(n, Var):
            parts = [values.get(n.name, "")]
        elif isinstance(n, Variant):
            parts = [t for opt in n.options for t in _expand(opt, values, cap)][:cap]
        else:  # pragma: no cover - Template nodes are only these three
            raise TypeError(type(n).__name__)
        texts = [a + b for a in texts for b in parts][:cap]
    return texts


class CommentInbox:
    """Moderates, de-duplicates and matches comments, and queues the answers for the owner."""

    def __init__(self, show: Show, *, clock: Clock | None = None, settings: ChatSettings | None = None,
                 record: Callable[[ChatEvent], None] | None = None,
                 moderator: Moderator | None = None) -> None:
        self.clock: Clock = clock or SystemClock()
        self.settings = settings or ChatSettings()
        self.record = record
        self._lock = threading.Lock()
        self._show = show
        self._moderator = moderator or Moderator(show.compliance, show.language)
        self._matcher = FaqMatcher(show)
        self._on_air: str | None = None
        self._queue: collections.deque[Answer] = collections.deque()
        self._events: collections.deque[ChatEvent] = collections.deque()
        self._asked: dict[str, float] = {}  # normalised question → when it was last handled
        self._answered: dict[tuple[str, str | None], float] = {}  # (rule, product) → when queued
        self.counts: collections.Counter[str] = collections.Counter()

    # ---- the owner's side (its own thread) ----

    @property
    def show(self) -> Show:
        return self._show

    def set_on_air(self, product_id: str | None) -> None:
        """Tell the inbox which product is on air (questions are matched to it first)."""
        with self._lock:
            self._on_air = product_id

    def replace_show(self, show: Show) -> None:
        """Take an edited show (hot reload): new FAQ and word lists; answers for vanished products go."""
        moderator = Moderator(show.compliance, show.language)
        matcher = FaqMatcher(show)
        known = {p.id for p in show.products}
        with self._lock:
            self._show, self._moderator, self._matcher = show, moderator, matcher
            kept: collections.deque[Answer] = collections.deque()
            for a in self._queue:
                if a.product is None or a.product in known:
                    kept.append(a)
                else:
                    self._drop(a.name, a.question, "the product left the show", a.rule)
            self._queue = kept

    def take_ready(self, limit: int = 1) -> list[Answer]:
        """Up to `limit` answers to speak now, oldest first; records every handled comment."""
        now = self.clock.monotonic()
        out: list[Answer] = []
        with self._lock:
            while self._queue and len(out) < limit:
                a = self._queue.popleft()
                if now - a.queued_at > self.settings.max_age:
                    self._drop(a.name, a.question, f"not answered within {self.settings.max_age:g} s", a.rule)
                    continue
                out.append(a)
                self._event(ChatEvent(self.clock.now(), a.name, a.question, ANSWERED, a.rule, a.product, a.text))
            events = list(self._events)
            self._events.clear()
        for e in events:
            self._record(e)
        return out

    def pump(self, deliver: Callable[[str | None, tuple[Line, ...], Comment], None], limit: int = 1) -> int:
        """`take_ready` and hand each answer to `deliver(product, lines, comment)`; how many."""
        answers = self.take_ready(limit)
        for a in answers:
            deliver(a.product, a.lines, a.comment)
        return len(answers)

    def pending(self) -> int:
        """Answers waiting to be taken."""
        with self._lock:
            return len(self._queue)

    def stats(self) -> dict[str, Any]:
        """Counters for the status endpoint and the console."""
        with self._lock:
            base = {"received": 0, "queued": 0, "dropped": 0}
            return {"pending": len(self._queue), **base, **dict(self.counts)}

    # ---- the submitting side (any thread) ----

    def submit(self, user: str, text: str, *, source: str = "api") -> Receipt:
        """Handle one comment: moderate, de-duplicate, match and queue its answer (or drop it)."""
        with self._lock:
            return self._submit(Comment(str(user), str(text), self.clock.now(), source))

    def _submit(self, comment: Comment) -> Receipt:
        s = self.settings
        self.counts["received"] += 1
        mod = self._moderator
        name = mod.safe_name(comment.user)
        question = sanitize(comment.text, s.max_text)
        verdict = mod.judge(question)
        if not verdict.ok:
            return self._drop(name, question, verdict.reason)
        now = self.clock.monotonic()
        key = Question.of(question).folded
        if not key:
            return self._drop(name, question, "no words to answer")
        last = self._asked.get(key)
        if last is not None and now - last < s.question_cooldown:
            return self._drop(name, question, f"duplicate: asked within {s.question_cooldown:g} s")
        self._asked[key] = now
        _prune(self._asked, now, s.question_cooldown)
        match = self._matcher.match(question, self._on_air)
        if match is None:
            return self._drop(name, question, "no matching answer")
        rule_key = (match.rule, match.product)
        last = self._answered.get(rule_key)
        if last is not None and now - last < s.rule_cooldown:
            return self._drop(name, question, f"answered within {s.rule_cooldown:g} s", match.rule)
        lines = match.lines
        blocked = self._blocked(lines, match.product)
        if blocked:
            return self._drop(name, question, "answer blocked by compliance: " + blocked, match.rule)
        lines = self._personal(lines, name, question, match.product)
        text = self._preview(lines, match.product)
        self._answered[rule_key] = now
        _prune(self._answered, now, s.rule_cooldown)
        self._queue.append(Answer(match.product, lines, comment, match.rule, name, question, text, now))
        self.counts["queued"] += 1
        while len(self._queue) > s.max_queue:
            old = self._queue.popleft()
            self._drop(old.name, old.question, f"queue full ({s.max_queue}): oldest dropped first", old.rule)
        return Receipt(QUEUED, match.rule, match.product, text)

    # ---- internals (called with the lock held) ----

    def _values(self, product: str | None) -> dict[str, str]:
        now = self.clock.now()
        if product is None:
            return show_variables(now)
        return product_variables(self._show.product(product), self._show.language, now)

    def _language(self, line: Line) -> str:
        return line.language or self._show.language

    def _blocked(self, lines: tuple[Line, ...], product: str | None) -> str:
        """The banned words (or unapproved warning words) any rendering of `lines` would say ('' when none)."""
        values = self._values(product)
        checker = self._moderator.checker
        for line in lines:
            for text in expand(line.template, values):
                verdict = line_verdict(checker, self._show, line, text, self._language(line), product)
                if verdict.blocked:
                    return describe(verdict.blocked)
                if not verdict.airs:  # warning wording the show file does not approve: it would be skipped
                    held = describe([*verdict.unapproved, *verdict.unapproved_fields])
                    return held.replace("banned word", UNAPPROVED, 1)
        return ""

    def _personal(self, lines: tuple[Line, ...], name: str, question: str,
                  product: str | None) -> tuple[Line, ...]:
        """Address the asker by name (and read their words when the show allows), if it stays clean."""
        s = self.settings
        first = lines[0]
        zh = self._language(first).lower().startswith("zh")
        if s.read_comments:
            who = name if s.address_viewers else ""
            quoted = sanitize(question, s.max_read)
            said = (f"{who or '有朋友'}问：{quoted}" if zh else f"{who or 'Someone'} asks: {quoted}")
            quote = Line(id=f"chat/comment/{self.counts['queued'] + 1}", template=Template.literal(said))
            if not self._moderator.checker.blocking(said, self._show.language):
                return (quote, *lines)
        if not s.address_viewers:
            return lines
        values = self._values(product)
        texts = expand(first.template, values)
        for candidate in (name, fallback_name(self._show.language)):
            prefix = f"{candidate}，" if zh else f"{candidate}, "
            if all(not self._moderator.checker.blocking(prefix + t, self._language(first)) for t in texts):
                # The name holds no braces (letters and digits only), so the template stays valid.
                named = replace(first, template=Template.parse(prefix + first.template.source))
                return (named, *lines[1:])
        return lines

    def _preview(self, lines: tuple[Line, ...], product: str | None) -> str:
        values = self._values(product)
        rng = random.Random(0)
        return " ".join(line.template.render(values, rng) for line in lines)

    def _drop(self, name: str, question: str, reason: str, rule: str = "") -> Receipt:
        self.counts["dropped"] += 1
        self._event(ChatEvent(self.clock.now(), name, question, DROPPED, rule, reason=reason))
        return Receipt(DROPPED, rule, reason=reason)

    def _event(self, event: ChatEvent) -> None:
        if len(self._events) >= _MAX_EVENTS:
            self._events.popleft()
            self.counts["events_lost"] += 1
        self._events.append(event)

    def _record(self, event: ChatEvent) -> None:
        if self.record is None:
            return
        try:
            self.record(event)
        except Exception:  # the as-run log's trouble must not stop the answers
            log.exception("chat: recording a comment failed")


def _prune(stamps: dict, now: float, window: float) -> None:
    """Forget cooldowns that ran out, once the table grows (a flood of distinct questions)."""
    if len(stamps) > _MAX_KEYS:
        for k in [k for k, t in stamps.items() if now - t >= window]:
            del stamps[k]
        while len(stamps) > _MAX_KEYS:
            del stamps[next(iter(stamps))]


__all__ = [
    "ANSWERED", "DROPPED", "QUEUED", "Answer", "ChatEvent", "ChatSettings", "Comment", "CommentInbox",
    "Receipt", "expand",
]
