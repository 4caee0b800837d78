"""Runner fixtures: the demo show, a real speech engine shared by the session, a stand-in source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from studio.cli import demo_show_path
from studio.show.loader import load_show
from studio.show.model import Show
from studio.speech.cache import SpeechCache
from studio.speech.lookahead import LookAhead
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine
from studio.speech.types import MouthTrack, Utterance, frozen_pcm


@pytest.fixture(scope="session")
def demo_show() -> Show:
    result = load_show(demo_show_path())
    assert result.ok
    return result.show


@pytest.fixture(scope="session")
def real_engine() -> Iterator[WorkerEngine]:
    engine = WorkerEngine()
    yield engine
    engine.close()


@pytest.fixture()
def lookahead(real_engine: WorkerEngine, tmp_path: Path) -> Iterator[LookAhead]:
    with LookAhead(Speaker(real_engine, SpeechCache(tmp_path / "speech"))) as la:
        yield la


class ToneSource:
    """A stand-in speech source for long simulations: a tone per line, 0.12 s per character.

    Real synthesis is covered by the speech tests and the real-engine playout tests here; a
    simulated day needs 17,000 lines in seconds, which is what this is for.
    """

    def __init__(self, rate: int = 22_050, never: bool = False) -> None:
        self.rate = rate
        self.never = never
        self.requested: list[str] = []
        self.keys: dict[str, tuple[str, str]] = {}
        t = np.arange(60 * rate) / rate  # one minute of tone, sliced per line
        self._tone = frozen_pcm((np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16))

    def prefetch(self, requests: list) -> None:
        for r in requests:
            self.requested.append(r.key)
            self.keys[r.key] = (r.text, r.language)

    def get(self, key: str) -> Utterance | None:
        if self.never or key not in self.keys:
            return None
        text, language = self.keys[key]
        n = min(int(len(text) * 0.12 * self.rate), len(self._tone))
        pcm = self._tone[:n]
        return Utterance(text, language, pcm, self.rate, n / self.rate, (), MouthTrack((), n / self.rate))

    def discard(self, keys: list[str] | None = None) -> None:
        for k in keys or list(self.keys):
            self.keys.pop(k, None)


@pytest.fixture()
def tones() -> type[ToneSource]:
    """The stand-in speech source class (call it to make one)."""
    return ToneSource
