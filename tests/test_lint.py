"""Lint and types, enforced: ruff over studio/, tests/ and scripts/, mypy over studio/ (rules in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# NOT YET CHECKED: the folders and files being moved by the restructure (issue 14) while this
# landed. Remove an entry once its move has merged, then fix what ruff and mypy report there (and
# list studio/program's qt_* modules with the Qt edge in pyproject's [[tool.mypy.overrides]]).
NOT_YET = (
    "studio/outputs",
    "studio/program",
    "studio/ui",
    "studio/runner/playout.py",
    "studio/runner/watch.py",
    "tests/outputs",
    "tests/program",
    "tests/runner",
    "tests/stage",
    "tests/ui",
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def _not_yet(line: str) -> bool:
    path = line.split(":", 1)[0].replace("\\", "/")
    return any(path == p or path.startswith(p + "/") for p in NOT_YET)


def test_ruff_finds_nothing() -> None:
    proc = _run("ruff", "check", "--output-format", "concise", "--extend-exclude", ",".join(NOT_YET),
                "studio", "tests", "scripts")
    assert proc.returncode == 0, f"ruff check ([*]: `ruff check --fix` fixes it):\n{proc.stdout}{proc.stderr}"


def test_mypy_finds_nothing() -> None:
    proc = _run("mypy")
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 2: mypy itself failed
    found = [line for line in proc.stdout.splitlines()
             if ": error:" in line or ": note:" in line]
    kept = [line for line in found if not _not_yet(line)]
    assert not any(": error:" in line for line in kept), "mypy:\n" + "\n".join(kept)


def test_every_slow_entry_names_a_test(pytestconfig: pytest.Config) -> None:
    # tests/conftest.py marks tests slow by file name and function: an entry left behind by a rename
    # would silently put a slow test back into `-m "not slow"`.
    conftest = next(p for p in pytestconfig.pluginmanager.get_plugins()
                    if getattr(p, "__file__", None) == str(ROOT / "tests" / "conftest.py"))
    for entry in conftest.SLOW:
        name, _, function = entry.partition("::")
        files = list((ROOT / "tests").rglob(name))
        assert files, f"SLOW in tests/conftest.py: no test file {name}"
        if function:
            assert any(f"def {function}(" in f.read_text(encoding="utf-8") for f in files), (
                f"SLOW in tests/conftest.py: no test {function} in {name}")
