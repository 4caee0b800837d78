"""Show-relative paths that can never leave their folder (no `..`, absolute paths or symlinks out)."""

from __future__ import annotations

import errno
from pathlib import Path, PurePosixPath, PureWindowsPath

LOOP_HINT = "replace the link with the real file or folder, or point it at one"


class PathOutsideError(ValueError):
    """A path that would leave the folder it must stay in; the message says why."""


class SymlinkLoopError(PathOutsideError):
    """A path that runs into a loop of symbolic links (a → b → a, a link to itself, a looping parent)."""


def resolve(path: Path) -> Path:
    """`path.resolve()`, raising SymlinkLoopError for a loop (Python says RuntimeError or OSError ELOOP)."""
    try:
        return path.resolve()
    except RuntimeError:
        pass
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
    raise SymlinkLoopError(f"symbolic link loop: '{path.as_posix()}' leads back to itself")


def confine(root: Path, relative: str) -> Path:
    """Resolve `relative` inside `root` (following symlinks) or raise PathOutsideError.

    A symbolic link loop on the way raises SymlinkLoopError (a PathOutsideError: callers that
    refuse a path need not know why).

    Backslashes count as separators so that a path written on Windows works everywhere.
    The result is absolute and resolved; it need not exist.
    """
    if not relative or not relative.strip():
        raise PathOutsideError("the path is empty")
    if "\x00" in relative:
        raise PathOutsideError("the path contains a NUL character")
    text = relative.replace("\\", "/")
    if PurePosixPath(text).is_absolute() or PureWindowsPath(relative).drive or text.startswith("~"):
        raise PathOutsideError(f"'{relative}' is absolute; write it relative to the show folder")
    base = resolve(root)
    try:
        target = resolve(base / text)
    except SymlinkLoopError:
        raise SymlinkLoopError(f"symbolic link loop: '{relative}' leads back to itself") from None
    if not target.is_relative_to(base):
        # Say whether `..` or a symlink took it out: the fix differs.
        lexical = PurePosixPath(text).parts
        if ".." in lexical:
            raise PathOutsideError(f"'{relative}' goes outside the show folder with '..'")
        raise PathOutsideError(f"'{relative}' leads outside the show folder through a symbolic link")
    return target


def show_relative(root: Path, path: Path) -> str:
    """`path` as the operator would write it: '/'-separated and relative to `root` when inside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
