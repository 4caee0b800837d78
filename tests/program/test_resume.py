"""After `kill -9` of a running `studio live`, a restart resumes with the next item of the rundown."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from studio.runner.paths import asrun_folder
from studio.show.starter import create_starter

ROOT = Path(__file__).resolve().parents[2]


def make_show(tmp_path: Path) -> Path:
    show = tmp_path / "show"
    create_starter(show, language="en-US")
    products = show / "products"
    for pid, name in (("mug", "Travel mug"), ("pen", "Gel pen")):
        (products / f"{pid}.toml").write_text(
            f'name = "{name}"\nprice = 9\npitch = ["This is the {name}.", "It is well made."]\n', encoding="utf-8")
    text = (show / "show.toml").read_text(encoding="utf-8").replace('products = ["sample"]',
                                                                    'products = ["mug", "pen", "sample"]')
    text = text.replace('fallback = "main"', 'fallback = "main"\nwindows = []')
    text = text[: text.index("[[schedule.windows]]")]  # always the fallback: no clock dependence
    (show / "show.toml").write_text(text, encoding="utf-8")
    return show


def records(folder: Path) -> list[dict]:
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
    return out


def test_restart_after_kill_resumes_with_the_next_item(tmp_path: Path) -> None:
    show = make_show(tmp_path)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    folder = asrun_folder(show, tmp_path / "state" / "studio")
    cmd = [sys.executable, "-m", "studio", "live", str(show), "--headless", "--no-audio"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(r["product"] == "mug" for r in records(folder)):
            time.sleep(0.1)
        assert any(r["product"] == "mug" for r in records(folder)), proc.stderr
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    before = records(folder)
    assert before and before[-1]["product"] == "mug"
    again = subprocess.run([*cmd, "--seconds", "6"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    after = records(folder)[len(before):]
    assert after, again.stderr
    assert after[0]["product"] == "pen" and after[0]["line_id"] == "pen/pitch/1", after[0]
