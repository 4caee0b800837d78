"""`studio live` and `studio preview`: a show on air with speech, or one product's pitch to check.

    studio live SHOW [--no-audio] [--headless] [--seconds S] [--screenshot PNG] [window options]
    studio preview SHOW [--product ID] [--seconds S] [--screenshot PNG]

Exit codes as the rest of the CLI: 0 done, 1 the show has errors or the action failed, 2 usage
(studio.core.cliargs; docs/cli.md). `render`/`preview` of a product without pitch lines is a
usage error naming it (exit 2), never a render or preview of another product.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys

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
from studio.show.model import Show

_ON_AIR_HELP = {
    "live": "put a show on air: the stream window, speech, the schedule, the as-run log",
    "preview": "play one product's pitch in a window, exactly as it would air (not logged)",
}


def _declare_on_air(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    """`live` and `preview`: the same window and keys; live adds its outputs and control."""
    helptext = _ON_AIR_HELP[name]
    p = sub.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:] + ". "
                       "Keys in the window: Space pause/resume at the end of the line, S skip the "
                       "line, N next product, E end after this product, Ctrl+Q quit.")
    p.add_argument("show", type=cliargs.show_folder(), help="the show folder (or its show.toml)")
    if name == "preview":
        p.add_argument("--product", metavar="ID", type=PRODUCT_ID,
                       help="the product (default: the first on the rundown with pitch lines)")
    else:
        p.add_argument("--headless", action="store_true",
                       help="no window (servers): speech, schedule and as-run only")
        p.add_argument("--no-resume", action="store_true",
                       help="start the rundown from the top instead of after the last item aired")
        p.add_argument("--no-control", action="store_true",
                       help="do not accept comments and remote commands on 127.0.0.1")
        p.add_argument("--record", type=cliargs.output_folder("the recordings"), metavar="DIR",
                       help="record the program to MP4 files (H.264 + AAC) in DIR (created if missing)")
        p.add_argument("--segment-minutes", type=cliargs.real(0.0, 1440.0, above_lo=True, unit="minutes"),
                       default=30.0, metavar="N",
                       help="start a new recording file every N minutes, at most 1440 (default 30)")
        p.add_argument("--record-preset", choices=["canvas", "portrait-1080", "portrait-720"], default="canvas",
                       help="recording size: the show's canvas (default) or a push preset")
        p.add_argument("--rtmp", metavar="URL", type=_rtmp_url,
                       help="push the program to this RTMP server (推流地址)")
        p.add_argument("--rtmp-key", metavar="KEY", type=cliargs.text(max_length=4096, what="stream key"),
                       help="the stream key (推流码); better: set STUDIO_RTMP_KEY, which `ps` does not show")
        p.add_argument("--rtmp-preset", choices=["portrait-1080", "portrait-720"], default="portrait-1080",
                       help="1080×1920 at ~4 Mbit/s (default) or 720×1280 at ~2 Mbit/s for weak uplinks")
        p.add_argument("--rtmp-retries", type=cliargs.whole(0, 1_000_000), metavar="N",
                       help="reconnect at most N times (default: keep trying)")
        p.add_argument("--virtual-camera", action="store_true",
                       help="also send the picture to a virtual camera (needs the virtualcam extra)")
        p.add_argument("--control-port", type=cliargs.port(any_port=True), default=0, metavar="PORT",
                       help="port for comments and remote control (default: any free port; "
                            "`studio comment` finds it)")
    p.add_argument("--no-audio", action="store_true", help="do not play sound (a silent clock runs)")
    add_window_options(p)
    p.add_argument("--seconds", type=cliargs.seconds_to_run, metavar="S", help="stop after S seconds")
    p.add_argument("--screenshot", type=PNG_FILE, metavar="PNG",
                   help="capture the window after --seconds (default 8) and quit")
    return p


def _rtmp_url(url: str) -> str:
    """--rtmp: an rtmp:// or rtmps:// URL with a host (the push module loads only when it is given)."""
    from studio.outputs.rtmp import url_problem

    return cliargs.checked(url_problem, "e.g. rtmp://push.example.com/live")(url)


def _outputs(args: argparse.Namespace, show: Show) -> list:
    """The recorder, RTMP push and virtual camera asked for on the command line (checked by their types)."""
    outputs: list = []
    if getattr(args, "record", None) is not None:
        from studio.outputs.encoding import PRESETS, EncoderPreset
        from studio.outputs.recorder import Recorder

        if args.record_preset == "canvas":
            w, h = show.canvas
            preset = EncoderPreset(w, h, show.fps, crf=21,
                                   x264_preset="superfast" if w * h > 1280 * 720 else "veryfast")
        else:
            preset = PRESETS[args.record_preset]
        outputs.append(Recorder(args.record, preset, args.segment_minutes, show.title, show.disclosure))
    if getattr(args, "rtmp", None):
        from studio.outputs.encoding import PRESETS
        from studio.outputs.rtmp import RtmpPush

        key = args.rtmp_key or os.environ.get("STUDIO_RTMP_KEY")
        outputs.append(RtmpPush(args.rtmp, key, PRESETS[args.rtmp_preset], args.rtmp_retries))
    if getattr(args, "virtual_camera", False):
        from studio.outputs.virtualcam import VirtualCamera

        # Without pyvirtualcam or a device it logs what to install; the show goes on without it.
        outputs.append(VirtualCamera(*show.canvas, show.fps))
    return outputs


def cmd_live(args: argparse.Namespace) -> int:
    return _run(args, "live", live=True, only_product=None, checked=checked_for_command(args.show, "live"))


def cmd_preview(args: argparse.Namespace) -> int:
    checked = checked_for_command(args.show, "preview")
    show = checked.show
    if show is None:
        return 1
    product = args.product
    if product is None:
        from studio.core.clock import SystemClock
        from studio.program.rundown import rundown_products

        on_air = rundown_products(show, SystemClock().now().replace(tzinfo=None))
        # The first product with something to say: one without lines would play nothing at all.
        product = next((p.id for p in [*on_air, *show.products] if p.pitch), None)
        if product is None:
            print(f"studio preview: no product in {args.show} has pitch lines; add pitch = [\"…\"] to one "
                  f"(studio check {args.show} lists them)", file=sys.stderr)
            return 1
    elif product_problem(show, "preview", product, needs_lines=True):
        return 2
    return _run(args, "preview", live=False, only_product=product, checked=checked)


def _run(args: argparse.Namespace, command: str, *, live: bool, only_product: str | None,
         checked: CheckedShow) -> int:
    show = checked.show
    if show is None:
        return 1
    if overwrites_show(command, "--screenshot", args.screenshot, show.root, show):
        return 2
    headless = getattr(args, "headless", False)
    if not prepare_display(command, Screen.OFFSCREEN if headless else Screen.WINDOW,
                           "On a desktop, run it from a terminal in your session; on a server use\n"
                           f"  studio live {args.show} --headless, or xvfb-run -a studio {command} {args.show}"):
        return 1
    for handler in logging.getLogger().handlers[:1]:  # the console: say what goes on air
        handler.setLevel(logging.INFO)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from studio.core.live_registry import ShowAlreadyLive
    from studio.core.vocab import PlayoutStatus
    from studio.outputs.stream_window import grab_window
    from studio.program.qt_gc import collect_on_qt_thread
    from studio.program.qt_session import LiveSession, claim_show
    from studio.stage.qt_fonts import FontRequirementError

    lock = None
    if live:  # before any window, sound or output starts: one show goes on air once
        try:
            lock = claim_show(show)
        except ShowAlreadyLive as exc:
            print(f"studio {command}: {exc}", file=sys.stderr)
            return 1
    outputs = _outputs(args, show)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_qt_thread(app)  # speech, output and control threads must never free Qt objects
    options = window_options(args, show)
    try:
        session = LiveSession(show, live=live, audio=not args.no_audio, window=not headless, options=options,
                              resume=not getattr(args, "no_resume", False), only_product=only_product,
                              control=live and not getattr(args, "no_control", False),
                              control_port=getattr(args, "control_port", 0), outputs=outputs, lock=lock,
                              claimed=live, pack=checked.pack)
    except FontRequirementError as exc:
        print(f"studio {command}: {exc}", file=sys.stderr)
        return 1
    status = {"code": 0, "done": False}

    def finish() -> None:
        if status["done"]:  # a timer, a signal and the end of a preview may all ask
            return
        status["done"] = True
        if args.screenshot is not None and session.window is not None:
            image = grab_window(session.window)
            # the stubs want the format as bytes; PySide6 takes only str
            if image is None or not image.save(str(args.screenshot), "PNG"):  # type: ignore[call-overload]
                print(f"studio {command}: could not capture the window to {args.screenshot}", file=sys.stderr)
                status["code"] = 1
            else:
                print(f"saved {args.screenshot} ({image.width()}×{image.height()})")
        if session.bus is not None:
            for h in session.bus.health():
                print(f"studio {command}: {h.name}: {h.state}, {h.frames_written} frames written, "
                      f"{h.frames_dropped} dropped, {h.reconnects} reconnects"
                      + (f" — {h.last_error}" if h.last_error else ""), file=sys.stderr)
        stats = session.playout.stats
        print(f"studio {command}: {stats.aired} lines aired, {stats.skipped} skipped, {stats.failed} failed, "
              f"{stats.blocked} blocked; unintended silence {stats.waiting_seconds:.2f} s"
              + (f"; frames {session.window.presented} shown, {session.window.skipped} skipped"
                 if session.window is not None else ""), file=sys.stderr)
        session.stop()
        app.quit()

    seconds = args.seconds if args.seconds is not None else (8.0 if args.screenshot is not None else None)
    if seconds is not None:
        QTimer.singleShot(int(seconds * 1000), finish)
    if only_product is not None:
        poll = QTimer(app)
        poll.timeout.connect(lambda: finish() if session.playout.status is PlayoutStatus.STOPPED else None)
        poll.start(250)
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, finish))
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, finish))
    wake = QTimer(app)  # lets Python run its signal handlers while Qt's loop runs
    wake.timeout.connect(lambda: None)
    wake.start(200)
    QApplication.setQuitOnLastWindowClosed(False)  # closing the window ends the show cleanly, via finish()
    if session.window is not None:
        session.window.closed.connect(finish)
    session.start()
    app.exec()
    return status["code"]


def _declare_render(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    r = sub.add_parser(name, help="render a product's pitch to an MP4 video with sound (offline)",
                       description="Render a product's pitch, exactly as it would air, to an MP4 file "
                                   "(H.264 video, AAC audio, the AI label in the file's metadata), "
                                   "faster than real time.")
    r.add_argument("show", type=cliargs.show_folder(), help="the show folder (or its show.toml)")
    r.add_argument("--product", required=True, metavar="ID", type=PRODUCT_ID,
                   help="the product to pitch (it needs pitch lines)")
    r.add_argument("-o", "--out", type=cliargs.output_file([".mp4"], "MP4 video (H.264 + AAC)"), required=True,
                   metavar="MP4", help="the video file to write (.mp4)")
    r.add_argument("--template", "--canvas", dest="template",
                   choices=["portrait", "landscape", "portrait-720"], help="layout (default: the show's canvas)")
    r.add_argument("--seed", type=cliargs.seed, default=0,
                   help="variant choice, 0–4294967295 (the same seed renders the same video)")
    return r


def cmd_render(args: argparse.Namespace) -> int:
    checked = checked_for_command(args.show, "render")
    show = checked.show
    if show is None:
        return 1
    if product_problem(show, "render", args.product, needs_lines=True):
        return 2
    if overwrites_show("render", "--out", args.out, show.root, show):
        return 2
    prepare_display("render", Screen.IMAGES)
    import time as _time

    from PySide6.QtGui import QGuiApplication

    from studio.compliance.checker import Checker
    from studio.core.clock import SystemClock
    from studio.program.qt_offline import render_pitch
    from studio.stage.qt_fonts import FontRequirementError

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts need an application
    checker = Checker(lists=show.compliance)
    shown = {"line": ""}

    def progress(t: float, line: str) -> None:
        if line != shown["line"]:
            shown["line"] = line
            print(f"  {t:6.1f}s  {line}", file=sys.stderr)

    started = _time.perf_counter()
    try:
        result = render_pitch(show, args.product, args.out, when=SystemClock().now().replace(tzinfo=None),
                              template=args.template, seed=args.seed, progress=progress, pack=checked.pack,
                              check_line=lambda text, lang: [f"'{f.matched_text}' ({f.category})"
                                                             for f in checker.blocking(text, lang)])
    except FontRequirementError as exc:
        print(f"studio render: {exc}", file=sys.stderr)
        return 1
    except (OSError, av_error()) as exc:
        print(f"studio render: cannot write {args.out}: {exc}", file=sys.stderr)
        return 1
    wall = _time.perf_counter() - started
    del app
    for finding in result.findings:
        print(f"studio render: warning: this line would be blocked on air: {finding}", file=sys.stderr)
    print(f"wrote {result.path}: {result.seconds:.1f} s, {result.frames} frames, {result.lines} lines"
          f" ({result.failed_lines} without speech) in {wall:.1f} s — {result.seconds / wall:.1f}× real time")
    return 0


def av_error() -> type[Exception]:
    import av

    return av.FFmpegError


LIVE = Command("live", _declare_on_air, cmd_live)
PREVIEW = Command("preview", _declare_on_air, cmd_preview)
RENDER = Command("render", _declare_render, cmd_render)
COMMANDS = (LIVE, PREVIEW, RENDER)
