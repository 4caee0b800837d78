"""What studio ships besides code (the demo show, the bundled avatar packs): the one place that knows where it is.

The files live in the top-level assets/ folder of the source tree. A wheel installs that folder as
studio/assets (pyproject.toml maps the package `studio.assets` to assets/), found here through
importlib.resources; a source checkout (PYTHONPATH or an editable install) reads assets/ beside
the studio package. Everything that needs one of these paths asks this module. Qt-free.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEMO_SHOW = "demo-show"
AVATAR_PACKS = "avatars"


def assets_dir() -> Path:
    """The folder of shipped assets: assets/ in a source checkout, studio/assets in an installed wheel."""
    package = Path(str(resources.files("studio")))
    checkout = package.parent
    # A checkout is recognised by its pyproject.toml, so an unrelated site-packages/assets is never
    # taken for ours, and it wins over a stale studio/assets folder left behind by an old checkout.
    if (checkout / "pyproject.toml").is_file() and (checkout / "assets").is_dir():
        return checkout / "assets"
    # Installed (or missing: then every caller reports this path as the place it looked).
    return package / "assets"


def demo_show_path() -> Path:
    """The bundled demo show folder (what `studio demo-path` prints)."""
    return assets_dir() / DEMO_SHOW


def avatar_packs_dir() -> Path:
    """The folder that holds the avatar packs shipped with studio, one subfolder per pack."""
    return assets_dir() / AVATAR_PACKS


__all__ = ["AVATAR_PACKS", "DEMO_SHOW", "assets_dir", "avatar_packs_dir", "demo_show_path"]
