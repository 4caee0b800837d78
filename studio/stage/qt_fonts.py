"""Fonts for the stage: an explicitly chosen CJK family (Chinese never renders as boxes) and metrics.

Requirement: one of `CJK_FAMILIES` must be installed — on Debian/Ubuntu `fonts-noto-cjk` or
`fonts-wqy-microhei`; Windows ships Microsoft YaHei and macOS PingFang SC. Qt would otherwise
pick any family and fall back glyph by glyph, which on a bare Linux box means tofu boxes.
Needs a QGuiApplication (QFontDatabase reads the system fonts through it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QImage, QRawFont

from studio.stage.scene import Font

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)
# Prices read best in a Latin face with real bold digits; the CJK family stays as the fallback.
NUMERIC_FAMILIES = ("DIN Alternate", "Roboto", "Helvetica Neue", "Segoe UI", "Arial", "Noto Sans", "DejaVu Sans")

# Characters every stage text may use: a font must draw all of them to be chosen.
PROBE = "直播间今日价省元折库存仅剩件秒杀距结束点击下方小黄车号链接数字人主播内容由生成福利¥"

FONT_HELP = ("install a Chinese font: Debian/Ubuntu `sudo apt-get install fonts-noto-cjk` "
             "(or the smaller fonts-wqy-microhei); Windows and macOS have one already")


class FontRequirementError(RuntimeError):
    """No CJK-capable font family is installed; the message says what to install."""


def _supports(family: str, text: str) -> bool:
    font = QFont(family)
    font.setPixelSize(32)
    raw = QRawFont.fromFont(font)
    # ord(): the str overload converts through QChar and wrongly fails for some ideographs.
    return raw.isValid() and all(raw.supportsCharacter(ord(c)) for c in text)


def find_cjk_family(candidates: tuple[str, ...] = CJK_FAMILIES) -> str:
    """The first installed family of `candidates` that draws Chinese; FontRequirementError if none."""
    installed = set(QFontDatabase.families())
    for family in candidates:
        if family in installed and _supports(family, PROBE):
            return family
    raise FontRequirementError(f"no Chinese-capable font found (looked for {', '.join(candidates)}); {FONT_HELP}")


def find_numeric_family(candidates: tuple[str, ...] = NUMERIC_FAMILIES) -> str | None:
    installed = set(QFontDatabase.families())
    for family in candidates:
        if family in installed and _supports(family, "0123456789.:"):
            return family
    return None


def _weight(w: int) -> QFont.Weight:
    if w >= 850:
        return QFont.Weight.Black
    if w >= 750:
        return QFont.Weight.ExtraBold
    if w >= 650:
        return QFont.Weight.Bold
    if w >= 550:
        return QFont.Weight.DemiBold
    if w >= 450:
        return QFont.Weight.Medium
    return QFont.Weight.Normal


@dataclass
class FontSet:
    """The families the stage draws with, and QFonts made from `Font` specs (cached)."""

    cjk: str
    numeric: str | None

    def __post_init__(self) -> None:
        self._fonts: dict[Font, QFont] = {}

    @classmethod
    def detect(cls) -> FontSet:
        """Pick families from what is installed (FontRequirementError without a CJK font)."""
        return cls(find_cjk_family(), find_numeric_family())

    def qfont(self, spec: Font) -> QFont:
        font = self._fonts.get(spec)
        if font is None:
            font = QFont()
            families = [self.numeric, self.cjk] if spec.numeric and self.numeric else [self.cjk]
            font.setFamilies(families)
            # Whole pixels, so measuring and drawing agree on every paint device whatever its DPI.
            font.setPixelSize(max(1, round(spec.size)))
            font.setWeight(_weight(spec.weight))
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
            font.setKerning(True)
            self._fonts[spec] = font
        return font


class QtTextMetrics:
    """`TextMetrics` measured with Qt for a FontSet, cached (layout asks the same questions often)."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._device = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)  # 96 dpi, as renders are
        self._metrics: dict[Font, QFontMetricsF] = {}
        self._advances: dict[tuple[str, Font], float] = {}

    def _fm(self, font: Font) -> QFontMetricsF:
        fm = self._metrics.get(font)
        if fm is None:
            fm = QFontMetricsF(self.fonts.qfont(font), self._device)
            self._metrics[font] = fm
        return fm

    def advance(self, text: str, font: Font) -> float:
        key = (text, font)
        value = self._advances.get(key)
        if value is None:
            if len(self._advances) > 50_000:  # bounded: captions bring new text all show long
                self._advances.clear()
            value = self._fm(font).horizontalAdvance(text)
            self._advances[key] = value
        return value

    def ascent(self, font: Font) -> float:
        return self._fm(font).ascent()

    def descent(self, font: Font) -> float:
        return self._fm(font).descent()
