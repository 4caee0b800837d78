"""Where a show's run-time records live: the as-run log folder per show, in the user's state folder."""

from __future__ import annotations

from pathlib import Path

from studio.core.dirs import state_dir
from studio.core.logs import show_key


def asrun_folder(show_root: Path, base: Path | None = None) -> Path:
    """`<state>/asrun/<folder-name>-<hash of its path>`: one log per show folder, readable names.

    Kept outside the show folder: the bundled demo show may be read-only, and a show copied to
    another machine must not carry (or overwrite) this machine's records.
    """
    return (base or state_dir()) / "asrun" / show_key(show_root)
