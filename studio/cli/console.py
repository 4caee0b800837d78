"""`studio console [SHOW]`: the operator console (edit, preview, go live, as-run).

    studio console [SHOW] [--no-audio] [--no-control] [--screenshot PNG]

Without SHOW it opens the show used last (kept in the settings), else the bundled demo show.
Exit codes as the rest of the CLI: 0 done, 1 the action failed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from studio.core import cliargs

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    """Add the `console` sub-command; returns {name: handler} for the CLI to dispatch."""
    helptext = "the operator console: edit and preview a show, put it on air, follow the as-run log"
    p = sub.add_parser("console", help=helptext, description=helptext[0].upper() + helptext[1:] + ". "
                       "Keys: F5 go live, Space pause/resume, Ctrl+Right skip the line, Ctrl+N next product, "
                       "Ctrl+I interrupt, Shift+F5 stop.")
    p.add_argument("show", type=cliargs.show_folder(), nargs="?",
                   help="the show folder (or its show.toml); default: the last one opened, else the demo show")
    p.add_argument("--no-audio", action="store_true", help="on air without sound (a silent clock runs)")
    p.add_argument("--no-control", action="store_true",
                   help="on air, do not accept comments and remote commands on 127.0.0.1")
    p.add_argument("--screenshot", type=cliargs.output_file([".png"], "a PNG image"), metavar="PNG",
                   help="save a picture of the console and quit")
    return {"console": cmd_console}


def cmd_console(args: argparse.Namespace) -> int:
    """Open the console window and run until it is closed."""
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                       or os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux")
    if not has_display:
        print("studio console: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
              "  Run it from a terminal in your desktop session, or: xvfb-run -a studio console --screenshot c.png",
              file=sys.stderr)
        return 1
    from importlib import resources

    from PySide6.QtCore import QSettings

    from studio.checks import check_show
    from studio.cli.stage import overwrites_show
    from studio.ui.application import exec_or_screenshot, make_app
    from studio.ui.console import i18n
    from studio.ui.console.window import ConsoleWindow, live_session_factory

    app = make_app()

    settings = QSettings()
    i18n.install_translators(i18n.effective_language(i18n.chosen_language(settings)))
    path = args.show
    if path is None:
        last = settings.value("console/last_show")
        demo = Path(str(resources.files("studio") / "assets" / "demo-show"))
        path = Path(str(last)) if last and Path(str(last)).exists() else demo
    result = check_show(path)
    if overwrites_show("console", "--screenshot", args.screenshot, result.root, result.show):
        return 2
    window = ConsoleWindow(result, settings, live_session_factory(audio=not args.no_audio,
                                                                 control=not args.no_control))
    window.show()
    return exec_or_screenshot(app, window, args.screenshot, "studio console", delay_ms=1000)
