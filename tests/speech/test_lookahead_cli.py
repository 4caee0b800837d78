"""Look-ahead (no gaps between lines) and the `voices`, `say` and `synth` commands."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pytest

from studio.cli.command import register
from studio.cli.speech import COMMANDS
from studio.core.assets import demo_show_path
from studio.show.model import Voice
from studio.speech.lookahead import LookAhead, SpeechRequest
from studio.speech.speaker import Speaker
from studio.speech.wavio import read_wav, silent_gaps

LINES = [
    ("Welcome to the live room!", "en-US"),
    ("来看这款AirWave 降噪头戴耳机，通勤党和学生党都很适合。", "zh-CN"),
    ("One charge gives you about forty hours of music.", "en-US"),
    ("原价599元，今天399元，点击下方小黄车 4号链接。", "zh-CN"),
    ("It keeps drinks hot for twelve hours and fits in any bag.", "en-US"),
    ("今天129元，6.5折，九点整恢复原价。", "zh-CN"),
]


def test_look_ahead_has_every_line_ready_before_it_is_due(speaker: Speaker) -> None:
    pause = 0.4
    # Steady state: the voices and the pinyin tables are loaded once per process (cold start is
    # the go-live path's business); without this the first Mandarin line is late when run alone.
    for lang in ("en-US", "zh-CN"):
        assert speaker.synthesize("预热 warm up", lang, Voice()).ok
    with LookAhead(speaker) as ahead:
        ahead.prefetch([SpeechRequest(f"s{i}", t, lang) for i, (t, lang) in enumerate(LINES)])
        first = ahead.wait("s0", timeout=20)
        assert first is not None
        # Play it out at 10x real time: each next line must already be there when it is due.
        timeline: list[np.ndarray] = []
        rate = first.sample_rate
        late = 0
        for i in range(len(LINES)):
            utt = ahead.get(f"s{i}")
            if utt is None:
                late += 1
                utt = ahead.wait(f"s{i}", timeout=20)
            assert utt is not None and utt.ok
            timeline += [utt.pcm, np.zeros(int(pause * rate), dtype=np.int16)]
            time.sleep(utt.duration / 10)
    assert late == 0
    audio = np.concatenate(timeline[:-1])
    gaps = [b - a for a, b in silent_gaps(audio, rate, 0.38)]
    # Every boundary between lines is the scripted pause, to 10 ms; the only longer silences
    # are the sentence pauses inside lines.
    boundaries = [g for g in gaps if abs(g - pause) < 0.03]
    assert len(boundaries) == len(LINES) - 1
    assert all(g <= pause + 0.01 for g in boundaries)


def test_wait_moves_a_line_to_the_front(speaker: Speaker) -> None:
    with LookAhead(speaker) as ahead:
        ahead.prefetch([SpeechRequest(f"k{i}", f"Line number {i} of many.", "en-US") for i in range(8)])
        last = ahead.wait("k7", timeout=20)
        assert last is not None and last.ok
        assert ahead.pending() > 0 or all(ahead.ready(f"k{i}") for i in range(8))
        ahead.discard(["k7"])
        assert ahead.get("k7") is None


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="studio")
    handlers = register(parser.add_subparsers(dest="command"), COMMANDS)
    args = parser.parse_args(argv)
    return handlers[args.command](args)


def test_voices_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(["voices", "--cache-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "sit/cmn-latn-pinyin" in out and "← auto for zh-CN" in out and "← auto for en-US" in out


def test_say_writes_the_wav_and_prints_timings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    wav = tmp_path / "out.wav"
    code = _run(["say", "今天只要168.5元！", "--lang", "zh-CN", "-o", str(wav), "--cache-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    pcm, rate = read_wav(wav)
    assert rate == 22050 and 1.5 < len(pcm) / rate < 5
    assert "yi4 bai3 liu4 shi2 ba1 dian3 wu3 yuan2" in out
    assert "168.5元" in out and "mouth:" in out and "closes" in out


def test_say_with_a_missing_voice_fails_for_people(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(["say", "hi", "--voice", "no-such-voice", "--cache-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "'no-such-voice' is not installed" in err and "gmw/en-us" in err and "Traceback" not in err


def test_synth_fills_the_cache_for_the_demo_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # A fixed airing time: the demo's filler says {time}, which must not change between the two runs.
    argv = ["synth", str(demo_show_path()), "--max-variants", "2", "--cache-dir", str(tmp_path),
            "--at", "2026-12-05 20:00"]
    assert _run(argv) == 0
    first = capsys.readouterr()
    assert ("(0 already cached)" in first.out and "45/45" not in first.err) or "done" in first.err
    assert _run(argv) == 0
    second = capsys.readouterr().out
    count = int(second.split(" lines")[0])
    assert f"({count} already cached)" in second


def test_synth_refuses_a_broken_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "broken").mkdir()  # a folder without show.toml
    assert _run(["synth", str(tmp_path / "broken"), "--cache-dir", str(tmp_path)]) == 1
    assert "has errors" in capsys.readouterr().err


def test_voice_settings_change_the_audio(speaker: Speaker) -> None:
    slow = speaker.synthesize("Take your time.", "en-US", Voice(rate=120))
    fast = speaker.synthesize("Take your time.", "en-US", Voice(rate=260))
    quiet = speaker.synthesize("Take your time.", "en-US", Voice(rate=260, volume=0.3))
    assert slow.duration > fast.duration * 1.5
    assert np.abs(quiet.pcm).max() < np.abs(fast.pcm).max() * 0.6
