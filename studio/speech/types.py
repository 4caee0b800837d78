"""What speech produces: an Utterance with its PCM, word timings and mouth-shape track.

Everything here is a frozen dataclass; PCM is a read-only numpy array so an Utterance can be
shared between the look-ahead thread, the playout and the avatar without copies or locks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from studio.core.vocab import MouthCue, WordTiming


@dataclass(frozen=True)
class MouthTrack:
    """Mouth cues covering [0, duration] without gaps; `source` says how they were found."""

    cues: tuple[MouthCue, ...]
    duration: float
    fps: int = 30  # the frame rate the track was smoothed for (no flicker at this rate)
    source: str = "phonemes"  # "phonemes" (synthesizer events + audio), "audio", or "none"

    def shape_counts(self) -> dict[str, int]:
        """How many cues of each shape: a quick summary for people."""
        counts: dict[str, int] = {}
        for c in self.cues:
            counts[c.shape.value] = counts.get(c.shape.value, 0) + 1
        return counts


@dataclass(frozen=True)
class SpeechFailure:
    """Why an utterance has no audio, after the worker was restarted and the text retried once."""

    kind: str  # "timeout", "crash", "bad-wav", "engine", "voice"
    message: str
    incidents: tuple[str, ...] = ()  # everything that went wrong on the way, in order


@dataclass(frozen=True)
class Utterance:
    """A spoken line: 16-bit mono PCM, word timings on the original text and a mouth track.

    A failed utterance (`failure` set) has no samples; its `duration` is an estimate so the
    runner can still show the caption for a sensible time, and its mouth rests.
    """

    text: str  # the caption, as written
    language: str
    pcm: np.ndarray  # int16, mono, read-only; empty when failed
    sample_rate: int
    duration: float  # seconds; len(pcm) / sample_rate unless failed
    words: tuple[WordTiming, ...]
    mouth: MouthTrack
    spoken: tuple[str, ...] = ()  # what the engine was given, chunk by chunk (pinyin for Mandarin)
    voices: tuple[str, ...] = ()  # the voice id used for each chunk
    cached: bool = False  # every chunk came from the cache
    failure: SpeechFailure | None = None
    incidents: tuple[str, ...] = field(default=())  # recovered faults (restarts, retries)

    @property
    def ok(self) -> bool:
        return self.failure is None

    def word_at(self, t: float) -> WordTiming | None:
        """The word being said at `t` seconds, for caption highlighting."""
        for w in self.words:
            if w.start <= t < w.end:
                return w
        return None


def frozen_pcm(samples: np.ndarray) -> np.ndarray:
    """An int16 copy that nobody can write to (Utterances are shared across threads)."""
    out = np.ascontiguousarray(samples, dtype=np.int16).copy()
    out.setflags(write=False)
    return out
