"""Playout with a manual clock: gapless lines with real speech, commands at sentence boundaries,
compliance in the loop, the as-run log, and a simulated day."""

from __future__ import annotations

import resource
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from studio.core.vocab import PlayoutStatus
from studio.runner.asrun import AIRED, BLOCKED, FAILED, SKIPPED, AsRunLog
from studio.runner.planner import ONE_OFF, Planner
from studio.runner.playout import Playout


THURSDAY_AFTERNOON = datetime(2026, 11, 26, 14, 0)
RATE = 22_050


def make_playout(show, source, tmp_path: Path | None = None, check=None, live=True, seed=1,
                 offline=False) -> Playout:
    return Playout(show, Planner(show, seed=seed), source, THURSDAY_AFTERNOON, check_line=check,
                   asrun=AsRunLog(tmp_path / "asrun") if tmp_path else None, live=live, offline=offline)


def run_until_first_audio(p: Playout, limit: float = 10.0) -> np.ndarray:
    chunks = []
    while p.stats.first_audio_at is None and p.t < limit:
        chunks.append(p.pull(441))
    return np.concatenate(chunks) if chunks else np.zeros(0, np.int16)


def silences(audio: np.ndarray, rate: int = RATE, floor: int = 200, min_len: float = 0.1) -> list[tuple[float, float]]:
    """(start, length) of silent stretches longer than min_len, in seconds."""
    win = rate // 100
    loud = np.array([np.abs(audio[i : i + win]).max() > floor for i in range(0, len(audio) - win, win)])
    out, start = [], None
    for i, is_loud in enumerate(loud):
        if not is_loud and start is None:
            start = i
        if is_loud and start is not None:
            if (i - start) / 100 >= min_len:
                out.append((start / 100, (i - start) / 100))
            start = None
    return out


def test_lines_follow_each_other_with_only_the_scripted_pauses(demo_show, lookahead, tmp_path) -> None:
    # Offline, as `studio render` runs: program time is not wall time, so speech is waited for.
    p = make_playout(demo_show, lookahead, tmp_path, offline=True)
    p.go_live()
    lead = run_until_first_audio(p)
    assert p.stats.first_audio_at == 0.0 and len(lead) == 441
    audio = np.concatenate([p.pull(2205) for _ in range(600)])  # 60 s of program
    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    assert len(records) >= 4 and all(r.outcome == AIRED for r in records)
    # As-run is contiguous: each line starts when the previous line and its pause end.
    for prev, nxt in zip(records, records[1:], strict=False):
        product = demo_show.product(prev.product)
        line = next(line for line in product.pitch if line.id == prev.line_id)
        pause = line.pause_after if line.pause_after is not None else demo_show.pauses.between_lines
        if line is product.pitch[-1]:
            pause = max(pause, demo_show.pauses.between_products)
        gap = (nxt.start - prev.end).total_seconds()
        assert abs(gap - pause) < 0.002, (prev.line_id, gap, pause)
    # No silence in the audio longer than the longest scripted pause (plus the voice's own breath).
    longest_pause = demo_show.pauses.between_products
    long_silences = [s for s in silences(audio) if s[1] > longest_pause + 0.25]
    assert not long_silences, long_silences
    assert p.stats.waiting_seconds == 0.0 and p.stats.failed == 0


def test_blocked_line_is_never_spoken_in_live_mode(demo_show, tmp_path, tones) -> None:
    source = tones()

    def check(segment) -> list[str]:
        return ["'茶香' test block"] if "豆香" in segment.text else []

    p = make_playout(demo_show, source, tmp_path, check=check)
    p.go_live()
    p.advance(60)
    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    blocked = [r for r in records if r.outcome == BLOCKED]
    assert len(blocked) == 1 and "豆香" in blocked[0].text and blocked[0].findings == ("'茶香' test block",)
    assert all("豆香" not in text for text, _ in source.keys.values())  # never even synthesized
    assert not any(r.outcome == AIRED and "豆香" in r.text for r in records)
    # in preview mode the same line plays (the console flags it instead)
    preview = make_playout(demo_show, tones(), check=check, live=False)
    preview.go_live()
    preview.advance(30)
    assert any("豆香" in e.segment.text for e in preview._history)


def test_interrupt_waits_for_the_sentence_then_the_rundown_resumes(demo_show, tones) -> None:
    p = make_playout(demo_show, tones())
    p.go_live()
    p.advance(1.0)  # mid first line
    first = p.state_at(p.t).entry
    queued = [s.line_id for s in p.up_next()]
    p.interrupt_with_line("限时福利：前一百名下单送茶杯！")
    p.advance(first.pause_end - p.t + 0.01)
    on_air = p.state_at(p.t).entry
    assert on_air.segment.kind == ONE_OFF and on_air.start == first.pause_end  # right at the boundary
    p.advance(on_air.pause_end - p.t + 0.01)
    assert [s.line_id for s in [p.state_at(p.t).entry.segment, *p.up_next()]][: len(queued)] == queued


def test_pause_at_the_boundary_and_resume(demo_show, tones) -> None:
    p = make_playout(demo_show, tones())
    p.go_live()
    p.advance(0.5)
    entry = p.state_at(p.t).entry
    p.pause()
    p.advance(entry.pause_end - p.t + 2.0)
    assert p.status is PlayoutStatus.PAUSED and p.state_at(p.t).entry is entry and not p.state_at(p.t).speaking
    p.resume()
    p.advance(0.2)
    assert p.status is PlayoutStatus.ON_AIR and p.state_at(p.t).entry is not entry and p.state_at(p.t).speaking


def test_skip_cuts_with_a_fade_and_logs_skipped(demo_show, tmp_path, tones) -> None:
    p = make_playout(demo_show, tones(), tmp_path)
    p.go_live()
    p.advance(1.0)
    p.skip_line()
    tail = p.pull(int(0.03 * RATE))
    fade = tail[: int(0.012 * RATE)].astype(float)
    assert np.abs(fade[-20:]).max() < np.abs(fade[:200]).max()  # the level falls off, no click
    p.advance(2.0)
    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    assert records[0].outcome == SKIPPED and 0.9 < records[0].duration < 1.1


def test_next_product_and_stop_after_product(demo_show, tones) -> None:
    p = make_playout(demo_show, tones())
    p.go_live()
    p.advance(1.0)
    p.next_product()
    p.advance(0.1)
    assert p.state_at(p.t).entry.segment.product == "thermos"
    p.stop_after_product()
    p.advance(120)
    assert p.status is PlayoutStatus.STOPPED
    aired_products = {e.segment.product for e in p._history}
    assert aired_products == {"tea", "thermos"}


def test_stuck_speech_airs_the_caption_alone_after_the_wait(demo_show, tmp_path, tones) -> None:
    p = make_playout(demo_show, tones(never=True), tmp_path)
    p.max_wait = 2.0
    p.go_live()
    p.advance(2.5)
    state = p.state_at(p.t)
    assert state.entry is not None and state.entry.failed and not state.speaking
    assert state.entry.utterance.duration > 0.5  # the caption stays up for a sensible time
    p.advance(state.entry.pause_end - p.t + 3)
    records = AsRunLog(tmp_path / "asrun").read_day(THURSDAY_AFTERNOON.date()).records
    assert records[0].outcome == FAILED and "not ready" in records[0].note


def test_card_follows_product_and_cues(demo_show, tones) -> None:
    p = make_playout(demo_show, tones())
    p.go_live()
    p.advance(0.1)
    s = p.state_at(p.t)
    assert s.card_product == "tea" and s.card_mode == "show" and s.speaking
    assert [c.name for c in s.expressions][-1] == "smile"
    while p.state_at(p.t).entry.segment.line.card != "highlight_price":
        p.advance(0.5)
    assert p.state_at(p.t).card_mode == "highlight_price"


def test_a_simulated_day_is_complete_and_flat(demo_show, tmp_path, tones) -> None:
    p = make_playout(demo_show, tones(), tmp_path)
    p.go_live()
    start_rss = None
    for hour in range(24):
        p.advance(3600, chunk=0.5)
        if hour == 1:
            start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    end_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert end_rss <= start_rss * 1.05 + 2048  # KiB: memory stays flat after warm-up
    log = AsRunLog(tmp_path / "asrun")
    records = [r for d in log.days() for r in log.read_day(d).records]
    assert len(records) > 3000 and p.stats.waiting_seconds < 0.05
    assert {r.rundown for r in records} == {"daytime", "evening"}
    for prev, nxt in zip(records, records[1:], strict=False):
        gap = (nxt.start - prev.end).total_seconds()
        assert 0 <= gap <= 1.5 + 1e-3, (prev, nxt)  # never more than the longest scripted pause
    assert records[-1].end - records[0].start > timedelta(hours=23, minutes=59)
