"""Real synthesis (pyttsx3 2.99 + libespeak-ng) in English and Mandarin, measured on the WAVs produced."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from studio.core.assets import demo_show_path
from studio.show.loader import load_show
from studio.speech.engine import SynthRequest
from studio.speech.showlines import show_lines
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine
from studio.speech.textprep import prepare
from studio.speech.voices import PINYIN_VOICE
from studio.speech.wavio import read_wav, silent_gaps, voiced_bounds, write_wav

# Phonemes that only English has: espeak-ng's English fallback for unknown Hanzi shows up as these
# ("你好" through Debian's `cmn` gives nI55Tr'i:55 — "ni three").
ENGLISH_ONLY = {"θ", "ð", "ɹ", "ɪ", "ʊ", "æ", "ʌ", "ɚ", "iː", "uː", "ɑː", "ɔː", "ɜː", "eɪ", "aɪ", "oʊ",
                "aʊ", "ɔɪ", "ᵻ", "ɾ"}


def test_the_worker_reports_phoneme_events_and_captures_its_chatter(engine: WorkerEngine) -> None:
    raw = engine.synthesize(SynthRequest("mama bob", "gmw/en-us"))
    assert engine.driver == "espeak" and engine.events
    assert [p.phoneme for p in raw.phonemes if p.phoneme][:3] == ["m", "ɑː", "m"]
    assert "Audio saved to" in raw.chatter  # pyttsx3's print, kept off the protocol channel
    assert any("Audio saved to" in line for line in engine.chatter)


def test_english_line_audio_and_word_timings(speaker: Speaker, tmp_path: Path) -> None:
    text = "Only $19.99 today, that is 50% off!"
    utt = speaker.synthesize(text, "en-US")
    assert utt.ok and utt.sample_rate == 22050 and utt.pcm.dtype == np.int16
    assert utt.spoken == ("Only nineteen dollars ninety-nine today, that is fifty percent off!",)
    assert 2.0 < utt.duration < 6.0
    # Trimmed tight: the first and last 5 ms windows are voiced.
    assert voiced_bounds(utt.pcm, utt.sample_rate) == (0, pytest.approx(len(utt.pcm), abs=110))
    assert [w.text for w in utt.words] == ["Only", "$19.99", "today", "that", "is", "50%", "off"]
    assert all(not w.estimated for w in utt.words)
    starts = [w.start for w in utt.words]
    assert starts == sorted(starts) and starts[0] == 0.0
    assert all(0 <= w.start < w.end <= utt.duration + 1e-6 for w in utt.words)
    # "$19.99" is four spoken words: the longest caption unit by far.
    longest = max(utt.words, key=lambda w: w.end - w.start)
    assert longest.text == "$19.99"
    # The comma is a real pause in the audio, and "today" ends before it.
    gaps = silent_gaps(utt.pcm, utt.sample_rate, 0.08)
    today = next(w for w in utt.words if w.text == "today")
    assert any(abs(a - today.end) < 0.03 for a, _ in gaps)
    out = tmp_path / "en.wav"
    write_wav(out, utt.pcm, utt.sample_rate)
    pcm, rate = read_wav(out)
    assert rate == 22050 and np.array_equal(pcm, utt.pcm)


def test_mandarin_line_has_a_timing_per_character(speaker: Speaker) -> None:
    text = "今天直播间只要168.5元，5折！"
    utt = speaker.synthesize(text, "zh-CN")
    assert utt.ok and utt.voices == (PINYIN_VOICE,)
    assert [w.text for w in utt.words] == ["今", "天", "直", "播", "间", "只", "要", "168.5元", "5折"]
    assert all(not w.estimated for w in utt.words)
    ends = [w.end for w in utt.words]
    assert ends == sorted(ends) and ends[-1] <= utt.duration + 1e-6
    assert 3.0 < utt.duration < 7.0
    for w in utt.words:
        assert text[w.char_start:w.char_end] == w.text


def test_sentences_join_with_their_pause_and_nothing_more(speaker: Speaker) -> None:
    utt = speaker.synthesize("Hello there. 欢迎来到直播间！", "en-US")
    assert utt.ok and len(utt.spoken) == 2
    gaps = silent_gaps(utt.pcm, utt.sample_rate, 0.2)
    assert len(gaps) == 1
    assert gaps[0][1] - gaps[0][0] == pytest.approx(0.32, abs=0.02)


def _mandarin_chunks() -> list[str]:
    result = load_show(demo_show_path())
    assert result.show is not None
    chunks = []
    for text, lang in show_lines(result.show, max_variants=50):
        chunks += [c.text for c in prepare(text, lang, "pinyin").chunks if c.language == "zh"]
    return sorted(set(chunks))


def test_every_mandarin_line_of_the_demo_show_is_read_as_mandarin(engine: WorkerEngine) -> None:
    chunks = _mandarin_chunks()
    assert len(chunks) > 30
    for text in chunks:
        raw = engine.synthesize(SynthRequest(text, PINYIN_VOICE))
        phonemes = {p.phoneme for p in raw.phonemes if p.phoneme}
        assert phonemes and not phonemes & ENGLISH_ONLY, (text, phonemes & ENGLISH_ONLY)
        assert raw.words and len(raw.pcm) > 0
    # The check can fail: Hanzi through the `cmn` voice falls back to English here.
    raw = engine.synthesize(SynthRequest("你好", "sit/cmn"))
    assert {p.phoneme for p in raw.phonemes} & ENGLISH_ONLY


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="the espeak-ng command is not installed")
def test_espeak_ng_reports_no_english_fallback_for_the_demo_show() -> None:
    chunks = _mandarin_chunks()
    proc = subprocess.run(["espeak-ng", "-q", "-x", "-v", "cmn-latn-pinyin", "\n".join(chunks)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip()
    assert "(en)" not in proc.stdout
    control = subprocess.run(["espeak-ng", "-q", "-x", "-v", "cmn", "你好"],
                             capture_output=True, text=True, timeout=60)
    assert "(en)" in control.stdout
