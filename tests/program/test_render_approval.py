"""`studio render` of a pitch with warning wording nobody approved: it plays, and the command says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_render_warns_about_lines_that_would_be_skipped_on_air(make_show, tmp_path: Path) -> None:
    show = make_show(show='title = "t"\ncanvas = "portrait-720"\n\n[rundowns.main]\nproducts = ["tea"]\n',
                     products={"tea": 'name = "龙井"\nprice = 168\npitch = [\n  "欢迎",\n  "全球首发",\n]\n'})
    out = tmp_path / "pitch.mp4"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run([sys.executable, "-m", "studio", "render", str(show), "--product", "tea", "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "2 lines (0 without speech)" in proc.stdout  # the render plays it, as the preview does
    assert ("warning: this line would be blocked on air: 全球首发…: unapproved warning: 全球首发 (absolute) — "
            "approve it in the console or in products/tea.toml:5") in proc.stderr
