"""The show overview window on the demo show and on a broken show, as a user sees it."""

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from studio.core.assets import demo_show_path
from studio.show.loader import load_show
from studio.ui.show_overview import ProductCard, ProductsPage, ProblemsPage, ShowOverviewWindow, WeekGrid

SATURDAY_EVENING = datetime(2026, 11, 28, 21, 30)


def image_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    view = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    # Copy while `image` is alive: the buffer belongs to it and is freed with it.
    return view[:, : image.width(), :3].copy()


@pytest.fixture
def demo_window(qtbot):
    result = load_show(demo_show_path())
    assert result.ok
    window = ShowOverviewWindow(result, now=SATURDAY_EVENING)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_demo_window_presents_products_rundowns_schedule_and_problems(demo_window) -> None:
    show = demo_window.result.show
    titles = [demo_window.tabs.tabText(i) for i in range(demo_window.tabs.count())]
    assert titles[0] == f"商品 Products ({len(show.products)})"
    assert titles[1] == "节目单 Rundowns (2)"
    assert titles[2].startswith("排期 Schedule")
    assert titles[3].startswith("问题 Problems (0 ✖")
    cards = demo_window.findChildren(ProductCard)
    assert sorted(c.product.id for c in cards) == sorted(p.id for p in show.products)
    labels = [w.text() for w in demo_window.findChildren(QLabel)]
    assert show.disclosure in labels  # the AI label is visible in the header
    assert "¥168" in labels and "¥238" in labels  # price and struck-through original
    assert "现在播 on air now: 晚间主推" in " ".join(labels)  # Saturday 21:30 is the evening window


def test_clicking_a_card_shows_its_pitch(demo_window, qtbot) -> None:
    page = demo_window.findChild(ProductsPage)
    card = page.cards["tea"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert page.current == "tea"
    texts = [w.text() for w in page.detail_scroll.widget().findChildren(QLabel)]
    tea = demo_window.result.show.product("tea")
    assert tea.name in texts
    for line in tea.pitch:
        assert line.text in texts
    assert card.property("selected") == "true"


def test_week_grid_paints_windows_in_their_rundown_colour(qtbot) -> None:
    show = load_show(demo_show_path()).show
    grid = WeekGrid(show)
    qtbot.addWidget(grid)
    grid.resize(756, 600)
    image = image_array(grid.grab().toImage())
    left, top, col = 56, 36, (756 - 56 - 16) / 7
    h = 600 - 36 - 56

    def pixel(day: int, hour: float) -> np.ndarray:
        return image[int(top + h * hour / 24), int(left + col * (day + 0.5))].astype(int)

    evening = grid.colors["evening"]
    tuesday_night = pixel(1, 21)  # weekdays 19:00–23:30 → evening
    assert abs(tuesday_night[2] - evening.red()) < 60 and abs(tuesday_night[1] - evening.green()) < 60
    monday_one_am_inside = pixel(0, 0.5)  # Sunday's 18:00–01:00 reaches Monday 00:30
    assert abs(monday_one_am_inside[2] - evening.red()) < 60
    tuesday_morning = pixel(1, 9)  # fallback only: the dark background
    assert tuesday_morning.max() < 90


def test_broken_show_opens_on_the_problems(qtbot, tmp_path: Path) -> None:
    (tmp_path / "products").mkdir()
    (tmp_path / "show.toml").write_text('title = "x"\n[rundowns.main]\nproducts = ["nope"]\n', encoding="utf-8")
    (tmp_path / "products" / "a.toml").write_text('name = "A"\nprice = "abc"\n', encoding="utf-8")
    result = load_show(tmp_path)
    assert not result.ok
    window = ShowOverviewWindow(result)
    qtbot.addWidget(window)
    window.show()
    page = window.tabs.currentWidget()
    assert isinstance(page, ProblemsPage)
    rows = [page.topLevelItem(i).text(1) + " " + page.topLevelItem(i).text(2) for i in range(page.topLevelItemCount())]
    assert any(r.startswith("products/a.toml:2 price: must be a number") for r in rows), rows
    assert any("unknown product 'nope'" in r for r in rows), rows


def test_gui_command_saves_a_real_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "studio.png"
    proc = subprocess.run([sys.executable, "-m", "studio", "gui", "--screenshot", str(shot)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 700
    pixels = image_array(image)
    assert pixels.std() > 20  # a drawn window, not a blank frame
    # the red price text is there: a live-commerce red pixel cluster exists
    red = (pixels[..., 2] > 200) & (pixels[..., 1] < 110) & (pixels[..., 0] < 120)
    assert red.sum() > 200
