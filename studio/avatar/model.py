"""The avatar pack model: what a pack is once read — parts, expressions, gestures, motion tuning —
and the names its format uses (roles, eye states, mouth shapes, easings). Frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "avatar.toml"
FORMAT_VERSION = 1
ART_SUFFIXES = (".svg", ".png")

# What drives a part. A part without a role just follows its parent (and gestures/expressions).
ROLES = ("body", "head", "eye", "iris", "brow", "mouth", "hair")
EYE_STATES = ("open", "half", "closed")
MOUTH_REQUIRED = ("A", "B", "C", "D", "E", "F", "X")
MOUTH_OPTIONAL = ("G", "H")
MOUTH_SHAPES = MOUTH_REQUIRED + MOUTH_OPTIONAL
EASINGS = ("linear", "in", "out", "in_out")


@dataclass(frozen=True)
class Transform:
    """A change to a part relative to how it is drawn: move, turn about its pivot, scale, fade."""

    dx: float = 0.0
    dy: float = 0.0
    rotate: float = 0.0  # degrees, clockwise on screen
    sx: float = 1.0
    sy: float = 1.0
    opacity: float = 1.0

    def is_identity(self) -> bool:
        return self == IDENTITY


IDENTITY = Transform()


@dataclass(frozen=True)
class Part:
    """One layer of the avatar: its art (one image or a set of sprites), pivot, z-order and parent."""

    name: str
    sprites: Mapping[str, Path]  # sprite name → art file; a single `image` is the sprite "default"
    default_sprite: str
    role: str = ""
    parent: str | None = None
    z: float = 0.0
    pivot: tuple[float, float] = (0.0, 0.0)
    clip: str | None = None  # a sibling whose current sprite masks this part (irises in eye whites)
    line: int | None = None


@dataclass(frozen=True)
class PartOverride:
    """What an expression or a gesture key does to one part: a sprite and/or a transform."""

    sprite: str | None = None
    transform: Transform = IDENTITY
    # Which transform fields were written: a gesture key only animates what it mentions.
    fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Expression:
    """An expression: overrides for some parts, eased in and out by the animation."""

    name: str
    parts: Mapping[str, PartOverride]


@dataclass(frozen=True)
class Keyframe:
    """A gesture key: at time `t` (seconds from the gesture's start) these parts look like this."""

    t: float
    parts: Mapping[str, PartOverride]
    ease: str = "in_out"


@dataclass(frozen=True)
class Aim:
    """Turn `part` so that a gesture authored toward point `at` points at the product card instead."""

    part: str
    at: tuple[float, float]
    max_turn: float = 30.0


@dataclass(frozen=True)
class Gesture:
    """A keyframed gesture; every part starts and ends at rest unless a key at 0 or `duration` says otherwise."""

    name: str
    duration: float
    keys: tuple[Keyframe, ...]
    fade: float = 0.25  # cross-fade when another gesture interrupts this one
    aim: Aim | None = None


@dataclass(frozen=True)
class Motion:
    """Idle-motion tuning in pack units and degrees; the defaults suit a 1000×1400 half-body."""

    breath: float = 3.0
    sway: float = 4.0
    tilt: float = 2.5
    gaze: tuple[float, float] = (8.0, 5.0)
    blinks_per_minute: float = 17.0
    expression_ease: float = 0.4
    brow_lift: float = 5.0
    hair_lag: float = 0.6


@dataclass(frozen=True)
class AvatarPack:
    """A validated avatar pack: parts in drawing order, expressions, gestures and motion tuning."""

    root: Path
    name: str
    size: tuple[float, float]
    parts: tuple[Part, ...]  # sorted by z (ties keep manifest order)
    expressions: Mapping[str, Expression] = field(default_factory=dict)
    gestures: Mapping[str, Gesture] = field(default_factory=dict)
    motion: Motion = Motion()

    def part(self, name: str) -> Part:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(name)

    def art_files(self) -> list[Path]:
        """Every art file the pack uses, once each."""
        seen: dict[Path, None] = {}
        for p in self.parts:
            for path in p.sprites.values():
                seen.setdefault(path)
        return list(seen)
