"""What `studio stream` and the benchmarks play: the real playout with a silent voice, as it airs."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from studio.checks import show_pack
from studio.core.assets import demo_show_path
from studio.core.vocab import CardMode
from studio.program.host import Host
from studio.program.offline import silent_program
from studio.program.rundown import rundown_products
from studio.program.silent import SilentSpeech
from studio.show.loader import load_show
from studio.show.model import Show
from studio.speech.lookahead import SpeechRequest

ROOT = Path(__file__).resolve().parents[2]
WEDNESDAY_AFTERNOON = datetime(2025, 11, 26, 14, 0)  # the daytime rundown


@pytest.fixture(scope="module")
def demo() -> Show:
    result = load_show(demo_show_path())
    assert result.show is not None
    return result.show


def test_a_silent_line_is_timed_and_mouthed_but_makes_no_sound() -> None:
    speech = SilentSpeech(fps=30)
    speech.prefetch([SpeechRequest("1:tea", "今天给大家带来的是明前龙井。", "zh-CN"),
                     SpeechRequest("2:en", "It keeps drinks hot for twelve hours.", "en-US")])
    zh, en = speech.get("1:tea"), speech.get("2:en")
    assert zh is not None and en is not None and zh.ok and en.ok
    assert not zh.pcm.any() and len(zh.pcm) == round(zh.duration * zh.sample_rate)
    assert 2.0 < zh.duration < 4.0 and 2.0 < en.duration < 4.0  # a relaxed reading pace in either language
    assert zh.words and zh.words[-1].end == pytest.approx(zh.duration, abs=0.01)
    assert {c.shape.value for c in zh.mouth.cues} - {"X"}, "the mouth opens along the words"
    speech.discard(["1:tea"])
    assert speech.get("1:tea") is None and speech.get("2:en") is not None


def test_the_silent_program_plays_the_rundown_as_it_airs(demo: Show) -> None:
    host = Host(show_pack(demo).pack)
    program = silent_program(demo, WEDNESDAY_AFTERNOON, host=host)
    order = [p.id for p in rundown_products(demo, WEDNESDAY_AFTERNOON)]
    assert order == ["tea", "thermos", "serum", "headphones"]
    products: list[str] = []
    modes: set[CardMode] = set()
    mouths: set[str] = set()
    t = 0.25
    while len(products) <= len(order):  # the whole rundown and the start of its next round
        state, ps = program.at(t)
        assert state.live and ps.entry is not None
        assert state.caption is not None or not ps.speaking
        if not products or products[-1] != ps.entry.segment.product:
            products.append(ps.entry.segment.product)
        modes.add(state.card.mode)
        if ps.speaking:
            mouths.update(layer.sprite for part in state.pose.parts if part.name == "mouth" for layer in part.layers)
        t += 0.25
    assert products == [*order, "tea"], "in rundown order, and it goes round"
    assert {CardMode.SHOWN, CardMode.POINTS, CardMode.PRICE} <= modes
    assert len(mouths) >= 3, mouths
    assert program.playout.stats.aired > 10 and program.playout.stats.waiting_seconds == 0


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (scripts/test runs Xvfb)")
def test_studio_stream_shows_the_show_and_leaves_no_record(tmp_path: Path) -> None:
    shot = tmp_path / "stream.png"
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "studio", "stream", str(demo_show_path()), "--template",
                           "portrait-720", "--screenshot", str(shot)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "saved" in proc.stdout and shot.stat().st_size > 10_000
    assert "frames shown" in proc.stderr and "Traceback" not in proc.stderr
    assert not list((tmp_path / "state").rglob("*.jsonl")), "nothing is logged: nothing aired"
