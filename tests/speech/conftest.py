"""Fixtures for the speech tests: one real pyttsx3 worker for the session, caches in tmp_path."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.speech.cache import SpeechCache
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine

FAKE_WORKER = Path(__file__).with_name("fake_worker.py")


@pytest.fixture(scope="session")
def engine() -> Iterator[WorkerEngine]:
    """The real engine (pyttsx3 + libespeak-ng) in its worker process, shared by the session."""
    eng = WorkerEngine()
    yield eng
    eng.close()


@pytest.fixture
def speaker(engine: WorkerEngine, tmp_path: Path) -> Speaker:
    return Speaker(engine, SpeechCache(tmp_path / "cache"))


def fake_engine(mode: str, tmp_path: Path, **kwargs: float) -> WorkerEngine:
    """A supervised stand-in worker that misbehaves as `mode` says (see fake_worker.py)."""
    command = [sys.executable, str(FAKE_WORKER), mode, str(tmp_path / f"{mode}.marker")]
    options = {"startup_timeout": 10.0, "base_timeout": 0.6, "per_char_timeout": 0.005, **kwargs}
    return WorkerEngine(command, fingerprint=f"fake {mode}", mandarin_input="pinyin", **options)
