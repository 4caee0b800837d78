"""Hot reload in a live session: checked off the Qt thread, swapped on it; a new avatar airs with the next product."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from showruns import copy_demo, spin_until, touch_edit

import studio.program.qt_session
from studio.checks import CheckedShow, check_show
from studio.core.assets import avatar_packs_dir
from studio.program.qt_session import LiveSession


def session_of(checked: CheckedShow, tmp_path: Path, speech: object, *, window: bool) -> LiveSession:
    assert checked.show is not None, [p.format() for p in checked.errors]
    return LiveSession(checked.show, pack=checked.pack, audio=False, window=window, asrun_dir=tmp_path / "asrun",
                       resume=False, seed=1, speech=speech)  # type: ignore[arg-type]


def test_the_qt_thread_never_runs_the_check(qapp: QApplication, tmp_path: Path, tones,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    checks: list[int] = []

    def check(path: Path) -> CheckedShow:
        checks.append(threading.get_ident())
        return check_show(path)

    monkeypatch.setattr(studio.program.qt_session, "check_show", check)
    root = copy_demo(tmp_path)
    checked = check_show(root)
    session = session_of(checked, tmp_path, tones(), window=False)
    session.start()
    try:
        spin_until(qapp, lambda: session.playout.t > 1.0)
        touch_edit(root / "products" / "tea.toml", "这款龙井是明前头采", "这款龙井是今年的明前头采")
        spin_until(qapp, lambda: session.show is not checked.show)  # the swap, on this (the Qt) thread
    finally:
        session.stop()
    assert "今年的明前头采" in session.show.product("tea").pitch[1].template.source
    assert checks and threading.get_ident() not in checks


def test_a_changed_avatar_airs_from_the_next_product(qapp: QApplication, tmp_path: Path, tones) -> None:
    root = copy_demo(tmp_path)
    shutil.copytree(avatar_packs_dir() / "default", root / "host2")  # the operator's own pack
    session = session_of(check_show(root), tmp_path, tones(), window=True)
    playout = session.playout
    try:
        playout.go_live()
        playout.advance(1.0)
        first = playout.state_at(playout.t)
        assert first.entry is not None and first.entry.segment.product == "tea"
        old_host = session.view.host_at(first)
        assert old_host is not None and old_host.pack.root == avatar_packs_dir() / "default"
        session.frame(first.t)

        touch_edit(root / "show.toml", 'avatar = "default"', 'avatar = "./host2"')
        session._tick()  # changed: wait one quiet poll
        session._tick()  # held still: the check starts on the watcher's thread
        assert session.watcher.wait(60)
        session._tick()  # the swap
        assert session.show.avatar == str(root / "host2")

        seen: list[tuple[float, str, Path]] = []  # (the product turn's start, its line, the host's pack)
        while playout.t < 120 and (not seen or seen[-1][0] == first.turn_since or playout.t < seen[-1][0] + 2):
            playout.advance(0.25)
            ps = playout.state_at(playout.t)
            assert ps.entry is not None
            host = session.view.host_at(ps)
            assert host is not None
            seen.append((ps.turn_since, ps.entry.segment.line_id, host.pack.root))
            session.frame(ps.t)  # drawn by the kit of the host on air
    finally:
        session.stop()
    on_air = [pack for turn, _, pack in seen if turn == first.turn_since]
    assert len(on_air) > 20 and set(on_air) == {avatar_packs_dir() / "default"}  # the pitch on air ends as it began
    later = [(line, pack) for turn, line, pack in seen if turn != first.turn_since]
    assert later[0][0].endswith("/pitch/1")  # the next product's turn (the rundown may repeat one) …
    assert {pack for _, pack in later} == {root / "host2"}  # … is the new host's from its first line
    assert [kit.host.pack.root for kit in session.kits if kit.host is not None] == [
        avatar_packs_dir() / "default", root / "host2"]
