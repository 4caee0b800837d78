"""The import rules of DESIGN.md, enforced: Qt-free packages never import PySide6."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_qt_free_packages_load_without_qt() -> None:
    # Import the Qt-free packages in a fresh interpreter and prove PySide6 never got loaded.
    code = (
        "import sys, studio.core.paths, studio.core.clock, studio.show, studio.cli, studio.checks,"
        " studio.avatar, studio.runner.planner, studio.runner.asrun;"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
