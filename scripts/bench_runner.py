"""Runner benchmark: simulated hours per wall minute, memory over 10,000 lines, time to first
audio (cold and warm speech cache), and unintended silence in a real-time run.

    .venv/bin/python scripts/bench_runner.py

Prints medians; figures, not pass/fail tests (the machine is shared).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studio.core.assets import demo_show_path
from studio.runner.asrun import AsRunLog
from studio.runner.planner import Planner
from studio.runner.playout import Playout
from studio.show.loader import load_show
from studio.speech.cache import SpeechCache
from studio.speech.lookahead import LookAhead
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine
from studio.speech.types import MouthTrack, Utterance, frozen_pcm

START = datetime(2026, 11, 26, 14, 0)


class Tones:
    """Instant stand-in speech (0.12 s per character) so the simulation measures the runner."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple[str, str]] = {}
        self.tone = frozen_pcm((np.sin(np.arange(60 * 22050) * 0.06) * 8000).astype(np.int16))

    def prefetch(self, requests: list) -> None:
        for r in requests:
            self.keys[r.key] = (r.text, r.language)

    def get(self, key: str) -> Utterance | None:
        text, lang = self.keys[key]
        n = min(int(len(text) * 0.12 * 22050), len(self.tone))
        return Utterance(text, lang, self.tone[:n], 22050, n / 22050, (), MouthTrack((), n / 22050))

    def discard(self, keys: list[str] | None = None) -> None:
        for k in keys or list(self.keys):
            self.keys.pop(k, None)


def simulated_speed(show, hours: float, folder: Path) -> float:
    p = Playout(show, Planner(show, seed=1), Tones(), START, asrun=AsRunLog(folder))
    p.go_live()
    t = time.perf_counter()
    p.advance(hours * 3600, chunk=0.5)
    wall = time.perf_counter() - t
    return hours / (wall / 60)


def memory_growth(show, folder: Path) -> tuple[float, float, int]:
    p = Playout(show, Planner(show, seed=2), Tones(), START, asrun=AsRunLog(folder))
    p.go_live()
    tracemalloc.start()
    while p.stats.aired < 1000:
        p.advance(60, chunk=0.5)
    first = tracemalloc.get_traced_memory()[0]
    while p.stats.aired < 10_000:
        p.advance(60, chunk=0.5)
    last = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return first / 1e6, last / 1e6, p.stats.aired


def first_audio(show, cache: Path) -> float:
    """Wall time from starting the engine to the first line's audio being ready to play."""
    t = time.perf_counter()
    engine = WorkerEngine()
    with LookAhead(Speaker(engine, SpeechCache(cache))) as la:
        p = Playout(show, Planner(show, seed=3), la, START)
        p.cue_up()
        key = p._queue[0].key
        la.wait(key, 30)
        elapsed = time.perf_counter() - t
    engine.close()
    return elapsed


def realtime_silence(show, seconds: float) -> tuple[float, int]:
    """A real-time run with real speech, pulled at the device's pace: unintended silence."""
    engine = WorkerEngine()
    with tempfile.TemporaryDirectory() as d, LookAhead(Speaker(engine, SpeechCache(Path(d)))) as la:
        p = Playout(show, Planner(show, seed=4), la, START)
        p.cue_up()
        la.wait(p._queue[0].key, 30)
        p.go_live()
        t0 = time.perf_counter()
        pulled = 0
        while (now := time.perf_counter() - t0) < seconds:
            due = int(now * p.sample_rate)
            if due > pulled:
                p.pull(due - pulled)
                pulled = due
            time.sleep(0.01)
        lines = p.stats.aired
    engine.close()
    return p.stats.waiting_seconds, lines


def main() -> int:
    show = load_show(demo_show_path()).show
    with tempfile.TemporaryDirectory() as d:
        speeds = [simulated_speed(show, 2.0, Path(d) / f"s{i}") for i in range(3)]
        first, last, lines = memory_growth(show, Path(d) / "m")
        colds = [first_audio(show, Path(d) / f"cold{i}") for i in range(3)]
        warm_cache = Path(d) / "warm"
        first_audio(show, warm_cache)
        warms = [first_audio(show, warm_cache) for _ in range(3)]
    silence, rt_lines = realtime_silence(show, 30.0)
    print(f"{'measure':<58}{'median':>12}  note")
    print(f"{'simulated show hours per wall minute':<58}{statistics.median(speeds):>12.1f}  3 runs of 2 h")
    growth = (last - first) / first * 100 if first else 0.0
    print(f"{'Python memory after 1,000 → 10,000 lines (MB)':<58}{f'{first:.2f} → {last:.2f}':>12}"
          f"  growth {growth:+.1f} % (target < 5 %), {lines} lines")
    print(f"{'start → first line ready, cold cache (ms)':<58}{statistics.median(colds) * 1000:>12.0f}"
          f"  target ≤ 1000; worker start + synthesis")
    print(f"{'start → first line ready, warm cache (ms)':<58}{statistics.median(warms) * 1000:>12.0f}"
          f"  target ≤ 300")
    print(f"{'unintended silence, 30 s real-time run with real speech (ms)':<58}{silence * 1000:>12.0f}"
          f"  target 0 beyond scripted pauses; {rt_lines} lines")
    print("note: a sound device adds its own start-up (about 1–2 s for PulseAudio here) before the first "
          "line is heard; studio keeps the picture moving meanwhile.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
