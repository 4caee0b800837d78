"""A speech source without a voice: lines timed by estimate, silent, with the mouth moving along.

Qt-free. `studio stream` and the offline previews play the real playout with it, so what they
show is what airs, minus the sound, without starting a speech engine. The mouth follows the
estimated word timings by the same mapping the rehearsed host uses (`host.mouth_cues`).
"""

from __future__ import annotations

import numpy as np

from studio.program.host import mouth_cues
from studio.speech.types import MouthTrack, Utterance, frozen_pcm
from studio.stage.state import Caption, estimate_word_timings

# A relaxed reading pace: characters a second in Chinese, letters and digits a second otherwise.
CHARS_PER_SECOND = {"zh": 4.5}
OTHER_CHARS_PER_SECOND = 12.0
RATE = 22_050  # the playout's rate (what pyttsx3 writes)


class SilentSpeech:
    """A `runner.playout.SpeechSource` whose utterances are ready at once: silence of a reading's length."""

    def __init__(self, fps: int = 30, rate: int = RATE) -> None:
        self.fps, self.rate = fps, rate
        self._requests: dict[str, tuple[str, str]] = {}  # key → (text, language)
        self._silence = frozen_pcm(np.zeros(60 * rate, np.int16))  # sliced, never copied

    def prefetch(self, requests: list) -> None:  # list of speech.lookahead.SpeechRequest
        for r in requests:
            self._requests[r.key] = (r.text, r.language)

    def get(self, key: str) -> Utterance | None:
        if key not in self._requests:
            return None
        text, language = self._requests[key]
        words = estimate_word_timings(text, CHARS_PER_SECOND.get(language[:2], OTHER_CHARS_PER_SECOND))
        duration = min(max((w.end for w in words), default=0.5), len(self._silence) / self.rate)
        pcm = self._silence[: round(duration * self.rate)]
        mouth = MouthTrack(mouth_cues(Caption(text, 0.0, words)), duration, self.fps, source="text")
        return Utterance(text, language, pcm, self.rate, len(pcm) / self.rate, words, mouth)

    def discard(self, keys: list[str] | None = None) -> None:
        for key in keys if keys is not None else list(self._requests):
            self._requests.pop(key, None)


__all__ = ["SilentSpeech"]
