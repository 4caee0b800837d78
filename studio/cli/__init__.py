"""The `studio` command: check and create shows, open the app, put a show on air.

Exit codes: 0 clean (or warnings only), 1 errors in the show or a failed action, 2 usage errors.
Every argument is checked by a `type=` from studio.core.cliargs: a bad value is one line,
`studio CMD: --flag VALUE: what is wrong (what to do)`, and exit 2, before anything starts.
Each module here declares one group of sub-commands (`Command`s); `main` registers them from the
one table below and dispatches by name. Nothing else in studio imports this package: it is the top.
"""

from __future__ import annotations

import argparse
import os
import sys

from studio import __version__
from studio.cli import asrun, chat, console, live, show, speech, stage
from studio.cli.command import Command, register
from studio.core import cliargs
from studio.core.assets import demo_show_path
from studio.core.logs import report_crash, setup_logging, speaks_utf8

# Every sub-command, in the order `studio --help` lists them.
COMMANDS: tuple[Command, ...] = (
    show.CHECK, show.NEW, console.GUI, console.AVATAR_SHEET, console.DEMO_PATH,
    speech.VOICES, speech.SAY, speech.SYNTH, asrun.ASRUN, stage.STAGE, stage.STREAM,
    live.LIVE, live.PREVIEW, live.RENDER, chat.COMMENT, show.IMPORT_CSV, console.CONSOLE,
)


def _parser() -> argparse.ArgumentParser:
    p = cliargs.Parser(
        prog="studio",
        description="studio — a 2D digital-human host for live commerce.",
        epilog="Run `studio COMMAND --help` for a command's options.",
    )
    p.add_argument("--version", action="version", version=f"studio {__version__}")
    p.add_argument("--debug", action="store_true",
                   help="log every detail (DEBUG) to the studio log; INFO otherwise (or set STUDIO_LOG_LEVEL)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    p.set_defaults(handlers=register(sub, COMMANDS))
    return p


def _tolerate_narrow_output() -> None:
    """Output redirected in a legacy code page (cp1252…) cannot encode Chinese: escape, never crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not speaks_utf8(stream):
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    """`studio COMMAND …`: parse, then run the command's handler; its exit code is the process's."""
    _tolerate_narrow_output()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    setup_logging(debug=args.debug)
    try:
        return int(args.handlers[args.command](args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `studio check … | head` closed the pipe: not an error
        # Point stdout at devnull so the interpreter's final flush cannot fail again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a bare traceback; the log keeps it
        print(report_crash(exc), file=sys.stderr)
        return 1


def gui_main() -> int:
    """`studio-gui [SHOW]`: the desktop entry point, the same as `studio gui [SHOW]`."""
    return main(["gui", *sys.argv[1:]])


__all__ = ["COMMANDS", "demo_show_path", "gui_main", "main"]
