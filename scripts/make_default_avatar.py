"""Write the default host's SVG part files into assets/avatars/default/parts/.

The art is authored as code so that mirrored parts (eyes, arms) stay exactly symmetric, the
palette lives in one place, and every mouth shape and eye state shares the same geometry. All
parts are drawn on one shared 1000×1400 canvas (like layers exported from a drawing program), so
the manifest's pivots are plain canvas coordinates. Run it after changing the art:

    .venv/bin/python scripts/make_default_avatar.py [--out DIR]

It only uses what QtSvg (SVG Tiny 1.2) renders: paths, linear/radial gradients and opacity.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studio.core.assets import avatar_packs_dir

W, H = 1000, 1400
CX = W / 2

# ---- palette: one warm family so every part sits together ----
SKIN = "#FFE9DD"
SKIN_LIGHT = "#FFF4EC"
SKIN_SHADE = "#F5CDBB"
SKIN_DEEP = "#E8A995"
SKIN_LINE = "#C98471"
BLUSH = "#FF8E9E"
HAIR = "#3D2833"
HAIR_DARK = "#26161F"
HAIR_MID = "#553845"
HAIR_LIGHT = "#8C6070"
HAIR_SHINE = "#D9AFBD"
LINE = "#2B1820"
IRIS_TOP = "#3A1D1A"
IRIS_MID = "#7C4230"
IRIS_LOW = "#E0A05A"
PUPIL = "#1E0D0C"
SCLERA = "#FFFFFF"
SCLERA_SHADE = "#E9E1EC"
LIP = "#E8787F"
LIP_LINE = "#B64F5D"
MOUTH_IN = "#7A2638"
TONGUE = "#EC7384"
TEETH = "#FFFFFF"
JACKET = "#F06E7C"
JACKET_LIGHT = "#FF97A0"
JACKET_SHADE = "#CF4E60"
JACKET_DEEP = "#A83A4E"
TOP = "#FFF8F1"
TOP_SHADE = "#EBDDD3"
GOLD = "#E9B867"
GOLD_DARK = "#B98536"
ACCENT = "#FFD36B"

Point = tuple[float, float]


def fmt(v: float) -> str:
    """Short numbers keep the SVGs small and diffs readable."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


def mirror_x(p: Point) -> Point:
    return (W - p[0], p[1])


@dataclass(frozen=True)
class Seg:
    """A cubic Bézier segment: two control points and the end point."""

    c1: Point
    c2: Point
    end: Point


def path_d(start: Point, segs: Sequence[Seg | Point], close: bool = True) -> str:
    """SVG path data from a start point and cubic segments (a bare point is a straight line)."""
    out = [f"M{fmt(start[0])} {fmt(start[1])}"]
    for s in segs:
        if isinstance(s, Seg):
            out.append("C" + " ".join(f"{fmt(x)} {fmt(y)}" for x, y in (s.c1, s.c2, s.end)))
        else:
            out.append(f"L{fmt(s[0])} {fmt(s[1])}")
    if close:
        out.append("Z")
    return "".join(out)


def symmetric(top: Point, left_side: Sequence[Seg]) -> str:
    """A closed shape symmetric about x=500: `left_side` runs from `top` down to the bottom centre."""
    segs: list[Seg | Point] = list(left_side)
    points: list[Point] = [top]
    for s in left_side:
        points.append(s.end)
    # Walk back up the right side: reverse each segment and mirror it.
    for i in range(len(left_side) - 1, -1, -1):
        s = left_side[i]
        start = points[i]
        segs.append(Seg(mirror_x(s.c2), mirror_x(s.c1), mirror_x(start)))
    return path_d(top, segs)


def mirror_d(segs_start: Point, segs: Sequence[Seg | Point], close: bool = True) -> str:
    """The mirror image (about x=500) of a path given by start and segments."""
    ms: list[Seg | Point] = []
    for s in segs:
        if isinstance(s, Seg):
            ms.append(Seg(mirror_x(s.c1), mirror_x(s.c2), mirror_x(s.end)))
        else:
            ms.append(mirror_x(s))
    return path_d(mirror_x(segs_start), ms, close)


class Svg:
    """A tiny SVG document builder: gradient defs plus shapes, on the shared canvas."""

    def __init__(self) -> None:
        self.defs: list[str] = []
        self.body: list[str] = []
        self._ids = 0

    def _id(self, stem: str) -> str:
        self._ids += 1
        return f"{stem}{self._ids}"

    def linear(self, x1: float, y1: float, x2: float, y2: float,
               stops: Iterable[tuple[float, str, float]]) -> str:
        gid = self._id("lg")
        s = "".join(f'<stop offset="{fmt(o)}" stop-color="{c}" stop-opacity="{fmt(a)}"/>' for o, c, a in stops)
        self.defs.append(f'<linearGradient id="{gid}" gradientUnits="userSpaceOnUse" x1="{fmt(x1)}" '
                         f'y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}">{s}</linearGradient>')
        return f"url(#{gid})"

    def radial(self, cx: float, cy: float, r: float, stops: Iterable[tuple[float, str, float]],
               fx: float | None = None, fy: float | None = None) -> str:
        gid = self._id("rg")
        s = "".join(f'<stop offset="{fmt(o)}" stop-color="{c}" stop-opacity="{fmt(a)}"/>' for o, c, a in stops)
        focus = f' fx="{fmt(fx if fx is not None else cx)}" fy="{fmt(fy if fy is not None else cy)}"'
        self.defs.append(f'<radialGradient id="{gid}" gradientUnits="userSpaceOnUse" cx="{fmt(cx)}" '
                         f'cy="{fmt(cy)}" r="{fmt(r)}"{focus}>{s}</radialGradient>')
        return f"url(#{gid})"

    def path(self, d: str, fill: str = "none", stroke: str = "none", width: float = 0,
             opacity: float = 1.0, cap: str = "round", transform: str = "") -> None:
        attrs = f'd="{d}" fill="{fill}"'
        if stroke != "none":
            attrs += (f' stroke="{stroke}" stroke-width="{fmt(width)}" stroke-linecap="{cap}"'
                      ' stroke-linejoin="round"')
        if opacity < 1:
            attrs += f' opacity="{fmt(opacity)}"'
        if transform:
            attrs += f' transform="{transform}"'
        self.body.append(f"<path {attrs}/>")

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: str, opacity: float = 1.0,
                stroke: str = "none", width: float = 0, transform: str = "") -> None:
        attrs = f'cx="{fmt(cx)}" cy="{fmt(cy)}" rx="{fmt(rx)}" ry="{fmt(ry)}" fill="{fill}"'
        if stroke != "none":
            attrs += f' stroke="{stroke}" stroke-width="{fmt(width)}"'
        if opacity < 1:
            attrs += f' opacity="{fmt(opacity)}"'
        if transform:
            attrs += f' transform="{transform}"'
        self.body.append(f"<ellipse {attrs}/>")

    def group(self, transform: str) -> None:
        self.body.append(f'<g transform="{transform}">')

    def end_group(self) -> None:
        self.body.append("</g>")

    def text(self) -> str:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
                f'width="{W}" height="{H}" viewBox="0 0 {W} {H}">\n'
                f'<defs>{"".join(self.defs)}</defs>\n' + "\n".join(self.body) + "\n</svg>\n")


MIRROR = f"matrix(-1 0 0 1 {W} 0)"


# ============================================================ hair (back)

def hair_back() -> Svg:
    s = Svg()
    left = [
        Seg((400, 118), (300, 170), (288, 320)),
        Seg((278, 450), (290, 560), (272, 690)),
        Seg((260, 790), (238, 870), (232, 930)),
        Seg((262, 905), (280, 915), (300, 935)),   # strand tip
        Seg((305, 900), (318, 890), (334, 905)),
        Seg((345, 850), (372, 806), (400, 790)),   # behind the shoulders: hidden by the jacket
        Seg((440, 780), (470, 790), (500, 790)),
    ]
    d = symmetric((500, 112), left)
    s.path(d, fill=s.linear(0, 150, 0, 930, [(0, HAIR_MID, 1), (0.45, HAIR, 1), (1, HAIR_DARK, 1)]))
    # The inside of the hair (behind the neck) is in shadow.
    # (It stays inside the hair's inner edge, which runs up from the strand tips to the nape.)
    inner = symmetric((500, 420), [Seg((440, 420), (400, 540), (392, 780)),
                                   Seg((430, 780), (470, 786), (500, 786))])
    s.path(inner, fill=s.linear(0, 420, 0, 760, [(0, HAIR_DARK, 0.0), (1, HAIR_DARK, 0.75)]))
    # A few long strand lines give the mass direction.
    for side in (False, True):
        for sx, ex, off in ((300, 262, 0), (320, 292, 40)):
            d2 = path_d((sx, 420 + off), [Seg((sx - 8, 560 + off), (ex + 10, 700 + off), (ex, 860))], close=False)
            s.path(d2, stroke=HAIR_LIGHT, width=4, opacity=0.35,
                   transform=MIRROR if side else "")
    return s


# ============================================================ body (neck, top, jacket)

def body() -> Svg:
    s = Svg()
    # Neck and a little décolletage: skin under the scoop neckline.
    neck = symmetric((500, 560), [
        Seg((478, 560), (458, 565), (456, 600)),
        Seg((455, 660), (452, 710), (430, 745)),
        Seg((440, 790), (470, 812), (500, 815)),
    ])
    s.path(neck, fill=s.linear(0, 560, 0, 815, [(0, SKIN_SHADE, 1), (0.45, SKIN, 1), (1, SKIN, 1)]))
    # Shadow the chin casts on the neck.
    s.path(symmetric((500, 590), [Seg((476, 590), (458, 600), (456, 610)),
                                  Seg((462, 650), (480, 668), (500, 672))]),
           fill=SKIN_DEEP, opacity=0.55)
    # Collarbones.
    for tr in ("", MIRROR):
        s.path(path_d((440, 770), [Seg((455, 778), (470, 780), (482, 778))], close=False),
               stroke=SKIN_LINE, width=3, opacity=0.45, transform=tr)
    # Ivory top with a scoop neckline.
    # Its top corners stay under the jacket's shoulders (x 415–585 at y 760 is inside the lapels).
    top = path_d((430, 745), [Seg((450, 800), (550, 800), (570, 745)), (585, 760), (600, 1180),
                              (400, 1180), (415, 760)])
    s.path(top, fill=s.linear(0, 745, 0, 1100, [(0, TOP, 1), (1, TOP_SHADE, 1)]))
    s.path(path_d((430, 745), [Seg((450, 800), (550, 800), (570, 745))], close=False),
           stroke=TOP_SHADE, width=5)
    # Gold necklace with a small drop pendant.
    s.path(path_d((452, 722), [Seg((462, 770), (538, 770), (548, 722))], close=False),
           stroke=GOLD, width=3)
    s.path(path_d((500, 764), [Seg((510, 776), (512, 790), (500, 798)),
                               Seg((488, 790), (490, 776), (500, 764))]),
           fill=s.linear(0, 764, 0, 798, [(0, ACCENT, 1), (1, GOLD_DARK, 1)]))
    # Jacket: two panels meeting at a button, lapels folded back.
    left_panel_start = (446, 742)
    left_panel: list[Seg | Point] = [
        Seg((400, 752), (332, 766), (302, 792)),
        Seg((270, 818), (262, 870), (262, 930)),
        (270, 1420), (503, 1420), (503, 1080),
        Seg((482, 980), (458, 860), (446, 742)),
    ]
    grad = s.linear(0, 740, 0, 1400, [(0, JACKET_LIGHT, 1), (0.25, JACKET, 1), (1, JACKET_SHADE, 1)])
    s.path(path_d(left_panel_start, left_panel), fill=grad)
    s.path(mirror_d(left_panel_start, left_panel), fill=grad)
    # Side shading of the torso (the arm sits over it, the edge still reads rounded).
    for tr in ("", MIRROR):
        s.path(path_d((262, 930), [Seg((290, 1000), (300, 1200), (296, 1420)), (270, 1420)]),
               fill=JACKET_DEEP, opacity=0.35, transform=tr)
    # Lapels (revers) with a notch.
    lapel_start = (446, 742)
    lapel: list[Seg | Point] = [Seg((432, 780), (410, 820), (392, 850)), (420, 866), (404, 900),
             Seg((440, 950), (470, 1010), (497, 1075)), Seg((476, 960), (456, 860), (446, 742))]
    lap_grad = s.linear(380, 760, 500, 1000, [(0, JACKET_LIGHT, 1), (1, JACKET, 1)])
    for fn in (path_d, mirror_d):
        d = fn(lapel_start, lapel)
        s.path(d, fill=lap_grad)
        s.path(d, stroke=JACKET_DEEP, width=3, opacity=0.6)
    # Shadow under the lapels onto the top, and the button.
    s.ellipse(500, 1098, 11, 11, fill=s.radial(496, 1094, 12, [(0, "#FFF2E0", 1), (1, GOLD, 1)]),
              stroke=GOLD_DARK, width=2)
    s.path(path_d((503, 1110), [(503, 1420)], close=False), stroke=JACKET_DEEP, width=3, opacity=0.6)
    # Breast pocket line and a clip-on microphone on the left lapel: this is a presenter.
    s.path(path_d((590, 1000), [(668, 994)], close=False), stroke=JACKET_DEEP, width=4, opacity=0.5)
    s.path(path_d((412, 880), [(428, 874), (434, 890), (418, 896)]), fill="#2E2A33")
    s.ellipse(420, 872, 9, 11, fill=s.radial(417, 868, 10, [(0, "#6B6672", 1), (1, "#1E1B22", 1)]))
    # Shoulder seams.
    for tr in ("", MIRROR):
        s.path(path_d((302, 800), [Seg((320, 810), (338, 830), (346, 850))], close=False),
               stroke=JACKET_SHADE, width=3, opacity=0.5, transform=tr)
    return s


# ============================================================ arms and hands

SHOULDER_L = (300.0, 820.0)
ELBOW_L = (286.0, 1092.0)
WRIST_L = (292.0, 1342.0)
HAND_SCALE = 1.4


def upper_arm() -> Svg:
    s = Svg()
    d = path_d((262, 800), [
        Seg((250, 900), (240, 1000), (246, 1092)),
        Seg((248, 1132), (324, 1134), (326, 1092)),
        Seg((330, 1010), (342, 930), (346, 860)),
        Seg((346, 812), (300, 780), (262, 800)),
    ])
    s.path(d, fill=s.linear(240, 0, 346, 0, [(0, JACKET_SHADE, 1), (0.4, JACKET, 1), (1, JACKET_LIGHT, 1)]))
    s.path(path_d((330, 900), [Seg((322, 960), (318, 1020), (316, 1080))], close=False),
           stroke=JACKET_DEEP, width=3, opacity=0.35)
    return s


def forearm() -> Svg:
    s = Svg()
    d = path_d((250, 1080), [
        Seg((246, 1180), (252, 1270), (256, 1330)),
        Seg((270, 1350), (316, 1350), (330, 1330)),
        Seg((332, 1260), (330, 1170), (324, 1080)),
        Seg((318, 1040), (256, 1040), (250, 1080)),
    ])
    s.path(d, fill=s.linear(246, 0, 332, 0, [(0, JACKET_SHADE, 1), (0.45, JACKET, 1), (1, JACKET_LIGHT, 1)]))
    # Ivory cuff peeking out of the sleeve.
    cuff = path_d((258, 1318), [Seg((272, 1336), (314, 1336), (328, 1318)), (327, 1342),
                                Seg((312, 1362), (272, 1362), (257, 1342))])
    s.path(cuff, fill=TOP, stroke=TOP_SHADE, width=2)
    return s


def hand(kind: str) -> Svg:
    """Hand sprites drawn around the wrist at (0, 0), fingers pointing down (+y), palm to viewer."""
    s = Svg()
    skin = s.linear(-40, 0, 40, 0, [(0, SKIN_SHADE, 1), (0.5, SKIN, 1), (1, SKIN_LIGHT, 1)])
    # Drawn small and scaled up: hands read best a little larger than life in this style.
    s.group(f"translate({fmt(WRIST_L[0])} {fmt(WRIST_L[1] - 6)}) scale({HAND_SCALE})")
    if kind == "rest":
        palm = path_d((-24, 0), [Seg((-30, 30), (-30, 60), (-24, 86)), Seg((-18, 112), (12, 116), (18, 92)),
                                 Seg((26, 62), (28, 28), (22, 0))])
        s.path(palm, fill=skin, stroke=SKIN_LINE, width=2.5)
        thumb = path_d((18, 20), [Seg((34, 34), (38, 56), (30, 70)), Seg((24, 74), (18, 62), (14, 48))])
        s.path(thumb, fill=skin, stroke=SKIN_LINE, width=2.5)
        for x in (-10, 2):
            s.path(path_d((x, 70), [(x + 1, 100)], close=False), stroke=SKIN_LINE, width=2, opacity=0.6)
    elif kind in ("open", "wave"):
        spread = 1.0 if kind == "wave" else 0.35
        palm = path_d((-26, 0), [Seg((-30, 24), (-30, 50), (-26, 66)), (26, 66), Seg((30, 44), (28, 20), (24, 0))])
        s.path(palm, fill=skin)
        # Four fingers fanning slightly (more when waving), then the thumb to the side.
        for i, (fx, length) in enumerate(((-20, 46), (-7, 54), (6, 52), (18, 42))):
            ang = (i - 1.5) * 6 * spread
            s.group(f"translate({fx} 60) rotate({fmt(ang)})")
            s.path(path_d((-6.5, 0), [(-6.5, length - 6), Seg((-6.5, length + 3), (6.5, length + 3), (6.5, length - 6)),
                                      (6.5, 0)]), fill=skin, stroke=SKIN_LINE, width=2.2)
            s.end_group()
        s.path(path_d((-26, 0), [Seg((-30, 24), (-30, 50), (-26, 66))], close=False), stroke=SKIN_LINE, width=2.5)
        s.path(path_d((24, 0), [Seg((28, 20), (30, 44), (26, 62))], close=False), stroke=SKIN_LINE, width=2.5)
        thumb = path_d((22, 12), [Seg((40, 22), (52, 36), (54, 50)), Seg((56, 58), (46, 60), (42, 54)),
                                  Seg((36, 44), (26, 38), (18, 36))])
        s.path(thumb, fill=skin, stroke=SKIN_LINE, width=2.2)
        s.path(path_d((-14, 30), [Seg((-4, 40), (6, 40), (16, 32))], close=False), stroke=SKIN_LINE,
               width=2, opacity=0.45)
    elif kind == "point":
        fist = path_d((-24, 0), [Seg((-30, 26), (-30, 54), (-22, 72)), Seg((-12, 84), (16, 84), (24, 70)),
                                 Seg((28, 46), (28, 22), (22, 0))])
        s.path(fist, fill=skin, stroke=SKIN_LINE, width=2.5)
        # Curled fingers' knuckle lines.
        for y in (52, 64):
            s.path(path_d((-20, y), [Seg((-8, y + 6), (4, y + 6), (12, y))], close=False),
                   stroke=SKIN_LINE, width=2, opacity=0.55)
        # Index finger, extended along the forearm.
        s.path(path_d((10, 60), [(10, 112), Seg((10, 122), (24, 122), (24, 112)), (24, 58)]),
               fill=skin, stroke=SKIN_LINE, width=2.2)
        thumb = path_d((20, 16), [Seg((34, 26), (38, 44), (32, 56)), Seg((26, 62), (18, 54), (16, 44))])
        s.path(thumb, fill=skin, stroke=SKIN_LINE, width=2.2)
    s.end_group()
    return s


# ============================================================ head

def head() -> Svg:
    s = Svg()
    face = symmetric((500, 195), [
        Seg((412, 195), (344, 250), (338, 360)),
        Seg((334, 440), (342, 505), (374, 562)),
        Seg((408, 618), (462, 652), (500, 656)),
    ])
    s.path(face, fill=s.radial(450, 380, 330, [(0, SKIN_LIGHT, 1), (0.55, SKIN, 1), (1, SKIN_SHADE, 1)]))
    s.path(face, stroke=SKIN_LINE, width=2.5, opacity=0.7)
    # Soft shade along the jaw for volume.
    jaw = path_d((352, 520), [Seg((372, 590), (440, 644), (500, 650)), Seg((560, 644), (628, 590), (648, 520)),
                              Seg((620, 600), (560, 636), (500, 640)), Seg((440, 636), (380, 600), (352, 520))])
    s.path(jaw, fill=SKIN_SHADE, opacity=0.6)
    # Blush.
    for cx in (408, 592):
        s.ellipse(cx, 528, 40, 20, fill=s.radial(cx, 528, 40, [(0, BLUSH, 0.55), (1, BLUSH, 0)]))
        for dx in (-14, -2, 10):
            s.path(path_d((cx + dx, 522), [(cx + dx - 5, 532)], close=False), stroke="#FF7088",
                   width=2, opacity=0.35)
    # Nose: a hint of a shadow and a highlight.
    s.path(path_d((504, 528), [Seg((510, 538), (508, 546), (500, 548))], close=False),
           stroke=SKIN_DEEP, width=3)
    s.ellipse(497, 520, 3, 6, fill=SKIN_LIGHT, opacity=0.9)
    return s


def _arc_band(cx: float, cy: float, r_out: float, r_in: float, a0: float, a1: float) -> str:
    """A curved band between two radii from angle a0 to a1 (degrees, y down), tips tapered."""
    pts_out = []
    pts_in = []
    steps = 8
    for i in range(steps + 1):
        a = math.radians(a0 + (a1 - a0) * i / steps)
        taper = math.sin(math.pi * i / steps) ** 0.6
        mid = (r_out + r_in) / 2
        half = (r_out - r_in) / 2 * taper
        pts_out.append((cx + (mid + half) * math.cos(a), cy + (mid + half) * math.sin(a)))
        pts_in.append((cx + (mid - half) * math.cos(a), cy + (mid - half) * math.sin(a)))
    return path_d(pts_out[0], pts_out[1:] + pts_in[::-1])


def hair_front() -> Svg:
    s = Svg()
    # Cast shadow of the fringe on the forehead.
    shadow = path_d((336, 330), [Seg((380, 350), (420, 392), (470, 396)), Seg((520, 400), (600, 380), (664, 330)),
                                 (664, 300), (336, 300)])
    s.path(shadow, fill=SKIN_DEEP, opacity=0.35)
    base = s.linear(0, 120, 0, 420, [(0, HAIR_MID, 1), (0.6, HAIR, 1), (1, HAIR_DARK, 1)])
    # Crown and fringe as one mass, parted on the right; the lower edge is a row of strand tips.
    fringe = path_d((318, 400), [
        Seg((300, 250), (380, 120), (505, 116)),
        Seg((630, 118), (700, 240), (684, 410)),
        Seg((664, 370), (650, 340), (640, 322)),       # right side tips
        Seg((632, 360), (620, 380), (606, 392)),
        Seg((604, 360), (596, 332), (584, 312)),
        Seg((570, 348), (548, 376), (520, 392)),
        Seg((528, 360), (530, 330), (524, 300)),
        Seg((498, 340), (466, 372), (430, 384)),
        Seg((446, 360), (452, 330), (450, 310)),
        Seg((424, 346), (388, 372), (352, 378)),
        Seg((372, 352), (378, 330), (378, 310)),
        Seg((356, 340), (336, 370), (318, 400)),
    ])
    # A darker under-layer of strands peeks between the front tips and gives the fringe depth.
    under = path_d((330, 330), [Seg((340, 260), (420, 200), (500, 200)), Seg((590, 200), (660, 260), (670, 330)),
                                Seg((660, 352), (652, 366), (646, 376)), Seg((634, 350), (626, 336), (618, 330)),
                                Seg((566, 372), (548, 380), (546, 384)), Seg((520, 352), (500, 340), (486, 336)),
                                Seg((470, 360), (420, 380), (396, 386)), Seg((396, 360), (400, 340), (404, 330)),
                                Seg((370, 350), (350, 372), (334, 384))])
    s.path(under, fill=HAIR_DARK)
    s.path(fringe, fill=base)
    # Strand lines inside the fringe and locks.
    for d in (path_d((470, 150), [Seg((440, 220), (420, 300), (430, 384))], close=False),
              path_d((540, 150), [Seg((540, 230), (540, 300), (524, 300))], close=False),
              path_d((600, 170), [Seg((620, 230), (620, 290), (606, 392))], close=False),
              path_d((400, 180), [Seg((370, 240), (360, 300), (352, 378))], close=False)):
        s.path(d, stroke=HAIR_DARK, width=3, opacity=0.5)
    # The glossy ring of light across the crown ("angel ring"): arc pieces broken by strands.
    shine = s.linear(0, 170, 0, 250, [(0, HAIR_SHINE, 0.0), (0.5, HAIR_SHINE, 0.55), (1, HAIR_SHINE, 0.0)])
    for a0, a1 in ((212, 236), (242, 268), (274, 298), (304, 326)):
        s.path(_arc_band(505, 380, 198, 180, a0, a1), fill=shine)
    # A small star clip in the accent colour.
    s.group("translate(628 292) rotate(-15)")
    star = []
    for i in range(10):
        r = 20 if i % 2 == 0 else 9
        a = -math.pi / 2 + i * math.pi / 5
        star.append((r * math.cos(a), r * math.sin(a)))
    s.path(path_d(star[0], star[1:]), fill=s.linear(0, -20, 0, 20, [(0, "#FFE9A8", 1), (1, ACCENT, 1)]),
           stroke=GOLD_DARK, width=2)
    s.end_group()
    return s


def locks() -> Svg:
    """Side locks framing the face; they hang from the temples, so they are a part of their own."""
    s = Svg()
    # Side locks framing the face, falling onto the shoulders.
    lock_start = (338, 300)
    lock = [Seg((300, 380), (300, 500), (318, 620)),
            Seg((330, 700), (336, 760), (326, 820)),
            Seg((348, 790), (360, 760), (366, 720)),
            Seg((372, 760), (380, 780), (392, 790)),
            Seg((378, 700), (356, 560), (352, 430)),
            Seg((350, 380), (356, 340), (360, 318))]
    lock_fill = s.linear(300, 0, 380, 0, [(0, HAIR_DARK, 1), (0.5, HAIR, 1), (1, HAIR_MID, 1)])
    s.path(path_d(lock_start, lock), fill=lock_fill)
    s.path(mirror_d(lock_start, lock), fill=lock_fill)
    for tr in ("", MIRROR):
        s.path(path_d((322, 420), [Seg((318, 520), (326, 640), (334, 760))], close=False),
               stroke=HAIR_LIGHT, width=3, opacity=0.45, transform=tr)
    return s


# ============================================================ eyes

EYE_L = (420.0, 460.0)  # centre of the image-left eye; the right one is its mirror


def _eye_open_white() -> str:
    return path_d((372, 442), [Seg((392, 414), (440, 404), (470, 452)),
                               Seg((466, 486), (448, 506), (420, 506)),
                               Seg((392, 506), (372, 480), (372, 442))])


def _eye_half_white() -> str:
    return path_d((372, 466), [Seg((396, 452), (440, 450), (470, 466)),
                               Seg((466, 490), (448, 506), (420, 506)),
                               Seg((392, 506), (374, 488), (372, 466))])


def eye_white(state: str) -> Svg:
    s = Svg()
    if state in ("open", "half", "wide"):
        d = _eye_open_white() if state != "half" else _eye_half_white()
        s.path(d, fill=s.linear(0, 410, 0, 506, [(0, SCLERA_SHADE, 1), (0.45, SCLERA, 1), (1, SCLERA, 1)]))
    return s


def lashes(state: str) -> Svg:
    """Upper lash line, lower lash and crease for one eye state (the image-left eye)."""
    s = Svg()
    if state in ("open", "wide"):
        upper = path_d((360, 430), [Seg((380, 398), (440, 392), (474, 448)),
                                    Seg((460, 436), (420, 410), (372, 440)),
                                    Seg((368, 440), (364, 436), (360, 430))])
        s.path(upper, fill=LINE)
        s.path(path_d((372, 436), [(356, 420), (366, 428)]), fill=LINE)  # outer flick
        s.path(path_d((378, 486), [Seg((388, 504), (404, 508), (420, 508))], close=False),
               stroke="#7A4A52", width=3, opacity=0.8)
        s.path(path_d((386, 402), [Seg((398, 394), (416, 390), (432, 390))], close=False),
               stroke=SKIN_LINE, width=2, opacity=0.4)
    elif state == "half":
        upper = path_d((362, 462), [Seg((392, 444), (444, 442), (474, 466)),
                                    Seg((440, 456), (400, 456), (372, 468)), (362, 462)])
        s.path(upper, fill=LINE)
        # The upper lid, skin over where the open eye was.
        lid = path_d((372, 442), [Seg((392, 414), (440, 404), (470, 452)), (470, 462),
                                  Seg((440, 452), (396, 452), (372, 464))])
        s.path(lid, fill=SKIN_SHADE, opacity=0.9)
        s.path(path_d((378, 486), [Seg((388, 504), (404, 508), (420, 508))], close=False),
               stroke="#7A4A52", width=3, opacity=0.8)
        s.path(path_d((382, 426), [Seg((400, 414), (440, 414), (462, 430))], close=False),
               stroke=SKIN_LINE, width=2.5, opacity=0.5)
    elif state == "closed":
        d = path_d((366, 470), [Seg((390, 496), (446, 496), (472, 474)),
                                Seg((446, 490), (392, 490), (366, 470))])
        s.path(d, fill=LINE, stroke=LINE, width=3.5)
        s.path(path_d((372, 474), [(358, 476)], close=False), stroke=LINE, width=3)
        s.path(path_d((382, 436), [Seg((400, 428), (440, 428), (462, 440))], close=False),
               stroke=SKIN_LINE, width=2.5, opacity=0.45)
    elif state == "happy":
        d = path_d((368, 482), [Seg((390, 448), (448, 446), (472, 478)),
                                Seg((446, 458), (392, 460), (368, 482))])
        s.path(d, fill=LINE, stroke=LINE, width=4)
        s.path(path_d((374, 476), [(360, 480)], close=False), stroke=LINE, width=3)
    return s


def iris() -> Svg:
    """The iris of one eye, drawn at the image-left eye; the manifest clips it to the eye white."""
    s = Svg()
    cx, cy = EYE_L[0] + 2, EYE_L[1] + 2
    s.ellipse(cx, cy, 33, 42, fill=s.linear(0, cy - 42, 0, cy + 42,
                                            [(0, IRIS_TOP, 1), (0.45, IRIS_MID, 1), (1, IRIS_LOW, 1)]),
              stroke=IRIS_TOP, width=3)
    s.ellipse(cx, cy + 4, 15, 20, fill=PUPIL)
    s.ellipse(cx, cy + 26, 22, 12, fill=s.radial(cx, cy + 30, 24, [(0, "#FFD08A", 0.75), (1, "#FFD08A", 0)]))
    s.ellipse(cx - 13, cy - 16, 11, 13, fill=SCLERA)
    s.ellipse(cx + 14, cy + 24, 5, 5, fill=SCLERA, opacity=0.9)
    s.ellipse(cx + 16, cy - 22, 3.5, 3.5, fill=SCLERA, opacity=0.8)
    return s


def brow() -> Svg:
    s = Svg()
    d = path_d((368, 396), [Seg((388, 366), (430, 360), (464, 380)),
                            Seg((432, 372), (396, 376), (368, 396))])
    s.path(d, fill=HAIR_MID, stroke=HAIR_MID, width=3)
    return s


def mirrored(svg: Svg) -> Svg:
    """The same shapes reflected about the vertical centre line (the character's other side)."""
    out = Svg()
    out.defs = svg.defs
    out.body = [f'<g transform="{MIRROR}">', *svg.body, "</g>"]
    return out


def iris_right() -> Svg:
    """The right iris: its position mirrors, its highlights keep coming from the same light."""
    s = Svg()
    cx, cy = W - EYE_L[0] - 2, EYE_L[1] + 2
    s.ellipse(cx, cy, 33, 42, fill=s.linear(0, cy - 42, 0, cy + 42,
                                            [(0, IRIS_TOP, 1), (0.45, IRIS_MID, 1), (1, IRIS_LOW, 1)]),
              stroke=IRIS_TOP, width=3)
    s.ellipse(cx, cy + 4, 15, 20, fill=PUPIL)
    s.ellipse(cx, cy + 26, 22, 12, fill=s.radial(cx, cy + 30, 24, [(0, "#FFD08A", 0.75), (1, "#FFD08A", 0)]))
    s.ellipse(cx - 13, cy - 16, 11, 13, fill=SCLERA)
    s.ellipse(cx + 14, cy + 24, 5, 5, fill=SCLERA, opacity=0.9)
    s.ellipse(cx + 16, cy - 22, 3.5, 3.5, fill=SCLERA, opacity=0.8)
    return s


# ============================================================ mouth

MOUTH = (500.0, 594.0)


def mouth(shape: str) -> Svg:
    """One mouth shape; A–H and X follow the lip-sync letters, the rest are expression idles."""
    s = Svg()
    x, y = MOUTH
    inner = s.linear(0, y - 20, 0, y + 30, [(0, "#5E1A2A", 1), (1, MOUTH_IN, 1)])

    def open_mouth(w: float, top: float, bottom: float, teeth_top: float = 0, teeth_bottom: float = 0,
                   tongue: float = 0, tongue_up: bool = False, round_: float = 0.55) -> None:
        """An open mouth: width w, lip edges `top` above and `bottom` below the centre line."""
        hw = w / 2
        k = round_
        d = path_d((x - hw, y), [Seg((x - hw, y - top * k), (x - hw * k, y - top), (x, y - top)),
                                 Seg((x + hw * k, y - top), (x + hw, y - top * k), (x + hw, y)),
                                 Seg((x + hw, y + bottom * k), (x + hw * k, y + bottom), (x, y + bottom)),
                                 Seg((x - hw * k, y + bottom), (x - hw, y + bottom * k), (x - hw, y))])
        s.path(d, fill=inner)
        if tongue:
            ty = y - tongue if tongue_up else y + bottom - tongue
            s.path(path_d((x - hw * 0.6, y + bottom * 0.9), [Seg((x - hw * 0.5, ty), (x + hw * 0.5, ty),
                                                                  (x + hw * 0.6, y + bottom * 0.9))]),
                   fill=TONGUE)
        if teeth_top:
            s.path(path_d((x - hw * 0.78, y - top * 0.82), [Seg((x - hw * 0.4, y - top * 1.02),
                                                                 (x + hw * 0.4, y - top * 1.02),
                                                                 (x + hw * 0.78, y - top * 0.82)),
                                                             (x + hw * 0.7, y - top + teeth_top),
                                                             Seg((x + hw * 0.3, y - top + teeth_top + 2),
                                                                 (x - hw * 0.3, y - top + teeth_top + 2),
                                                                 (x - hw * 0.7, y - top + teeth_top))]),
                   fill=TEETH)
        if teeth_bottom:
            s.path(path_d((x - hw * 0.6, y + bottom * 0.85), [Seg((x - hw * 0.3, y + bottom - teeth_bottom),
                                                                   (x + hw * 0.3, y + bottom - teeth_bottom),
                                                                   (x + hw * 0.6, y + bottom * 0.85)),
                                                               Seg((x + hw * 0.3, y + bottom * 1.02),
                                                                   (x - hw * 0.3, y + bottom * 1.02),
                                                                   (x - hw * 0.6, y + bottom * 0.85))]),
                   fill=TEETH, opacity=0.92)
        s.path(d, stroke=LIP_LINE, width=3)
        # A soft lower-lip highlight gives the mouth volume.
        s.path(path_d((x - hw * 0.45, y + bottom + 5), [Seg((x - hw * 0.2, y + bottom + 9),
                                                              (x + hw * 0.2, y + bottom + 9),
                                                              (x + hw * 0.45, y + bottom + 5))], close=False),
               stroke=LIP, width=3.5, opacity=0.55)

    def line(points: Sequence[Point], width: float = 4.0, shade: bool = True) -> None:
        start, c1, c2, end = points
        s.path(path_d(start, [Seg(c1, c2, end)], close=False), stroke=LIP_LINE, width=width)
        if shade:
            s.path(path_d((x - 9, y + 11), [Seg((x - 4, y + 14), (x + 4, y + 14), (x + 9, y + 11))], close=False),
                   stroke=LIP, width=3, opacity=0.5)

    if shape == "X":      # rest: a relaxed, slightly smiling line
        line(((x - 19, y - 1), (x - 8, y + 5), (x + 8, y + 5), (x + 19, y - 1)))
    elif shape == "A":    # M, B, P: lips pressed together
        line(((x - 22, y + 1), (x - 8, y + 3), (x + 8, y + 3), (x + 22, y + 1)), width=5)
        s.path(path_d((x - 14, y - 4), [Seg((x - 5, y - 6), (x + 5, y - 6), (x + 14, y - 4))], close=False),
               stroke=LIP, width=3, opacity=0.6)
    elif shape == "B":    # K, S, T, EE: slightly open, teeth together
        open_mouth(46, 7, 9, teeth_top=8, teeth_bottom=6, round_=0.4)
    elif shape == "C":    # EH, AE: open
        open_mouth(48, 12, 16, teeth_top=7, tongue=7, round_=0.5)
    elif shape == "D":    # AA: wide open
        open_mouth(56, 17, 30, teeth_top=8, tongue=12, round_=0.55)
    elif shape == "E":    # AO, ER: rounded
        open_mouth(36, 14, 22, teeth_top=5, tongue=8, round_=0.75)
    elif shape == "F":    # UW, OO, W: puckered
        open_mouth(20, 9, 11, round_=0.9)
        s.ellipse(x, y + 1, 13, 14, fill="none", stroke=LIP, width=4, opacity=0.7)
    elif shape == "G":    # F, V: upper teeth on the lower lip
        open_mouth(44, 8, 6, teeth_top=10, round_=0.4)
    elif shape == "H":    # L: open, tongue raised
        open_mouth(46, 13, 18, teeth_top=6, tongue=6, tongue_up=True, round_=0.5)
    elif shape == "smile":
        line(((x - 26, y - 6), (x - 12, y + 8), (x + 12, y + 8), (x + 26, y - 6)), width=4.5)
    elif shape == "grin":  # excited: open smile, D-shaped
        d = path_d((x - 28, y - 6), [Seg((x - 10, y - 2), (x + 10, y - 2), (x + 28, y - 6)),
                                     Seg((x + 24, y + 20), (x + 10, y + 28), (x, y + 28)),
                                     Seg((x - 10, y + 28), (x - 24, y + 20), (x - 28, y - 6))])
        s.path(d, fill=inner)
        s.path(path_d((x - 14, y + 26), [Seg((x - 8, y + 14), (x + 8, y + 14), (x + 14, y + 26))]), fill=TONGUE)
        s.path(path_d((x - 24, y - 4), [Seg((x - 10, y), (x + 10, y), (x + 24, y - 4)), (x + 22, y + 3),
                                        Seg((x + 10, y + 7), (x - 10, y + 7), (x - 22, y + 3))]), fill=TEETH)
        s.path(d, stroke=LIP_LINE, width=3)
    elif shape == "o":     # surprised at rest
        open_mouth(22, 12, 14, round_=0.9)
    elif shape == "hmm":   # thinking: a small sideways pout
        line(((x - 14, y + 4), (x - 4, y + 1), (x + 6, y - 1), (x + 16, y - 4)), width=4, shade=False)
    else:
        raise ValueError(shape)
    return s


MOUTH_SHAPES = ("A", "B", "C", "D", "E", "F", "G", "H", "X", "smile", "grin", "o", "hmm")
EYE_STATES = ("open", "half", "closed", "happy")


def build(out: Path) -> list[Path]:
    """Write every part file under `out` and return their paths."""
    files: dict[str, Svg] = {
        "hair_back.svg": hair_back(),
        "body.svg": body(),
        "arm_l_upper.svg": upper_arm(),
        "arm_l_fore.svg": forearm(),
        "arm_r_upper.svg": mirrored(upper_arm()),
        "arm_r_fore.svg": mirrored(forearm()),
        "head.svg": head(),
        "iris_l.svg": iris(),
        "iris_r.svg": iris_right(),
        "brow_l.svg": brow(),
        "brow_r.svg": mirrored(brow()),
        "fringe.svg": hair_front(),
        "locks.svg": locks(),
    }
    for kind in ("rest", "open", "wave", "point"):
        files[f"hand_l_{kind}.svg"] = hand(kind)
        files[f"hand_r_{kind}.svg"] = mirrored(hand(kind))
    for state in EYE_STATES:
        files[f"eye_l_{state}.svg"] = eye_white(state)
        files[f"eye_r_{state}.svg"] = mirrored(eye_white(state))
        files[f"lash_l_{state}.svg"] = lashes(state)
        files[f"lash_r_{state}.svg"] = mirrored(lashes(state))
    for shape in MOUTH_SHAPES:
        files[f"mouth_{shape}.svg"] = mouth(shape)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, svg in files.items():
        target = out / name
        target.write_text(svg.text(), encoding="utf-8")
        written.append(target)
    return written


def main() -> None:
    default = avatar_packs_dir() / "default" / "parts"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default, help="folder for the part SVGs")
    args = parser.parse_args()
    written = build(args.out)
    print(f"wrote {len(written)} part files to {args.out}")


if __name__ == "__main__":
    main()
