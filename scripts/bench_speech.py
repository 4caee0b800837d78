#!/usr/bin/env python3
"""Speech benchmarks on the demo show's lines: synthesis speed (cold, cached), worker overhead,
lip-sync speed and the gap test (50 lines through the look-ahead). Prints a table of medians.

Usage: .venv/bin/python scripts/bench_speech.py [--speedup 20] [--lines 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.core.assets import demo_show_path  # noqa: E402
from studio.show.loader import load_show  # noqa: E402
from studio.speech.cache import SpeechCache  # noqa: E402
from studio.speech.engine import SynthRequest  # noqa: E402
from studio.speech.lipsync import track_from_audio, track_from_phonemes  # noqa: E402
from studio.speech.lookahead import LookAhead, SpeechRequest  # noqa: E402
from studio.speech.showlines import show_lines  # noqa: E402
from studio.speech.speaker import Speaker  # noqa: E402
from studio.speech.supervisor import WorkerEngine  # noqa: E402
from studio.speech.wavio import silent_gaps, voiced_bounds  # noqa: E402


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def synthesis_speed(lines: list[tuple[str, str]], cache_dir: Path) -> dict[str, float]:
    started = time.perf_counter()
    engine = WorkerEngine()
    speaker = Speaker(engine, SpeechCache(cache_dir))
    speaker.voices()  # starts the worker
    startup = time.perf_counter() - started
    out: dict[str, float] = {"startup": startup}
    for label in ("cold", "cached"):
        speeds, total_audio, total_wall = [], 0.0, 0.0
        for text, lang in lines:
            t = time.perf_counter()
            utt = speaker.synthesize(text, lang)
            wall = time.perf_counter() - t
            assert utt.ok, utt.failure
            speeds.append(utt.duration / wall)
            total_audio += utt.duration
            total_wall += wall
        out[label] = median(speeds)
        out[label + "_total"] = total_audio / total_wall
        out["audio"] = total_audio
    engine.close()
    return out


def worker_overhead(requests: list[SynthRequest]) -> dict[str, float]:
    """Median ms per chunk: plain pyttsx3 in this process vs. the supervised worker."""
    import pyttsx3

    engine = pyttsx3.init()
    done = threading.Event()
    engine.connect("finished-utterance", lambda name=None, completed=True: done.set())
    plain: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, r in enumerate(requests):
            t = time.perf_counter()
            done.clear()
            engine.setProperty("voice", r.voice)
            engine.setProperty("rate", r.rate)
            engine.save_to_file(r.text, f"{tmp}/{i}.wav")
            engine.runAndWait()
            done.wait(5)
            plain.append(time.perf_counter() - t)
    worker: list[float] = []
    with WorkerEngine() as w:
        w.voices()
        for r in requests:
            t = time.perf_counter()
            w.synthesize(r)
            worker.append(time.perf_counter() - t)
    return {"plain_ms": median(plain) * 1000, "worker_ms": median(worker) * 1000}


def lipsync_speed(speaker: Speaker, lines: list[tuple[str, str]]) -> dict[str, float]:
    """× real time of the two lip-sync paths on real audio and the synthesizer's real phonemes."""
    phon, audio = [], []
    fp = speaker.engine.fingerprint()
    for text, lang in lines:
        for req in speaker.requests(text, lang):
            raw = speaker.cache.get(req, fp) if speaker.cache is not None else None
            if raw is None or not raw.phonemes:
                continue
            first, last = voiced_bounds(raw.pcm, raw.sample_rate) or (0, len(raw.pcm))
            pcm = raw.pcm[first:last]
            sr = raw.sample_rate
            ev = sorted(raw.phonemes, key=lambda e: e.sample)
            spans = [((max(e.sample, first) - first) / sr,
                      ((ev[i + 1].sample if i + 1 < len(ev) else last) - first) / sr, e.phoneme)
                     for i, e in enumerate(ev)]
            seconds = len(pcm) / sr
            t = time.perf_counter()
            track_from_phonemes(spans, pcm, sr)
            phon.append(seconds / (time.perf_counter() - t))
            t = time.perf_counter()
            track_from_audio(pcm, sr)
            audio.append(seconds / (time.perf_counter() - t))
    return {"phonemes": median(phon), "audio": median(audio)}


def gap_test(lines: list[tuple[str, str]], count: int, speedup: float, pause: float,
             cache_dir: Path) -> dict[str, float]:
    """Play `count` lines through the look-ahead (cold cache) at `speedup`× real time.

    The runner asks for the next 3 lines whenever a line starts. A line that is not ready when due
    stalls the playout (unintended silence). The audio is then assembled on one timeline and every
    silence between lines is measured on it; the scripted pause is subtracted.
    """
    seq = [lines[i % len(lines)] for i in range(count)]
    # Distinct texts so nothing comes from the cache: number the lines.
    seq = [(f"{t} {i + 1}" if lang.startswith("en") else f"{t}第{i + 1}条", lang)
           for i, (t, lang) in enumerate(seq)]
    engine = WorkerEngine()
    speaker = Speaker(engine, SpeechCache(cache_dir))
    reqs = [SpeechRequest(f"line{i}", t, lang) for i, (t, lang) in enumerate(seq)]
    timeline: list[np.ndarray] = []
    stalls: list[float] = []
    rate = 22050
    boundaries: list[float] = []  # where each line starts on the timeline (seconds)
    with LookAhead(speaker) as ahead:
        ahead.prefetch(reqs[:3])
        first = ahead.wait("line0", timeout=60)  # pre-roll: the show starts when line 1 is ready
        assert first is not None
        position = 0.0
        for i, req in enumerate(reqs):
            ahead.prefetch(reqs[i + 1: i + 4])
            t = time.perf_counter()
            utt = ahead.get(req.key)
            if utt is None:
                utt = ahead.wait(req.key, timeout=60)
            stall = (time.perf_counter() - t) * speedup  # in show time
            assert utt is not None and utt.ok, utt
            if i:
                stalls.append(stall)
                silence = np.zeros(int(round((pause + stall) * rate)), dtype=np.int16)
                timeline.append(silence)
                position += len(silence) / rate
            boundaries.append(position)
            timeline.append(np.asarray(utt.pcm))
            position += len(utt.pcm) / rate
            ahead.discard([req.key])
            time.sleep(utt.duration / speedup)  # the line plays
    engine.close()
    audio = np.concatenate(timeline)
    gaps = silent_gaps(audio, rate, 0.0)
    unintended = []
    for start in boundaries[1:]:
        # The silence that contains this boundary (the pause before the line starts).
        g = [b - a for a, b in gaps if a - 0.05 <= start - pause <= b + 0.05 and a <= start <= b + 0.01]
        unintended.append(max(0.0, (max(g) if g else 0.0) - pause))
    head = voiced_bounds(audio, rate)
    assert head is not None
    return {"lines": float(count), "unintended_ms": median(unintended) * 1000,
            "unintended_max_ms": max(unintended) * 1000, "stalls": float(sum(s > 0.001 for s in stalls)),
            "stall_max_ms": max(stalls) * 1000, "audio_min": len(audio) / rate / 60}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--speedup", type=float, default=20.0,
                    help="play the gap test this many times faster than real time (default 20)")
    ap.add_argument("--lines", type=int, default=50, help="lines in the gap test (default 50)")
    args = ap.parse_args()
    show = load_show(demo_show_path()).show
    assert show is not None
    lines = show_lines(show, max_variants=3)
    print(f"{len(lines)} demo-show lines (zh-CN and en-US); medians per line unless noted", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        s = synthesis_speed(lines, Path(tmp) / "a")
        speaker = Speaker(WorkerEngine(), SpeechCache(Path(tmp) / "a"))
        reqs = [r for t, lang in lines for r in speaker.requests(t, lang)]
        lsp = lipsync_speed(speaker, lines)
        speaker.engine.close()
        o = worker_overhead(reqs)
        g = gap_test(lines, args.lines, args.speedup, show.pauses.between_lines, Path(tmp) / "b")
    rows = [
        ("worker start (spawn + pyttsx3 + espeak-ng init)", f"{s['startup'] * 1000:.0f} ms", ""),
        ("synthesis, cold cache (audio s / wall s)", f"{s['cold']:.0f}×", f"overall {s['cold_total']:.0f}×"),
        ("synthesis, cached", f"{s['cached']:.0f}×", f"overall {s['cached_total']:.0f}×"),
        ("one chunk, plain in-process pyttsx3", f"{o['plain_ms']:.1f} ms", ""),
        ("one chunk, supervised worker", f"{o['worker_ms']:.1f} ms",
         f"overhead {o['worker_ms'] - o['plain_ms']:+.1f} ms"),
        ("lip-sync, phonemes + audio (× real time)", f"{lsp['phonemes']:.0f}×", "target ≥ 500×"),
        ("lip-sync, audio only (× real time)", f"{lsp['audio']:.0f}×", "target ≥ 500×"),
        (f"gap test: {int(g['lines'])} lines via look-ahead at {args.speedup:g}× real time",
         f"{g['unintended_ms']:.0f} ms", f"max {g['unintended_max_ms']:.0f} ms unintended silence"),
        ("gap test: lines not ready when due", f"{int(g['stalls'])}", f"longest wait {g['stall_max_ms']:.0f} ms"),
    ]
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':<{w}}  {'median':>10}  note")
    print(f"{'-' * w}  {'-' * 10}  {'-' * 30}")
    for name, value, note in rows:
        print(f"{name:<{w}}  {value:>10}  {note}")
    print(f"\n{s['audio'] / 60:.1f} min of demo audio; gap-test timeline {g['audio_min']:.1f} min; "
          f"scripted pause {show.pauses.between_lines:g} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
