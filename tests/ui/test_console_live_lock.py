"""The console's Go live on a show that is already on air: a message naming who has it, and off air."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from studio.core.live_registry import ShowLock, live_pid
from studio.ui.console.window import live_session_factory

from console_helpers import open_console  # noqa: E402 (tests/ui on sys.path)


def test_go_live_refuses_a_show_that_is_already_live(qtbot, settings, tmp_path, show_copy, monkeypatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append((title, text))))
    window = open_console(qtbot, settings, tmp_path, show_copy, live_session_factory(audio=False, control=False))
    with ShowLock.acquire(show_copy):  # `studio live` of this show, here in the same process
        window.go_live()
        assert window.session is None and window.go_live_action.isEnabled()
        assert len(shown) == 1 and shown[0][0] == "Cannot go live"
        assert f"{show_copy.resolve()} is already live in this program" in shown[0][1]
        assert "stop that one first" in shown[0][1]
    assert live_pid(show_copy) is None  # the refused session kept nothing locked
