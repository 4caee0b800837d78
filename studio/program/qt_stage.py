"""The stage kit a show is drawn with: fonts, photo cache, the avatar painter and its host.

Built once per show from the pack its check loaded (`studio.checks.CheckedShow.pack`), and again
only when a hot reload changes the avatar or the media.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.avatar.pack import PackResult
from studio.checks import show_pack
from studio.program.host import Host, pack_errors
from studio.show.model import Show
from studio.stage.cutout import PhotoCache
from studio.stage.qt_fonts import FontSet
from studio.stage.qt_paint import StageRenderer


@dataclass
class StageKit:
    """A renderer and, when the show's avatar pack loaded, the host it draws."""

    renderer: StageRenderer
    host: Host | None
    notes: list[str]  # why the placeholder is drawn, for the person at the keyboard


def build_stage(show: Show, pack: PackResult | None = None, *, placeholder: bool = False,
                photos: PhotoCache | None = None, seed: int = 0, fonts: FontSet | None = None) -> StageKit:
    """Fonts (FontRequirementError without a CJK font), the avatar painter and prepared photos.

    `pack` is the show's avatar pack as already loaded; without it the pack is loaded here.
    `photos` and `fonts` are another kit's, for a kit that only draws another host.
    """
    notes: list[str] = []
    painter = None
    host = None
    if not placeholder:
        pack = pack if pack is not None else show_pack(show)
        if pack.pack is None:
            notes.append(f"avatar '{show.avatar}' could not be loaded; drawing the placeholder host")
            notes.extend(pack_errors(pack)[:5])
        else:
            from studio.stage.qt_avatar import pack_painter

            painter = pack_painter(pack.pack)
            host = Host(pack.pack, seed)
    renderer = StageRenderer(avatar_painter=painter, photos=photos, fonts=fonts)
    renderer.prepare(show)
    return StageKit(renderer, host, notes)
