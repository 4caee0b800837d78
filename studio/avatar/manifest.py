"""Reading a pack's `avatar.toml` through the located-TOML reader: parts and their art, expressions,
gestures and motion tuning, each mistake a located problem. Qt-free: art files are checked for
existence and type here; rasterizing them is `qt_render`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from studio.avatar.model import (
    ART_SUFFIXES,
    EASINGS,
    EYE_STATES,
    FORMAT_VERSION,
    MANIFEST,
    MOUTH_REQUIRED,
    MOUTH_SHAPES,
    ROLES,
    Aim,
    AvatarPack,
    Expression,
    Gesture,
    Keyframe,
    Motion,
    Part,
    PartOverride,
    Transform,
)
from studio.core.images import ImageError, check_image_file
from studio.core.paths import PathOutsideError, confine
from studio.core.problems import Problem, Severity, closest, did_you_mean
from studio.core.toml import KeyPath, TomlReader, TomlReadError, format_number, is_number, read_toml_file
from studio.core.toml import describe_value as _kind
from studio.show.model import EXPRESSIONS, GESTURES

MAX_ART_BYTES = 20_000_000
MAX_PARTS = 200
MAX_CANVAS = 8192

TOP_KEYS = {"format", "name", "size", "author", "license", "description", "motion", "parts",
            "expressions", "gestures"}
PART_KEYS = {"image", "sprites", "default", "role", "parent", "z", "pivot", "clip"}
MOTION_KEYS = {"breath", "sway", "tilt", "gaze", "blinks_per_minute", "expression_ease", "brow_lift",
               "hair_lag"}
GESTURE_KEYS = {"duration", "fade", "aim", "keys"}
AIM_KEYS = {"part", "at", "max_turn"}
OVERRIDE_KEYS = {"sprite", "rotate", "offset", "scale", "opacity"}

_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


class ManifestReader(TomlReader):
    """Reads one pack's manifest through the located-TOML reader, collecting problems as it goes."""

    def __init__(self, root: Path) -> None:
        super().__init__(MANIFEST)
        self.root = root

    # ---- the pack's own value kinds ----

    def pair(self, value: Any, path: KeyPath, example: str, lo: float = -1e6, hi: float = 1e6
             ) -> tuple[float, float] | None:
        if (not isinstance(value, list) or len(value) != 2 or not all(is_number(v) for v in value)):
            self.error(path, f"must be two numbers [x, y], got {_kind(value)}", f"write it as {example}")
            return None
        if not all(lo <= v <= hi for v in value):  # before float(): a huge whole number has no float
            self.error(path, f"must be between {lo:g} and {hi:g}, got [{_g(value[0])}, {_g(value[1])}]")
            return None
        return float(value[0]), float(value[1])

    def text(self, table: Mapping[str, Any], key: str, path: KeyPath) -> str | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.error(path + (key,), f"must be non-empty text, got {_kind(value)}", f'write {key} = "…"')
            return None
        return value.strip()

    # ---- the manifest ----

    def load(self) -> AvatarPack | None:
        manifest = self.root / MANIFEST
        if not self.root.is_dir():
            self.problems.append(Problem(Severity.ERROR, str(self.root), None, "",
                                         f"avatar pack folder '{self.root}' not found",
                                         "give the folder that holds avatar.toml"))
            return None
        if not manifest.is_file():
            self.error((), "no avatar.toml in the pack folder",
                       "every avatar pack needs a manifest; see docs/avatar-packs.md")
            return None
        try:
            self.source = read_toml_file(manifest)
        except TomlReadError as exc:
            self.error((), exc.message, exc.hint, line=exc.line)
            return None
        d = self.source.data
        self.check_keys(d, (), TOP_KEYS)
        fmt = d.get("format", FORMAT_VERSION)
        if fmt != FORMAT_VERSION:
            self.error(("format",), f"unsupported pack format {fmt!r}",
                       f"this studio reads format = {FORMAT_VERSION}")
        name = self.text(d, "name", ()) or self.root.name
        size = self._size(d)
        motion = self._motion(d)
        parts = self._parts(d, size)
        by_name = {p.name: p for p in parts}
        expressions = self._expressions(d, by_name)
        gestures = self._gestures(d, by_name)
        if any(p.is_error for p in self.problems):
            return None
        ordered = tuple(sorted(parts, key=lambda p: p.z))  # sorted() is stable: ties keep manifest order
        return AvatarPack(self.root, name, size, ordered, expressions, gestures, motion)

    def _size(self, d: Mapping[str, Any]) -> tuple[float, float]:
        if "size" not in d:
            self.error(("size",), "is required",
                       "add size = [width, height]: the canvas every part is drawn on, e.g. [1000, 1400]", line=1)
            return (1000.0, 1400.0)
        size = self.pair(d["size"], ("size",), "size = [1000, 1400]", lo=1, hi=MAX_CANVAS)
        return size or (1000.0, 1400.0)

    def _motion(self, d: Mapping[str, Any]) -> Motion:
        m = self.table(d, "motion", ())
        path: KeyPath = ("motion",)
        self.check_keys(m, path, MOTION_KEYS)
        base = Motion()
        gaze = base.gaze
        if "gaze" in m:
            gaze = self.pair(m["gaze"], path + ("gaze",), "gaze = [8, 5]", lo=0, hi=1000) or base.gaze
        return Motion(
            breath=self.number(m, "breath", path, base.breath, 0, 100),
            sway=self.number(m, "sway", path, base.sway, 0, 100),
            tilt=self.number(m, "tilt", path, base.tilt, 0, 15),
            gaze=gaze,
            blinks_per_minute=self.number(m, "blinks_per_minute", path, base.blinks_per_minute, 0, 60),
            expression_ease=self.number(m, "expression_ease", path, base.expression_ease, 0.05, 3),
            brow_lift=self.number(m, "brow_lift", path, base.brow_lift, 0, 100),
            hair_lag=self.number(m, "hair_lag", path, base.hair_lag, 0, 2),
        )

    # ---- parts ----

    def _parts(self, d: Mapping[str, Any], size: tuple[float, float]) -> list[Part]:
        table = self.table(d, "parts", ())
        if not table:
            if "parts" not in d or isinstance(d["parts"], dict):  # (a non-table was reported already)
                self.error(("parts",), "the pack has no parts",
                           "add a [parts.body] table, a [parts.head] table and so on", line=self.line(("parts",)) or 1)
            return []
        if len(table) > MAX_PARTS:
            self.error(("parts",), f"{len(table)} parts; at most {MAX_PARTS} are supported")
            return []
        parts: list[Part] = []
        for name, value in table.items():
            path: KeyPath = ("parts", name)
            if not _NAME.match(name):
                self.error(path, f"part name '{name}' may only use letters, digits, '_' and '-'")
                continue
            if not isinstance(value, dict):
                self.error(path, f"must be a table, got {_kind(value)}", f"write [parts.{name}] with keys below it")
                continue
            part = self._part(name, value, path, size)
            if part is not None:
                parts.append(part)
        self._check_structure(parts)
        return parts

    def _part(self, name: str, t: Mapping[str, Any], path: KeyPath, size: tuple[float, float]) -> Part | None:
        self.check_keys(t, path, PART_KEYS)
        sprites: dict[str, Path] = {}
        if "image" in t and "sprites" in t:
            self.error(path + ("sprites",), "give either image or sprites, not both",
                       "image is for a part with one picture; sprites for one with several")
        # A sprite whose file has a problem keeps its name (the pack fails to load anyway), so
        # that parts, expressions and gestures naming it do not pile up follow-on errors.
        if "image" in t:
            art = self._art(t["image"], path + ("image",))
            sprites["default"] = art if art is not None else self.root / MANIFEST
        elif "sprites" in t:
            table = t["sprites"]
            if not isinstance(table, dict) or not table:
                self.error(path + ("sprites",), f"must be a table of name = file, got {_kind(table)}",
                           'write sprites = { open = "eye_open.svg", closed = "eye_closed.svg" }')
            else:
                for sprite, file in table.items():
                    art = self._art(file, path + ("sprites", sprite))
                    sprites[sprite] = art if art is not None else self.root / MANIFEST
        else:
            self.error(path, "has no art", 'add image = "parts/file.svg" (or a sprites table)')
        role = self.text(t, "role", path) or ""
        if role and role not in ROLES:
            self.error(path + ("role",), f"unknown role '{role}'", did_you_mean(role, ROLES))
            role = ""
        parent = self.text(t, "parent", path)
        clip = self.text(t, "clip", path)
        z = self.number(t, "z", path, 0.0, -1e6, 1e6)
        w, h = size
        pivot = (w / 2, h / 2)
        if "pivot" in t:
            pivot = self.pair(t["pivot"], path + ("pivot",), "pivot = [500, 620]",
                              lo=-4 * max(w, h), hi=5 * max(w, h)) or pivot
        elif role in ("body", "head"):
            self.warn(path + ("pivot",), f"the {role} has no pivot; it turns about the canvas centre",
                      "add pivot = [x, y]: the point it turns about (the neck for a head)")
        default = "default"
        if "sprites" in t and isinstance(t["sprites"], dict) and t["sprites"]:
            names = list(t["sprites"])
            default = "open" if role == "eye" else "X" if role == "mouth" else "rest" if "rest" in names else names[0]
            given = self.text(t, "default", path)
            if given is not None:
                if given not in names:
                    self.error(path + ("default",), f"no sprite named '{given}'", did_you_mean(given, names))
                else:
                    default = given
        self._check_role_sprites(name, role, t, path)
        if not sprites:
            return None
        if default not in sprites:
            default = next(iter(sprites))
        return Part(name, sprites, default, role, parent, z, pivot, clip, self.line(path))

    def _check_role_sprites(self, name: str, role: str, t: Mapping[str, Any], path: KeyPath) -> None:
        given = t.get("sprites") if isinstance(t.get("sprites"), dict) else None
        if role == "eye":
            if given is None:
                self.error(path, "an eye needs sprites for open, half and closed",
                           'write sprites = { open = "…", half = "…", closed = "…" }')
                return
            missing = [s for s in EYE_STATES if s not in given]
            if missing:
                self.error(path + ("sprites",), f"the eye has no {', '.join(missing)} sprite"
                           + ("s" if len(missing) > 1 else ""),
                           "blinking needs open, half and closed")
        elif role == "mouth":
            if given is None:
                self.error(path, "a mouth needs a sprite for each mouth shape",
                           "write sprites = { A = …, B = …, C = …, D = …, E = …, F = …, X = … }")
                return
            missing = [s for s in MOUTH_REQUIRED if s not in given]
            if missing:
                self.error(path + ("sprites",), f"the mouth has no sprite for shape{'s' if len(missing) > 1 else ''} "
                           + ", ".join(missing), "shapes A–F and X are required; G and H are optional")
            for s in given:
                low = s.upper()
                if low in MOUTH_SHAPES and s != low:
                    self.warn(path + ("sprites", s), f"mouth shapes are capital letters; '{s}' is not used "
                              "for lip-sync", f"write {low} = …")

    def _art(self, value: Any, path: KeyPath) -> Path | None:
        if not isinstance(value, str) or not value.strip():
            self.error(path, f"must be a file path, got {_kind(value)}", 'write it as "parts/head.svg"')
            return None
        rel = value.strip()
        try:
            target = confine(self.root, rel)
        except PathOutsideError as exc:
            self.error(path, str(exc).replace("show folder", "pack folder"),
                       "art must live inside the pack folder, e.g. parts/head.svg")
            return None
        if target.suffix.lower() not in ART_SUFFIXES:
            self.error(path, f"'{rel}' is not SVG or PNG art", "export the layer as .svg or .png")
            return None
        if not target.is_file():
            nearby = _nearby(target)
            hint = did_you_mean(target.name, nearby) if closest(target.name, nearby) else \
                "paths are relative to the pack folder"
            self.error(path, f"art file '{rel}' not found", hint)
            return None
        problem = _check_art_file(target)
        if problem:
            self.error(path, f"'{rel}': {problem[0]}", problem[1])
            return None
        return target

    def _check_structure(self, parts: list[Part]) -> None:
        by_name = {p.name: p for p in parts}
        for p in parts:
            path: KeyPath = ("parts", p.name)
            if p.parent is not None and p.parent not in by_name:
                self.error(path + ("parent",), f"no part named '{p.parent}'", did_you_mean(p.parent, by_name))
            if p.clip is not None:
                target = by_name.get(p.clip)
                if target is None:
                    self.error(path + ("clip",), f"no part named '{p.clip}'", did_you_mean(p.clip, by_name))
                elif target.parent != p.parent:
                    self.error(path + ("clip",), f"'{p.clip}' must have the same parent as '{p.name}'",
                               f"give both parent = \"{p.parent or target.parent}\"")
                elif target.z >= p.z:
                    self.warn(path + ("clip",), f"'{p.clip}' is drawn after '{p.name}' (z {target.z:g} ≥ {p.z:g})",
                              "a clipped part usually sits just above its mask")
        # Cycles: follow each parent chain; a chain longer than the part count loops.
        for p in parts:
            seen = [p.name]
            cur = p
            while cur.parent is not None and cur.parent in by_name:
                cur = by_name[cur.parent]
                if cur.name in seen:
                    if cur.name == p.name:
                        self.error(("parts", p.name, "parent"),
                                   "parents go round in a circle: " + " → ".join(seen + [cur.name]),
                                   "one part (usually body) must have no parent")
                    break
                seen.append(cur.name)
        for role in ("body", "head"):
            having = [p for p in parts if p.role == role]
            if len(having) > 1:
                for extra in having[1:]:
                    self.error(("parts", extra.name, "role"),
                               f"only one part may have role = \"{role}\"; '{having[0].name}' already has it")
        if parts:
            present = {p.role for p in parts}
            for role, why in (("body", "breathing moves it"), ("head", "tilt and nods turn it"),
                              ("eye", "blinking switches its sprites"), ("mouth", "lip-sync switches its sprites")):
                if role not in present:
                    self.error(("parts",), f"no part has role = \"{role}\"",
                               f"mark the {role} part with role = \"{role}\" ({why})")

    # ---- expressions and gestures ----

    def _override(self, value: Any, path: KeyPath, part: Part | None) -> PartOverride | None:
        if not isinstance(value, dict):
            self.error(path, f"must be a table, got {_kind(value)}", "write { rotate = 5, offset = [0, -4] }")
            return None
        self.check_keys(value, path, OVERRIDE_KEYS)
        sprite = self.text(value, "sprite", path)
        if sprite is not None and part is not None and sprite not in part.sprites:
            self.error(path + ("sprite",), f"part '{part.name}' has no sprite '{sprite}'",
                       did_you_mean(sprite, part.sprites))
            sprite = None
        fields: set[str] = set()
        dx = dy = 0.0
        sx = sy = 1.0
        if "offset" in value:
            off = self.pair(value["offset"], path + ("offset",), "offset = [0, -6]", lo=-10000, hi=10000)
            if off:
                dx, dy = off
                fields.add("offset")
        if "scale" in value:
            raw = value["scale"]
            if is_number(raw):
                raw = [raw, raw]
            sc = self.pair(raw, path + ("scale",), "scale = [1, 1.1] or scale = 1.1", lo=0.01, hi=20)
            if sc:
                sx, sy = sc
                fields.add("scale")
        rotate = self.number(value, "rotate", path, 0.0, -720, 720)
        if "rotate" in value:
            fields.add("rotate")
        opacity = self.number(value, "opacity", path, 1.0, 0, 1)
        if "opacity" in value:
            fields.add("opacity")
        return PartOverride(sprite, Transform(dx, dy, rotate, sx, sy, opacity), frozenset(fields))

    def _expressions(self, d: Mapping[str, Any], parts: Mapping[str, Part]) -> dict[str, Expression]:
        table = self.table(d, "expressions", ())
        out: dict[str, Expression] = {}
        for name, value in table.items():
            path: KeyPath = ("expressions", name)
            if name not in EXPRESSIONS:
                self.error(path, f"unknown expression '{name}'", did_you_mean(name, EXPRESSIONS))
                continue
            if not isinstance(value, dict):
                self.error(path, f"must be a table of part overrides, got {_kind(value)}",
                           f"write [expressions.{name}] with lines like mouth = {{ sprite = \"smile\" }}")
                continue
            overrides: dict[str, PartOverride] = {}
            for part_name, ov in value.items():
                if part_name not in parts:
                    self.error(path + (part_name,), f"no part named '{part_name}'", did_you_mean(part_name, parts))
                    continue
                o = self._override(ov, path + (part_name,), parts[part_name])
                if o is not None:
                    overrides[part_name] = o
            out[name] = Expression(name, overrides)
        for name in EXPRESSIONS:
            if name not in out and name != "neutral" and parts:
                self.warn(("expressions",), f"expression '{name}' is not defined; the host keeps a neutral face",
                          f"add [expressions.{name}]")
        out.setdefault("neutral", Expression("neutral", {}))
        return out

    def _gestures(self, d: Mapping[str, Any], parts: Mapping[str, Part]) -> dict[str, Gesture]:
        table = self.table(d, "gestures", ())
        out: dict[str, Gesture] = {}
        for name, value in table.items():
            path: KeyPath = ("gestures", name)
            if name not in GESTURES:
                self.error(path, f"unknown gesture '{name}'", did_you_mean(name, GESTURES))
                continue
            if not isinstance(value, dict):
                self.error(path, f"must be a table, got {_kind(value)}",
                           f"write [gestures.{name}] with duration and keys")
                continue
            g = self._gesture(name, value, path, parts)
            if g is not None:
                out[name] = g
        for name in GESTURES:
            if name not in out and name not in table and parts:
                self.warn(("gestures",), f"gesture '{name}' is not defined; cues for it are ignored",
                          f"add [gestures.{name}]")
        return out

    def _gesture(self, name: str, t: Mapping[str, Any], path: KeyPath, parts: Mapping[str, Part]) -> Gesture | None:
        self.check_keys(t, path, GESTURE_KEYS)
        if "duration" not in t:
            self.error(path, "has no duration", "add duration = 2.0 (seconds)")
            return None
        duration = self.number(t, "duration", path, 0.0, 0.1, 60)
        if duration <= 0:
            return None
        fade = self.number(t, "fade", path, 0.25, 0, 5)
        keys_raw = t.get("keys")
        if not isinstance(keys_raw, list) or not keys_raw:
            what = "has no keys" if keys_raw is None else f"must be a list of keys, got {_kind(keys_raw)}"
            self.error(path + ("keys",), what,
                       f"add [[gestures.{name}.keys]] tables with t = seconds and part = {{ rotate = … }}")
            return None
        keys: list[Keyframe] = []
        last_t = -1.0
        for i, k in enumerate(keys_raw):
            kp = path + ("keys", i)
            if not isinstance(k, dict):
                self.error(kp, f"must be a table, got {_kind(k)}", "write t = 0.5 and part = { rotate = … }")
                continue
            if "t" not in k:
                self.error(kp, "has no t", "add t = seconds from the gesture's start")
                continue
            at = self.number(k, "t", kp, -1.0, 0, duration)
            if at < 0:
                continue
            if at < last_t:
                self.error(kp + ("t",), f"keys must be in time order; t = {at:g} comes after t = {last_t:g}")
                continue
            last_t = at
            ease = "in_out"
            if "ease" in k:
                e = k["ease"]
                if e not in EASINGS:
                    self.error(kp + ("ease",), f"unknown easing {e!r}", did_you_mean(str(e), EASINGS))
                else:
                    ease = e
            overrides: dict[str, PartOverride] = {}
            for part_name, ov in k.items():
                if part_name in ("t", "ease"):
                    continue
                if part_name not in parts:
                    self.error(kp + (part_name,), f"no part named '{part_name}'",
                               did_you_mean(part_name, list(parts) + ["t", "ease"]))
                    continue
                o = self._override(ov, kp + (part_name,), parts[part_name])
                if o is not None:
                    overrides[part_name] = o
            keys.append(Keyframe(at, overrides, ease))
        aim = None
        if "aim" in t:
            aim = self._aim(t["aim"], path + ("aim",), parts)
        return Gesture(name, duration, tuple(keys), fade, aim)

    def _aim(self, value: Any, path: KeyPath, parts: Mapping[str, Part]) -> Aim | None:
        if not isinstance(value, dict):
            self.error(path, f"must be a table, got {_kind(value)}",
                       'write aim = { part = "arm_r_upper", at = [1150, 700] }')
            return None
        self.check_keys(value, path, AIM_KEYS)
        part = self.text(value, "part", path)
        if part is None:
            self.error(path, "has no part", 'add part = "…": the part that turns toward the card')
            return None
        if part not in parts:
            self.error(path + ("part",), f"no part named '{part}'", did_you_mean(part, parts))
            return None
        if "at" not in value:
            self.error(path, "has no at", "add at = [x, y]: the point the gesture points at as drawn")
            return None
        at = self.pair(value["at"], path + ("at",), "at = [1150, 700]")
        if at is None:
            return None
        return Aim(part, at, self.number(value, "max_turn", path, 30.0, 0, 180))


def _g(value: float) -> str:
    """A number as `:g` writes it; a whole number too large for a float, shortened instead."""
    return f"{value:g}" if isinstance(value, float) or abs(value) < 10**300 else format_number(value)


def _nearby(target: Path) -> list[str]:
    try:
        return [p.name for p in target.parent.iterdir()][:200] if target.parent.is_dir() else []
    except OSError:
        return []


def _check_art_file(path: Path) -> tuple[str, str] | None:
    """(message, hint) when the file cannot be art of the type its name says, else None."""
    try:
        size = path.stat().st_size
        if size > MAX_ART_BYTES:
            return (f"the file is {size:,} bytes; art files may be at most {MAX_ART_BYTES:,}",
                    "export at a smaller size or simplify the drawing")
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}", ""
    if path.suffix.lower() == ".png":
        if not head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "this is not a PNG file", "export the layer as PNG (or rename it to its real type)"
        checked = check_image_file(path)  # too large, cut short, lying about its size: never decoded
        return (checked.reason, checked.hint) if isinstance(checked, ImageError) else None
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if b"<svg" not in head and not text.startswith(b"<?xml") and not text.startswith(b"<!--"):
        return "this is not an SVG file", "export the layer as SVG (or rename it to its real type)"
    return None
