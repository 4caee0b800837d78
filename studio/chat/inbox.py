"""The comment inbox: viewer comments in (from any thread), moderated and matched answers out.

Threading: `submit` is called on the HTTP server's threads; everything it touches is behind one
lock, and it never calls back into the owner. The owner (the live session, on its own thread)
polls `take_ready()` — e.g. every 250 ms — which hands over answers to speak and, on that same
thread, passes every handled comment to the `record` callback. So neither callback ever runs on
a foreign thread, and the playout and the as-run log need no locks of their own.

What a viewer typed is never spoken: an answer is the show's FAQ line or a built-in rule's line,
with at most the asker's name before it, in the safe form `studio.chat.names` allows. Questions
about the host's identity ("是真人吗", "are you a bot") always get the disclosure answer
(`studio.chat.identity`): before any other rule, whatever else the comment holds, ahead of other
answers in the queue, never pushed out of it, and at most one `identity_gap` apart on air.
"""

from __future__ import annotations

import collections
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from studio.chat.faq import FaqMatcher, Question
from studio.chat.identity import IDENTITY, IdentityRule, builtin_answer
from studio.chat.moderation import MAX_TEXT, Moderator, describe, sanitize
from studio.chat.names import fallback_name
from studio.checks.approval import line_verdict
from studio.compliance.approval import UNAPPROVED
from studio.compliance.checker import is_chinese
from studio.core.clock import Clock, SystemClock
from studio.show.model import Line, Show
from studio.show.templates import Template
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

    # There is deliberately no setting to read a viewer's words aloud: nothing a viewer typed is
    # spoken (DESIGN.md, trust boundaries), only their name in the safe form of studio.chat.names.
    address_viewers: bool = True  # "小王，…": say the asker's name when the name rule allows it
    question_cooldown: float = 60.0  # seconds: the same normalised question is answered once
    rule_cooldown: float = 30.0  # seconds: the same rule for the same product is answered once
    identity_gap: float = 15.0  # seconds between two identity answers on air (askers in between join one)
    max_queue: int = 8  # answers waiting; the oldest is dropped first (never the identity answer)
    max_age: float = 90.0  # seconds: an answer not taken by then is stale and dropped (not the identity one)
    max_text: int = MAX_TEXT  # characters kept of a comment


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
    user: str  # the name as the host may say it (朋友/friend when the viewer's own is unsafe)
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
    not_before: float = 0.0  # monotonic seconds: an identity answer waits for the gap since the last one


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
        self._moderator = moderator or _moderator(show)
        self._matcher = FaqMatcher(show)
        self._identity = IdentityRule.for_show(show)
        self._joined: list[tuple[str, str]] = []  # (name, question) of askers the pending identity answer serves
        self._identity_taken: float | None = None  # monotonic: when the last identity answer went to air
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
        moderator = _moderator(show)
        matcher = FaqMatcher(show)
        identity = IdentityRule.for_show(show)
        known = {p.id for p in show.products}
        with self._lock:
            self._show, self._moderator, self._matcher, self._identity = show, moderator, matcher, identity
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
            while len(out) < limit:
                a = self._next(now)
                if a is None:
                    break
                if a.rule != IDENTITY and now - a.queued_at > self.settings.max_age:
                    self._drop(a.name, a.question, f"not answered within {self.settings.max_age:g} s", a.rule)
                    continue
                out.append(a)
                self._event(ChatEvent(self.clock.now(), a.name, a.question, ANSWERED, a.rule, a.product, a.text))
                if a.rule == IDENTITY:
                    self._identity_taken = now
                    for name, question in self._joined:
                        self._event(ChatEvent(self.clock.now(), name, question, ANSWERED, a.rule, None, a.text))
                    self._joined.clear()
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
        name = mod.safe_name(comment.user, self._show.language)
        question = sanitize(comment.text, s.max_text)
        if self._identity.asks(question):
            # Before moderation and cooldowns: the answer quotes nothing of the comment, so a
            # banned word or an insult beside the question does not cost the viewer the answer.
            return self._identity_answer(comment, name, question)
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
        lines = self._personal(lines, comment.user, match.product)
        text = self._preview(lines, match.product)
        self._answered[rule_key] = now
        _prune(self._answered, now, s.rule_cooldown)
        self._queue.append(Answer(match.product, lines, comment, match.rule, name, question, text, now))
        self.counts["queued"] += 1
        self._trim()
        return Receipt(QUEUED, match.rule, match.product, text)

    def _identity_answer(self, comment: Comment, name: str, question: str) -> Receipt:
        """Queue the disclosure answer at the front, or let the asker join the one already waiting."""
        self.counts["identity"] += 1
        pending = next((a for a in self._queue if a.rule == IDENTITY), None)
        if pending is not None:
            self._joined.append((name, question))
            return Receipt(QUEUED, IDENTITY, None, pending.text)
        lines = self._identity.lines
        blocked = self._blocked(lines, None)
        if blocked:  # the operator's wording: fall back to the built-in one, which is always clean
            log.warning("chat: the show's identity answer is not said (%s); the built-in answer is", blocked)
            text, language = builtin_answer(self._show)
            lines = (replace(lines[0], template=Template.literal(text), language=language),)
        lines = self._personal(lines, comment.user, None)
        text = self._preview(lines, None)
        now = self.clock.monotonic()
        last = self._identity_taken
        not_before = now if last is None else max(now, last + self.settings.identity_gap)
        self._queue.appendleft(Answer(None, lines, comment, IDENTITY, name, question, text, now, not_before))
        self.counts["queued"] += 1
        self._trim()
        return Receipt(QUEUED, IDENTITY, None, text)

    # ---- internals (called with the lock held) ----

    def _next(self, now: float) -> Answer | None:
        """The answer to speak next: the identity answer once its gap has passed, else the oldest."""
        for i, a in enumerate(self._queue):
            if a.rule != IDENTITY or a.not_before <= now:
                del self._queue[i]
                return a
        return None

    def _trim(self) -> None:
        """Keep at most `max_queue` answers, dropping the oldest; the identity answer is never dropped."""
        s = self.settings
        while len(self._queue) > max(s.max_queue, 1):
            i = next(i for i, a in enumerate(self._queue) if a.rule != IDENTITY)
            old = self._queue[i]
            del self._queue[i]
            self._drop(old.name, old.question, f"queue full ({s.max_queue}): oldest dropped first", old.rule)

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
            for text in line.template.texts(values, _MAX_VARIANTS):
                verdict = line_verdict(checker, self._show, line, text, self._language(line), product)
                if verdict.blocked:
                    return describe(verdict.blocked)
                if not verdict.airs:  # warning wording the show file does not approve: it would be skipped
                    held = describe([*verdict.unapproved, *verdict.unapproved_fields])
                    return held.replace("banned word", UNAPPROVED, 1)
        return ""

    def _personal(self, lines: tuple[Line, ...], user: str, product: str | None) -> tuple[Line, ...]:
        """Address the asker by the safe form of their name, in the first line's language, if it stays clean."""
        if not self.settings.address_viewers:
            return lines
        first = lines[0]
        language = self._language(first)
        zh = is_chinese(language)
        values = self._values(product)
        texts = list(first.template.texts(values, _MAX_VARIANTS))
        for candidate in (self._moderator.safe_name(user, language), fallback_name(language)):
            prefix = f"{candidate}，" if zh else f"{candidate}, "
            # The name must neither bring a banned word nor warning wording the line's approval does
            # not cover (永久会员, …): either would keep the whole answer off the air.
            if all(line_verdict(self._moderator.checker, self._show, first, prefix + t, language, product).airs
                   for t in texts):
                # A literal node before the template's own: the name is never parsed as a template.
                template = Template(prefix + first.template.source, (prefix, *first.template.nodes))
                return (replace(first, template=template), *lines[1:])
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


def _moderator(show: Show) -> Moderator:
    """The moderator for `show`: its compliance lists, its language and its `[chat] name_deny` words."""
    return Moderator(show.compliance, show.language, name_words=show.chat.name_deny)


def _prune(stamps: dict[Any, float], now: float, window: float) -> None:
    """Forget cooldowns that ran out, once the table grows (a flood of distinct questions)."""
    if len(stamps) > _MAX_KEYS:
        for k in [k for k, t in stamps.items() if now - t >= window]:
            del stamps[k]
        while len(stamps) > _MAX_KEYS:
            del stamps[next(iter(stamps))]


__all__ = [
    "ANSWERED", "DROPPED", "QUEUED", "Answer", "ChatEvent", "ChatSettings", "Comment", "CommentInbox",
    "Receipt",
]
