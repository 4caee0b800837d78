"""Avatar packs: a folder with `avatar.toml` and layered art, loaded and validated with located errors.

The format is described for operators in docs/avatar-packs.md. `load_pack` never raises for bad
input: like `studio.show.loader.load_show`, it returns every problem found (file:line, key path,
message, hint) and a pack only when there are no errors. What a pack is lives in
`studio.avatar.model`; reading `avatar.toml` into it in `studio.avatar.manifest`; this module says
where packs are and loads one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studio.avatar.manifest import ManifestReader
from studio.avatar.model import MANIFEST, AvatarPack
from studio.core.assets import avatar_packs_dir
from studio.core.problems import Problem, ProblemReport, sort_problems


@dataclass(frozen=True)
class PackResult(ProblemReport):
    """A loaded pack (None when there are errors) and every problem found, in reading order."""

    pack: AvatarPack | None
    problems: tuple[Problem, ...]
    root: Path

    @property
    def ok(self) -> bool:
        return self.pack is not None


def bundled_pack_names() -> list[str]:
    """Names of the shipped packs (folder names under assets/avatars)."""
    base = avatar_packs_dir()
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file())


def resolve_pack(avatar: str, show_root: Path | None = None) -> Path:
    """The pack folder for a show's `avatar` value: a bundled name, or a folder path (absolute or show-relative)."""
    if "/" not in avatar and "\\" not in avatar and not avatar.startswith("."):
        return avatar_packs_dir() / avatar
    path = Path(avatar)
    if not path.is_absolute() and show_root is not None:
        path = show_root / avatar.replace("\\", "/")
    return path


def load_pack(path: Path | str) -> PackResult:
    """Load and validate the pack in folder `path` (or the folder of an avatar.toml). Never raises for bad input."""
    given = Path(path)
    root = given.parent if given.name == MANIFEST and not given.is_dir() else given
    v = ManifestReader(root)
    pack: AvatarPack | None = None
    try:
        pack = v.load()
    except RecursionError:
        v.error((), "the manifest nests too deeply to read")
    problems = tuple(sort_problems(v.problems))
    if any(p.is_error for p in problems):
        pack = None
    return PackResult(pack, problems, root)


__all__ = ["AvatarPack", "PackResult", "bundled_pack_names", "load_pack", "resolve_pack"]
