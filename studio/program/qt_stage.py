"""Builds a ready StageRenderer for a show: fonts, photo cache and the show's avatar (or the placeholder)."""

from __future__ import annotations

from dataclasses import dataclass

from studio.program.host import Host, load_show_pack
from studio.show.model import Show
from studio.stage.cutout import PhotoCache
from studio.stage.qt_paint import StageRenderer


@dataclass
class StageKit:
    """A renderer and, when the show's avatar pack loaded, the host that poses it for previews."""

    renderer: StageRenderer
    host: Host | None
    notes: list[str]  # why the placeholder is drawn, for the person at the keyboard


def build_stage(show: Show, placeholder: bool = False, photos: PhotoCache | None = None) -> StageKit:
    """Fonts (FontRequirementError without a CJK font), the avatar painter and prepared photos."""
    notes: list[str] = []
    painter = None
    host = None
    if not placeholder:
        pack, problems = load_show_pack(show)
        if pack is None:
            notes.append(f"avatar '{show.avatar}' could not be loaded; drawing the placeholder host")
            notes.extend(problems[:5])
        else:
            from studio.stage.qt_avatar import pack_painter

            painter = pack_painter(pack)
            host = Host(pack)
    renderer = StageRenderer(avatar_painter=painter, photos=photos)
    renderer.prepare(show)
    return StageKit(renderer, host, notes)
