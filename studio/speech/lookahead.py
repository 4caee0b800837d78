"""Look-ahead: the runner names the next lines early and their audio is ready before it is due.

One background thread works through the requests in order (the worker speaks one line at a time
anyway); `get` never blocks, so the frame loop and the UI only ever ask "is it ready?". A line
asked for with `wait` jumps the queue. Finished utterances are kept, up to `keep`, until taken.
"""

from __future__ import annotations

import collections
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from studio.show.model import Voice
from studio.speech.speaker import Speaker, failed_utterance
from studio.speech.types import Utterance

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpeechRequest:
    """A line the runner will need: `key` is the runner's own id for it (a segment id)."""

    key: str
    text: str
    language: str
    voice: Voice = field(default_factory=Voice)


class LookAhead:
    """Synthesizes upcoming lines on a background thread; results are polled without blocking."""

    def __init__(
        self,
        speaker: Speaker,
        keep: int = 64,
        on_ready: Callable[[str, Utterance], None] | None = None,
    ) -> None:
        self.speaker = speaker
        self.keep = keep
        self.on_ready = on_ready  # called on the look-ahead thread: marshal to your own thread
        self._pending: collections.deque[SpeechRequest] = collections.deque()
        self._busy: str | None = None
        self._done: collections.OrderedDict[str, Utterance] = collections.OrderedDict()
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="speech-lookahead", daemon=True)
        self._thread.start()

    def prefetch(self, requests: Iterable[SpeechRequest]) -> None:
        """Queue lines in the order they will be spoken; lines already queued or done are skipped."""
        with self._cond:
            known = {r.key for r in self._pending} | set(self._done) | ({self._busy} if self._busy else set())
            for r in requests:
                if r.key not in known:
                    self._pending.append(r)
                    known.add(r.key)
            self._cond.notify_all()

    def get(self, key: str) -> Utterance | None:
        """The utterance if it is ready (it stays available until `discard`), else None. Never blocks."""
        with self._cond:
            return self._done.get(key)

    def ready(self, key: str) -> bool:
        with self._cond:
            return key in self._done

    def wait(self, key: str, timeout: float | None = None) -> Utterance | None:
        """Block until `key` is ready (moving it to the front of the queue). Not for the UI thread."""
        with self._cond:
            for r in list(self._pending):
                if r.key == key:
                    self._pending.remove(r)
                    self._pending.appendleft(r)
                    self._cond.notify_all()
                    break
            self._cond.wait_for(lambda: key in self._done or self._closed, timeout)
            return self._done.get(key)

    def discard(self, keys: Sequence[str] | None = None) -> None:
        """Forget finished utterances (all of them without `keys`) and drop those still queued."""
        with self._cond:
            if keys is None:
                self._done.clear()
                self._pending.clear()
                return
            drop = set(keys)
            for k in drop:
                self._done.pop(k, None)
            self._pending = collections.deque(r for r in self._pending if r.key not in drop)

    def pending(self) -> int:
        with self._cond:
            return len(self._pending) + (1 if self._busy else 0)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._pending.clear()
            self._cond.notify_all()
        self._thread.join(timeout=30.0)

    def __enter__(self) -> LookAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closed)
                if self._closed:
                    return
                req = self._pending.popleft()
                self._busy = req.key
            try:
                utt = self.speaker.synthesize(req.text, req.language, req.voice)
            except Exception as exc:  # a bug must not kill the thread the whole show depends on
                log.exception("look-ahead: synthesizing %r failed", req.text[:60])
                utt = failed_utterance(self.speaker, req.text, req.language, req.voice, exc)
            with self._cond:
                self._busy = None
                self._done[req.key] = utt
                while len(self._done) > self.keep:
                    self._done.popitem(last=False)
                self._cond.notify_all()
            if self.on_ready is not None:
                try:
                    self.on_ready(req.key, utt)
                except Exception:
                    log.exception("look-ahead: on_ready callback failed")
