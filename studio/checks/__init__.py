"""Everything `studio check` verifies, in one place: the show files, its avatar pack and its wording.

The show loader knows show files only; this composes it with the other packages' validators so the
CLI and the app report the same problems. The compliance matcher knows text only; this package
applies it to a show: its lines (`wording`), its AI label (`disclosure`) and the approvals that let
a line air (`approval`). Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from studio.avatar.model import MANIFEST
from studio.avatar.pack import PackResult, load_pack, resolve_pack
from studio.core.paths import show_relative
from studio.core.problems import Problem, Severity, sort_problems
from studio.show.loader import LoadResult, load_show
from studio.show.model import Show


@dataclass(frozen=True)
class CheckedShow(LoadResult):
    """A show after every check, with the avatar pack the check loaded: passed on, never loaded again."""

    pack: PackResult | None = None  # None when the show itself did not load


def show_pack(show: Show) -> PackResult:
    """The show's avatar pack, loaded and validated: once per show, by the check or its first user."""
    return load_pack(resolve_pack(show.avatar, show.root))


def avatar_problems(result: LoadResult, pack: PackResult | None = None) -> list[Problem]:
    """Problems of the show's avatar pack (`pack`, loaded if not given), located in the pack's files."""
    show = result.show
    if show is None:
        return []
    pack_dir = resolve_pack(show.avatar, show.root)
    if show.avatar == "default" and not (pack_dir / MANIFEST).is_file():
        return []  # the built-in host is checked by studio's own tests
    pack = pack or load_pack(pack_dir)
    inside = Path(show_relative(show.root, pack_dir))
    prefix = inside.as_posix() if not inside.is_absolute() else pack_dir.as_posix()
    out = []
    for p in pack.problems:
        out.append(replace(p, file=f"{prefix}/{p.file}" if p.file else prefix))
    return out


def wording_problems(result: LoadResult) -> list[Problem]:
    """Advertising-law wording of every line and the AI-disclosure label (studio.compliance)."""
    if result.show is None:
        return []
    from studio.checks.wording import check_wording  # the matcher's tables are built only when needed

    return check_wording(result.show, result.show.compliance)


def check_show(path: Path | str) -> CheckedShow:
    """Load a show and run every check on it; the show is None when any check found an error."""
    result = load_show(path)
    pack = show_pack(result.show) if result.show is not None else None
    extra = avatar_problems(result, pack) + wording_problems(result)
    if not extra:
        return CheckedShow(result.show, result.problems, result.root, pack)
    problems = tuple(sort_problems([*result.problems, *extra]))
    show = result.show if not any(p.severity is Severity.ERROR for p in problems) else None
    return CheckedShow(show, problems, result.root, pack)
