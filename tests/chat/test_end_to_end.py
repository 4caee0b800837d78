"""End to end: a comment posted over HTTP mid-line is answered at the next sentence boundary."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from studio.chat.inbox import ANSWERED, ChatEvent, CommentInbox
from studio.chat.moderation import Moderator
from studio.chat.remote import CommandRelay, StatusBoard, playout_commands, playout_status
from studio.chat.server import ControlServer
from studio.core.clock import ManualClock
from studio.core.vocab import PlayoutStatus
from studio.runner.asrun import AIRED, AsRunLog
from studio.runner.planner import FAQ, PITCH, Planner
from studio.runner.playout import Playout
from studio.show.model import Show

from .conftest import TOKEN, request

THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)  # the daytime rundown: tea first


class Owner:
    """What the live session does on its own thread every 250 ms, without Qt."""

    def __init__(self, playout: Playout, inbox: CommentInbox, board: StatusBoard, relay: CommandRelay) -> None:
        self.playout, self.inbox, self.board, self.relay = playout, inbox, board, relay

    def tick(self) -> None:
        p = self.playout
        entry = p.state_at(p.t).entry
        self.inbox.set_on_air(entry.segment.product if entry is not None else None)
        self.relay.run_pending()
        # One answer at a time, and only when none is already waiting to air.
        if not any(s.kind == FAQ for s in p.up_next()):
            self.inbox.pump(lambda product, lines, comment: p.answer(product, lines))
        self.board.update(playout_status(p))


def test_a_comment_is_answered_at_the_next_sentence_boundary(show: Show, moderator: Moderator, tones: Callable,
                                                             tmp_path: Path) -> None:
    playout = Playout(show, Planner(show, seed=1), tones(), THURSDAY_AFTERNOON,
                      asrun=AsRunLog(tmp_path / "asrun"))
    clock = ManualClock(THURSDAY_AFTERNOON)
    events: list[ChatEvent] = []
    inbox = CommentInbox(show, clock=clock, record=events.append, moderator=moderator)
    board = StatusBoard()
    relay = CommandRelay(playout_commands(playout), timeout=5)
    owner = Owner(playout, inbox, board, relay)
    with ControlServer(inbox, board, relay, TOKEN, clock=clock) as server:
        playout.go_live()
        playout.advance(1.0)
        owner.tick()
        current = playout.state_at(playout.t).entry
        assert current is not None and current.segment.product == "tea" and current.segment.kind == PITCH
        assert current.start < playout.t < current.end  # mid-line
        was_next = playout.up_next()[0]

        status = request(server.port, "GET", "/status")
        assert status.status == 200 and status.body["now_playing"]["line"] == current.segment.line_id
        assert status.body["up_next"][0]["line"] == was_next.line_id

        reply = request(server.port, "POST", "/comments", {"user": "小王🎉", "text": "这个茶多少钱？"})
        assert reply.status == 200 and reply.body["outcome"] == "queued" and reply.body["rule"] == "tea/faq1"

        owner.tick()  # the owner's poll hands the answer to the playout
        assert [s.kind for s in playout.up_next()][0] == FAQ
        while playout.state_at(playout.t).entry is current:
            playout.advance(0.05)
            owner.tick()
        answer = playout.state_at(playout.t).entry
        assert answer is not None and answer.segment.kind == FAQ and answer.segment.product == "tea"
        assert answer.segment.line_id == "tea/faq1/1"
        assert answer.segment.text == "小王，明前西湖龙井 250g今天直播间价格是168元，点击下方小黄车 1号链接。"
        # Right at the boundary: the line on air finished whole, its pause ran, then the answer.
        assert abs(answer.start - current.pause_end) < 1e-3
        assert abs((current.end - current.start) - current.utterance.duration) < 1e-3
        # Then the rundown resumes where it was.
        while playout.state_at(playout.t).entry is answer:
            playout.advance(0.05)
        after = playout.state_at(playout.t).entry
        assert after is not None and after.segment.line_id == was_next.line_id

    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    faq = [r for r in records if r.kind == FAQ]
    assert len(faq) == 1 and faq[0].outcome == AIRED and faq[0].text.startswith("小王，")
    assert [(e.outcome, e.rule, e.user) for e in events] == [(ANSWERED, "tea/faq1", "小王")]


def test_remote_commands_reach_the_playout_on_the_owners_thread(show: Show, moderator: Moderator,
                                                                tones: Callable) -> None:
    playout = Playout(show, Planner(show, seed=1), tones(), THURSDAY_AFTERNOON)
    inbox = CommentInbox(show, moderator=moderator)
    board = StatusBoard()
    relay = CommandRelay(playout_commands(playout), timeout=5)
    owner = Owner(playout, inbox, board, relay)
    with ControlServer(inbox, board, relay, TOKEN) as server:
        playout.go_live()
        playout.advance(1.0)
        owner.tick()
        replies: list[Any] = []

        def press(body: dict[str, Any]) -> None:
            """A Stream Deck button, on another thread, while the owner keeps ticking."""
            t = threading.Thread(target=lambda: replies.append(request(server.port, "POST", "/commands", body)))
            t.start()
            while t.is_alive():
                owner.tick()
                t.join(0.01)

        press({"command": "next_product"})
        assert replies[-1].status == 200
        assert replies[-1].body == {"ok": True, "command": "next_product", "status": "on_air"}
        playout.advance(0.1)
        owner.tick()
        assert playout.state_at(playout.t).entry.segment.product == "thermos"
        press({"command": "interrupt", "product": "serum"})
        assert replies[-1].status == 200
        assert playout.up_next()[0].product == "serum" and playout.up_next()[0].first_of_product
        press({"command": "pause"})
        assert playout.status is PlayoutStatus.ON_AIR  # a pause waits for the end of the line
        assert request(server.port, "GET", "/status").body["health"]["skipped"] == 1
