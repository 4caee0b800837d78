"""The overlay look in one place: colours, radii and type sizes (in template units `u`).

Live-commerce conventions: the price is the loudest thing on the card, in red; calls to action are
a warm orange-to-red gradient; selling points are soft orange chips; the AI-disclosure label is
black on yellow, the highest-contrast pair there is.
"""

from __future__ import annotations

from studio.stage.scene import LinearGradient, Rgba, Shadow, rgba

INK = rgba("#1D2129")
INK_2 = rgba("#4E5969")
INK_3 = rgba("#86909C")
WHITE = rgba("#FFFFFF")
PRICE = rgba("#FF1F48")
PRICE_SOFT = rgba("#FFEDEF")
ORANGE = rgba("#FF6A14")
CHIP_BG = rgba("#FFF2EA")
CHIP_FG = rgba("#E4520B")
CHIP_LINE = rgba("#FFD9C4")
CARD_BG = rgba("#FFFFFF")  # opaque: Qt copies opaque pixels instead of blending them (cheaper per frame)
YELLOW = rgba("#FFD43B")
HIGHLIGHT = rgba("#FFD43B")  # the caption word being spoken
NEAR_BLACK = rgba("#111111")

CTA = LinearGradient(((0.0, rgba("#FF8A1E")), (1.0, rgba("#FF2D55"))))
FLASH = LinearGradient(((0.0, rgba("#FF2D55")), (1.0, rgba("#FF7A1A"))))
BADGE = LinearGradient(((0.0, rgba("#FF3355")), (1.0, rgba("#FF5E2B"))), 0.0, 0.0, 1.0, 1.0)
TILE = LinearGradient(((0.0, rgba("#FFFFFF")), (1.0, rgba("#F1F2F5"))), 0.0, 0.0, 0.0, 1.0)
CHIP_ON = LinearGradient(((0.0, rgba("#FF7A1E")), (1.0, rgba("#FF3D45"))))
TICKER_TAG = LinearGradient(((0.0, rgba("#FF3D45")), (1.0, rgba("#FF8A1E"))))

PLATE_DARK: Rgba = (14, 16, 22, 168)  # captions and ticker: white text stays readable on any backdrop
PLATE_LIGHT: Rgba = (255, 255, 255, 238)  # the logo plate


def card_shadow(u: float) -> Shadow:
    return Shadow(blur=22 * u, dx=0, dy=9 * u, colour=(20, 24, 40, 72))


def small_shadow(u: float) -> Shadow:
    return Shadow(blur=10 * u, dx=0, dy=3 * u, colour=(0, 0, 0, 60))


# Radii: panels, tiles inside panels, small elements. Pills use half their height.
R_PANEL = 26
R_TILE = 18
R_SMALL = 10
