"""The `studio` command: check and create shows, open the app.

Exit codes: 0 clean (or warnings only), 1 errors in the show or a failed action, 2 usage errors.
Every argument is checked by a `type=` from studio.core.cliargs: a bad value is one line,
`studio CMD: --flag VALUE: what is wrong (what to do)`, and exit 2, before anything starts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import resources
from pathlib import Path

from studio import __version__
from studio.core import cliargs
from studio.core.logs import report_crash, setup_logging, speaks_utf8
from studio.core.problems import Problem
from studio.cli.chat import register as register_chat_commands
from studio.checks import check_show
from studio.cli.show import register as register_show_commands
from studio.cli.console import register as register_console_commands
from studio.show.loader import LoadResult
from studio.show.starter import StarterError, create_starter
from studio.cli.asrun import register as register_runner_commands
from studio.cli.speech import register as register_speech_commands
from studio.cli.stage import register as register_stage_commands
from studio.cli.live import register as register_live_commands
from studio.cli.live import register_render


def demo_show_path() -> Path:
    """The bundled demo show (a real folder inside the installed package)."""
    return Path(str(resources.files("studio") / "assets" / "demo-show"))


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

    c = sub.add_parser("check", help="check a show folder and list every problem",
                       description="Check a show folder. Prints file:line: error|warning: message (hint). "
                                   "Exit 0 when clean or warnings only, 1 on errors.")
    # A missing or looping folder is a located problem in the report (and in --json), not a usage error.
    c.add_argument("show", type=cliargs.show_folder(must_exist=False), help="the show folder (or its show.toml)")
    c.add_argument("--json", action="store_true", help="print a JSON report for tools")
    c.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    n = sub.add_parser("new", help="create a starter show that passes `studio check`",
                       description="Create a starter show in a new (or empty) folder.")
    n.add_argument("folder", type=cliargs.new_folder)
    n.add_argument("--title", type=cliargs.text(max_length=200, what="show's title"), help="the show's title")
    n.add_argument("--language", type=cliargs.language, default="zh-CN", help="zh-CN (default) or en-US")

    g = sub.add_parser("gui", help="open the app (on the demo show unless a show is given)")
    g.add_argument("show", type=cliargs.show_folder(), nargs="?", help="the show folder (default: the bundled demo)")
    g.add_argument("--screenshot", type=cliargs.output_file([".png"], "a PNG image"), metavar="PNG",
                   help="save a screenshot of the window to PNG and quit (for headless checks)")

    a = sub.add_parser("avatar-sheet", help="render an avatar pack's contact sheet to a PNG",
                       description="Render every mouth shape × expression, the gestures and blinks "
                                   "of an avatar pack into one PNG for review.")
    a.add_argument("pack", nargs="?", default="default", type=cliargs.text(max_length=4096, what="pack name or folder"),
                   help="a bundled pack name or a pack folder")
    a.add_argument("-o", "--out", type=cliargs.output_file([".png"], "a PNG image"), default=Path("avatar_sheet.png"),
                   help="the PNG to write")
    a.add_argument("--seed", type=cliargs.seed, default=1, help="the blinks and gestures drawn (default 1)")

    sub.add_parser("demo-path", help="print where the bundled demo show is")
    p.set_defaults(handlers={**register_speech_commands(sub), **register_runner_commands(sub),
                             **register_stage_commands(sub), **register_live_commands(sub), **register_render(sub),
                             **register_chat_commands(sub), **register_show_commands(sub),
                             **register_console_commands(sub)})
    return p


def _display_file(show_arg: Path, problem: Problem) -> str:
    """The problem's file relative to where the user is, so editors can jump to it."""
    base = show_arg.parent if show_arg.name == "show.toml" else show_arg
    if not problem.file or Path(problem.file).is_absolute() or problem.file in (str(base), str(show_arg)):
        return problem.file
    return (base / problem.file).as_posix()


def _display(show_arg: Path, problem: Problem) -> str:
    return _display_file(show_arg, problem) + problem.format()[len(problem.file):]


def _summary(result: LoadResult) -> str:
    e, w, n = len(result.errors), len(result.warnings), len(result.notes)
    counts = f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"
    if n:  # approved wording, listed so it stays in view
        counts += f", {n} note{'s' * (n != 1)}"
    if result.show is None:
        return f"{result.root}: cannot run — {counts}"
    s = result.show
    return (f"{result.root}: OK — {len(s.products)} products, {len(s.rundowns)} rundowns, "
            f"{len(s.schedule.windows)} schedule windows ({counts})")


def cmd_check(args: argparse.Namespace) -> int:
    result = check_show(args.show)
    if args.json:
        report = {
            "show": str(args.show),
            "ok": result.ok,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "notes": len(result.notes),
            "problems": [
                {**p.to_json(), "path": _display_file(args.show, p)}
                for p in result.problems
            ],
        }
        json.dump(report, sys.stdout, ensure_ascii=not speaks_utf8(sys.stdout), indent=2)
        sys.stdout.write("\n")
    else:
        for p in result.problems:
            if args.quiet and not p.is_error:
                continue
            print(cliargs.one_line(_display(args.show, p)))
        print(cliargs.one_line(_summary(result)), file=sys.stderr)
    return 0 if result.ok else 1


def cmd_new(args: argparse.Namespace) -> int:
    try:
        files = create_starter(args.folder, args.title, args.language)
    except StarterError as exc:
        print(f"studio new: {exc}", file=sys.stderr)
        return 1
    for f in files:
        print(f"created {f.as_posix()}")
    print(f"next: studio check {args.folder.as_posix()}", file=sys.stderr)
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from studio.cli.stage import overwrites_show
    from studio.show.loader import load_show

    show = args.show or demo_show_path()
    if args.screenshot is not None:
        loaded = load_show(show)
        if overwrites_show("gui", "--screenshot", args.screenshot, loaded.root, loaded.show):
            return 2
    from studio.app import run_gui  # Qt loads only for the GUI

    return run_gui(show, screenshot=args.screenshot)


def _tolerate_narrow_output() -> None:
    """Output redirected in a legacy code page (cp1252…) cannot encode Chinese: escape, never crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not speaks_utf8(stream):
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def cmd_avatar_sheet(args: argparse.Namespace) -> int:
    from studio.avatar.pack import load_pack, resolve_pack

    result = load_pack(resolve_pack(args.pack, Path.cwd()))
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    if result.pack is None:
        return 1
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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


def main(argv: list[str] | None = None) -> int:
    _tolerate_narrow_output()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    setup_logging(debug=args.debug)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "new":
            return cmd_new(args)
        if args.command == "gui":
            return cmd_gui(args)
        if args.command == "avatar-sheet":
            return cmd_avatar_sheet(args)
        if args.command in args.handlers:
            return int(args.handlers[args.command](args))
        if args.command == "demo-path":
            print(demo_show_path())
            return 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `studio check … | head` closed the pipe: not an error
        # Point stdout at devnull so the interpreter's final flush cannot fail again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as exc:  # the CLI never shows a bare traceback; the log keeps it
        print(report_crash(exc), file=sys.stderr)
        return 1
    return 2
