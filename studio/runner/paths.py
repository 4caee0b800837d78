"""Where a show's run-time records live: the as-run log folder per show, in the user's state folder."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from studio.core.logs import state_dir


def asrun_folder(show_root: Path, base: Path | None = None) -> Path:
    """`<state>/asrun/<folder-name>-<hash of its path>`: one log per show folder, readable names.

    Kept outside the show folder: the bundled demo show may be read-only, and a show copied to
    another machine must not carry (or overwrite) this machine's records.
    """
    resolved = show_root.resolve()
    slug = re.sub(r"[^\w-]+", "-", resolved.name).strip("-") or "show"
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
    return (base or state_dir()) / "asrun" / f"{slug}-{digest}"
