"""The speech cache (content-addressed, LRU-bounded, injectable) and voice choice."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from studio.speech.cache import SpeechCache, cache_key
from studio.speech.engine import PhonemeEvent, RawAudio, SynthRequest, VoiceInfo, WordEvent
from studio.speech.speaker import Speaker
from studio.speech.voices import PINYIN_VOICE, VoiceNotFoundError, find_voice, resolve_voice

RAW = RawAudio(np.arange(-500, 500, dtype=np.int16), 22050, (WordEvent(0, 0, 5),), (PhonemeEvent(0, "m"),))


def test_round_trip_keeps_audio_and_events(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    req = SynthRequest("hello", "gmw/en-us")
    assert cache.get(req, "eng 1") is None
    cache.put(req, "eng 1", RAW)
    hit = cache.get(req, "eng 1")
    assert hit is not None and np.array_equal(hit.pcm, RAW.pcm)
    assert hit.words == RAW.words and hit.phonemes == RAW.phonemes
    assert (cache.hits, cache.misses) == (1, 1)


def test_the_key_covers_text_voice_rate_volume_and_engine() -> None:
    base = SynthRequest("hello", "gmw/en-us", 175, 1.0)
    keys = {cache_key(base, "pyttsx3 2.99"), cache_key(base, "pyttsx3 3.0"),
            cache_key(SynthRequest("hello!", "gmw/en-us"), "pyttsx3 2.99"),
            cache_key(SynthRequest("hello", "gmw/en-gb"), "pyttsx3 2.99"),
            cache_key(SynthRequest("hello", "gmw/en-us", 200), "pyttsx3 2.99"),
            cache_key(SynthRequest("hello", "gmw/en-us", 175, 0.5), "pyttsx3 2.99")}
    assert len(keys) == 6


def test_least_recently_used_entries_are_evicted_first(tmp_path: Path) -> None:
    entry = len(RAW.pcm) * 2 + 44 + 200  # WAV + sidecar, roughly
    cache = SpeechCache(tmp_path, max_bytes=entry * 4)
    reqs = [SynthRequest(f"line {i}", "v") for i in range(6)]
    for i, r in enumerate(reqs[:4]):
        cache.put(r, "e", RAW)
        for f in (tmp_path.glob(f"??/{cache_key(r, 'e')}.*")):
            os.utime(f, (1000 + i, 1000 + i))  # an explicit age, oldest first
    assert cache.get(reqs[0], "e") is not None  # used again: now the newest
    cache.put(reqs[4], "e", RAW)
    cache.put(reqs[5], "e", RAW)
    assert cache.size_bytes() <= cache.max_bytes
    assert cache.get(reqs[0], "e") is not None
    assert cache.get(reqs[1], "e") is None and cache.get(reqs[2], "e") is None
    assert cache.get(reqs[5], "e") is not None


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    req = SynthRequest("hello", "v")
    cache.put(req, "e", RAW)
    wav = next(tmp_path.glob("??/*.wav"))
    wav.write_bytes(wav.read_bytes()[:100])  # truncated
    assert cache.get(req, "e") is None


def test_cached_lines_need_no_engine(speaker: Speaker) -> None:
    first = speaker.synthesize("Cached lines come back at once.", "en-US")
    again = speaker.synthesize("Cached lines come back at once.", "en-US")
    assert not first.cached and again.cached
    assert np.array_equal(first.pcm, again.pcm) and again.words == first.words
    assert again.mouth == first.mouth


VOICES = [VoiceInfo("sit/cmn", "Chinese (Mandarin, latin as English)", ("cmn",)),
          VoiceInfo(PINYIN_VOICE, "Chinese (Mandarin, latin as Pinyin)", ("cmn-latn-pinyin",)),
          VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
          VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
          VoiceInfo("sapi/huihui", "Microsoft Huihui Desktop", ("zh-CN",))]


@pytest.mark.parametrize(("lang", "mandarin", "voice"), [
    ("zh-CN", "pinyin", PINYIN_VOICE), ("zh", "pinyin", PINYIN_VOICE), ("cmn", "pinyin", PINYIN_VOICE),
    ("zh-CN", "hanzi", "sapi/huihui"), ("en-US", "pinyin", "gmw/en-us"), ("en-GB", "pinyin", "gmw/en"),
    ("en", "pinyin", "gmw/en-us"),
])
def test_auto_picks_by_language(lang: str, mandarin: str, voice: str) -> None:
    assert resolve_voice(VOICES, "auto", lang, mandarin).id == voice


def test_voices_by_id_suffix_or_name() -> None:
    assert find_voice(VOICES, "gmw/en-us").id == "gmw/en-us"
    assert find_voice(VOICES, "en-us").id == "gmw/en-us"
    assert find_voice(VOICES, "English (Great Britain)").id == "gmw/en"
    assert find_voice(VOICES, "huihui").id == "sapi/huihui"


def test_the_hanzi_as_english_voice_is_replaced_by_the_pinyin_one_on_espeak() -> None:
    assert resolve_voice(VOICES, "sit/cmn", "zh-CN", "pinyin").id == PINYIN_VOICE


def test_a_missing_voice_lists_the_installed_ones() -> None:
    with pytest.raises(VoiceNotFoundError) as info:
        resolve_voice(VOICES, "nope", "en-US")
    message = str(info.value)
    assert "'nope' is not installed" in message and "gmw/en-us (en-us)" in message
    with pytest.raises(VoiceNotFoundError, match="no installed voice speaks ja-JP"):
        resolve_voice(VOICES, "auto", "ja-JP")


def test_the_real_engine_lists_mandarin_and_english(speaker: Speaker) -> None:
    ids = {v.id for v in speaker.voices()}
    assert {PINYIN_VOICE, "gmw/en-us"} <= ids
    assert speaker.voice_for("zh-CN").id == PINYIN_VOICE
