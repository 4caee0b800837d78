"""The avatar's pose at time t: idle motion, blinking, gaze, lip-sync, expressions and gestures. Qt-free.

`pose_at(rig, inp, seed)` is a pure function: the same rig, input and seed give the same pose, and
any t can be evaluated in any order. Nothing is remembered between frames; randomness comes from
hashing (seed, channel, interval index), so a blink schedule or a glance is decided per time
window without global state. Everything that eases (expressions, gestures, talk energy) is
computed from cue times carried in the input, never from the previous frame.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from studio.avatar.mouth import REST, MouthState, resolve_shape
from studio.avatar.model import IDENTITY, AvatarPack, Gesture, Part, Transform
from studio.core.vocab import Cue

Matrix = tuple[float, float, float, float, float, float]  # (a, b, c, d, e, f): x' = a x + c y + e, y' = b x + d y + f
IDENTITY_MATRIX: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# ---- blink timing (seconds) ----
BLINK_CLOSE = 0.05      # lids coming down
BLINK_OPEN = 0.08       # lids going up (slower than closing, as in people)
BLINK_HOLD = (0.06, 0.105)  # fully shut; with the nearly-shut moments the eye reads closed 100–150 ms
DOUBLE_BLINK = 0.12     # share of blinks followed by a second one
DOUBLE_GAP = (0.10, 0.18)
EYE_OPEN_AT = 0.7       # openness at or above this shows the "open" sprite
EYE_HALF_AT = 0.25      # …at or above this "half", below it "closed"

TALK_EASE = 0.35        # seconds for the idle ↔ talking energy to change
GAZE_WINDOW = 1.9       # mean seconds between small eye movements
SACCADE = 0.07          # seconds an eye movement takes

# Hash channels: each random decision has its own stream.
_CH_BREATH, _CH_SWAY, _CH_TILT, _CH_TILT_TALK, _CH_HEAD_X, _CH_BLINK, _CH_GAZE, _CH_BROW, _CH_NOD = range(1, 10)


@dataclass(frozen=True)
class AvatarInput:
    """What the runner tells the avatar about one instant of the show."""

    t: float
    speaking: bool = False
    speaking_since: float = -1e9  # when `speaking` last changed: talk energy eases from then
    mouth: MouthState = REST
    expressions: tuple[Cue, ...] = ()  # in time order (at: same clock as t); before the first the host is neutral
    gestures: tuple[Cue, ...] = ()
    card: tuple[float, float] | None = None  # product card centre in pack units (layout.Placement.to_pack)


@dataclass(frozen=True)
class SpriteLayer:
    """One sprite of a part drawn at `opacity`; two layers of a part cross-fade between sprites."""

    sprite: str
    opacity: float


@dataclass(frozen=True)
class PartPose:
    """How to draw one part: its sprite layer(s) and a pack-space matrix (parents already applied)."""

    name: str
    matrix: Matrix
    layers: tuple[SpriteLayer, ...]
    opacity: float = 1.0
    clip: str | None = None


@dataclass(frozen=True)
class Pose:
    """The whole avatar at one instant, parts in drawing order, plus what decided it (for tests and tools)."""

    t: float
    parts: tuple[PartPose, ...]
    eye_openness: float = 1.0
    gaze: tuple[float, float] = (0.0, 0.0)
    expression: Mapping[str, float] = field(default_factory=dict)
    gestures: Mapping[str, float] = field(default_factory=dict)

    def part(self, name: str) -> PartPose:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(name)


@dataclass(frozen=True)
class Blink:
    """One blink: lids start closing at `start` and stay shut for `hold` seconds."""

    start: float
    hold: float

    @property
    def end(self) -> float:
        return self.start + BLINK_CLOSE + self.hold + BLINK_OPEN


# ============================================================ deterministic randomness

_MASK = 0xFFFFFFFFFFFFFFFF


@functools.lru_cache(maxsize=8192)
def _hash(seed: int, channel: int, i: int, j: int = 0) -> float:
    """A uniform number in [0, 1) from integers (splitmix64 finalizer): the same inputs, the same number."""
    x = (seed * 0x9E3779B97F4A7C15 + channel * 0xBF58476D1CE4E5B9
         + i * 0x94D049BB133111EB + j * 0xD6E8FEB86659FD93) & _MASK
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & _MASK
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & _MASK
    x ^= x >> 31
    return (x >> 11) / 9007199254740992.0


def noise(seed: int, channel: int, x: float) -> float:
    """Smooth 1-D noise, about −1…1: Catmull-Rom through hashed values at whole numbers.

    Catmull-Rom rather than smoothstep value noise, because the latter stops dead at every whole
    number — a visible metronome in slow head motion.
    """
    i = math.floor(x)
    f = x - i
    p0 = _hash(seed, channel, i - 1) * 2 - 1
    p1 = _hash(seed, channel, i) * 2 - 1
    p2 = _hash(seed, channel, i + 1) * 2 - 1
    p3 = _hash(seed, channel, i + 2) * 2 - 1
    return 0.5 * ((2 * p1) + (-p0 + p2) * f + (2 * p0 - 5 * p1 + 4 * p2 - p3) * f * f
                  + (-p0 + 3 * p1 - 3 * p2 + p3) * f * f * f)


def _smooth(x: float) -> float:
    """Ease in and out on 0…1 (clamped): 3x² − 2x³."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    return x * x * (3 - 2 * x)


def ease(kind: str, x: float) -> float:
    """Easing curves for gesture keys: linear, in, out, in_out."""
    x = 0.0 if x <= 0 else 1.0 if x >= 1 else x
    if kind == "linear":
        return x
    if kind == "in":
        return x * x
    if kind == "out":
        return 1 - (1 - x) * (1 - x)
    return x * x * (3 - 2 * x)


# ============================================================ blinking

def _blink_window(rate_per_minute: float) -> tuple[float, float]:
    """(window length, chance of a blink in a window) for a target rate that counts double blinks."""
    events_per_minute = rate_per_minute / (1 + DOUBLE_BLINK)
    chance = 0.9
    return 60.0 * chance / events_per_minute, chance


def _blinks_in_window(seed: int, k: int, length: float, chance: float) -> list[Blink]:
    if _hash(seed, _CH_BLINK, k, 0) >= chance:
        return []
    # Anywhere in the middle 80 % of the window: blinks in neighbouring windows stay apart, yet
    # intervals range from well under a second to several seconds, as in people.
    start = k * length + length * (0.1 + 0.8 * _hash(seed, _CH_BLINK, k, 1))
    hold = BLINK_HOLD[0] + (BLINK_HOLD[1] - BLINK_HOLD[0]) * _hash(seed, _CH_BLINK, k, 2)
    first = Blink(start, hold)
    if _hash(seed, _CH_BLINK, k, 3) >= DOUBLE_BLINK:
        return [first]
    gap = DOUBLE_GAP[0] + (DOUBLE_GAP[1] - DOUBLE_GAP[0]) * _hash(seed, _CH_BLINK, k, 4)
    hold2 = BLINK_HOLD[0] + (BLINK_HOLD[1] - BLINK_HOLD[0]) * _hash(seed, _CH_BLINK, k, 5)
    return [first, Blink(first.end + gap, hold2)]


def blinks_between(seed: int, t0: float, t1: float, rate_per_minute: float = 17.0) -> list[Blink]:
    """Every blink starting in [t0, t1), in order (the same schedule `eye_openness` follows)."""
    if rate_per_minute <= 0 or t1 <= t0:
        return []
    length, chance = _blink_window(rate_per_minute)
    out: list[Blink] = []
    for k in range(math.floor(t0 / length) - 1, math.floor(t1 / length) + 1):
        out.extend(b for b in _blinks_in_window(seed, k, length, chance) if t0 <= b.start < t1)
    return out


def eye_openness(seed: int, t: float, rate_per_minute: float = 17.0) -> float:
    """How open the eyes are at t: 1 open, 0 shut."""
    if rate_per_minute <= 0:
        return 1.0
    length, chance = _blink_window(rate_per_minute)
    k = math.floor(t / length)
    # A blink (or a double) that starts late in the previous window may still be going on.
    for kk in (k, k - 1):
        for b in _blinks_in_window(seed, kk, length, chance):
            if b.start <= t < b.end:
                x = t - b.start
                if x < BLINK_CLOSE:
                    return 1.0 - _smooth(x / BLINK_CLOSE)
                x -= BLINK_CLOSE
                if x < b.hold:
                    return 0.0
                return _smooth((x - b.hold) / BLINK_OPEN)
    return 1.0


def eye_state(openness: float) -> str:
    """The eye sprite for an openness: open, half or closed."""
    if openness >= EYE_OPEN_AT:
        return "open"
    if openness >= EYE_HALF_AT:
        return "half"
    return "closed"


# ============================================================ cues → weights

def expression_weights(cues: Sequence[Cue], t: float, ease_seconds: float) -> dict[str, float]:
    """How much of each expression shows at t; each cue eases in from whatever showed when it came."""
    # Cues are in time order; a show's worth of them is fine: only the recent ones are visited.
    active = cues[: bisect.bisect_right(cues, t, key=_cue_at)]
    if not active:
        return {"neutral": 1.0}
    # Start from the last moment the face was settled: a cue that had a full ease before the next one.
    j = len(active) - 1
    while j > 0 and active[j].at - active[j - 1].at < ease_seconds:
        j -= 1
    state: dict[str, float] = {active[j - 1].name if j > 0 else "neutral": 1.0}
    for k in range(j, len(active)):
        until = active[k + 1].at if k + 1 < len(active) else t
        w = _smooth((until - active[k].at) / ease_seconds)
        name = active[k].name
        state = {n: v * (1 - w) for n, v in state.items()}
        state[name] = state.get(name, 0.0) + w
    return {n: v for n, v in state.items() if v > 1e-6}


def _cue_at(cue: Cue) -> float:
    return cue.at


def gesture_weights(cues: Sequence[Cue], t: float, gestures: Mapping[str, Gesture]
                    ) -> list[tuple[Gesture, float, float]]:
    """(gesture, seconds into it, weight) for each gesture playing at t.

    A gesture plays for its duration; a later cue cuts it short by fading it out over its `fade`,
    while the newcomer starts from rest (its keys begin there), so a change never snaps.
    """
    out: list[tuple[Gesture, float, float]] = []
    longest = max((g.duration for g in gestures.values()), default=0.0)
    # Only cues that started within the longest gesture's duration can still be playing.
    first = bisect.bisect_left(cues, t - longest, key=_cue_at)
    last = bisect.bisect_right(cues, t, key=_cue_at)
    known = [c for c in cues[first:last] if c.name in gestures]
    for i, cue in enumerate(known):
        g = gestures[cue.name]
        local = t - cue.at
        if local < 0 or local >= g.duration:
            continue
        weight = 1.0
        nxt = known[i + 1] if i + 1 < len(known) else None
        if nxt is not None and nxt.at <= t:
            weight = 1.0 - _smooth((t - nxt.at) / g.fade) if g.fade > 0 else 0.0
        if weight > 0:
            out.append((g, local, weight))
    return out


# ============================================================ the rig

_FIELDS = ("offset", "rotate", "scale", "opacity")


@dataclass(frozen=True)
class _Key:
    t: float
    value: tuple[float, ...]
    ease: str


class Rig:
    """An avatar pack prepared for animation: parts indexed, parents ordered, gesture tracks built."""

    def __init__(self, pack: AvatarPack) -> None:
        self.pack = pack
        self.parts: tuple[Part, ...] = pack.parts
        self.index = {p.name: i for i, p in enumerate(self.parts)}
        self.parent = [self.index[p.parent] if p.parent is not None else -1 for p in self.parts]
        # Parents before children, so world matrices are built in one pass.
        order: list[int] = []
        placed: set[int] = set()

        def visit(i: int) -> None:
            if i in placed:
                return
            if self.parent[i] >= 0:
                visit(self.parent[i])
            placed.add(i)
            order.append(i)

        for i in range(len(self.parts)):
            visit(i)
        self.order = tuple(order)
        # Hair hangs: it follows its parent at the pivot but stays upright (see `_world`).
        self.hangs = tuple(p.role == "hair" and p.parent is not None for p in self.parts)
        self.by_role: dict[str, tuple[int, ...]] = {}
        for i, p in enumerate(self.parts):
            self.by_role.setdefault(p.role, ())
            self.by_role[p.role] = self.by_role[p.role] + (i,)
        self.body = self.by_role.get("body", (0,))[0]
        self.head = self.by_role.get("head", (0,))[0]
        eye_like = self.by_role.get("iris") or self.by_role.get("eye") or (self.head,)
        self.eye_center = (sum(self.parts[i].pivot[0] for i in eye_like) / len(eye_like),
                           sum(self.parts[i].pivot[1] for i in eye_like) / len(eye_like))
        # Mouth sprites available per mouth part (for shape fallbacks).
        self.default_layers: tuple[tuple[SpriteLayer, ...], ...] = tuple(
            (SpriteLayer(p.default_sprite, 1.0),) for p in self.parts)
        self.mouth_shapes = {i: frozenset(self.parts[i].sprites) for i in self.by_role.get("mouth", ())}
        self.tracks = {name: self._tracks(g) for name, g in pack.gestures.items()}

    def _tracks(self, g: Gesture) -> dict[int, dict[str, list[_Key]]]:
        """Per part and field, the keys that animate it, with rest keys at 0 and the end unless given."""
        rest = {"offset": (0.0, 0.0), "rotate": (0.0,), "scale": (1.0, 1.0), "opacity": (1.0,)}
        out: dict[int, dict[str, list[_Key]]] = {}
        for key in g.keys:
            for name, ov in key.parts.items():
                tr = ov.transform
                values = {"offset": (tr.dx, tr.dy), "rotate": (tr.rotate,), "scale": (tr.sx, tr.sy),
                          "opacity": (tr.opacity,)}
                per = out.setdefault(self.index[name], {})
                for f in ov.fields:
                    per.setdefault(f, []).append(_Key(key.t, values[f], key.ease))
                if ov.sprite is not None:
                    per.setdefault("sprite", []).append(_Key(key.t, (), ov.sprite))  # ease holds the sprite name
        for per in out.values():
            for f, keys in per.items():
                if f == "sprite":
                    continue
                if keys[0].t > 0:
                    keys.insert(0, _Key(0.0, rest[f], "in_out"))
                if keys[-1].t < g.duration:
                    keys.append(_Key(g.duration, rest[f], "in_out"))
        return out


def _sample(keys: list[_Key], t: float) -> tuple[float, ...]:
    times = [k.t for k in keys]
    i = bisect.bisect_right(times, t)
    if i == 0:
        return keys[0].value
    if i >= len(keys):
        return keys[-1].value
    a, b = keys[i - 1], keys[i]
    span = b.t - a.t
    w = ease(b.ease, (t - a.t) / span) if span > 0 else 1.0
    return tuple(x + (y - x) * w for x, y in zip(a.value, b.value, strict=True))


def _sprite_at(keys: list[_Key], t: float) -> str | None:
    chosen = None
    for k in keys:
        if k.t <= t:
            chosen = k.ease
    return chosen


# ============================================================ matrices

def local_matrix(pivot: tuple[float, float], dx: float, dy: float, rotate: float, sx: float, sy: float) -> Matrix:
    """Turn and scale about `pivot`, then move by (dx, dy)."""
    px, py = pivot
    if rotate == 0.0:
        cs, sn = 1.0, 0.0
    else:
        r = math.radians(rotate)
        cs, sn = math.cos(r), math.sin(r)
    a, b, c, d = cs * sx, sn * sx, -sn * sy, cs * sy
    return (a, b, c, d, px + dx - (a * px + c * py), py + dy - (b * px + d * py))


def compose(m1: Matrix, m2: Matrix) -> Matrix:
    """m1 after m2."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2,
            a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1)


def apply(m: Matrix, p: tuple[float, float]) -> tuple[float, float]:
    return m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]


# ============================================================ the pose

def _talk_energy(inp: AvatarInput) -> float:
    w = _smooth((inp.t - inp.speaking_since) / TALK_EASE)
    return w if inp.speaking else 1.0 - w


def _head_tilt(seed: int, t: float, talk: float, amount: float) -> float:
    idle = 0.75 * noise(seed, _CH_TILT, t * 0.11) + 0.25 * noise(seed, _CH_TILT, t * 0.31 + 40.0)
    lively = noise(seed, _CH_TILT_TALK, t * 0.9)
    return amount * (idle + 0.6 * talk * lively)


def _gaze(seed: int, t: float, talk: float, card_dir: tuple[float, float] | None) -> tuple[float, float]:
    """Where the eyes look, −1…1 on each axis: mostly at the viewer, small drifts, glances at the card."""
    def target(k: int) -> tuple[float, float]:
        u = _hash(seed, _CH_GAZE, k, 0)
        glance = 0.12 + 0.28 * (1.0 - talk)  # glance at the card more between lines than while talking
        if card_dir is not None and u < glance:
            return card_dir
        if u < 0.55:
            return 0.0, 0.0
        return ((_hash(seed, _CH_GAZE, k, 1) * 2 - 1) * 0.35, (_hash(seed, _CH_GAZE, k, 2) * 2 - 1) * 0.25)

    def boundary(k: int) -> float:
        return (k + 0.4 * (_hash(seed, _CH_GAZE, k, 3) - 0.5)) * GAZE_WINDOW

    k = math.floor(t / GAZE_WINDOW)
    if t < boundary(k):
        k -= 1
    elif t >= boundary(k + 1):
        k += 1
    w = _smooth((t - boundary(k)) / SACCADE)
    a, b = target(k - 1), target(k)
    return a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w


def _idle_brow_raise(seed: int, t: float) -> float:
    """0…1: now and then (a quarter of 5.3 s windows) the brows lift briefly mid-window, as if musing."""
    window = 5.3
    k = math.floor(t / window)
    if _hash(seed, _CH_BROW, k) >= 0.25:
        return 0.0
    return _smooth(1.0 - abs((t / window - k) - 0.5) * 8)


def _card_direction(rig: Rig, card: tuple[float, float] | None) -> tuple[float, float] | None:
    if card is None:
        return None
    dx = card[0] - rig.eye_center[0]
    dy = card[1] - rig.eye_center[1]
    scale = max(rig.pack.size[0], rig.pack.size[1]) * 0.45
    return max(-1.0, min(1.0, dx / scale)), max(-1.0, min(1.0, dy / scale)) * 0.7


def _mix_layers(weights: dict[str, float]) -> tuple[SpriteLayer, ...]:
    """At most two sprites, lighter one first; opacities boosted (√w) so a cross-fade never looks washed out."""
    items = sorted(((w, s) for s, w in weights.items() if w > 1e-3), reverse=True)[:2]
    if not items:
        return ()
    if len(items) == 1:
        return (SpriteLayer(items[0][1], 1.0),)
    (w1, s1), (w2, s2) = items
    total = w1 + w2
    w1, w2 = w1 / total, w2 / total
    return (SpriteLayer(s2, math.sqrt(w2)), SpriteLayer(s1, math.sqrt(w1)))


def pose_at(rig: Rig, inp: AvatarInput, seed: int = 0) -> Pose:
    """The pose at `inp.t`. Pure and deterministic: same rig, input and seed → same pose."""
    pack = rig.pack
    motion = pack.motion
    t = inp.t
    n = len(rig.parts)
    # Local transform per part: dx, dy, rotate, sx, sy, opacity.
    dx = [0.0] * n
    dy = [0.0] * n
    rot = [0.0] * n
    sx = [1.0] * n
    sy = [1.0] * n
    op = [1.0] * n
    sprites: list[dict[str, float] | None] = [None] * n  # None → the part's default sprite

    talk = _talk_energy(inp)
    openness = inp.mouth.openness

    # ---- breathing and sway: the body rises on the in-breath; the rest follows as children ----
    phase = t / 4.1 + 0.15 * noise(seed, _CH_BREATH, t * 0.07)
    breath = 0.5 - 0.5 * math.cos(2 * math.pi * phase)
    body = rig.body
    dy[body] -= motion.breath * breath * (1.0 - 0.3 * talk)
    dx[body] += motion.sway * noise(seed, _CH_SWAY, t * 0.09)

    # ---- head: slow tilt and drift, livelier and bobbing on open syllables while talking ----
    head = rig.head
    tilt = _head_tilt(seed, t, talk, motion.tilt)
    rot[head] += tilt
    dx[head] += motion.sway * 0.5 * noise(seed, _CH_HEAD_X, t * 0.13)
    dy[head] += motion.breath * 0.3 * breath + talk * openness * 2.0

    # ---- eyes: blink, gaze ----
    eyes_open = eye_openness(seed, t, motion.blinks_per_minute)
    card_dir = _card_direction(rig, inp.card)
    gx, gy = _gaze(seed, t, talk, card_dir)

    # ---- expressions (eased) ----
    expr = expression_weights(inp.expressions, t, motion.expression_ease)
    sprite_override: dict[int, dict[str, float]] = {}  # expression sprites for eyes and other parts
    mouth_rest: dict[int, dict[str, float]] = {}
    for name, w in expr.items():
        e = pack.expressions.get(name)
        if e is None:
            continue
        for part_name, ov in e.parts.items():
            i = rig.index[part_name]
            _add(ov.transform, w, i, dx, dy, rot, sx, sy, op)
            if ov.sprite is not None:
                role = rig.parts[i].role
                if role == "mouth":
                    mouth_rest.setdefault(i, {})[ov.sprite] = mouth_rest.get(i, {}).get(ov.sprite, 0.0) + w
                else:
                    chosen = sprite_override.setdefault(i, {})
                    chosen[ov.sprite] = chosen.get(ov.sprite, 0.0) + w

    # ---- gestures (keyframed, aimed at the card when the gesture says so) ----
    playing = gesture_weights(inp.gestures, t, pack.gestures)
    aims: list[tuple[Gesture, float, float]] = []
    look_at_card = 0.0
    for g, local, w in playing:
        for i, per in rig.tracks[g.name].items():
            for f, keys in per.items():
                if f == "sprite":
                    sprite = _sprite_at(keys, local)
                    if sprite is not None and w > 0.5:
                        sprites[i] = {sprite: 1.0}
                    continue
                v = _sample(keys, local)
                if f == "offset":
                    dx[i] += v[0] * w
                    dy[i] += v[1] * w
                elif f == "rotate":
                    rot[i] += v[0] * w
                elif f == "scale":
                    sx[i] *= 1 + (v[0] - 1) * w
                    sy[i] *= 1 + (v[1] - 1) * w
                else:
                    op[i] *= 1 + (v[0] - 1) * w
        if g.aim is not None:
            # Look at the product while presenting it, from shortly after the start until near the end.
            env = _smooth(local / 0.35) * _smooth((g.duration - local) / 0.45)
            look_at_card = max(look_at_card, env * w)
            if inp.card is not None:
                aims.append((g, local, w))
    if look_at_card > 0 and card_dir is not None:
        gx += (card_dir[0] - gx) * look_at_card
        gy += (card_dir[1] - gy) * look_at_card

    # The head follows the eyes a little, as people do.
    rot[head] += gx * motion.tilt * 0.35
    dx[head] += gx * motion.sway * 0.6

    # ---- face parts by role ----
    state = eye_state(eyes_open)
    for i in rig.by_role.get("eye", ()):
        sprites[i] = _with_override({state: 1.0}, sprite_override.get(i))
    for i, chosen in sprite_override.items():
        # Other parts: the expression's sprite eases in over the default, unless a gesture chose one.
        if rig.parts[i].role != "eye" and sprites[i] is None:
            sprites[i] = _with_override({rig.parts[i].default_sprite: 1.0}, chosen)
    for i in rig.by_role.get("iris", ()):
        dx[i] += gx * motion.gaze[0]
        dy[i] += gy * motion.gaze[1]
    lift = motion.brow_lift * (0.35 * talk * openness + 0.5 * _idle_brow_raise(seed, t) * (1.0 - talk))
    for i in rig.by_role.get("brow", ()):
        dy[i] -= lift
    for i in rig.by_role.get("mouth", ()):
        sprites[i] = _mouth_weights(inp.mouth, rig.mouth_shapes[i], mouth_rest.get(i))
    if motion.hair_lag > 0:
        # Hair trails the head: it lags behind where the head's tilt has carried its anchor.
        lag = math.radians(_head_tilt(seed, t - 0.18, talk, motion.tilt) - tilt) * motion.hair_lag
        head_pivot = rig.parts[head].pivot
        for i in rig.by_role.get("hair", ()):
            dx[i] += lag * (head_pivot[1] - rig.parts[i].pivot[1])

    # ---- aim: turn the aiming part from where it was authored to point at the card ----
    locals_: list[Matrix] = [IDENTITY_MATRIX] * n
    for i in range(n):
        locals_[i] = local_matrix(rig.parts[i].pivot, dx[i], dy[i], rot[i], sx[i], sy[i])
    world = _world(rig, locals_)
    if aims and inp.card is not None:
        for g, local, w in aims:
            if g.aim is None:
                continue
            i = rig.index[g.aim.part]
            parent = rig.parent[i]
            pw = world[parent] if parent >= 0 else IDENTITY_MATRIX
            pivot = apply(pw, rig.parts[i].pivot)
            authored = math.atan2(g.aim.at[1] - pivot[1], g.aim.at[0] - pivot[0])
            wanted = math.atan2(inp.card[1] - pivot[1], inp.card[0] - pivot[0])
            turn = math.degrees(math.atan2(math.sin(wanted - authored), math.cos(wanted - authored)))
            turn = max(-g.aim.max_turn, min(g.aim.max_turn, turn))
            # Ramped in and out with the gesture, so the turn never snaps on or off.
            env = _smooth(local / 0.4) * _smooth((g.duration - local) / 0.5)
            rot[i] += turn * w * env
            locals_[i] = local_matrix(rig.parts[i].pivot, dx[i], dy[i], rot[i], sx[i], sy[i])
        world = _world(rig, locals_)

    opacity = [1.0] * n
    for i in rig.order:
        parent = rig.parent[i]
        opacity[i] = op[i] * (opacity[parent] if parent >= 0 else 1.0)
    parts = []
    for i, p in enumerate(rig.parts):
        mix = sprites[i]
        if mix is None:
            layers = rig.default_layers[i]
        else:
            # A sprite named by a gesture may not exist in every part's set: keep only real ones.
            layers = tuple(layer for layer in _mix_layers(mix) if layer.sprite in p.sprites)
        parts.append(PartPose(p.name, world[i], layers, max(0.0, min(1.0, opacity[i])), p.clip))
    active = {g.name: w for g, _, w in playing}
    return Pose(t, tuple(parts), eyes_open, (gx, gy), expr, active)


def _with_override(base: dict[str, float], chosen: dict[str, float] | None) -> dict[str, float]:
    """`base` sprite weights with an expression's sprites mixed in by their (eased) weights."""
    if not chosen:
        return base
    keep = 1.0 - min(1.0, sum(chosen.values()))
    out = {s: w * keep for s, w in base.items()}
    for sprite, w in chosen.items():
        out[sprite] = out.get(sprite, 0.0) + w
    return out


def _add(tr: Transform, w: float, i: int, dx: list[float], dy: list[float], rot: list[float],
         sx: list[float], sy: list[float], op: list[float]) -> None:
    if tr is IDENTITY:
        return
    dx[i] += tr.dx * w
    dy[i] += tr.dy * w
    rot[i] += tr.rotate * w
    sx[i] *= 1 + (tr.sx - 1) * w
    sy[i] *= 1 + (tr.sy - 1) * w
    op[i] *= 1 + (tr.opacity - 1) * w


def _mouth_weights(mouth: MouthState, available: frozenset[str], rest: dict[str, float] | None) -> dict[str, float]:
    """Lip-sync sprites with their weights; the rest shape X shows the expression's own rest mouth."""
    out: dict[str, float] = {}
    for shape, w in ((mouth.shape, 1.0 - mouth.blend), (mouth.next_shape, mouth.blend)):
        if w <= 0:
            continue
        if shape == "X" and rest:
            share = min(1.0, sum(rest.values()))
            for s, rw in rest.items():
                out[s] = out.get(s, 0.0) + w * rw
            w *= 1.0 - share
        sprite = resolve_shape(shape, available)
        out[sprite] = out.get(sprite, 0.0) + w
    return out


def _world(rig: Rig, locals_: list[Matrix]) -> list[Matrix]:
    world: list[Matrix] = [IDENTITY_MATRIX] * len(locals_)
    for i in rig.order:
        parent = rig.parent[i]
        if parent < 0:
            world[i] = locals_[i]
        elif rig.hangs[i]:
            # Long hair hangs from where its pivot is carried, upright whatever the head's tilt —
            # gravity, and it keeps the largest layers off the slow rotated-drawing path.
            px, py = rig.parts[i].pivot
            ax, ay = apply(world[parent], (px, py))
            world[i] = compose((1.0, 0.0, 0.0, 1.0, ax - px, ay - py), locals_[i])
        else:
            world[i] = compose(world[parent], locals_[i])
    return world


def sample_times(start: float, seconds: float, fps: float) -> Iterable[float]:
    """Frame times from `start` for `seconds` at `fps` (what the frame loop asks for)."""
    count = int(round(seconds * fps))
    return (start + i / fps for i in range(count))


__all__ = [
    "AvatarInput", "Blink", "Matrix", "PartPose", "Pose", "Rig", "SpriteLayer", "apply", "blinks_between",
    "compose", "ease", "expression_weights", "eye_openness", "eye_state", "gesture_weights", "local_matrix",
    "noise", "pose_at", "sample_times",
]
