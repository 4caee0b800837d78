"""Playout: the Qt-free state machine that turns planned segments into a gapless audio timeline.

The program's audio is pulled sample by sample (`pull`), by the audio device when there is one
or by a steady clock when headless or rendering offline. Pulling is what moves program time, so
the audio position is the master clock: `state_at(t)` tells the avatar, captions and card what
is on air at any program time `t`, and live, preview and offline render all run this same code.
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

import numpy as np

from studio.checks.approval import hold_reasons, line_verdict, product_of
from studio.compliance.approval import UNAPPROVED
from studio.compliance.checker import Checker
from studio.core.vocab import CardMode, Cue, PlayoutStatus
from studio.runner.asrun import AIRED, BLOCKED, FAILED, SKIPPED, AsRunLog, AsRunRecord
from studio.runner.planner import FAQ, ONE_OFF, PITCH, Planner, Segment
from studio.show.model import Show, Voice
from studio.speech.types import Utterance

log = logging.getLogger(__name__)

SAMPLE_RATE = 22_050  # what pyttsx3/eSpeak NG writes; outputs resample as they need
FADE = 0.012  # seconds of fade when a line is cut short, so a skip never clicks
# The as-run note of a line skipped because its warning wording was not approved (outcome "blocked").
NOT_APPROVED_NOTE = "not spoken: unapproved warning wording"

class SpeechSource(Protocol):
    """Where utterances come from: speech.LookAhead satisfies this (prefetch/get/discard)."""

    def prefetch(self, requests: list) -> None: ...  # noqa: D102 - list of speech.SpeechRequest

    def get(self, key: str) -> Utterance | None: ...  # noqa: D102

    def discard(self, keys: list[str] | None = None) -> None: ...  # noqa: D102


# Checks a segment before it airs: returns human-readable reasons it must not be said (blocked
# wording, warning wording nobody approved); empty: fine to say. See `compliance_reasons`.
LineCheck = Callable[[Segment], list[str]]


def compliance_reasons(checker: Checker, show: Show, segment: Segment) -> list[str]:
    """Why `segment` must not air under the show's compliance settings ([] when it may)."""
    verdict = line_verdict(checker, show, segment.line, segment.text, segment.language, segment.product)
    if verdict.airs:
        return []
    return hold_reasons(verdict, segment.line, product_of(show, segment.product))


@dataclass(frozen=True)
class AirEntry:
    """A segment placed on the program timeline (times in program seconds)."""

    key: str
    segment: Segment
    utterance: Utterance
    start: float
    end: float  # end of the speech
    pause_end: float  # end of the scripted pause after it
    wall_start: datetime
    card_product: str | None
    card_mode: CardMode
    card_since: float
    card_previous: CardMode  # the mode before card_since, for the card's eased transition
    product_since: float  # when card_product came on the card
    turn_since: float  # when the product turn on air began (the first line of its pitch)
    expression: str
    findings: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return not self.utterance.ok


@dataclass(frozen=True)
class ProgramState:
    """What is on air at program time `t`: for the avatar, the captions, the card and the console."""

    t: float
    status: PlayoutStatus
    entry: AirEntry | None  # the line being spoken, or the one whose pause is running
    speaking: bool
    line_t: float  # seconds since the entry started (meaningful when entry is set)
    card_product: str | None
    card_mode: CardMode
    card_since: float
    expressions: tuple[Cue, ...]
    gestures: tuple[Cue, ...]
    speaking_since: float
    # From the playout's own timeline, so the stage state is a function of t alone: the card's
    # mode before `card_since` (its transition eases from it), when `card_product` came on, and
    # when the product turn on air began (what changes between products, such as the host, may).
    card_previous: CardMode = CardMode.HIDDEN
    product_since: float = -1e9
    turn_since: float = -1e9


@dataclass
class PlayoutStats:
    """Counters for the console, the logs and the benchmarks."""

    aired: int = 0
    skipped: int = 0
    failed: int = 0
    blocked: int = 0
    waiting_seconds: float = 0.0  # unintended silence: the next line was not ready in time
    first_audio_at: float | None = None  # program seconds until the first line started


@dataclass
class _Queued:
    key: str
    segment: Segment
    findings: tuple[str, ...]
    blocked: bool


@dataclass
class _Live:
    """The entry on air plus where the audio cursor is inside it."""

    entry: AirEntry
    start_sample: int
    audio_samples: int
    pause_end_sample: int
    cut_at: int | None = None  # sample where an operator cut it short


@dataclass
class Playout:
    """Sequences utterances gaplessly with the scripted pauses; commands act at sentence boundaries."""

    show: Show
    planner: Planner
    speech: SpeechSource
    wall_start: datetime
    check_line: LineCheck | None = None
    asrun: AsRunLog | None = None
    live: bool = True  # live mode never speaks a line `check_line` objects to (preview and render do)
    depth: int = 3  # segments committed ahead (their audio is prepared before it is due)
    max_wait: float = 8.0  # seconds to wait for speech before airing the caption alone
    offline: bool = False  # rendering: program time is not real time, so wait for speech (blocking)
    sample_rate: int = SAMPLE_RATE
    voice_for: Callable[[str], Voice] | None = None
    stats: PlayoutStats = field(default_factory=PlayoutStats)
    # Called with (program time of the first sample, samples) for every chunk pulled: how
    # recordings and streams receive exactly the audio that airs.
    audio_taps: list[Callable[[float, np.ndarray], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.status: PlayoutStatus = PlayoutStatus.OFF_AIR
        self.samples = 0  # program time in samples: everything pulled so far
        self._queue: collections.deque[_Queued] = collections.deque()
        self._live: _Live | None = None
        self._history: collections.deque[AirEntry] = collections.deque(maxlen=64)
        self._expressions: collections.deque[Cue] = collections.deque(maxlen=16)
        self._gestures: collections.deque[Cue] = collections.deque(maxlen=16)
        self._counter = 0
        self._waiting_since: int | None = None
        self._pause_requested = False
        self._stop_after_product = False
        self._card_product: str | None = None
        self._card_mode = CardMode.HIDDEN
        self._card_since = 0.0
        self._card_previous = CardMode.HIDDEN
        self._product_since = -1e9
        self._turn_since = -1e9
        self._speaking_since = 0.0
        self._last_product: str | None = None

    # ---- time ----

    @property
    def t(self) -> float:
        return self.samples / self.sample_rate

    def wall_at(self, t: float) -> datetime:
        return self.wall_start + timedelta(seconds=t)

    # ---- commands ----

    def start_at(self, t: float) -> None:
        """Set program time before going on air (the clock's idle lead-in ran up to `t`)."""
        if self.status is not PlayoutStatus.OFF_AIR:
            raise RuntimeError("program time can only be set before going on air")
        self.samples = int(round(t * self.sample_rate))

    def cue_up(self) -> None:
        """Plan and prepare the first lines while still off air, so going live starts speaking at once."""
        if self.status is PlayoutStatus.OFF_AIR:
            self._fill(off_air=True)

    def go_live(self) -> None:
        if self.status in (PlayoutStatus.OFF_AIR, PlayoutStatus.STOPPED):
            self.planner.stopped = False
        self.status = PlayoutStatus.ON_AIR
        self._fill()

    def pause(self) -> None:
        """Pause at the end of the line on air (with its pause)."""
        self._pause_requested = True

    def resume(self) -> None:
        self._pause_requested = False
        if self.status is PlayoutStatus.PAUSED:
            self.status = PlayoutStatus.ON_AIR

    def skip_line(self) -> None:
        """Cut the line on air now (with a short fade) and go on with the next."""
        self._cut(SKIPPED)

    def next_product(self) -> None:
        """Leave the product on air now: cut the line, drop its queued lines, start the next."""
        live = self._live
        product = live.entry.segment.product if live else None
        self._cut(SKIPPED)
        keep = self._take_queue()
        if product is not None:
            keep = [q for q in keep if not (q.segment.product == product and not q.segment.first_of_product)]
            self.planner.skip_product()
        self.planner.push_back([q.segment for q in keep])
        self._fill()

    def jump_to(self, product_id: str) -> None:
        """Continue the rundown from `product_id` now."""
        self._cut(SKIPPED)
        self._take_queue()
        self.planner.jump_to(product_id)
        self._fill()

    def interrupt_with_product(self, product_id: str) -> None:
        """Pitch `product_id` after the line on air, then resume the rundown where it was."""
        self.planner.push_back([q.segment for q in self._take_queue()])
        self.planner.interrupt_with_product(product_id)
        self._fill()

    def interrupt_with_line(self, text: str, language: str | None = None) -> None:
        """Say `text` after the line on air (a flash sale now), then resume."""
        self.planner.push_back([q.segment for q in self._take_queue()])
        self.planner.interrupt_with_line(text, language)
        self._fill()

    def answer(self, product_id: str | None, lines: tuple) -> None:  # lines: tuple[Line, ...]
        """Speak FAQ answer lines after the line on air, ahead of the rundown."""
        self.planner.push_back([q.segment for q in self._take_queue()])
        self.planner.answer(product_id, lines)
        self._fill()

    def stop_after_product(self) -> None:
        self._stop_after_product = True

    def stop_now(self) -> None:
        self._cut(SKIPPED)
        self._take_queue()
        self.status = PlayoutStatus.STOPPED

    def reload(self, show: Show) -> None:
        """Take an edited show at the next segment boundary: queued lines are planned again."""
        taken = self._take_queue()
        first_pitch = next((q for q in taken if q.segment.kind == PITCH and q.segment.position), None)
        keep = []
        for q in taken:
            if q is first_pitch:
                break
            if q.segment.kind != PITCH:
                keep.append(q.segment)
        self.show = show
        self.planner.replace_show(show)
        if first_pitch is not None and first_pitch.segment.position is not None:
            self.planner.rewind_to(first_pitch.segment.position)
        self.planner.push_back(keep)
        self._fill()

    # ---- audio: pulling moves program time ----

    def pull(self, n: int) -> np.ndarray:
        """The next `n` samples of program audio (int16 mono); advances program time by `n`."""
        t0 = self.t
        out = self._pull(n)
        for tap in self.audio_taps:
            try:
                tap(t0, out)
            except Exception:  # an output's trouble must never stop the program
                log.exception("audio tap failed")
        return out

    def _pull(self, n: int) -> np.ndarray:
        out = np.zeros(n, dtype=np.int16)
        pos = 0
        while pos < n:
            live = self._live
            if live is not None:
                end_audio = live.start_sample + live.audio_samples
                if live.cut_at is not None:
                    end_audio = min(end_audio, live.cut_at)
                if self.samples < end_audio:
                    k = min(n - pos, end_audio - self.samples)
                    offset = self.samples - live.start_sample
                    pcm = live.entry.utterance.pcm
                    if offset < len(pcm):
                        m = min(k, len(pcm) - offset)
                        out[pos : pos + m] = pcm[offset : offset + m]
                        if live.cut_at is not None:
                            _fade_out(out, pos, m, self.samples, live.cut_at, self.sample_rate)
                    pos += k
                    self.samples += k
                    continue
                if self.samples < live.pause_end_sample:
                    k = min(n - pos, live.pause_end_sample - self.samples)
                    pos += k
                    self.samples += k
                    continue
                self._finish(live)
                self._live = None
            if self.status is not PlayoutStatus.ON_AIR or not self._start_next():
                # Silence: off air, paused, stopped, or waiting for speech (counted).
                k = min(n - pos, max(1, self.sample_rate // 100))
                if self.status is PlayoutStatus.ON_AIR:
                    self.stats.waiting_seconds += k / self.sample_rate
                pos += k
                self.samples += k
        return out

    def advance(self, seconds: float, chunk: float = 0.05) -> None:
        """Pull and discard `seconds` of audio: a headless or simulated run."""
        total = int(round(seconds * self.sample_rate))
        step = max(1, int(chunk * self.sample_rate))
        while total > 0:
            k = min(step, total)
            self.pull(k)
            total -= k

    # ---- what is on air ----

    def state_at(self, t: float) -> ProgramState:
        """The program at time `t` (at most a few seconds behind what was pulled)."""
        entry = None
        for e in reversed(self._history):
            if e.start <= t:
                entry = e
                break
        live = self._live
        if live is not None and live.entry.start <= t and (entry is None or live.entry.start >= entry.start):
            entry = live.entry
        speaking = False
        line_t = 0.0
        if entry is not None:
            line_t = t - entry.start
            end = entry.end
            if live is not None and live.entry is entry and live.cut_at is not None:
                end = min(end, live.cut_at / self.sample_rate)
            speaking = entry.start <= t < end and entry.utterance.ok
        card_product = entry.card_product if entry else self._card_product
        card_mode = entry.card_mode if entry else self._card_mode
        card_since = entry.card_since if entry else self._card_since
        card_previous = entry.card_previous if entry else self._card_previous
        product_since = entry.product_since if entry else self._product_since
        turn_since = entry.turn_since if entry else self._turn_since
        return ProgramState(
            t=t,
            status=self.status,
            entry=entry,
            speaking=speaking,
            line_t=line_t,
            card_product=card_product,
            card_mode=card_mode,
            card_since=card_since,
            expressions=tuple(c for c in self._expressions if c.at <= t),
            gestures=tuple(c for c in self._gestures if c.at <= t),
            speaking_since=entry.start if speaking and entry else (entry.end if entry else 0.0),
            card_previous=card_previous,
            product_since=product_since,
            turn_since=turn_since,
        )

    def up_next(self) -> list[Segment]:
        """Committed segments waiting to air, in order."""
        return [q.segment for q in self._queue]

    # ---- internals ----

    def _fill(self, off_air: bool = False) -> None:
        """Commit segments up to `depth` ahead and ask speech to prepare them."""
        if self.status not in (PlayoutStatus.ON_AIR, PlayoutStatus.PAUSED) and not off_air:
            return
        requests = []
        while len(self._queue) < self.depth:
            seg = self.planner.next_segment(self.wall_at(self.t))
            if seg is None:
                break
            self._counter += 1
            key = f"{self._counter}:{seg.line_id}"
            findings: tuple[str, ...] = ()
            if self.check_line is not None:
                findings = tuple(self.check_line(seg))
            blocked = bool(findings) and self.live
            self._queue.append(_Queued(key, seg, findings, blocked))
            if not blocked:
                requests.append(self._request(key, seg))
        if requests:
            self.speech.prefetch(requests)

    def _request(self, key: str, seg: Segment) -> object:
        from studio.speech.lookahead import SpeechRequest

        voice = self.voice_for(seg.language) if self.voice_for else self.show.voice
        return SpeechRequest(key, seg.text, seg.language, voice)

    def _take_queue(self) -> list[_Queued]:
        taken = list(self._queue)
        self._queue.clear()
        self.speech.discard([q.key for q in taken])
        return taken

    def _start_next(self) -> bool:
        """Put the next segment on air at the current sample; False while its speech is not ready."""
        if self._pause_requested and self._waiting_since is None:
            self._pause_requested = False
            self.status = PlayoutStatus.PAUSED
            return False
        self._fill()
        while self._queue and self._queue[0].blocked:
            q = self._queue.popleft()
            self._record_blocked(q)
            self._fill()
        if not self._queue:
            return False
        q = self._queue[0]
        seg = q.segment
        if (self._stop_after_product and seg.first_of_product and seg.kind == PITCH
                and self._last_product is not None):
            self._stop_after_product = False
            self._take_queue()
            self.status = PlayoutStatus.STOPPED
            return False
        utt = self.speech.get(q.key)
        if utt is None and self.offline:
            wait = getattr(self.speech, "wait", None)
            if wait is not None:
                utt = wait(q.key, self.max_wait)
            if utt is None:
                utt = self._caption_only(seg)
        if utt is None:
            if self._waiting_since is None:
                self._waiting_since = self.samples
            if (self.samples - self._waiting_since) / self.sample_rate < self.max_wait:
                return False
            utt = self._caption_only(seg)  # speech is stuck: show the caption rather than nothing
        self._waiting_since = None
        self._queue.popleft()
        self.speech.discard([q.key])
        self._air(q, utt)
        self._fill()
        return True

    def _caption_only(self, seg: Segment) -> Utterance:
        """No audio in time: a failed utterance timed by estimate, so the caption still airs."""
        from studio.speech.speaker import failed_utterance

        speaker = getattr(self.speech, "speaker", None)
        voice = self.voice_for(seg.language) if self.voice_for else self.show.voice
        log.error("speech for %s was not ready after %.0f s: airing the caption alone", seg.line_id, self.max_wait)
        error = TimeoutError(f"speech was not ready after {self.max_wait:g} s")
        if speaker is not None:
            return failed_utterance(speaker, seg.text, seg.language, voice, error)
        # No speaker to time the words: about 4 syllables a second, as a host speaks.
        from studio.speech.types import MouthTrack, SpeechFailure, frozen_pcm

        duration = max(1.0, len(seg.text) * (0.25 if seg.language.startswith("zh") else 0.07))
        return Utterance(seg.text, seg.language, frozen_pcm(np.zeros(0, np.int16)), self.sample_rate,
                         duration, (), MouthTrack((), duration, source="none"),
                         failure=SpeechFailure("timeout", str(error)))

    def _air(self, q: _Queued, utt: Utterance) -> None:
        seg = q.segment
        t = self.t
        if self.stats.first_audio_at is None:
            self.stats.first_audio_at = t
        # The card follows the product on air and the line's card cue.
        card_before = (self._card_product, self._card_mode, self._card_since)
        if seg.product is not None and seg.kind in (PITCH, FAQ):
            if seg.product != self._card_product or seg.first_of_product and seg.kind == PITCH:
                if seg.product != self._card_product or self._card_mode is CardMode.HIDDEN:
                    self._card_product, self._card_mode, self._card_since = seg.product, CardMode.SHOWN, t
            if seg.product != self._last_product and seg.kind == PITCH:
                self._expressions.append(Cue(t, "neutral"))
                self._last_product = seg.product
        cue = seg.line.card
        if cue is not None and (seg.product is not None or cue is CardMode.HIDDEN):
            if cue is CardMode.HIDDEN:
                self._card_mode, self._card_since = CardMode.HIDDEN, t
            else:
                if seg.product is not None:
                    self._card_product = seg.product
                self._card_mode, self._card_since = cue, t
        if (self._card_mode, self._card_since) != card_before[1:]:
            self._card_previous = card_before[1]
        if self._card_product != card_before[0]:
            self._product_since = t
        if seg.kind == PITCH and seg.first_of_product:
            self._turn_since = t
        if seg.line.expression:
            self._expressions.append(Cue(t, seg.line.expression))
        if seg.line.gesture:
            self._gestures.append(Cue(t + 0.15, seg.line.gesture))
        expression = self._expressions[-1].name if self._expressions else "neutral"
        samples = len(utt.pcm) if utt.ok else int(round(utt.duration * self.sample_rate))
        pause = int(round(seg.pause_after * self.sample_rate))
        entry = AirEntry(
            key=q.key, segment=seg, utterance=utt, start=t, end=t + samples / self.sample_rate,
            pause_end=t + (samples + pause) / self.sample_rate, wall_start=self.wall_at(t),
            card_product=self._card_product, card_mode=self._card_mode, card_since=self._card_since,
            card_previous=self._card_previous, product_since=self._product_since, turn_since=self._turn_since,
            expression=expression, findings=q.findings,
        )
        start = self.samples
        self._live = _Live(entry, start, samples, start + samples + pause)
        self._history.append(entry)

    def _cut(self, outcome: str) -> None:
        live = self._live
        if live is None:
            return
        if self.samples < live.start_sample + live.audio_samples:
            live.cut_at = self.samples + int(FADE * self.sample_rate)
            live.audio_samples = live.cut_at - live.start_sample
            live.pause_end_sample = live.cut_at
            self._record(live.entry, outcome, spoken=(live.cut_at - live.start_sample) / self.sample_rate)
            live.entry = _mark_recorded(live.entry)
        else:
            live.pause_end_sample = self.samples  # only its pause was left: drop it

    def _finish(self, live: _Live) -> None:
        if live.entry.key.endswith("#recorded"):
            return
        outcome = FAILED if live.entry.failed else AIRED
        self._record(live.entry, outcome, spoken=live.entry.end - live.entry.start)

    def _record(self, entry: AirEntry, outcome: str, spoken: float) -> None:
        if outcome == AIRED:
            self.stats.aired += 1
        elif outcome == SKIPPED:
            self.stats.skipped += 1
        elif outcome == FAILED:
            self.stats.failed += 1
        if self.asrun is None:
            return
        seg = entry.segment
        note = ""
        if entry.failed and entry.utterance.failure is not None:
            note = f"{entry.utterance.failure.kind}: {entry.utterance.failure.message}"
        elif entry.utterance.incidents:
            note = "; ".join(entry.utterance.incidents)
        self._append(AsRunRecord(
            start=entry.wall_start, end=entry.wall_start + timedelta(seconds=spoken), line_id=seg.line_id,
            kind=seg.kind, text=seg.text, outcome=outcome, duration=round(spoken, 3), language=seg.language,
            rundown=seg.rundown, product=seg.product, position=seg.position, findings=entry.findings, note=note,
        ))

    def _record_blocked(self, q: _Queued) -> None:
        self.stats.blocked += 1
        # Warning wording nobody approved is told apart from wording that must never be said.
        unapproved = all(f.startswith(UNAPPROVED) for f in q.findings)
        log.warning("%s line %s: %s (%s)", "skipped unapproved" if unapproved else "blocked",
                    q.segment.line_id, q.segment.text, "; ".join(q.findings))
        if self.asrun is None:
            return
        seg = q.segment
        now = self.wall_at(self.t)
        self._append(AsRunRecord(
            start=now, end=now, line_id=seg.line_id, kind=seg.kind, text=seg.text, outcome=BLOCKED,
            language=seg.language, rundown=seg.rundown, product=seg.product, position=seg.position,
            findings=q.findings, note=NOT_APPROVED_NOTE if unapproved else "not spoken: compliance",
        ))

    def _append(self, record: AsRunRecord) -> None:
        # Never raises for a file that cannot be written (a full disk must not stop the show): the
        # log keeps the record in memory and reports it in its health (see AsRunLog).
        self.asrun.append(record)  # type: ignore[union-attr]


def _mark_recorded(entry: AirEntry) -> AirEntry:
    from dataclasses import replace

    return replace(entry, key=entry.key + "#recorded")


def _fade_out(out: np.ndarray, pos: int, m: int, sample0: int, cut_at: int, rate: int) -> None:
    """Ramp the samples before a cut down to zero so a skipped line ends without a click."""
    fade = int(FADE * rate)
    start = cut_at - fade
    idx = np.arange(sample0, sample0 + m)
    gain = np.clip((cut_at - idx) / max(1, fade), 0.0, 1.0)
    gain[idx < start] = 1.0
    out[pos : pos + m] = (out[pos : pos + m].astype(np.float32) * gain).astype(np.int16)




__all__ = [
    "FAQ", "NOT_APPROVED_NOTE", "ONE_OFF", "AirEntry", "LineCheck", "Playout", "PlayoutStats", "ProgramState",
    "SpeechSource", "compliance_reasons",
]
