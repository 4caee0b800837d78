"""`studio comment`: post a test comment to a live show's control server and print its answer.

The show is found in the registry of live shows (`studio.core.live_registry`), so with two
shows on air each comment reaches the one named. Exit codes: 0 the server took the comment
(answered or dropped, as printed), 1 that show is not live (the live ones are listed) or the
server refused it, 2 usage errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
from pathlib import Path

from studio.chat.client import post
from studio.chat.server import read_token, token_path
from studio.cli.command import Command, SubParsers
from studio.core import cliargs
from studio.core.live_registry import find_live, live_pid, live_shows
from studio.core.logs import speaks_utf8


def _declare_comment(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    c = sub.add_parser(name, help="send a viewer comment to the show on air (for testing answers)",
                       description="Post a comment to the running show's control API, as a platform "
                                   "bridge would, and print what the host will do with it (the FAQ rule "
                                   "and answer, or why it was dropped).")
    # Only compared with the show that is live: it need not exist here (`--port` reaches any show).
    c.add_argument("show", type=cliargs.show_folder(must_exist=False), help="the show folder that is live")
    c.add_argument("text", type=cliargs.text(max_length=100_000, what="comment text"),
                   help="the comment, e.g. \"多少钱？\"")
    # Any name, even an empty or hostile one: trying what the host makes of viewers' names is the point.
    c.add_argument("--user", default="tester", help="the viewer's name (default: tester)")
    c.add_argument("--port", type=cliargs.port(), help="the control server's port (default: from the running show)")
    return c


def _not_live(show: Path) -> str:
    """Why `show` cannot be reached, and which shows can."""
    pid = live_pid(show)
    if pid is not None:
        return (f"{show} is live (process {pid}) but takes no comments: it was started with --no-control, "
                f"or its control server could not listen (see its log)")
    others = live_shows()
    if not others:
        return f"no show is live; start one with `studio live {show}`"
    listing = "".join(f"\n  {s.label()}: studio comment {s.show} …" for s in others)
    return f"{show} is not live; live now:{listing}"


def cmd_comment(args: argparse.Namespace) -> int:
    port = args.port
    if port is None:
        show = args.show.parent if args.show.name == "show.toml" else args.show
        try:
            found = find_live(show)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Path.resolve)
            print(f"studio comment: cannot follow {show}: {exc}; give the show folder itself", file=sys.stderr)
            return 2
        if found is None:
            print(f"studio comment: {_not_live(show)}", file=sys.stderr)
            return 1
        port = found.port
    token = read_token()
    if token is None:
        print(f"studio comment: no control token in {token_path()}; is a show live?", file=sys.stderr)
        return 1
    try:
        status, answer = post(port, token, "/comments", {"user": args.user, "text": args.text})
    except ConnectionRefusedError:
        print(f"studio comment: no show is live on port {port} (nothing answers there)", file=sys.stderr)
        return 1
    except (OSError, http.client.HTTPException) as exc:
        print(f"studio comment: cannot reach the show on port {port}: {exc}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"studio comment: the show refused the comment ({status}): {answer.get('error', answer)}",
              file=sys.stderr)
        return 1
    json.dump(answer, sys.stdout, ensure_ascii=not speaks_utf8(sys.stdout), indent=2)
    sys.stdout.write("\n")
    return 0


COMMENT = Command("comment", _declare_comment, cmd_comment)
COMMANDS = (COMMENT,)
