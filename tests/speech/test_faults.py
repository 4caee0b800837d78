"""Fault injection: a stand-in worker that hangs, crashes or writes bad WAVs; the pipeline recovers in time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from studio.show.model import Voice
from studio.speech.cache import SpeechCache
from studio.speech.engine import SynthesisError, SynthRequest
from studio.speech.lookahead import LookAhead, SpeechRequest
from studio.speech.speaker import Speaker

from .conftest import fake_engine

REQUEST = SynthRequest("hello there friends", "fake/en")


@pytest.mark.parametrize(("mode", "kind", "says"), [
    ("hang", "timeout", "did not answer within"),
    ("crash", "crash", "crashed (exit code 139)"),
    ("empty", "bad-wav", "empty (0 bytes)"),
    ("truncated", "bad-wav", "truncated"),
    ("silent", "bad-wav", "silent"),
])
def test_a_failing_worker_is_restarted_retried_once_then_reported(
        tmp_path: Path, mode: str, kind: str, says: str) -> None:
    with fake_engine(mode, tmp_path) as eng:
        started = time.monotonic()
        with pytest.raises(SynthesisError) as info:
            eng.synthesize(REQUEST)
        took = time.monotonic() - started
    err = info.value
    assert err.kind == kind
    assert says in err.message
    assert len(err.incidents) == 2 and err.incidents[0].startswith("attempt 1:")
    assert eng.restarts == 2
    # Two attempts, each bounded by the text-scaled timeout (+1 s of slack), plus two worker starts.
    assert took < 2 * (eng.timeout_for(REQUEST.text) + 1.0) + 4.0


@pytest.mark.parametrize("mode", ["hang-once", "crash-once", "empty-once", "truncated-once"])
def test_one_fault_is_recovered_by_the_retry(tmp_path: Path, mode: str) -> None:
    with fake_engine(mode, tmp_path) as eng:
        raw = eng.synthesize(REQUEST)
    assert len(raw.pcm) > 0
    assert len(raw.incidents) == 1 and raw.incidents[0].startswith("attempt 1:")
    assert eng.restarts == 1


def test_the_worker_stderr_is_captured(tmp_path: Path) -> None:
    with fake_engine("crash", tmp_path) as eng, pytest.raises(SynthesisError) as info:
        eng.synthesize(REQUEST)
    assert "segfault (simulated)" in info.value.message
    assert any("fake worker starting" in line for line in eng.chatter)


def test_a_failed_line_comes_back_with_an_estimated_caption_timing(tmp_path: Path) -> None:
    with fake_engine("crash", tmp_path) as eng:
        speaker = Speaker(eng, SpeechCache(tmp_path / "cache"))
        utt = speaker.synthesize("今天直播间只要168元，喜欢的朋友抓紧！", "zh-CN")
    assert not utt.ok and utt.failure is not None
    assert utt.failure.kind == "crash" and len(utt.failure.incidents) == 2
    assert len(utt.pcm) == 0
    assert 2.0 < utt.duration < 8.0  # ~16 syllables at 3.6 per second
    assert [w.text for w in utt.words][:3] == ["今", "天", "直"]
    assert all(w.estimated for w in utt.words)
    assert utt.words[-1].end <= utt.duration + 1e-6
    assert {c.shape.value for c in utt.mouth.cues} == {"X"}


def test_an_uninstalled_voice_fails_the_line_with_the_installed_ones_listed(tmp_path: Path) -> None:
    with fake_engine("ok", tmp_path) as eng:
        utt = Speaker(eng).synthesize("hello", "en-US", Voice(id="nobody"))
    assert utt.failure is not None and utt.failure.kind == "voice"
    assert "'nobody' is not installed" in utt.failure.message
    assert "fake/en (en-us)" in utt.failure.message


def test_the_look_ahead_keeps_going_through_a_hang(tmp_path: Path) -> None:
    with fake_engine("hang-once", tmp_path) as eng:
        speaker = Speaker(eng)
        with LookAhead(speaker) as ahead:
            ahead.prefetch([SpeechRequest(f"l{i}", f"line number {i}", "en-US") for i in range(3)])
            results = [ahead.wait(f"l{i}", timeout=20) for i in range(3)]
    assert all(r is not None and r.ok for r in results)
    assert results[0] is not None and len(results[0].incidents) == 1
    assert "did not answer" in results[0].incidents[0]
    # No engine events from the stand-in: word timings are estimated from its audio.
    assert results[1] is not None and all(w.estimated for w in results[1].words)
    assert results[1].mouth.source == "audio"
