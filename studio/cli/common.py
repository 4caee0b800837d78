"""What the commands that load a show share: the show after every check, the checks of `--product`
and of output files once the show is known, their argument types and the stream window's options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studio.checks import CheckedShow, check_show
from studio.core import cliargs
from studio.core.problems import did_you_mean
from studio.show.model import Show
from studio.show.owned import is_show_file

if TYPE_CHECKING:  # the stream window loads Qt
    from studio.outputs.stream_window import StreamOptions

# Argument types the window and frame commands share (studio.core.cliargs).
PRODUCT_ID = cliargs.text(max_length=200, what="product id")
PNG_FILE = cliargs.output_file([".png"], "a PNG image")
_SCREEN = cliargs.whole(0, 99, "0 is the first screen")


def add_window_options(p: argparse.ArgumentParser) -> None:
    """Where and how the stream window opens: the options `stream`, `live` and `preview` share."""
    p.add_argument("--screen", type=_SCREEN, metavar="N", help="which screen (0 = first; default: primary)")
    p.add_argument("--fullscreen", action="store_true", help="fill the chosen screen")
    p.add_argument("--on-top", action="store_true", help="keep the window above others")
    p.add_argument("--fit", action="store_true", help="scale to fit the screen even when 1:1 would fit")


def window_options(args: argparse.Namespace, show: Show) -> StreamOptions:
    """The stream window's options from `add_window_options` (call it once Qt may load)."""
    from studio.outputs.stream_window import StreamOptions

    return StreamOptions(screen=args.screen, fullscreen=args.fullscreen, always_on_top=args.on_top,
                         fit=args.fit, transparent=show.background.kind == "transparent")


def load_for_command(path: Path, command: str) -> Show | None:
    """The show after every check (files, avatar pack, wording); errors printed for people."""
    return checked_for_command(path, command).show


def checked_for_command(path: Path, command: str) -> CheckedShow:
    """`load_for_command` with the avatar pack the check loaded, for commands that draw the host."""
    result = check_show(path)
    for problem in result.errors:
        print(problem.format(), file=sys.stderr)
    if result.show is None:
        print(f"studio {command}: {path} has errors — fix them first (studio check {path})", file=sys.stderr)
    return result


def product_problem(show: Show, command: str, product_id: str, *, needs_lines: bool) -> int:
    """0 when `--product product_id` can be used by `command`; else 2 after a one-line usage error.

    A product without pitch lines gives a render or a preview nothing to play: before this check
    the rundown's next product played instead, under the asked-for name.
    """
    ids = [p.id for p in show.products]
    if product_id not in ids:
        return cliargs.usage_error(command, "--product", product_id, "no such product in the show",
                                   did_you_mean(product_id, ids) or "`studio check SHOW` lists the products")
    product = show.product(product_id)
    if needs_lines and not product.pitch:
        with_lines = [p.id for p in show.products if p.pitch]
        others = f"; products with lines: {', '.join(with_lines[:8])}" if with_lines else ""
        return cliargs.usage_error(command, "--product", product_id,
                                   "has no pitch lines, so there is nothing to play",
                                   f'add pitch = ["…"] to {product.source.file}{others}')
    return 0


def overwrites_show(command: str, flag: str, out: Path | None, root: Path, show: Show | None) -> bool:
    """True (after a one-line usage error) when writing `out` would replace a file of the show itself:
    its TOML files, the media it uses, anything in its media/ folder, or its avatar pack."""
    if out is None or not is_show_file(out, root, show):
        return False
    cliargs.usage_error(command, flag, str(out), "is one of the show's own files",
                        "write it somewhere else; it would overwrite the show")
    return True
