"""The app commands: the operator `console`, the show overview (`gui`), an `avatar-sheet`, `demo-path`.

    studio console [SHOW] [--no-audio] [--no-control] [--screenshot PNG]
    studio gui [SHOW] [--screenshot PNG]

Without SHOW the console opens the show used last (kept in the settings), else the bundled demo
show; the overview opens the demo show. Qt loads inside the handlers only. Exit codes as the rest
of the CLI: 0 done, 1 the action failed, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studio.cli.command import Command, SubParsers
from studio.cli.common import overwrites_show
from studio.cli.display import Screen, prepare_display
from studio.core import cliargs
from studio.core.assets import demo_show_path


def _declare_gui(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    g = sub.add_parser(name, help="open the app (on the demo show unless a show is given)")
    g.add_argument("show", type=cliargs.show_folder(), nargs="?", help="the show folder (default: the bundled demo)")
    g.add_argument("--screenshot", type=cliargs.output_file([".png"], "a PNG image"), metavar="PNG",
                   help="save a screenshot of the window to PNG and quit (for headless checks)")
    return g


def _declare_avatar_sheet(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    a = sub.add_parser(name, help="render an avatar pack's contact sheet to a PNG",
                       description="Render every mouth shape × expression, the gestures and blinks "
                                   "of an avatar pack into one PNG for review.")
    a.add_argument("pack", nargs="?", default="default", type=cliargs.text(max_length=4096, what="pack name or folder"),
                   help="a bundled pack name or a pack folder")
    a.add_argument("-o", "--out", type=cliargs.output_file([".png"], "a PNG image"), default=Path("avatar_sheet.png"),
                   help="the PNG to write")
    a.add_argument("--seed", type=cliargs.seed, default=1, help="the blinks and gestures drawn (default 1)")
    return a


def _declare_demo_path(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help="print where the bundled demo show is")


def _declare_console(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    helptext = "the operator console: edit and preview a show, put it on air, follow the as-run log"
    p = sub.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:] + ". "
                       "Keys: F5 go live, Space pause/resume, Ctrl+Right skip the line, Ctrl+N next product, "
                       "Ctrl+I interrupt, Shift+F5 stop.")
    p.add_argument("show", type=cliargs.show_folder(), nargs="?",
                   help="the show folder (or its show.toml); default: the last one opened, else the demo show")
    p.add_argument("--no-audio", action="store_true", help="on air without sound (a silent clock runs)")
    p.add_argument("--no-control", action="store_true",
                   help="on air, do not accept comments and remote commands on 127.0.0.1")
    p.add_argument("--screenshot", type=cliargs.output_file([".png"], "a PNG image"), metavar="PNG",
                   help="save a picture of the console and quit")
    return p


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the show overview window; with --screenshot, save it once shown and quit."""
    from studio.show.loader import load_show

    show = args.show or demo_show_path()
    if args.screenshot is not None:
        loaded = load_show(show)
        if overwrites_show("gui", "--screenshot", args.screenshot, loaded.root, loaded.show):
            return 2
    if not prepare_display("gui", Screen.WINDOW, "Run it from a terminal in your desktop session, "
                                                 "or: xvfb-run -a studio gui --screenshot gui.png"):
        return 1
    # Qt loads only for the windows.
    from studio.checks import check_show
    from studio.core.clock import SystemClock
    from studio.ui.application import exec_or_screenshot, make_app
    from studio.ui.show_overview import ShowOverviewWindow

    app = make_app()
    window = ShowOverviewWindow(check_show(show), now=SystemClock().now())
    window.resize(1280, 860)
    window.show()
    return exec_or_screenshot(app, window, args.screenshot, "studio gui")


def cmd_avatar_sheet(args: argparse.Namespace) -> int:
    from studio.avatar.pack import load_pack, resolve_pack

    result = load_pack(resolve_pack(args.pack, Path.cwd()))
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.pack is None:
        return 1
    prepare_display("avatar-sheet", Screen.IMAGES)
    from PySide6.QtGui import QGuiApplication

    from studio.avatar.qt_sheet import save_sheet

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts need an application
    try:
        out = save_sheet(result.pack, args.out, args.seed)
    except OSError as exc:
        print(f"studio avatar-sheet: {exc}", file=sys.stderr)
        return 1
    del app
    print(f"wrote {out}")
    return 0


def cmd_demo_path(args: argparse.Namespace) -> int:
    print(demo_show_path())
    return 0


def cmd_console(args: argparse.Namespace) -> int:
    """Open the console window and run until it is closed."""
    if not prepare_display("console", Screen.WINDOW, "Run it from a terminal in your desktop session, "
                                                     "or: xvfb-run -a studio console --screenshot c.png"):
        return 1
    from PySide6.QtCore import QSettings

    from studio.checks import check_show
    from studio.ui.application import exec_or_screenshot, make_app
    from studio.ui.console import i18n
    from studio.ui.console.live_control import live_session_factory
    from studio.ui.console.window import ConsoleWindow

    app = make_app()

    settings = QSettings()
    i18n.install_translators(i18n.effective_language(i18n.chosen_language(settings)))
    path = args.show
    if path is None:
        last = settings.value("console/last_show")
        path = Path(str(last)) if last and Path(str(last)).exists() else demo_show_path()
    result = check_show(path)
    if overwrites_show("console", "--screenshot", args.screenshot, result.root, result.show):
        return 2
    window = ConsoleWindow(result, settings, live_session_factory(audio=not args.no_audio,
                                                                 control=not args.no_control))
    window.show()
    return exec_or_screenshot(app, window, args.screenshot, "studio console", delay_ms=1000)


GUI = Command("gui", _declare_gui, cmd_gui)
AVATAR_SHEET = Command("avatar-sheet", _declare_avatar_sheet, cmd_avatar_sheet)
DEMO_PATH = Command("demo-path", _declare_demo_path, cmd_demo_path)
CONSOLE = Command("console", _declare_console, cmd_console)
COMMANDS = (GUI, AVATAR_SHEET, DEMO_PATH, CONSOLE)
