"""Which files belong to a show, so that nothing studio writes (a screenshot, a video) replaces one."""

from __future__ import annotations

from pathlib import Path

from studio.core.paths import SymlinkLoopError, resolve
from studio.show.loader import show_files
from studio.show.model import Show


def is_show_file(path: Path, root: Path, show: Show | None) -> bool:
    """True when `path` is an existing file of the show at `root`: its TOML files, anything in its
    media/ folder, the media it uses, or its avatar pack. `show` is None when the show has errors."""
    try:
        target = resolve(path)
        if not target.exists():
            return False
        owned = {resolve(p) for p in show_files(root)}
        media = root / "media"  # the show's media folder: also files the loader refused (a cut-short logo)
        if media.is_dir() and not media.is_symlink():
            owned |= {resolve(p) for p in media.rglob("*") if p.is_file()}
        avatar = None
        if show is not None:
            used = (show.logo, show.background.image, *(product.image for product in show.products))
            owned |= {resolve(p) for p in used if p is not None}
            avatar = Path(show.avatar) if Path(show.avatar).is_absolute() else None
    except (SymlinkLoopError, OSError):
        return False  # the writer says what is wrong with the path itself
    return target in owned or (avatar is not None and target.is_relative_to(avatar))


__all__ = ["is_show_file"]
