"""studio's per-user folders, decided here only: state (logs, secrets, records) and cache.

| folder | Windows | elsewhere | holds |
| --- | --- | --- | --- |
| `state_dir()` | %LOCALAPPDATA%\\studio | $XDG_STATE_HOME/studio (~/.local/state/studio) | studio.log, secrets.json, control-token, live/, asrun/ |
| `cache_dir()` | %LOCALAPPDATA%\\studio\\cache | $XDG_CACHE_HOME/studio (~/.cache/studio) | speech/, photos/ |

platformdirs applies the XDG rules (a variable that is unset or blank means the default). Two
choices keep the folders where studio has always kept them: every system but Windows follows XDG
(macOS too, rather than ~/Library), and on Windows %LOCALAPPDATA% is read first, as before —
platformdirs would ask Windows for the known folder and ignore the variable, which tests and
portable setups set. Without platformdirs (an environment installed before it was a dependency)
the same rules are applied here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "studio"
# XDG base directories: the variable and the default under the home folder, as platformdirs reads them.
_XDG = {"state": ("XDG_STATE_HOME", (".local", "state")), "cache": ("XDG_CACHE_HOME", (".cache",))}


def state_dir() -> Path:
    """Per-user folder for the log, the stream key, the control token and the shows' records."""
    if sys.platform == "win32":
        return _local_app_data() / APP
    return _xdg("state")


def cache_dir() -> Path:
    """Per-user folder for what can be made again: synthesized speech, prepared photos."""
    if sys.platform == "win32":
        return _local_app_data() / APP / "cache"
    return _xdg("cache")


def speech_cache_dir() -> Path:
    """Where synthesized speech is kept unless a folder is given (`studio synth --cache-dir`)."""
    return cache_dir() / "speech"


def _local_app_data() -> Path:
    """Windows' per-user local folder: %LOCALAPPDATA% when set, else the known folder."""
    value = os.environ.get("LOCALAPPDATA")
    if value:
        return Path(value)
    try:
        from platformdirs.windows import Windows
    except ImportError:
        return Path.home() / "AppData" / "Local"
    return Path(Windows().user_data_dir)  # no app name: the folder itself


def _xdg(kind: str) -> Path:
    """`$XDG_<KIND>_HOME/studio`, or its default under the home folder when unset or blank."""
    try:
        from platformdirs.unix import Unix
    except ImportError:
        variable, default = _XDG[kind]
        return Path(os.environ.get(variable, "").strip() or Path.home().joinpath(*default)) / APP
    folders = Unix(APP)
    return Path(folders.user_state_dir if kind == "state" else folders.user_cache_dir)


__all__ = ["APP", "cache_dir", "speech_cache_dir", "state_dir"]
