"""studio's per-user folders: where they have always been, with platformdirs and without it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from studio.core.dirs import cache_dir, speech_cache_dir, state_dir
from studio.speech.cache import SpeechCache
from studio.stage.cutout import PhotoCache

WITH_PLATFORMDIRS = pytest.mark.skipif(importlib.util.find_spec("platformdirs") is None,
                                       reason="platformdirs is not installed")


@pytest.fixture(params=[pytest.param("platformdirs", marks=WITH_PLATFORMDIRS), "without"])
def platformdirs_or_not(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with platformdirs (when installed) and with it missing (an older environment)."""
    if request.param == "without":
        for name in ("platformdirs", "platformdirs.unix", "platformdirs.windows"):
            monkeypatch.setitem(sys.modules, name, None)  # import raises ImportError
    return str(request.param)


@pytest.mark.usefixtures("platformdirs_or_not")
def test_elsewhere_the_xdg_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert state_dir() == tmp_path / "state" / "studio"
    assert cache_dir() == tmp_path / "cache" / "studio"
    assert speech_cache_dir() == tmp_path / "cache" / "studio" / "speech"
    for variable in ("XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, "")  # blank is unset
    assert state_dir() == Path.home() / ".local" / "state" / "studio"
    assert cache_dir() == Path.home() / ".cache" / "studio"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert state_dir() == Path.home() / ".local" / "state" / "studio"
    assert cache_dir() == Path.home() / ".cache" / "studio"


@pytest.mark.usefixtures("platformdirs_or_not")
def test_macos_keeps_the_xdg_folders_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "studio"


@pytest.mark.usefixtures("platformdirs_or_not")
def test_windows_local_app_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert state_dir() == tmp_path / "local" / "studio"
    assert cache_dir() == tmp_path / "local" / "studio" / "cache"
    assert speech_cache_dir() == tmp_path / "local" / "studio" / "cache" / "speech"


def test_windows_without_the_variable_uses_the_users_local_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("platformdirs", "platformdirs.unix", "platformdirs.windows"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("LOCALAPPDATA")
    assert state_dir() == Path.home() / "AppData" / "Local" / "studio"


def test_the_caches_default_to_the_cache_folder() -> None:
    assert SpeechCache().root == speech_cache_dir()
    assert PhotoCache().directory == cache_dir() / "photos"
