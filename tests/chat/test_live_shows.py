"""One show, one control line: two real `studio live` processes, each reached by its own `studio comment`.

Every process here is bounded (`--seconds`, timeouts) and killed in `finally`.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.core.assets import demo_show_path
from studio.core.live_registry import LiveShow, find_live, live_shows

ROOT = Path(__file__).resolve().parents[2]
START_BOUND = 120.0  # seconds for a show to come on air on a loaded 2-core machine


def _studio(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studio", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


class Live:
    """`studio live SHOW --headless --no-audio` in the background, stopped by itself after `seconds`."""

    def __init__(self, show: Path, log: Path, seconds: float = 300) -> None:
        self.show = show
        self.log = log
        self._out = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "studio", "live", str(show), "--headless", "--no-audio",
                                      "--seconds", str(seconds)], cwd=ROOT, stdout=self._out,
                                     stderr=subprocess.STDOUT, text=True)

    def on_air(self) -> LiveShow:
        """Wait until this process is in the registry of live shows."""
        end = time.monotonic() + START_BOUND
        while time.monotonic() < end:
            found = find_live(self.show)
            if found is not None and found.pid == self.proc.pid:
                return found
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"{self.show} did not come on air: {self.log.read_text(encoding='utf-8')[-2000:]}")

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM if sys.platform != "win32" else signal.CTRL_BREAK_EVENT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)
        self._out.close()
        return self.proc.returncode


@pytest.fixture
def two_shows(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of the demo show: A as shipped, B with its own title and tea price."""
    a, b = tmp_path / "show-a", tmp_path / "show-b"
    shutil.copytree(demo_show_path(), a)
    shutil.copytree(demo_show_path(), b)
    toml = b / "show.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('title = "云集好物 · 秋冬好物节"', 'title = "B店 · 夜场"'),
                    encoding="utf-8")
    tea = b / "products" / "tea.toml"
    tea.write_text(tea.read_text(encoding="utf-8").replace("price = 168", "price = 158"), encoding="utf-8")
    return a, b


@pytest.fixture
def lives() -> Iterator[list[Live]]:
    started: list[Live] = []
    yield started
    for live in started:
        live.stop()


def _ask(show: Path, text: str) -> dict[str, object]:
    proc = _studio("comment", str(show), text, "--user", "小王")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and SIGTERM as on the servers studio runs on")
def test_two_shows_live_each_comment_reaches_its_own(two_shows: tuple[Path, Path], lives: list[Live],
                                                     tmp_path: Path) -> None:
    a, b = two_shows
    lives += [Live(a, tmp_path / "a.log"), Live(b, tmp_path / "b.log")]
    live_a, live_b = lives[0].on_air(), lives[1].on_air()
    assert live_a.port != live_b.port and {s.title for s in live_shows()} == {"云集好物 · 秋冬好物节", "B店 · 夜场"}

    answer_a, answer_b = _ask(a, "龙井多少钱"), _ask(b / "show.toml", "龙井多少钱")
    assert (answer_a["rule"], answer_a["product"]) == ("tea/faq1", "tea") and "168元" in str(answer_a["answer"])
    assert (answer_b["rule"], answer_b["product"]) == ("tea/faq1", "tea") and "158元" in str(answer_b["answer"])

    # A second `studio live` of A refuses before anything starts, naming the process to stop.
    started = time.monotonic()
    again = _studio("live", str(a), "--headless", "--no-audio", "--seconds", "30", timeout=120)
    assert again.returncode == 1, again.stderr
    assert f"is already live in process {lives[0].proc.pid}" in again.stderr
    assert f"kill {lives[0].proc.pid}" in again.stderr and "Traceback" not in again.stderr
    assert "lines aired" not in again.stderr and time.monotonic() - started < 60  # it never went on air

    # A show that is not live: the live ones are listed.
    other = _studio("comment", str(tmp_path), "多少钱")
    assert other.returncode == 1 and "is not live; live now:" in other.stderr
    assert str(a) in other.stderr and str(b) in other.stderr

    # kill -9 A: nothing is left that blocks it; it goes live again and takes comments.
    lives[0].proc.kill()
    lives[0].proc.wait(30)
    lives.append(Live(a, tmp_path / "a2.log"))
    again_a = lives[2].on_air()
    assert again_a.pid == lives[2].proc.pid != live_a.pid
    assert "168元" in str(_ask(a, "龙井多少钱")["answer"])

    # A clean stop removes the entry; B is untouched by all of this.
    assert lives[2].stop() == 0
    assert find_live(a) is None and find_live(b) == live_b
    assert _ask(b, "龙井保质期多久")["rule"] == "tea/faq2"  # (the price rule is cooling down for 30 s)
