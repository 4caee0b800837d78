"""The avatar pack is loaded once per show: the check loads it, the program and the stage are given it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pytest

import studio.avatar.pack
import studio.checks  # imported first, so its own name for load_pack is counted too
import studio.cli.live
from studio.cli.command import register
from studio.core.assets import demo_show_path


@pytest.fixture
def pack_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every pack folder `load_pack` is asked for, wherever it was imported."""
    original = studio.avatar.pack.load_pack
    loads: list[Path] = []

    def counted(path: Path | str) -> studio.avatar.pack.PackResult:
        loads.append(Path(path))
        return original(path)

    for module in list(sys.modules.values()):
        if getattr(module, "load_pack", None) is original:
            monkeypatch.setattr(module, "load_pack", counted)
    return loads


def test_studio_live_loads_the_pack_once(tmp_path: Path, pack_loads: list[Path], qapp,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # `--record` draws frames headless: the stage kit is built too, from the same pack.
    monkeypatch.setenv("QT_QPA_PLATFORM", os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser = argparse.ArgumentParser(prog="studio")
    handlers = register(parser.add_subparsers(dest="command"), studio.cli.live.COMMANDS)
    rec = tmp_path / "rec"
    args = parser.parse_args(["live", str(demo_show_path()), "--headless", "--no-audio", "--no-control",
                              "--no-resume", "--seconds", "1.5", "--record", str(rec)])
    assert handlers["live"](args) == 0
    assert list(rec.glob("*.mp4")), "frames were drawn and recorded"
    assert len(pack_loads) == 1, pack_loads
