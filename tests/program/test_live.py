"""`studio live` and `studio preview` for real: speech, the audio clock, the window, the as-run log."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from studio.avatar.pack import load_pack, resolve_pack
from studio.core.assets import demo_show_path
from studio.core.vocab import CardMode, WordTiming
from studio.program.host import Host
from studio.program.view import ProgramView
from studio.runner.planner import Planner
from studio.runner.playout import Playout
from studio.show.loader import load_show

ROOT = Path(__file__).resolve().parents[2]


def run_cli(args: list[str], tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "studio", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_live_headless_speaks_and_logs(tmp_path: Path) -> None:
    proc = run_cli(["live", str(demo_show_path()), "--headless", "--no-audio", "--seconds", "9"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "1 lines aired" in proc.stderr or "2 lines aired" in proc.stderr, proc.stderr
    asrun = run_cli(["asrun", str(demo_show_path()), "--lines"], tmp_path)
    assert asrun.returncode == 0, asrun.stderr
    assert " aired " in asrun.stdout and "明前西湖龙井" in asrun.stdout


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (scripts/test runs Xvfb)")
def test_preview_window_shows_the_pitch_on_a_real_display(tmp_path: Path) -> None:
    shot = tmp_path / "preview.png"
    proc = run_cli(["preview", str(demo_show_path()), "--product", "serum", "--seconds", "6",
                    "--screenshot", str(shot)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(shot)).convertToFormat(QImage.Format.Format_RGB32)
    assert image.width() > 300 and image.height() > image.width()  # portrait, scaled to the screen
    view = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    pixels = view[:, : image.width(), :3].copy()
    assert pixels.std() > 30
    assert not (tmp_path / "state" / "studio" / "asrun").exists()  # previews are not logged


def test_program_view_follows_the_playout(tones) -> None:
    show = load_show(demo_show_path()).show
    playout = Playout(show, Planner(show, seed=3), tones(), datetime(2026, 11, 26, 14, 0))
    playout.go_live()
    playout.advance(1.0)
    view = ProgramView(show, Host(load_pack(resolve_pack(show.avatar, show.root)).pack))
    ps = playout.state_at(playout.t)
    state = view.stage_state(ps, playout.wall_at(ps.t))
    assert state.product is not None and state.product.id == "tea" and state.live
    assert state.caption is not None and state.caption.text == ps.entry.segment.text
    assert state.pose is not None


def test_program_view_hands_the_vocabulary_on_unchanged(tones) -> None:
    """The speech's word timings are the caption's, the playout's card mode is the stage's: no copies."""
    show = load_show(demo_show_path()).show
    playout = Playout(show, Planner(show, seed=3), tones(), datetime(2026, 11, 26, 14, 0))
    playout.go_live()
    playout.advance(1.0)
    ps = playout.state_at(playout.t)
    assert ps.entry is not None
    words = (WordTiming("欢迎", 0.0, 0.4, 0, 2), WordTiming("大家", 0.4, 0.8, 2, 4, estimated=True))
    ps = replace(ps, entry=replace(ps.entry, utterance=replace(ps.entry.utterance, words=words)))
    state = ProgramView(show, None).stage_state(ps, playout.wall_at(ps.t))
    assert state.caption is not None and state.caption.words is words
    assert ps.card_mode is CardMode.SHOWN and state.card.mode is ps.card_mode
