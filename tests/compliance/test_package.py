"""Package rules: no Qt, light to import, word lists importable by the show loader, benchmark runs."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "studio" / "compliance"


def test_no_qt_anywhere_in_the_package() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text and "shiboken" not in text, path


def test_importing_is_light_and_never_loads_the_show_package_or_qt() -> None:
    # The show loader imports studio.compliance.wordlists; it must not import studio.show back,
    # and the heavy tables (pypinyin, OpenCC) load only when a Checker is built.
    code = (
        "import sys, studio.compliance, studio.compliance.wordlists;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'studio.show', 'pypinyin', 'opencc'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_module_has_a_docstring() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), path


def _bench_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_compliance", ROOT / "scripts" / "bench_compliance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_corpus_is_deterministic_and_mixed() -> None:
    bench = _bench_module()
    corpus = bench.make_corpus(2000, 7)
    assert corpus == bench.make_corpus(2000, 7)
    assert len(corpus) == 2000
    languages = {lang for _, lang in corpus}
    assert languages == {"zh-CN", "en-US"}


def test_benchmark_prints_its_figure(capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench_module()
    bench.main(["--lines", "500", "--runs", "3"])
    out = capsys.readouterr().out
    assert "median of 3 runs:" in out and "lines/s" in out
