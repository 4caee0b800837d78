"""The `studio stage` and `studio stream` commands (Qt is imported inside the handlers only).

    studio stage SHOW [--product ID] [--template portrait|landscape|portrait-720] [-t S] [-o PNG]
    studio stream SHOW [--screen N] [--fullscreen] [--on-top] [--fit] [--seconds S] [--screenshot PNG]

Exit codes as the rest of the CLI: 0 done, 1 the show has errors or the action failed, 2 usage.
Arguments are checked by studio.core.cliargs types (one line, exit 2; docs/cli.md); `--product`
and output files that would overwrite the show are checked once the show is loaded, the same way.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from studio.checks import CheckedShow
from studio.cli.command import Command, SubParsers
from studio.cli.common import (
    PNG_FILE,
    PRODUCT_ID,
    add_window_options,
    checked_for_command,
    overwrites_show,
    product_problem,
    window_options,
)
from studio.cli.display import Screen, prepare_display
from studio.core import cliargs
from studio.core.clock import SystemClock
from studio.core.text import strip_hidden
from studio.core.vocab import CardMode
from studio.program.rundown import rundown_products
from studio.show.model import CARD_ACTIONS
from studio.stage.state import (
    Caption,
    CardState,
    estimate_word_timings,
    first_pitch_text,
    state_for,
)
from studio.stage.templates import TEMPLATES


def _declare_stage(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    s = sub.add_parser(
        name, help="render one frame of a show to PNG",
        description="Render the programme picture of one product at one moment to a PNG: background, "
                    "host, product card, caption, ticker, logo and the AI label — exactly what the "
                    "stream window shows.")
    s.add_argument("show", type=cliargs.show_folder(), help="the show folder (or its show.toml)")
    s.add_argument("--product", metavar="ID", type=PRODUCT_ID,
                   help="the product on the card (default: the first of the rundown on air)")
    s.add_argument("--template", "--canvas", dest="template", choices=list(TEMPLATES),
                   help="layout and canvas (default: the show's canvas)")
    s.add_argument("-t", "--time", dest="t", type=cliargs.real(0.0, 86_400.0, unit="seconds"), default=2.5,
                   metavar="SECONDS", help="seconds since the product came on, 0–86400 "
                                           "(default 2.5: card in, caption half said)")
    s.add_argument("-o", "--output", type=PNG_FILE, metavar="PNG",
                   help="where to write the frame (default: stage-PRODUCT-TEMPLATE.png)")
    s.add_argument("--caption", metavar="TEXT",
                   help="the caption line (default: the product's first pitch line; '' for none)")
    s.add_argument("--card", choices=CARD_ACTIONS, default="show", help="the card cue in force (default show)")
    s.add_argument("--at", type=cliargs.moment, metavar="'YYYY-MM-DD HH:MM'",
                   help="wall-clock time for flash-sale countdowns (default: now)")
    s.add_argument("--placeholder-avatar", action="store_true", help="draw the placeholder host")
    return s


def _declare_stream(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    w = sub.add_parser(
        name, help="open the stream window (a preview of the picture, for OBS Window Capture)",
        description="Open the frameless stream window titled 'studio — stream' and play the show in it "
                    "as it would air — the rundown on the schedule, every line with its card cues, "
                    "wording checked as on air — WITHOUT A VOICE: lines are timed by estimate and the "
                    "lips move along. Nothing is logged; `studio live` puts the show on air. Keys: "
                    "Space pause, S skip the line, N next product, Ctrl+Q quit.")
    w.add_argument("show", type=cliargs.show_folder(), help="the show folder (or its show.toml)")
    w.add_argument("--template", "--canvas", dest="template", choices=list(TEMPLATES),
                   help="layout and canvas (default: the show's canvas)")
    add_window_options(w)
    w.add_argument("--seconds", type=cliargs.seconds_to_run, metavar="S", help="close after S seconds (for checks)")
    w.add_argument("--screenshot", type=PNG_FILE, metavar="PNG",
                   help="capture the window as the screen shows it after 2 s, save it and quit")
    w.add_argument("--placeholder-avatar", action="store_true", help="draw the placeholder host")
    return w


def _stage_kit(checked: CheckedShow, args: argparse.Namespace, command: str):  # a program.qt_stage.StageKit
    """Fonts, avatar and photos for drawing the checked show; None (after saying why) without a CJK font."""
    from studio.program.qt_stage import build_stage
    from studio.stage.qt_fonts import FontRequirementError

    assert checked.show is not None
    try:
        kit = build_stage(checked.show, checked.pack, placeholder=args.placeholder_avatar)
    except FontRequirementError as exc:
        print(f"studio {command}: {exc}", file=sys.stderr)
        return None
    for note in kit.notes:
        print(f"studio {command}: {note}", file=sys.stderr)
    return kit


def cmd_stage(args: argparse.Namespace) -> int:
    now: datetime = args.at or SystemClock().now().replace(tzinfo=None)
    checked = checked_for_command(args.show, "stage")
    show = checked.show
    if show is None:
        return 1
    if not show.products:
        print(f"studio stage: {args.show} has no products to show", file=sys.stderr)
        return 1
    product_id = args.product or rundown_products(show, now)[0].id
    if product_problem(show, "stage", product_id, needs_lines=False):
        return 2
    template = args.template or next((n for n, t in TEMPLATES.items() if t.size == show.canvas), "portrait")
    out: Path = args.output or Path(f"stage-{product_id}-{template}.png")
    if overwrites_show("stage", "--output", out, show.root, show):
        return 2
    prepare_display("stage", Screen.IMAGES)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    kit = _stage_kit(checked, args, "stage")
    if kit is None:
        return 1
    product = show.product(product_id)
    # A caption typed here reaches the picture as show text does: without hidden characters.
    text = strip_hidden(args.caption) if args.caption is not None else first_pitch_text(product, show.language, now)
    mode = CardMode(args.card)
    state = state_for(show, product_id, template=template, t=0.0, live=True, now=now)
    # The product came on at 0 (the card sliding in), another cue took over at 0.5 s, and the host
    # started speaking at 0.3 s; the frame is taken at t.
    if mode is CardMode.SHOWN:
        card = CardState(CardMode.SHOWN, 0.0, CardMode.HIDDEN)
    else:
        card = CardState(mode, 0.5, CardMode.SHOWN)
    caption = Caption(text, 0.3, estimate_word_timings(text)) if text.strip() else None
    state = replace(state, product_since=0.0, card=card, caption=caption)
    if kit.host is not None:
        state = state.with_pose(kit.host.pose(state, args.t))
    image = kit.renderer.render(state, args.t)
    if not image.save(str(out), "PNG"):
        print(f"studio stage: could not write {out} (is the folder writable?)", file=sys.stderr)
        return 1
    for problem in kit.renderer.problems:
        print(f"studio stage: warning: {problem}", file=sys.stderr)
    print(f"wrote {out} ({image.width()}×{image.height()}, {template}, product {product_id})")
    del app
    return 0


def cmd_stream(args: argparse.Namespace) -> int:
    checked = checked_for_command(args.show, "stream")
    show = checked.show
    if show is None:
        return 1
    if overwrites_show("stream", "--screenshot", args.screenshot, show.root, show):
        return 2
    # A run that ends by itself (a screenshot, --seconds) is a check: offscreen will do without a display.
    bounded = args.screenshot is not None or args.seconds is not None
    if not prepare_display("stream", Screen.IMAGES if bounded else Screen.WINDOW,
                           "Run it from a terminal in your desktop session, or on a server:\n"
                           f"  xvfb-run -a studio stream {args.show} --screenshot stream.png"):
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from studio.outputs.stream_window import grab_window
    from studio.program.qt_gc import collect_on_qt_thread
    from studio.program.qt_session import LiveSession
    from studio.stage.qt_fonts import FontRequirementError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_qt_thread(app)  # speech, output and control threads must never free Qt objects
    try:
        # The show as it airs — the real playout, schedule, card cues and compliance — minus the voice.
        session = LiveSession(show, live=True, silent=True, window=True, options=window_options(args, show),
                              control=False, pack=checked.pack, template=args.template,
                              placeholder=args.placeholder_avatar)
    except FontRequirementError as exc:
        print(f"studio stream: {exc}", file=sys.stderr)
        return 1
    window = session.window
    assert window is not None
    status = {"code": 0, "done": False}

    def finish() -> None:
        if status["done"]:  # closing the window in stop() asks again
            return
        status["done"] = True
        session.stop()
        app.quit()

    if args.screenshot is not None:
        def shoot() -> None:
            image = grab_window(window)
            # the stubs want the format as bytes; PySide6 takes only str
            if image is None or not image.save(str(args.screenshot), "PNG"):  # type: ignore[call-overload]
                print(f"studio stream: could not capture the window to {args.screenshot}", file=sys.stderr)
                status["code"] = 1
            else:
                print(f"saved {args.screenshot} ({image.width()}×{image.height()})")
            window.close()

        QTimer.singleShot(2000, shoot)
    elif args.seconds is not None:
        QTimer.singleShot(int(args.seconds * 1000), window.close)
    QApplication.setQuitOnLastWindowClosed(False)  # closing the window ends the session cleanly, via finish()
    window.closed.connect(finish)
    session.start()
    app.exec()
    print(f"studio stream: {window.presented} frames shown, {window.skipped} skipped "
          f"(late frames are skipped, never slowed)", file=sys.stderr)
    return status["code"]


STAGE = Command("stage", _declare_stage, cmd_stage)
STREAM = Command("stream", _declare_stream, cmd_stream)
COMMANDS = (STAGE, STREAM)
