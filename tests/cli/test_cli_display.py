"""The one display bootstrap: which Qt platform each kind of command gets, with and without a display."""

from __future__ import annotations

import os
import sys

import pytest

from studio.cli.display import Screen, prepare_display


@pytest.fixture
def linux(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A Linux session with no display server and no Qt platform chosen (restored afterwards)."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    return monkeypatch


def test_pictures_go_offscreen_only_without_a_display(linux: pytest.MonkeyPatch) -> None:
    assert prepare_display("stage", Screen.IMAGES)
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    linux.delenv("QT_QPA_PLATFORM")
    linux.setenv("DISPLAY", ":99")
    assert prepare_display("stage", Screen.IMAGES)
    assert "QT_QPA_PLATFORM" not in os.environ  # on a desktop they render through the real platform


def test_a_platform_the_user_chose_is_kept(linux: pytest.MonkeyPatch) -> None:
    linux.setenv("QT_QPA_PLATFORM", "minimal")
    assert prepare_display("render", Screen.IMAGES)
    assert prepare_display("live", Screen.OFFSCREEN)
    assert prepare_display("console", Screen.WINDOW)  # e.g. vnc: a window somewhere else
    assert os.environ["QT_QPA_PLATFORM"] == "minimal"


def test_headless_is_offscreen_even_on_a_desktop(linux: pytest.MonkeyPatch) -> None:
    linux.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert prepare_display("live", Screen.OFFSCREEN)
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_a_window_without_a_display_is_refused_with_advice(linux: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert not prepare_display("console", Screen.WINDOW, "Run it from a terminal in your desktop session.")
    assert capsys.readouterr().err == ("studio console: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                                       "  Run it from a terminal in your desktop session.\n")
    assert "QT_QPA_PLATFORM" not in os.environ


def test_a_window_opens_on_x11_wayland_and_off_linux(linux: pytest.MonkeyPatch) -> None:
    linux.setenv("DISPLAY", ":0")
    assert prepare_display("gui", Screen.WINDOW)
    linux.delenv("DISPLAY")
    linux.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert prepare_display("gui", Screen.WINDOW)
    linux.delenv("WAYLAND_DISPLAY")
    linux.setattr(sys, "platform", "win32")  # Windows and macOS always have their own platform
    assert prepare_display("gui", Screen.WINDOW)
    assert "QT_QPA_PLATFORM" not in os.environ
