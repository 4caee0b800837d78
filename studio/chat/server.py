"""The control server: a loopback-only HTTP API for comments, status and remote-control commands.

Platform bridges post comments, `studio comment` posts test comments, and remote panels (a Stream
Deck) read the status and send commands. Every request must pass, in this order:

1. Host is exactly `127.0.0.1:PORT` or `localhost:PORT` — a web page that rebinds its own domain
   name to 127.0.0.1 (DNS rebinding) still sends its own name as Host, so it is refused (403);
2. no `Origin` header (browsers add it to cross-origin and POST requests; bridges and curl do
   not) and no cross-site `Sec-Fetch-Site` — anything from a web page is refused (403);
3. `Authorization: Bearer TOKEN`, compared in constant time (401);
4. rate limits: requests per class (operator / comments), all comments, comments per user (429
   with Retry-After);
5. for POST: `Content-Type: application/json`, a `Content-Length` of at most 4096 bytes (411,
   413 — the body is never read when too long), a UTF-8 JSON object (400).

Errors are JSON `{"ok": false, "error": "..."}`; a bug answers 500 with no traceback (the log has it).

Nobody can starve it (docs/chat.md, "Limits"). One thread reads every connection without
blocking, so a half-open connection costs a socket, not a thread; the whole request (line,
headers, body) must arrive within a deadline (5 s) of connecting. Connections are capped in total
and per client address; when full, the oldest connection still sending its request is closed to
make room, so a request that arrives whole (as an operator's does) always gets in. Checks 1-4 and
the length run on that thread, so refused requests never reach a worker; complete requests go to
workers with separate budgets for comments and for the operator's `/status` and `/commands`.
Refusals are summed up in the log once a minute rather than one line each.

`status()` and `commands()` are called on the worker threads: the owner must not touch Qt or the
playout from them, but hand over (see `studio.chat.remote`).
"""

from __future__ import annotations

import collections
import hmac
import http.client
import io
import json
import logging
import queue
import re
import secrets
import selectors
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from pathlib import Path
from typing import Any

from studio.chat.inbox import CommentInbox
from studio.compliance.normalize import fold
from studio.core.atomic import create_atomic
from studio.core.clock import Clock, SystemClock
from studio.core.dirs import state_dir
from studio.core.logs import private_dir, write_private

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_BODY = 4096
MAX_HEAD = 16 * 1024  # request line and headers together
COMMANDS = ("skip", "next_product", "interrupt", "pause", "resume")
ROUTES = {"/status": "GET", "/comments": "POST", "/commands": "POST"}
TOKEN_FILE = "control-token"
CONTROL, COMMENTS = "control", "comments"  # the two budgets: the operator's requests and viewers' comments
SUMMARY_SECONDS = 60.0  # refusals are logged once per this period
LINGER_SECONDS = 2.0  # after answering, how long unread input is drained before closing
SWEEP_SECONDS = 0.1  # how often deadlines are checked (so they hold to a tenth of a second)
_HTTP_VERSION = re.compile(r"HTTP/1\.[01]")
_METHOD = re.compile(r"[A-Z]{1,16}")


class CommandRejected(Exception):
    """Raised by a `commands` callback when a command cannot be carried out (answered 409)."""


class ApiError(Exception):
    """An error answer: HTTP status, a message for people, extra headers, and a kind for the log."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None, kind: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.kind = kind or _phrase(status).lower()


class RateLimiter:
    """At most `limit` events per `window` seconds for each key (a sliding window)."""

    def __init__(self, limit: int, window: float, clock: Clock, max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._seen: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str = "") -> float:
        """0.0 when allowed (and counted), else the seconds until the next event would be."""
        now = self.clock.monotonic()
        with self._lock:
            stamps = self._seen.get(key)
            if stamps is None:
                if len(self._seen) >= self.max_keys:
                    self._forget(now)
                stamps = self._seen[key] = collections.deque()
            while stamps and now - stamps[0] >= self.window:
                stamps.popleft()
            if len(stamps) >= self.limit:
                return max(0.001, self.window - (now - stamps[0]))
            stamps.append(now)
            return 0.0

    def _forget(self, now: float) -> None:
        """Drop keys whose window ran out; if a flood of names is still too many, the oldest."""
        for k in [k for k, d in self._seen.items() if not d or now - d[-1] >= self.window]:
            del self._seen[k]
        while len(self._seen) >= self.max_keys:
            del self._seen[next(iter(self._seen))]


class RateLimits:
    """The server's limits: (events, seconds) for requests of each class, all comments, comments per user.

    `requests` is counted separately for comments and for the operator's /status and /commands,
    so a bridge that floods comments never uses up the operator's budget.
    """

    def __init__(self, requests: tuple[int, float] = (100, 10.0), comments: tuple[int, float] = (50, 10.0),
                 per_user: tuple[int, float] = (5, 10.0)) -> None:
        self.requests = requests
        self.comments = comments
        self.per_user = per_user


@dataclass(frozen=True)
class ConnectionLimits:
    """Connections at once (in total and per client address), the request deadline, the worker budgets."""

    total: int = 256
    per_address: int = 64
    deadline: float = 5.0  # seconds from connecting until the whole request (line, headers, body) is in
    control_workers: int = 4  # /status and /commands (a command may wait up to 2 s for the show)
    comment_workers: int = 2
    waiting: int = 16  # complete requests that may wait for a worker of their class; more get 503


# ---- the token ----

def token_path() -> Path:
    """Where the control token lives: the user's state folder (never the show folder)."""
    return state_dir() / TOKEN_FILE


def read_token(path: Path | None = None) -> str | None:
    """The stored token, or None when there is none (or it is unreadable)."""
    path = path or token_path()
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return token if len(token) >= 32 and token.isascii() and token.isprintable() else None


def ensure_token(path: Path | None = None) -> tuple[str, Path]:
    """The control token (created on first use, 0600) and where it is: panels keep working across runs."""
    path = path or token_path()
    token = read_token(path)
    if token is None:
        token = _new_token(path)
    elif sys.platform != "win32" and path.stat().st_mode & 0o077:
        path.chmod(0o600)  # someone widened it: others on this machine must not read it
    return token, path


def _new_token(path: Path) -> str:
    """A new token in `path`; when another studio process makes one at the same moment, theirs.

    Two shows going live together must end up with one token, the one in the file, or the
    `studio comment` client would be refused by the show whose token was replaced.
    """
    token = secrets.token_urlsafe(32)
    private_dir(path.parent)
    if not create_atomic(path, token + "\n", private=True):
        theirs = read_token(path)
        if theirs is not None:
            return theirs
        write_private(path, token + "\n")  # a damaged token file: replaced
    log.info("control API: created a new token in %s", path)
    return token


# ---- the log of refusals ----

class RefusalLog:
    """Counts refused requests and closed connections; logs the first, then one summary per period.

    A flood of bad requests must not fill the disk: whatever comes in, at most two lines a period.
    """

    def __init__(self, clock: Clock, period: float = SUMMARY_SECONDS) -> None:
        self.clock = clock
        self.period = period
        self._counts: collections.Counter[str] = collections.Counter()
        self._addresses: collections.Counter[str] = collections.Counter()
        self._last: float | None = None

    def note(self, what: str, address: str) -> None:
        now = self.clock.monotonic()
        if not self._counts and (self._last is None or now - self._last >= self.period):
            self._last = now
            log.warning("control API: refused a request from %s: %s (more refusals are summed up "
                        "once every %g s)", address, what, self.period)
            return
        self._counts[what] += 1
        self._addresses[address] += 1

    def flush(self, force: bool = False) -> None:
        """Write the summary when the period is over (or now, when closing)."""
        if not self._counts:
            return
        now = self.clock.monotonic()
        if not force and self._last is not None and now - self._last < self.period:
            return
        total = sum(self._counts.values())
        parts = ", ".join(f"{n} × {what}" for what, n in self._counts.most_common())
        senders = [a for a, _ in self._addresses.most_common(5)]
        more = len(self._addresses) - len(senders)
        log.warning("control API: refused %d more request%s since the last report: %s (from %s%s)", total,
                    "s" * (total != 1), parts, ", ".join(senders), f" and {more} more" if more > 0 else "")
        self._counts.clear()
        self._addresses.clear()
        self._last = now


# ---- connections (the reactor thread owns them) ----

READING, WORKING, WRITING, LINGERING, CLOSED = range(5)


class _Conn:
    """One client connection and the request it is sending."""

    __slots__ = ("sock", "address", "deadline", "buf", "state", "method", "path", "route", "version",
                 "headers", "need", "out")

    def __init__(self, sock: socket.socket, address: str, deadline: float) -> None:
        self.sock = sock
        self.address = address
        self.deadline = deadline
        self.buf = bytearray()
        self.state = READING
        self.method = self.path = self.route = self.version = ""
        self.headers: Message | None = None
        self.need = 0  # body bytes expected
        self.out = b""


@dataclass(frozen=True)
class _Job:
    """A complete, admitted request for a worker."""

    conn: _Conn
    route: str
    headers: Message
    body: bytes
    length: int


class _Workers:
    """A fixed number of threads and a bounded queue: the budget of one class of requests."""

    def __init__(self, name: str, count: int, waiting: int, run: Callable[[_Job], None]) -> None:
        self._queue: queue.Queue[_Job | None] = queue.Queue(maxsize=max(1, waiting))
        self._run = run
        self._stopping = False
        self._threads = [threading.Thread(target=self._work, name=f"studio-control-{name}-{i}", daemon=True)
                         for i in range(max(1, count))]

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def offer(self, job: _Job) -> bool:
        """Queue a job; False when the budget is used up (all workers busy, the queue full)."""
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            return False
        return True

    def stop(self, time_left: Callable[[], float]) -> None:
        self._stopping = True
        for _ in self._threads:
            try:
                self._queue.put_nowait(None)
            except queue.Full:
                break  # the workers see _stopping within their next wait
        for t in self._threads:
            t.join(timeout=time_left())

    def _work(self) -> None:
        while not self._stopping:
            try:
                job = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            if job is None:
                return
            self._run(job)


class _Reactor:
    """One thread that accepts, reads and writes every connection without blocking."""

    def __init__(self, control: ControlServer, port: int, limits: ConnectionLimits, clock: Clock) -> None:
        self.control = control
        self.limits = limits
        self.steady = SystemClock()  # deadlines are about real sockets: always real time
        self.refusals = RefusalLog(clock)
        # Binds now, so the port is known at once. On Windows SO_REUSEADDR would let another
        # program bind the same port and take our requests: create_server sets it on POSIX only.
        self.listener = socket.create_server((HOST, port), backlog=128)
        self.listener.setblocking(False)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.listener, selectors.EVENT_READ, None)
        self._selector.register(self._wake_r, selectors.EVENT_READ, self._wake_r)
        self._accept_paused_until = 0.0
        self._next_sweep = 0.0
        self._conns: set[_Conn] = set()
        self._reading: dict[_Conn, None] = {}  # in arrival order: the oldest is the first to make room
        self._lingering: dict[_Conn, None] = {}  # answered, draining what the client still sends
        self._per_address: collections.Counter[str] = collections.Counter()
        self._finished: collections.deque[tuple[_Conn, int, str, bytes]] = collections.deque()
        self._stopping = False
        self._pools = {
            CONTROL: _Workers(CONTROL, limits.control_workers, limits.waiting, self._answer),
            COMMENTS: _Workers(COMMENTS, limits.comment_workers, limits.waiting, self._answer),
        }
        self._thread: threading.Thread | None = None

    # ---- life cycle (owner's thread) ----

    def start(self) -> None:
        for pool in self._pools.values():
            pool.start()
        self._thread = threading.Thread(target=self._run, name="studio-control", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        if self._thread is not None:
            self._wake()
            self._thread.join(timeout=5)
            self._thread = None
            end = self.steady.monotonic() + 3.0  # a worker stuck in a callback is a daemon: let it be
            for pool in self._pools.values():
                pool.stop(lambda: max(0.0, end - self.steady.monotonic()))
        else:
            self._shut()

    def _wake(self) -> None:
        try:
            self._wake_w.send(b"\0")
        except OSError:
            pass  # full (the reactor is already awake) or closed (it stopped)

    # ---- the loop ----

    def _run(self) -> None:
        try:
            while not self._stopping:
                events = self._selector.select(self._timeout())
                now = self.steady.monotonic()
                for key, mask in events:
                    if key.data is None:
                        self._accept(now)
                    elif key.data is self._wake_r:
                        self._drain_wake()
                    else:
                        self._io(key.data, mask, now)
                self._deliver(now)
                now = self.steady.monotonic()
                if now >= self._next_sweep:  # not after every event: a flood must not pay O(connections) each
                    self._next_sweep = now + SWEEP_SECONDS
                    self._expire(now)
                    self.refusals.flush()
        except Exception:  # a bug here must not pass silently: the show goes on, the API is off
            log.exception("control API: the connection loop failed; comments and remote control are off")
        finally:
            self._shut()

    def _timeout(self) -> float:
        return max(0.0, min(SWEEP_SECONDS, self._next_sweep - self.steady.monotonic()))

    def _shut(self) -> None:
        for conn in list(self._conns):
            self._close(conn)
        for sock in (self.listener, self._wake_r, self._wake_w):
            sock.close()
        self._selector.close()
        self.refusals.flush(force=True)

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(4096):
                pass
        except OSError:
            pass

    # ---- accepting ----

    def _accept(self, now: float) -> None:
        for _ in range(64):  # then let the others have a turn
            try:
                sock, peer = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # out of file descriptors: wait a moment rather than spin
                self.refusals.note(f"connection not accepted ({exc.strerror or exc})", "?")
                self._selector.unregister(self.listener)
                self._accept_paused_until = now + 0.1
                return
            address = str(peer[0])
            if not self._make_room(address):
                self.refusals.note("connection refused: every slot is being answered", address)
                sock.close()
                continue
            sock.setblocking(False)
            conn = _Conn(sock, address, now + self.limits.deadline)
            self._conns.add(conn)
            self._reading[conn] = None
            self._per_address[address] += 1
            self._selector.register(sock, selectors.EVENT_READ, conn)
            self._read(conn)  # a well-behaved client sent its request with the connection

    def _make_room(self, address: str) -> bool:
        """Below both caps, or made so by closing a connection that is done (answered, the client
        not yet gone) or else the oldest one still sending its request.

        The oldest goes first: a request that arrives whole (as an operator's does, within a
        millisecond on loopback) is never the oldest, while a client holding a slot open is.
        """
        if self._per_address[address] >= self.limits.per_address and not self._evict_oldest(address):
            return False
        return len(self._conns) < self.limits.total or self._evict_oldest(None)

    def _evict_oldest(self, address: str | None) -> bool:
        def mine(c: _Conn) -> bool:
            return address is None or c.address == address

        done = next((c for c in self._lingering if mine(c)), None)
        if done is not None:
            self._close(done)
            return True
        victim = next((c for c in self._reading if mine(c)), None)
        if victim is None:
            return False  # every slot holds a request being answered: the newcomer waits its turn
        self._evict(victim)
        return True

    def _evict(self, conn: _Conn) -> None:
        self.refusals.note("connection closed to make room (too many connections)", conn.address)
        self._say_and_close(conn, 503, "too many connections: this one was the slowest to send its request")

    # ---- reading a request ----

    def _io(self, conn: _Conn, mask: int, now: float) -> None:
        if conn.state == READING and mask & selectors.EVENT_READ:
            self._read(conn)
        elif conn.state == WRITING and mask & selectors.EVENT_WRITE:
            self._write(conn, now)
        elif conn.state == LINGERING:
            self._linger(conn)

    def _read(self, conn: _Conn) -> None:
        try:
            data = conn.sock.recv(MAX_HEAD + MAX_BODY)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(conn)
            return
        if not data:
            if conn.headers is not None:
                self._dispatch(conn)  # the client ended its body early: the answer says it is short
            else:
                self._close(conn)
            return
        conn.buf += data
        if conn.headers is None:
            if not conn.buf.strip(b"\r\n"):
                conn.buf.clear()  # blank lines before a request are allowed (RFC 9112, 2.2)
                return
            try:
                if not self._head(conn):
                    return
            except ApiError as exc:
                self._refuse(conn, exc)
                return
            except Exception:  # a bug in a check: answer 500, keep serving the others
                log.exception("control API: checking a request from %s failed", conn.address)
                self._refuse(conn, ApiError(500, "internal error (details in the studio log)"))
                return
        if len(conn.buf) >= conn.need:
            self._dispatch(conn)

    def _head(self, conn: _Conn) -> bool:
        """Parse and check the request line and headers once they are in; False while incomplete."""
        del conn.buf[:len(conn.buf) - len(conn.buf.lstrip(b"\r\n"))]
        ends = [(i, n) for i, n in ((conn.buf.find(b"\r\n\r\n"), 4), (conn.buf.find(b"\n\n"), 2)) if i >= 0]
        if not ends:
            if len(conn.buf) > MAX_HEAD:
                raise ApiError(431, f"the request line and headers are larger than {MAX_HEAD} bytes",
                               kind="headers too large")
            return False
        end, sep = min(ends)
        if end > MAX_HEAD:
            raise ApiError(431, f"the request line and headers are larger than {MAX_HEAD} bytes",
                           kind="headers too large")
        head = bytes(conn.buf[:end])
        del conn.buf[:end + sep]
        conn.method, conn.path, conn.version, conn.headers = _parse_head(head)
        conn.route = self.control.admit(conn.method, conn.path, conn.headers)
        conn.need = self.control.body_length(conn.route, conn.headers)
        if conn.need and conn.version == "HTTP/1.1" and \
                (conn.headers.get("Expect") or "").strip().lower() == "100-continue":
            try:
                conn.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")  # curl waits a second for it otherwise
            except OSError:
                pass
        return True

    def _dispatch(self, conn: _Conn) -> None:
        """Hand a complete (or ended) request to its class's workers; 503 when that budget is used up."""
        assert conn.headers is not None
        self._reading.pop(conn, None)
        self._unwatch(conn)
        conn.state = WORKING
        body, conn.buf = bytes(conn.buf[:conn.need]), bytearray()
        kind = COMMENTS if conn.route == "/comments" else CONTROL
        if not self._pools[kind].offer(_Job(conn, conn.route, conn.headers, body, conn.need)):
            busy = "comments" if kind == COMMENTS else "operator requests"
            self._refuse(conn, ApiError(503, f"too many {busy} at once; try again in 1 s", {"Retry-After": "1"},
                                        kind=f"busy ({busy})"))

    # ---- answering ----

    def _answer(self, job: _Job) -> None:
        """On a worker: run the request and hand the answer back to the reactor."""
        kind = ""
        try:
            status, body, headers = self.control.answer(job.route, job.headers, job.body, job.length)
        except ApiError as exc:
            status, body, headers, kind = exc.status, {"ok": False, "error": exc.message}, exc.headers, exc.kind
        except Exception:
            log.exception("control API: %s %s failed", job.conn.method, job.route)
            status, body, headers = 500, {"ok": False, "error": "internal error (details in the studio log)"}, {}
        self._finished.append((job.conn, status, kind, _response(status, body, headers)))
        self._wake()

    def _deliver(self, now: float) -> None:
        while self._finished:
            conn, status, kind, data = self._finished.popleft()
            if conn.state == WORKING:  # else closed meanwhile: the server is stopping
                self._note(conn, status, kind)
                self._send(conn, data, now)

    def _refuse(self, conn: _Conn, exc: ApiError) -> None:
        """Answer an error from the reactor itself: the request never reaches a worker."""
        self._reading.pop(conn, None)
        self._note(conn, exc.status, exc.kind)
        self._send(conn, _response(exc.status, {"ok": False, "error": exc.message}, exc.headers),
                   self.steady.monotonic())

    def _note(self, conn: _Conn, status: int, kind: str) -> None:
        log.debug("control API %s: %s %s %d", conn.address, conn.method or "-", conn.path[:80] or "-", status)
        if 400 <= status < 500 or status == 503:
            self.refusals.note(f"{status} {kind or _phrase(status).lower()}", conn.address)

    def _send(self, conn: _Conn, data: bytes, now: float) -> None:
        if conn.method == "HEAD":
            data = data[:data.index(b"\r\n\r\n") + 4]
        conn.out = data
        conn.state = WRITING
        conn.deadline = now + self.limits.deadline  # a client that does not read its answer is let go
        self._watch(conn, selectors.EVENT_WRITE)
        self._write(conn, now)

    def _write(self, conn: _Conn, now: float) -> None:
        try:
            sent = conn.sock.send(conn.out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(conn)
            return
        conn.out = conn.out[sent:]
        if conn.out:
            return
        # All sent: stop writing, then read and drop what the client still sends (a body we did
        # not read), so that closing does not reset the connection before the answer is read.
        try:
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            self._close(conn)
            return
        conn.state = LINGERING
        conn.deadline = now + LINGER_SECONDS
        self._lingering[conn] = None
        self._watch(conn, selectors.EVENT_READ)

    def _linger(self, conn: _Conn) -> None:
        try:
            if conn.sock.recv(65536):
                return
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            pass
        self._close(conn)

    def _say_and_close(self, conn: _Conn, status: int, message: str) -> None:
        """One try at telling a client why, then close: for clients that are slow on purpose."""
        try:
            conn.sock.send(_response(status, {"ok": False, "error": message}, {}))
        except OSError:
            pass
        self._close(conn)

    def _expire(self, now: float) -> None:
        if self._accept_paused_until and now >= self._accept_paused_until:
            self._accept_paused_until = 0.0
            self._selector.register(self.listener, selectors.EVENT_READ, None)
        for conn in [c for c in self._conns if c.state != WORKING and c.deadline <= now]:
            if conn.state == READING:
                self.refusals.note(f"408 request not complete within {self.limits.deadline:g} s", conn.address)
                self._say_and_close(conn, 408, f"the request did not arrive within {self.limits.deadline:g} s")
            else:
                self._close(conn)

    def _watch(self, conn: _Conn, events: int) -> None:
        try:
            self._selector.modify(conn.sock, events, conn)
        except KeyError:
            self._selector.register(conn.sock, events, conn)

    def _unwatch(self, conn: _Conn) -> None:
        try:
            self._selector.unregister(conn.sock)
        except (KeyError, ValueError):
            pass

    def _close(self, conn: _Conn) -> None:
        if conn.state == CLOSED:
            return
        self._unwatch(conn)
        conn.state = CLOSED
        conn.sock.close()
        self._conns.discard(conn)
        self._reading.pop(conn, None)
        self._lingering.pop(conn, None)
        self._per_address[conn.address] -= 1
        if self._per_address[conn.address] <= 0:
            del self._per_address[conn.address]


# ---- the server ----

class ControlServer:
    """The loopback HTTP API over a `CommentInbox`, a status callback and a commands callback.

    `status()` returns a JSON-able dict; `commands(name, args)` carries out "skip",
    "next_product", "interrupt" (args["product"]), "pause" or "resume" and returns a dict, or
    raises `CommandRejected`. Both are called on the server's worker threads: marshal to your own
    (`studio.chat.remote.CommandRelay` and `StatusBoard` do that).
    """

    def __init__(self, inbox: CommentInbox, status: Callable[[], dict[str, Any]],
                 commands: Callable[[str, dict[str, Any]], dict[str, Any]], token: str, port: int = 0,
                 *, clock: Clock | None = None, limits: RateLimits | None = None,
                 connections: ConnectionLimits | None = None) -> None:
        if len(token) < 16:
            raise ValueError("the control token is too short (use ensure_token())")
        self.inbox = inbox
        self.status = status
        self.commands = commands
        self._token = token.encode("utf-8")
        clock = clock or SystemClock()
        limits = limits or RateLimits()
        self._requests = {kind: RateLimiter(*limits.requests, clock) for kind in (CONTROL, COMMENTS)}
        self._comments = RateLimiter(*limits.comments, clock)
        self._per_user = RateLimiter(*limits.per_user, clock)
        self.connections = connections or ConnectionLimits()
        self._reactor = _Reactor(self, port, self.connections, clock)
        self._started = False
        self.address: tuple[str, int] = self._reactor.listener.getsockname()[:2]
        self.port: int = self.address[1]
        self._hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def open_connections(self) -> int:
        """Connections the server holds now (reading, being answered or closing)."""
        reactor = self._reactor
        return len(reactor._conns) if reactor is not None else 0

    def start(self) -> ControlServer:
        """Serve on a background thread (and the worker threads)."""
        if not self._started:
            self._started = True
            self._reactor.start()
            log.info("control API listening on %s", self.url)
        return self

    def close(self) -> None:
        """Stop serving and free the port."""
        if self._reactor is not None:
            self._reactor.stop()
            self._reactor = None  # type: ignore[assignment]

    def __enter__(self) -> ControlServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the checks that need no body (on the reactor thread: cheap, never blocking) ----

    def admit(self, method: str, target: str, headers: Message) -> str:
        """Check who asks and for what; the route, or ApiError. Counts the request against its budget."""
        self._check_caller(headers)
        route = target.split("?", 1)[0]
        wait = self._requests[COMMENTS if route == "/comments" else CONTROL].allow()
        if wait:
            raise _too_many("too many requests", wait)
        allowed = ROUTES.get(route)
        if allowed is None:
            raise ApiError(404, f"no such endpoint {route[:60]!r}; use /status, /comments or /commands")
        if method != allowed:
            raise ApiError(405, f"{route} takes {allowed}", {"Allow": allowed})
        return route

    def body_length(self, route: str, headers: Message) -> int:
        """How many body bytes to wait for, after checking the type and length (413 before reading)."""
        if ROUTES[route] != "POST":
            return 0
        ctype = (headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if ctype != "application/json":
            raise ApiError(415, "send JSON with 'Content-Type: application/json'")
        if headers.get("Transfer-Encoding") is not None:
            raise ApiError(411, "send a Content-Length, not a chunked body")
        given = headers.get_all("Content-Length") or []
        if not given:
            raise ApiError(411, "a Content-Length header is required")
        if len(given) > 1:
            raise ApiError(400, "send one Content-Length header")
        try:
            length = int(given[0].strip())
        except ValueError:
            raise ApiError(400, "Content-Length is not a number") from None
        if length < 0:
            raise ApiError(400, "Content-Length is negative")
        if length > MAX_BODY:
            raise ApiError(413, f"the body is {length} bytes; at most {MAX_BODY}")
        return length

    def _check_caller(self, headers: Message) -> None:
        host = (headers.get("Host") or "").strip().lower()
        if host not in self._hosts or len(headers.get_all("Host") or ()) != 1:
            raise ApiError(403, f"Host must be {HOST}:{self.port} (this server answers local programs only)",
                           kind="wrong Host")
        if headers.get("Origin") is not None:
            raise ApiError(403, "requests from web pages are refused (Origin header present)",
                           kind="from a web page (Origin)")
        if (headers.get("Sec-Fetch-Site") or "none").lower() != "none":
            raise ApiError(403, "requests from web pages are refused (Sec-Fetch-Site)",
                           kind="from a web page (Sec-Fetch-Site)")
        auth = headers.get("Authorization") or ""
        scheme, _, given = auth.partition(" ")
        ok = hmac.compare_digest(given.strip().encode("utf-8", "replace"), self._token)
        if scheme.lower() != "bearer" or not ok:
            what = "missing" if not auth else "wrong"
            raise ApiError(401, f"{what} token: send 'Authorization: Bearer <token>' (the token is in "
                                f"{token_path()})", {"WWW-Authenticate": 'Bearer realm="studio"'},
                           kind=f"{what} token")

    # ---- the answer (on a worker of the request's class) ----

    def answer(self, route: str, headers: Message, body: bytes, length: int) -> tuple[int, dict[str, Any], dict[str, str]]:
        """Answer an admitted request: (status, JSON body, extra headers). Raises ApiError."""
        if route == "/status":
            return 200, {"ok": True, **self.status(), "chat": self.inbox.stats()}, {}
        data = _parse_json(body, length)
        if route == "/comments":
            return 200, self._comment(data), {}
        return 200, self._command(data), {}

    def _comment(self, data: dict[str, Any]) -> dict[str, Any]:
        user, text = data.get("user", ""), data.get("text")
        if not isinstance(user, str) or not isinstance(text, str):
            raise ApiError(400, 'a comment is {"user": "name", "text": "the comment"} with text values')
        if not text.strip():
            raise ApiError(400, "the comment text is empty")
        wait = self._per_user.allow(fold(user[:64]) or "?")
        if wait:
            raise _too_many("too many comments from this user", wait)
        wait = self._comments.allow()
        if wait:
            raise _too_many("too many comments", wait)
        receipt = self.inbox.submit(user, text)
        return {"ok": True, **receipt.to_json()}

    def _command(self, data: dict[str, Any]) -> dict[str, Any]:
        command = data.get("command")
        if command not in COMMANDS:
            raise ApiError(400, f"unknown command {str(command)[:40]!r}; one of: {', '.join(COMMANDS)}")
        args: dict[str, Any] = {}
        if command == "interrupt":
            product = data.get("product")
            known = [p.id for p in self.inbox.show.products]
            if not isinstance(product, str) or not product:
                raise ApiError(400, 'interrupt needs "product": a product id')
            if product not in known:
                raise ApiError(404, f"no product {product[:40]!r}; known: {', '.join(known)}")
            args["product"] = product
        try:
            result = self.commands(command, args)
        except CommandRejected as exc:
            raise ApiError(409, str(exc)) from None
        return {"ok": True, "command": command, **(result or {})}


def _too_many(message: str, wait: float) -> ApiError:
    seconds = max(1, int(wait + 0.999))
    return ApiError(429, f"{message}; try again in {seconds} s", {"Retry-After": str(seconds)}, kind=message)


def _parse_head(head: bytes) -> tuple[str, str, str, Message]:
    """(method, target, version, headers) of a request head, or ApiError 400/431."""
    line, _, rest = head.partition(b"\n")
    words = line.rstrip(b"\r").decode("latin-1").split()
    if len(words) != 3:
        raise ApiError(400, f"bad request line {line[:60].decode('latin-1')!r}", kind="malformed request")
    method, target, version = words
    if not _HTTP_VERSION.fullmatch(version):
        raise ApiError(400, f"bad HTTP version {version[:20]!r}", kind="malformed request")
    if not _METHOD.fullmatch(method):
        raise ApiError(400, f"bad method {method[:20]!r}", kind="malformed request")
    try:
        headers = http.client.parse_headers(io.BytesIO(rest))
    except http.client.HTTPException:
        raise ApiError(431, "too many headers (at most 100)", kind="headers too large") from None
    return method, target, version, headers


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _response(status: int, body: dict[str, Any], headers: dict[str, str]) -> bytes:
    """The whole HTTP answer, JSON, closing the connection."""
    data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")  # a datetime in a status
    lines = [f"HTTP/1.0 {status} {_phrase(status)}", "Server: studio-control",
             "Content-Type: application/json; charset=utf-8", f"Content-Length: {len(data)}",
             "Cache-Control: no-store", "X-Content-Type-Options: nosniff",
             *(f"{k}: {v}" for k, v in headers.items()), "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + data


def _parse_json(payload: bytes, length: int) -> dict[str, Any]:
    """The request body as a JSON object."""
    if len(payload) != length:
        raise ApiError(400, "the body is shorter than its Content-Length")
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "the body is not valid UTF-8 JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object")
    return data


__all__ = [
    "COMMANDS", "MAX_BODY", "ApiError", "CommandRejected", "ConnectionLimits", "ControlServer", "RateLimiter",
    "RateLimits", "RefusalLog", "ensure_token", "read_token", "token_path",
]
