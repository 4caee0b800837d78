"""Animation: determinism, blink statistics, expression easing, gestures, idle motion. Qt-free."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.avatar.motion import (
    BLINK_CLOSE,
    BLINK_OPEN,
    EYE_HALF_AT,
    AvatarInput,
    Matrix,
    Pose,
    Rig,
    apply,
    blinks_between,
    expression_weights,
    eye_openness,
    eye_state,
    noise,
    pose_at,
    sample_times,
)
from studio.avatar.mouth import MouthState, mouth_from_cues, track_from_text
from studio.core.vocab import Cue

BUSY = AvatarInput(
    t=0.0, speaking=True, speaking_since=1.0, mouth=MouthState("C", "D", 0.4),
    expressions=(Cue(0.5, "smile"), Cue(3.0, "excited"), Cue(3.2, "thinking")),
    gestures=(Cue(1.0, "point"), Cue(2.0, "wave")), card=(1300.0, 700.0),
)


def at(t: float, base: AvatarInput = BUSY) -> AvatarInput:
    return AvatarInput(t, base.speaking, base.speaking_since, base.mouth, base.expressions, base.gestures, base.card)


def max_matrix_diff(a: Pose, b: Pose) -> float:
    return max(abs(x - y) for pa, pb in zip(a.parts, b.parts, strict=True)
               for x, y in zip(pa.matrix, pb.matrix, strict=True))


# ---------------------------------------------------------------- determinism

def test_same_inputs_and_seed_give_the_same_pose(rig: Rig) -> None:
    times = [i * 0.37 for i in range(60)]
    first = {t: pose_at(rig, at(t), seed=11) for t in times}
    shuffled = times[:]
    random.Random(5).shuffle(shuffled)
    for t in shuffled:  # any order, any number of times: no hidden state
        assert pose_at(rig, at(t), seed=11) == first[t]
    assert pose_at(rig, at(1.5), seed=11) == pose_at(Rig(rig.pack), at(1.5), seed=11)


def test_different_seeds_move_differently(rig: Rig) -> None:
    a = [pose_at(rig, at(t), seed=1) for t in (0.5, 7.0, 20.0)]
    b = [pose_at(rig, at(t), seed=2) for t in (0.5, 7.0, 20.0)]
    assert any(max_matrix_diff(x, y) > 0.1 for x, y in zip(a, b, strict=True))


@settings(max_examples=60, deadline=None)
@given(t=st.floats(0, 36000, allow_nan=False), seed=st.integers(0, 2**31))
def test_pose_is_deterministic_and_bounded(rig: Rig, t: float, seed: int) -> None:
    inp = AvatarInput(t=t)
    pose = pose_at(rig, inp, seed)
    assert pose == pose_at(rig, inp, seed)
    # Idle motion stays subtle: the head moves only a little from where it was drawn.
    head = pose.part("head")
    pivot = rig.pack.part("head").pivot
    x, y = apply(head.matrix, pivot)
    assert abs(x - pivot[0]) < 25 and abs(y - pivot[1]) < 25
    angle = math.degrees(math.atan2(head.matrix[1], head.matrix[0]))
    assert abs(angle) < 8
    assert 0.0 <= pose.eye_openness <= 1.0


def test_noise_is_smooth_and_bounded() -> None:
    values = [noise(3, 1, i * 0.01) for i in range(5000)]
    assert max(abs(v) for v in values) < 1.6
    assert max(abs(a - b) for a, b in zip(values, values[1:], strict=False)) < 0.05
    assert statistics.pstdev(values) > 0.2


# ---------------------------------------------------------------- blinking

def test_blink_statistics_over_an_hour() -> None:
    """15–20 blinks a minute, irregular, sometimes double, eyes shut about 100–150 ms."""
    seed = 42
    hour = 3600.0
    blinks = blinks_between(seed, 0.0, hour)
    per_minute = len(blinks) / 60
    assert 15 <= per_minute <= 20, per_minute
    counts = [len(blinks_between(seed, m * 60.0, (m + 1) * 60.0)) for m in range(60)]
    assert min(counts) >= 8 and max(counts) <= 28 and statistics.pstdev(counts) > 1.0
    gaps = [b.start - a.start for a, b in zip(blinks, blinks[1:], strict=False)]
    # Irregular: intervals spread widely (a metronome would have a coefficient of variation near 0).
    assert statistics.pstdev(gaps) / statistics.mean(gaps) > 0.35
    doubles = sum(1 for g in gaps if g < 0.6)
    assert 0.05 <= doubles / len(blinks) <= 0.2, doubles / len(blinks)
    assert min(gaps) > 0.25  # two blinks never merge into one
    # How long the eye reads as closed (the "closed" sprite shows), measured on the openness curve.
    for b in blinks[:400]:
        steps = [b.start + i / 2000 for i in range(int((b.end - b.start) * 2000) + 2)]
        closed = sum(1 for t in steps if eye_state(eye_openness(seed, t)) == "closed") / 2000
        assert 0.1 <= closed <= 0.15, (b, closed)
    # Between blinks the eyes are fully open.
    for a, b in zip(blinks[:200], blinks[1:201], strict=False):
        assert eye_openness(seed, (a.end + b.start) / 2) == 1.0


def test_blinks_are_shaped_close_fast_open_slower() -> None:
    seed = 9
    b = blinks_between(seed, 0, 60)[0]
    assert eye_openness(seed, b.start - 0.01) == 1.0
    assert 0 < eye_openness(seed, b.start + BLINK_CLOSE / 2) < 1
    assert eye_openness(seed, b.start + BLINK_CLOSE + b.hold / 2) == 0.0
    mid_open = b.start + BLINK_CLOSE + b.hold + BLINK_OPEN / 2
    assert 0 < eye_openness(seed, mid_open) < 1
    assert BLINK_OPEN > BLINK_CLOSE


def test_pose_eyes_follow_the_blink(rig: Rig) -> None:
    seed = 4
    b = blinks_between(seed, 10, 70)[0]
    closed = pose_at(rig, AvatarInput(t=b.start + BLINK_CLOSE + b.hold / 2), seed)
    open_ = pose_at(rig, AvatarInput(t=b.start - 0.5), seed)
    for name in ("eye_l", "eye_r", "lash_l", "lash_r"):
        assert [x.sprite for x in closed.part(name).layers] == ["closed"]
        assert [x.sprite for x in open_.part(name).layers] == ["open"]
    half_t = next(t for t in (b.start + i / 1000 for i in range(60)) if EYE_HALF_AT <= eye_openness(seed, t) < 0.7)
    assert [x.sprite for x in pose_at(rig, AvatarInput(t=half_t), seed).part("eye_l").layers] == ["half"]


def test_no_blinks_when_rate_is_zero() -> None:
    assert blinks_between(1, 0, 600, rate_per_minute=0) == []
    assert eye_openness(1, 12.3, rate_per_minute=0) == 1.0


# ---------------------------------------------------------------- expressions

def test_expression_eases_in_without_a_snap() -> None:
    cues = (Cue(1.0, "smile"),)
    assert expression_weights(cues, 0.99, 0.4) == {"neutral": 1.0}
    prev = expression_weights(cues, 1.0, 0.4).get("smile", 0.0)
    assert prev == 0.0
    steps = []
    for i in range(1, 61):
        w = expression_weights(cues, 1.0 + i / 100, 0.4).get("smile", 0.0)
        steps.append(w - prev)
        prev = w
    assert prev == 1.0
    assert all(s >= 0 for s in steps) and max(steps) < 0.05  # smooth: at most 5 % per 10 ms
    # Eased in and out: slow at both ends, fastest in the middle.
    assert steps[0] < steps[19] and steps[38] < steps[19]


def test_interrupted_expression_changes_continuously() -> None:
    cues = (Cue(1.0, "smile"), Cue(1.2, "surprised"))  # surprise arrives half-way through the smile
    prev = expression_weights(cues, 0.9, 0.4)
    for i in range(1, 200):
        cur = expression_weights(cues, 0.9 + i / 200, 0.4)
        for name in set(prev) | set(cur):
            assert abs(cur.get(name, 0) - prev.get(name, 0)) < 0.05, (i, prev, cur)
        assert abs(sum(cur.values()) - 1) < 1e-9
        prev = cur
    assert expression_weights(cues, 2.0, 0.4) == {"surprised": 1.0}


def test_expression_moves_parts_smoothly_in_the_pose(rig: Rig) -> None:
    cues = (Cue(2.0, "surprised"),)
    seed = 1

    def brow_y(t: float) -> float:
        pose = pose_at(rig, AvatarInput(t=t, expressions=cues), seed)
        head = pose_at(rig, AvatarInput(t=t), seed)  # same idle motion without the expression
        return apply(pose.part("brow_l").matrix, (416, 382))[1] - apply(head.part("brow_l").matrix, (416, 382))[1]

    ys = [brow_y(2.0 + i / 60) for i in range(40)]
    assert abs(ys[0]) < 0.01 and ys[-1] < -10  # the brows rise ~13 units
    assert max(abs(a - b) for a, b in zip(ys, ys[1:], strict=False)) < 2.0


# ---------------------------------------------------------------- gestures

def test_gestures_are_timed_to_their_cues(rig: Rig) -> None:
    cue = Cue(5.0, "point")
    duration = rig.pack.gestures["point"].duration

    def hand(t: float) -> tuple[list[str], Matrix]:
        pose = pose_at(rig, AvatarInput(t=t, gestures=(cue,)), seed=2)
        part = pose.part("hand_r")
        return [x.sprite for x in part.layers], part.matrix

    before, m0 = hand(4.9)
    during, m1 = hand(5.0 + 1.0)
    after, m2 = hand(5.0 + duration + 0.1)
    assert before == ["rest"] and during == ["point"] and after == ["rest"]
    # The hand is raised during the gesture (toward the card side, up from where it hangs).
    rest_pos = apply(m0, (708, 1342))
    up_pos = apply(m1, (708, 1342))
    assert up_pos[1] < rest_pos[1] - 200 and up_pos[0] > rest_pos[0] + 150
    assert max(abs(a - b) for a, b in zip(m0, m2, strict=True)) < 10  # back at rest (idle motion aside)


def test_gesture_motion_is_continuous_even_when_interrupted(rig: Rig) -> None:
    cues = (Cue(1.0, "wave"), Cue(2.0, "present"))  # present cuts the wave short
    # Sampled every millisecond, a hand never moves more than a few units: no jumps anywhere,
    # including where the wave is cut short and where the present begins.
    points = {"hand_l": (292.0, 1400.0), "hand_r": (708.0, 1400.0)}
    prev = pose_at(rig, AvatarInput(t=0.9, gestures=cues), seed=5)
    for t in sample_times(0.901, 4.0, 1000):
        cur = pose_at(rig, AvatarInput(t=t, gestures=cues), seed=5)
        for name, point in points.items():
            a = apply(prev.part(name).matrix, point)
            b = apply(cur.part(name).matrix, point)
            assert math.dist(a, b) < 4, (t, name)
        prev = cur


def test_point_aims_at_the_card(rig: Rig) -> None:
    def fingertip(card: tuple[float, float]) -> tuple[float, float]:
        pose = pose_at(rig, AvatarInput(t=6.0, gestures=(Cue(5.0, "point"),), card=card), seed=2)
        return apply(pose.part("hand_r").matrix, (725, 1460))

    high = fingertip((1300.0, 300.0))
    low = fingertip((1300.0, 1100.0))
    assert high[1] < low[1] - 40
    pose = pose_at(rig, AvatarInput(t=6.0, gestures=(Cue(5.0, "point"),), card=(1300.0, 700.0)), seed=2)
    assert pose.gaze[0] > 0.3  # she looks toward the card while pointing at it


def test_unknown_gesture_cues_are_ignored(rig: Rig) -> None:
    a = pose_at(rig, AvatarInput(t=3.0, gestures=(Cue(2.0, "dance"),)), seed=1)
    assert a == pose_at(rig, AvatarInput(t=3.0), seed=1)


# ---------------------------------------------------------------- idle life

def test_breathing_and_sway_keep_the_body_alive(rig: Rig) -> None:
    ys = []
    xs = []
    for t in sample_times(0.0, 20.0, 10):
        body = pose_at(rig, AvatarInput(t=t), seed=8).part("body")
        ys.append(body.matrix[5])
        xs.append(body.matrix[4])
    assert 1.5 < max(ys) - min(ys) < 8  # a visible but gentle rise and fall
    assert 0.5 < max(xs) - min(xs) < 12
    # Breathing has a period of a few seconds: count rises through the middle.
    mid = (max(ys) + min(ys)) / 2
    crossings = sum(1 for a, b in zip(ys, ys[1:], strict=False) if a < mid <= b)
    assert 3 <= crossings <= 7


def test_talking_livens_the_head(rig: Rig) -> None:
    track = track_from_text("XBCDDCAXEEFFXBBCCDHHCXXAABBCCDDEX" * 6, step=0.08)

    def movement(speaking: bool) -> float:
        """Mean distance a point on the chin travels per frame."""
        chin = []
        for t in sample_times(0.0, 12.0, 30):
            mouth = mouth_from_cues(track, t) if speaking else MouthState()
            pose = pose_at(rig, AvatarInput(t=t, speaking=speaking, speaking_since=-10, mouth=mouth), seed=8)
            chin.append(apply(pose.part("head").matrix, (500.0, 650.0)))
        return statistics.mean(math.dist(a, b) for a, b in zip(chin, chin[1:], strict=False))

    assert movement(True) > movement(False) * 1.5


def test_gaze_glances_at_the_card_between_lines(rig: Rig) -> None:
    card = (1400.0, 600.0)
    looks = [pose_at(rig, AvatarInput(t=t, card=card), seed=3).gaze[0] for t in sample_times(0, 120, 5)]
    toward = sum(1 for g in looks if g > 0.5)
    assert 0.1 < toward / len(looks) < 0.7
    without = [pose_at(rig, AvatarInput(t=t), seed=3).gaze[0] for t in sample_times(0, 120, 5)]
    assert max(abs(g) for g in without) <= 0.36


def test_irises_stay_inside_reasonable_range(rig: Rig) -> None:
    for t in sample_times(0, 60, 7):
        pose = pose_at(rig, AvatarInput(t=t, card=(-500.0, 2000.0)), seed=6)
        iris = apply(pose.part("iris_l").matrix, (422, 462))
        head = apply(pose.part("head").matrix, (422, 462))
        assert abs(iris[0] - head[0]) <= 10 and abs(iris[1] - head[1]) <= 6


def test_long_cue_lists_give_the_same_answers(rig: Rig) -> None:
    """A show's worth of cues: results match evaluating only the recent ones (no scanning cost surprises)."""
    gestures = tuple(Cue(2.0 + 3.0 * i, ("point", "wave", "nod", "present")[i % 4]) for i in range(2000))
    expressions = tuple(Cue(1.0 + 2.5 * i, ("smile", "neutral", "excited")[i % 3]) for i in range(2000))
    for t in (0.5, 1.3, 2.2, 1000.05, 4000.7):
        full = pose_at(rig, AvatarInput(t=t, gestures=gestures, expressions=expressions), seed=1)
        recent_g = tuple(c for c in gestures if t - 10 < c.at <= t)
        recent_e = tuple(c for c in expressions if t - 10 < c.at <= t)
        earlier = [c for c in expressions if c.at <= t - 10]
        if earlier:
            recent_e = (earlier[-1], *recent_e)
        part = pose_at(rig, AvatarInput(t=t, gestures=recent_g, expressions=recent_e), seed=1)
        assert full == part



def test_expression_sprites_ease_on_any_part(make_pack: Callable[..., Path], manifest: str) -> None:
    """An expression may swap any part's sprite (here the head's); it cross-fades, never snaps."""
    from studio.avatar.pack import load_pack

    text = manifest.replace('image = "head.svg"', 'sprites = { plain = "head.svg", blush = "head2.svg" }')
    text = text.replace("mouth = { offset = [0, -1] }", 'head = { sprite = "blush" }')
    blush = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 140">'
             '<rect x="30" y="20" width="40" height="45" fill="#f09090"/></svg>')
    result = load_pack(make_pack(manifest=text, files={"head2.svg": blush}))
    assert result.pack is not None, [p.format() for p in result.problems]
    tiny = Rig(result.pack)
    cues = (Cue(1.0, "smile"),)

    def head_layers(t: float) -> dict[str, float]:
        return {x.sprite: x.opacity for x in pose_at(tiny, AvatarInput(t=t, expressions=cues), 1).part("head").layers}

    assert head_layers(0.5) == {"plain": 1.0}
    middle = head_layers(1.2)
    assert set(middle) == {"plain", "blush"} and all(0 < v < 1 for v in middle.values())
    assert head_layers(3.0) == {"blush": 1.0}
