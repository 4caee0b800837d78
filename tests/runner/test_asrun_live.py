"""End to end: a real live session whose as-run folder is sabotaged mid-show keeps every record and says so in /status."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication  # noqa: F401 (the type of `qapp`)
from showruns import spin_until

from studio.chat.server import ensure_token
from studio.core.assets import demo_show_path
from studio.program.qt_session import LiveSession
from studio.runner.asrun import read_file
from studio.show.loader import load_show


def call(port: int, token: str, method: str, path: str, body: Any = None) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Authorization": f"Bearer {token}", "Host": f"127.0.0.1:{port}"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        payload = json.loads(resp.read().decode("utf-8"))
        assert resp.status == 200, payload
        return payload
    finally:
        conn.close()


def comments(folder: Path) -> list[str]:
    return [r.text for day in sorted(folder.glob("*.jsonl")) for r in read_file(day).records if r.kind == "comment"]


def test_a_sabotaged_asrun_folder_mid_show_loses_nothing_and_shows_in_status(qapp, tmp_path: Path) -> None:
    show = load_show(demo_show_path()).show
    folder = tmp_path / "asrun"
    session = LiveSession(show, audio=False, window=False, asrun_dir=folder, resume=False, seed=3, control=True)
    session.start()
    try:
        assert session.server is not None
        port, (token, _) = session.server.port, ensure_token()
        asked = [f"随便问问第{n}个问题" for n in range(1, 6)]

        def post(n: int) -> None:
            call(port, token, "POST", "/comments", {"user": f"viewer{n}", "text": asked[n - 1]})

        def asrun_status() -> dict[str, Any]:
            return call(port, token, "GET", "/status")["asrun"]

        post(1)
        post(2)
        spin_until(qapp, lambda: len(comments(folder)) == 2)
        assert asrun_status()["ok"] is True

        moved = tmp_path / "asrun-moved"
        folder.rename(moved)  # someone moves the folder away mid-show…
        folder.write_text("in the way")  # …and leaves a file in its place: nothing can be written there
        for n in (3, 4, 5):
            post(n)
        spin_until(qapp, lambda: asrun_status()["pending"] >= 3)
        status = asrun_status()
        assert status["ok"] is False and status["state"] == "degraded" and status["lost"] == 0
        assert str(folder) in status["error"] and status["since"] is not None
        assert session.playout.status in ("on_air", "paused")  # the show goes on

        folder.unlink()  # fixed: the periodic tick writes what waited, without a new record needed
        spin_until(qapp, lambda: asrun_status()["ok"] is True)
        assert asrun_status()["pending"] == 0
    finally:
        session.stop()
    before = [t.split(": ", 1)[1] for t in comments(moved)]
    after = [t.split(": ", 1)[1] for t in comments(folder)]
    assert before == asked[:2] and after == asked[2:]  # none lost, in the order they came
