"""The show overview window: products, rundowns, schedule and problems of one loaded show.

A read-only view of a `LoadResult`. It is what `scripts/run` opens until the operator console
(issue 9) replaces it, and the console can keep using its parts.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QImageReader,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.images import ImageError, check_image_file
from studio.core.problems import Severity
from studio.show.load.schedule import DAY_NAMES_EN
from studio.show.loader import LoadResult
from studio.show.model import Line, Product, Rundown, ScheduleWindow, Show
from studio.show.variables import CURRENCY_SYMBOLS, format_amount, format_discount

ACCENT = "#FF4D5A"  # live-commerce red for prices
PANEL = "#1B1E24"
CARD = "#242832"
TEXT_DIM = "#9AA3B2"
RUNDOWN_COLORS = ["#3D8BFD", "#F59F00", "#20C997", "#CC5DE8", "#FF6B6B", "#74C0FC", "#FFD43B"]
DAY_LABELS = ("周一 Mon", "周二 Tue", "周三 Wed", "周四 Thu", "周五 Fri", "周六 Sat", "周日 Sun")

STYLE = f"""
QMainWindow, QWidget#page {{ background: {PANEL}; }}
QWidget {{ color: #E8ECF2; font-size: 13px; }}
QTabWidget::pane {{ border: none; background: {PANEL}; }}
QTabBar::tab {{ background: transparent; color: {TEXT_DIM}; padding: 10px 18px; border: none;
               border-bottom: 2px solid transparent; font-size: 14px; }}
QTabBar::tab:selected {{ color: #FFFFFF; border-bottom: 2px solid {ACCENT}; }}
QTreeWidget {{ background: {CARD}; border: none; border-radius: 8px; padding: 6px;
              alternate-background-color: #2A2F3A; }}
QTreeWidget::item {{ padding: 5px 4px; }}
QHeaderView::section {{ background: {CARD}; color: {TEXT_DIM}; border: none; padding: 6px; }}
QScrollArea {{ border: none; background: {PANEL}; }}
QFrame#productCard {{ background: {CARD}; border-radius: 12px; border: 1px solid #2F3542; }}
QFrame#productCard[selected="true"] {{ border: 2px solid {ACCENT}; }}
QLabel#chip {{ background: #33394A; color: #D5DBE6; border-radius: 9px; padding: 2px 8px; font-size: 12px; }}
QLabel#badge {{ background: {ACCENT}; color: white; border-radius: 4px; padding: 1px 6px;
               font-size: 12px; font-weight: 600; }}
QLabel#disclosure {{ background: #FFD43B; color: #1B1E24; border-radius: 6px; padding: 4px 10px;
                    font-weight: 700; }}
QLabel#meta {{ color: {TEXT_DIM}; }}
QStatusBar {{ background: #15171C; color: {TEXT_DIM}; }}
QSplitter::handle {{ background: {PANEL}; }}
QWidget#header {{ background: #15171C; }}
QScrollBar:vertical {{ background: {PANEL}; width: 10px; margin: 0; }}
QScrollBar::handle:vertical {{ background: #3A4150; border-radius: 5px; min-height: 30px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar:horizontal {{ background: {PANEL}; height: 10px; margin: 0; }}
QScrollBar::handle:horizontal {{ background: #3A4150; border-radius: 5px; min-width: 30px; }}
QToolTip {{ background: #2A2F3A; color: #E8ECF2; border: 1px solid #3A4150; }}
"""


def money(product: Product, amount: object) -> str:
    symbol = CURRENCY_SYMBOLS.get(product.currency, product.currency + " ")
    return f"{symbol}{format_amount(amount)}"  # type: ignore[arg-type]


def hhmm(t: time) -> str:
    return "24:00" if t == time(0, 0) else t.strftime("%H:%M")


def describe_days(days: tuple[int, ...]) -> str:
    if days == tuple(range(7)):
        return "每天 daily"
    if days == tuple(range(5)):
        return "工作日 weekdays"
    if days == (5, 6):
        return "周末 weekends"
    return ", ".join(DAY_NAMES_EN[d][:3] for d in days)


def describe_window(w: ScheduleWindow) -> str:
    return f"{describe_days(w.days)} {hhmm(w.start)}–{hhmm(w.end)}"


def cue_text(line: Line) -> str:
    parts = []
    if line.expression:
        parts.append(f"表情 {line.expression}")
    if line.gesture:
        parts.append(f"手势 {line.gesture}")
    if line.card:
        parts.append(f"卡片 {line.card}")
    if line.pause_after is not None:
        parts.append(f"停顿 {line.pause_after:g}s")
    if line.language:
        parts.append(f"语言 {line.language}")
    return " · ".join(parts)


def _thumbnail(path: Path, size: int) -> QImage:
    """The photo decoded near `size` (a large JPEG scales inside the decoder); null when it must not be decoded."""
    header = check_image_file(path)  # the file may have changed since the show was checked
    if isinstance(header, ImageError):
        return QImage()
    reader = QImageReader(str(path))
    if header.slow:
        reader.setScaledSize(QSize(header.width, header.height).scaled(
            2 * size, 2 * size, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def product_pixmap(product: Product, size: int, radius: float = 12.0) -> QPixmap:
    """The product photo fitted into a rounded square, or a neutral placeholder when missing."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    clip = QPainterPath()
    clip.addRoundedRect(QRectF(0, 0, size, size), radius, radius)
    p.setClipPath(clip)
    image = _thumbnail(product.image, size) if product.image else QImage()
    if not image.isNull():
        p.fillRect(QRectF(0, 0, size, size), QColor("#FFFFFF"))
        scaled = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        p.drawImage(QPointF((size - scaled.width()) / 2, (size - scaled.height()) / 2), scaled)
    else:
        grad = QLinearGradient(0, 0, size, size)
        grad.setColorAt(0, QColor("#3A4150"))
        grad.setColorAt(1, QColor("#2A2F3A"))
        p.fillRect(QRectF(0, 0, size, size), grad)
        p.setPen(QColor("#8A93A6"))
        f = QFont()
        f.setPixelSize(int(size * 0.32))
        f.setBold(True)
        p.setFont(f)
        p.drawText(QRectF(0, 0, size, size * 0.85), Qt.AlignmentFlag.AlignCenter, product.name[:1])
        f.setPixelSize(max(10, int(size * 0.07)))
        f.setBold(False)
        p.setFont(f)
        p.drawText(QRectF(0, size * 0.62, size, size * 0.2), Qt.AlignmentFlag.AlignCenter, "暂无图片 no image")
    p.end()
    return pm


class ProductCard(QFrame):
    """A product as a tile: photo, name, price with the original struck through, selling points."""

    clicked = Signal(str)

    def __init__(self, product: Product, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self.setObjectName("productCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedWidth(250)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        photo = QLabel()
        photo.setPixmap(product_pixmap(product, 226))
        photo.setFixedSize(226, 226)
        lay.addWidget(photo)
        name = QLabel(product.name)
        name.setWordWrap(True)
        name.setStyleSheet("font-size: 15px; font-weight: 600;")
        lay.addWidget(name)
        price_row = QHBoxLayout()
        price_row.setSpacing(8)
        price = QLabel(money(product, product.price))
        price.setStyleSheet(f"color: {ACCENT}; font-size: 22px; font-weight: 700;")
        price_row.addWidget(price)
        if product.saving is not None and product.original_price is not None:
            orig = QLabel(money(product, product.original_price))
            f = orig.font()
            f.setStrikeOut(True)
            orig.setFont(f)
            orig.setObjectName("meta")
            price_row.addWidget(orig)
            badge = QLabel(format_discount(product, language))
            badge.setObjectName("badge")
            price_row.addWidget(badge)
        price_row.addStretch(1)
        lay.addLayout(price_row)
        chips = _FlowRow([_chip(s) for s in product.selling_points[:4]])
        lay.addWidget(chips)
        facts = [f"{len(product.pitch)} 句话术 lines", f"{len(product.faq)} FAQ"]
        if product.stock is not None:
            facts.append(f"库存 {product.stock}")
        meta = QLabel(" · ".join(facts))
        meta.setObjectName("meta")
        lay.addWidget(meta)
        lay.addStretch(1)

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", "true" if selected else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.clicked.emit(self.product.id)
        super().mousePressEvent(event)


def _chip(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("chip")
    return label


class _FlowRow(QWidget):
    """Chips laid out in rows that wrap to the card's width."""

    def __init__(self, widgets: list[QLabel], width: int = 226) -> None:
        super().__init__()
        grid = QVBoxLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(6)
        used = 0
        for w in widgets:
            # sizeHint() does not know the stylesheet's padding yet: measure the text instead.
            need = w.fontMetrics().horizontalAdvance(w.text()) + 16 + 6
            if used and used + need > width:
                row.addStretch(1)
                grid.addLayout(row)
                row = QHBoxLayout()
                row.setSpacing(6)
                used = 0
            row.addWidget(w)
            used += need
        row.addStretch(1)
        grid.addLayout(row)


class ProductsPage(QWidget):
    """All products as cards, and the selected product's pitch and FAQ beside them."""

    def __init__(self, show: Show) -> None:
        super().__init__()
        self.setObjectName("page")
        self.show_model = show
        split = QSplitter(Qt.Orientation.Horizontal)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addWidget(split)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        holder.setObjectName("page")
        grid = QGridLayout(holder)
        grid.setSpacing(14)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.cards: dict[str, ProductCard] = {}
        for i, product in enumerate(show.products):
            card = ProductCard(product, show.language)
            card.clicked.connect(self.select)
            self.cards[product.id] = card
            grid.addWidget(card, i // 2, i % 2)
        scroll.setWidget(holder)
        split.addWidget(scroll)

        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        split.addWidget(self.detail_scroll)
        split.setSizes([540, 600])
        if show.products:
            self.select(show.products[0].id)

    def select(self, product_id: str) -> None:
        for pid, card in self.cards.items():
            card.set_selected(pid == product_id)
        product = self.show_model.product(product_id)
        page = QWidget()
        page.setObjectName("page")
        col = QVBoxLayout(page)
        col.setContentsMargins(8, 4, 8, 8)
        col.setSpacing(8)
        head = QLabel(f"{product.name}")
        head.setStyleSheet("font-size: 18px; font-weight: 700;")
        col.addWidget(head)
        sub = QLabel(f"id {product.id}  ·  {product.source.file}  ·  {product.link or '—'}")
        sub.setObjectName("meta")
        col.addWidget(sub)
        col.addWidget(_section(f"话术 Pitch — {len(product.pitch)}"))
        for n, line in enumerate(product.pitch, 1):
            col.addWidget(_line_row(f"{n}", line))
        col.addWidget(_section(f"常见问题 FAQ — {len(product.faq)}"))
        for entry in product.faq:
            col.addWidget(_line_row("问", None, " / ".join(entry.keywords)))
            for line in entry.answer:
                col.addWidget(_line_row("答", line))
        col.addStretch(1)
        self.detail_scroll.setWidget(page)
        self.current = product_id


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: {TEXT_DIM}; font-weight: 600; padding-top: 10px;")
    return label


def _line_row(number: str, line: Line | None, text: str | None = None) -> QFrame:
    """One script line as the operator reads it: number, wrapped text, cues underneath."""
    row = QFrame()
    row.setObjectName("lineRow")
    row.setStyleSheet(f"QFrame#lineRow {{ background: {CARD}; border-radius: 8px; }}")
    lay = QHBoxLayout(row)
    lay.setContentsMargins(10, 8, 10, 8)
    num = QLabel(number)
    num.setFixedWidth(22)
    num.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
    num.setObjectName("meta")
    lay.addWidget(num)
    body = QVBoxLayout()
    body.setSpacing(3)
    label = QLabel(text if text is not None else (line.text if line else ""))
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    body.addWidget(label)
    if line is not None:
        cues = cue_text(line)
        if cues:
            cue = QLabel(cues)
            cue.setStyleSheet("color: #74C0FC; font-size: 12px;")
            body.addWidget(cue)
        label.setToolTip(str(line.source))
    lay.addLayout(body, 1)
    return row


class RundownsPage(QTreeWidget):
    """Each rundown with its products in order, and when the schedule plays it."""

    def __init__(self, show: Show) -> None:
        super().__init__()
        self.setColumnCount(3)
        self.setHeaderLabels(["节目单 Rundown", "价格 Price", "排期 When"])
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for n, rundown in enumerate(show.rundowns):
            self.addTopLevelItem(self._rundown_item(show, rundown, n))
        filler = QTreeWidgetItem([f"空档话术 Filler — {len(show.filler)} lines", "", ""])
        for line in show.filler:
            filler.addChild(QTreeWidgetItem([line.text, "", cue_text(line)]))
        self.addTopLevelItem(filler)
        self.expandAll()

    @staticmethod
    def _rundown_item(show: Show, rundown: Rundown, n: int) -> QTreeWidgetItem:
        windows = [describe_window(w) for w in show.schedule.windows if w.rundown == rundown.id]
        when = "; ".join(windows)
        if show.schedule.fallback == rundown.id:
            when = (when + "; " if when else "") + "其余时间 fallback"
        title = f"{rundown.title}  ({rundown.id})" + ("  · 随机 shuffle" if rundown.shuffle else "")
        item = QTreeWidgetItem([title, f"{len(rundown.items)} products", when])
        item.setForeground(0, QColor(RUNDOWN_COLORS[n % len(RUNDOWN_COLORS)]))
        f = item.font(0)
        f.setBold(True)
        item.setFont(0, f)
        for k, entry in enumerate(rundown.items, 1):
            product = show.product(entry.product)
            reps = f"  ×{entry.repeat}" if entry.repeat > 1 else ""
            child = QTreeWidgetItem([f"{k}. {product.name}{reps}", money(product, product.price), ""])
            child.setIcon(0, product_pixmap(product, 40, 6))
            item.addChild(child)
        return item


class WeekGrid(QWidget):
    """The weekly schedule drawn as a calendar: one column per day, windows as coloured blocks."""

    def __init__(self, show: Show, now: datetime | None = None) -> None:
        super().__init__()
        self.show_model = show
        self.now = now
        self.colors = {r.id: QColor(RUNDOWN_COLORS[i % len(RUNDOWN_COLORS)]) for i, r in enumerate(show.rundowns)}
        self.setMinimumSize(QSize(700, 520))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        show = self.show_model
        left, top, right, bottom = 56, 36, 16, 56
        w = self.width() - left - right
        h = self.height() - top - bottom
        col = w / 7
        p.fillRect(self.rect(), QColor(PANEL))
        p.fillRect(QRectF(left, top, w, h), QColor(CARD))
        fallback = show.schedule.fallback
        if fallback:
            c = QColor(self.colors.get(fallback, QColor("#555")))
            c.setAlpha(38)
            p.fillRect(QRectF(left, top, w, h), c)
        small = QFont(self.font())
        small.setPixelSize(11)
        p.setFont(small)
        for hour in range(0, 25, 2):
            y = top + h * hour / 24
            p.setPen(QPen(QColor("#353B48"), 1))
            p.drawLine(QPointF(left, y), QPointF(left + w, y))
            p.setPen(QColor(TEXT_DIM))
            p.drawText(QRectF(0, y - 8, left - 8, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       f"{hour:02d}:00")
        for d in range(7):
            x = left + d * col
            p.setPen(QPen(QColor("#353B48"), 1))
            p.drawLine(QPointF(x, top), QPointF(x, top + h))
            p.setPen(QColor("#D5DBE6"))
            p.drawText(QRectF(x, 8, col, 22), Qt.AlignmentFlag.AlignCenter, DAY_LABELS[d])
        label_font = QFont(self.font())
        label_font.setPixelSize(12)
        label_font.setBold(True)
        for window in show.schedule.windows:
            color = self.colors.get(window.rundown, QColor("#888"))
            for a, b in window.week_intervals():
                for start, end in _day_pieces(a, b):
                    day = (start // 1440) % 7
                    y0 = top + h * (start % 1440) / 1440
                    y1 = top + h * ((end - 1) % 1440 + 1) / 1440
                    rect = QRectF(left + day * col + 3, y0 + 1, col - 6, max(3.0, y1 - y0 - 2))
                    fill = QColor(color)
                    fill.setAlpha(215)
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(fill)
                    p.drawRoundedRect(rect, 5, 5)
                    if rect.height() > 30:
                        p.setPen(QColor("#FFFFFF"))
                        p.setFont(label_font)
                        title = show.rundown(window.rundown).title
                        text = f"{title}\n{hhmm(window.start)}–{hhmm(window.end)}"
                        p.drawText(rect.adjusted(6, 4, -4, -4),
                                   Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                                   text)
        if self.now is not None:
            day = self.now.weekday()
            y = top + h * (self.now.hour * 60 + self.now.minute) / 1440
            p.setPen(QPen(QColor(ACCENT), 2))
            p.drawLine(QPointF(left + day * col, y), QPointF(left + (day + 1) * col, y))
            p.setBrush(QColor(ACCENT))
            p.drawEllipse(QPointF(left + day * col, y), 4, 4)
        # legend
        x = left
        p.setFont(small)
        fm = QFontMetrics(small)
        for rundown in show.rundowns:
            color = self.colors[rundown.id]
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x, top + h + 20, 14, 14), 3, 3)
            p.setPen(QColor("#D5DBE6"))
            label = rundown.title + ("（其余时间 fallback）" if rundown.id == fallback else "")
            p.drawText(QPointF(x + 20, top + h + 32), label)
            x += 20 + fm.horizontalAdvance(label) + 24
        p.end()


def _day_pieces(a: int, b: int) -> list[tuple[int, int]]:
    """Split a week-minute interval at midnights so each piece lies within one day column."""
    out = []
    while a < b:
        end = min(b, (a // 1440 + 1) * 1440)
        out.append((a, end))
        a = end
    return out


class ProblemsPage(QTreeWidget):
    """Every problem the loader found, errors first, each with file:line and a hint."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.setColumnCount(4)
        self.setHeaderLabels(["", "位置 Where", "问题 Problem", "建议 Hint"])
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        problems = sorted(result.problems, key=lambda q: not q.is_error)
        for problem in problems:
            where = problem.file + (f":{problem.line}" if problem.line else "")
            message = (problem.key + ": " if problem.key else "") + problem.message
            item = QTreeWidgetItem(["●", where, message, problem.hint])
            item.setForeground(0, QColor("#FF6B6B" if problem.severity is Severity.ERROR else "#FFC857"))
            item.setToolTip(0, problem.severity.value)
            self.addTopLevelItem(item)
        if not problems:
            self.addTopLevelItem(QTreeWidgetItem(["✓", "", "没有问题 No problems found", ""]))


class ShowOverviewWindow(QMainWindow):
    """The window `scripts/run` opens: the show at a glance."""

    def __init__(self, result: LoadResult, now: datetime | None = None) -> None:
        super().__init__()
        self.result = result
        show = result.show
        self.setStyleSheet(STYLE)
        self.setWindowTitle(f"studio — {show.title if show else result.root.name}")
        central = QWidget()
        central.setObjectName("page")
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self._header(result, now))
        self.tabs = QTabWidget()
        if show is not None:
            self.tabs.addTab(ProductsPage(show), f"商品 Products ({len(show.products)})")
            self.tabs.addTab(RundownsPage(show), f"节目单 Rundowns ({len(show.rundowns)})")
            self.tabs.addTab(WeekGrid(show, now), f"排期 Schedule ({len(show.schedule.windows)})")
        problems = ProblemsPage(result)
        n_err, n_warn = len(result.errors), len(result.warnings)
        self.tabs.addTab(problems, f"问题 Problems ({n_err} ✖ {n_warn} ⚠)")
        if show is None:
            self.tabs.setCurrentWidget(problems)
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        status = (f"{len(show.products)} products · {len(show.rundowns)} rundowns · " if show else "")
        status += f"{n_err} errors · {n_warn} warnings · {result.root}"
        self.statusBar().showMessage(status)

    def _header(self, result: LoadResult, now: datetime | None) -> QWidget:
        show = result.show
        box = QWidget()
        box.setObjectName("header")
        row = QHBoxLayout(box)
        row.setContentsMargins(20, 14, 20, 14)
        col = QVBoxLayout()
        title = QLabel(show.title if show else f"{result.root.name} — 无法加载 cannot load")
        title.setStyleSheet("font-size: 22px; font-weight: 700;")
        col.addWidget(title)
        if show is not None:
            w, h = show.canvas
            meta_parts = [show.language, f"{w}×{h} · {show.fps} fps", f"voice {show.voice.id}",
                          f"avatar {show.avatar if '/' not in show.avatar else 'custom'}"]
            if now is not None:
                rid = show.schedule.rundown_at(now)
                if rid:
                    meta_parts.append(f"现在播 on air now: {show.rundown(rid).title}")
            meta = QLabel("  ·  ".join(meta_parts))
        else:
            meta = QLabel(f"{len(result.errors)} errors — see 问题 Problems")
        meta.setObjectName("meta")
        col.addWidget(meta)
        row.addLayout(col, 1)
        if show is not None:
            badge = QLabel(show.disclosure)
            badge.setObjectName("disclosure")
            badge.setToolTip("AI-content disclosure: always visible on air")
            row.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        return box
