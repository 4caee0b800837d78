"""`studio stage` (frame to PNG) through its argparse registration, and the stage's import rules."""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from studio.cli.command import register
from studio.cli.stage import COMMANDS

from .conftest import DEMO, REPO


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="studio")
    handlers = register(parser.add_subparsers(dest="command"), COMMANDS)
    args = parser.parse_args(argv)
    return handlers[args.command](args)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Photo cut-outs go to a temporary cache, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.gui
def test_stage_writes_a_frame(tmp_path: Path, cache_home: Path, qapp_session: Any,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "frame.png"
    assert run(["stage", str(DEMO), "--product", "serum", "--card", "highlight_price", "-o", str(out),
                "--at", "2025-11-26 20:48"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1080, 1920)
    assert "wrote" in capsys.readouterr().out
    assert any(cache_home.rglob("*.png")), "photos were cut out into the user cache"
    small = tmp_path / "small.png"
    assert run(["stage", str(DEMO), "--template", "portrait-720", "--placeholder-avatar", "--caption", "",
                "-t", "0.1", "-o", str(small)]) == 0
    assert (QImage(str(small)).width(), QImage(str(small)).height()) == (720, 1280)


def test_stage_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["stage", str(DEMO), "--product", "teaa", "-o", str(tmp_path / "x.png")]) == 2
    assert "did you mean 'tea'" in capsys.readouterr().err
    for argv in (["--at", "tomorrow", "-o", str(tmp_path / "x.png")], ["--template", "square"]):
        with pytest.raises(SystemExit) as exc:  # argument types (studio.core.cliargs) and choices
            run(["stage", str(DEMO), *argv])
        assert exc.value.code == 2


def test_stage_refuses_a_broken_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "show.toml").write_text('title = "x"\ncanvas = "round"\n', encoding="utf-8")
    assert run(["stage", str(tmp_path), "-o", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err
    assert "error" in err and "studio check" in err and "Traceback" not in err


def test_stage_package_is_qt_free_outside_qt_modules() -> None:
    # Module-level imports only: commands.py imports Qt inside its handlers, as it may.
    offenders = []
    for path in sorted((REPO / "studio" / "stage").glob("*.py")):
        if path.name.startswith("qt_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("PySide6", "shiboken6") or n.split(".")[-1].startswith("qt_")
                   for n in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, f"Qt imported outside qt_*.py: {offenders}"
    code = ("import sys, studio.stage, studio.cli.stage, studio.program.offline, studio.program.host, "
            "studio.stage.cutout, studio.outputs.pacing, studio.outputs.placement;"
            "sys.exit(1 if any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules) else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 0, proc.stderr or "PySide6 was imported"
