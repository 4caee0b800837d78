"""Stage test setup: Qt offscreen without a display, the demo show, a long-named product, caches."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studio.core.assets import demo_show_path  # noqa: E402
from studio.show.loader import load_show  # noqa: E402
from studio.show.model import Product, Show  # noqa: E402
from studio.stage.cutout import PhotoCache  # noqa: E402
from studio.stage.text import ApproxMetrics  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEMO = demo_show_path()
GOLDEN = Path(__file__).resolve().parent / "golden"
NOW = datetime(2025, 11, 26, 20, 48, 30)  # a Wednesday evening: the serum's 21:00 flash sale runs

# 60 characters: brand, model, specification and promise, as marketplaces list them.
LONG_NAME = "云集好物旗舰店官方正品明前特级西湖龙井绿茶礼盒装二百五十克罐装送礼长辈自饮两相宜新茶上市限时包邮顺丰发货假一赔十正品保障"
assert len(LONG_NAME) == 60, len(LONG_NAME)


@pytest.fixture(scope="session")
def demo() -> Show:
    result = load_show(DEMO)
    assert result.show is not None, [p.format() for p in result.problems]
    return result.show


@pytest.fixture(scope="session")
def long_product(demo: Show) -> Product:
    """The tea with a 60-character name, a 9-digit price, long selling points and a long link."""
    tea = demo.product("tea")
    return replace(tea, name=LONG_NAME, price=Decimal("123456789"), original_price=Decimal("987654321"),
                   selling_points=("明前头采", "核心产区西湖龙井村一级保护区直供", "豆香浓郁", "铁罐密封",
                                   "顺丰包邮", "七天无理由"),
                   stock=12_345_678, link="点击下方小黄车 1号链接 领取直播间专属满减券再下单更划算")


@pytest.fixture
def approx() -> ApproxMetrics:
    return ApproxMetrics()


@pytest.fixture(scope="session")
def photo_cache(tmp_path_factory: pytest.TempPathFactory) -> PhotoCache:
    """One photo cache for the session: each demo photo is cut out once, as in the app."""
    return PhotoCache(tmp_path_factory.mktemp("photo-cache"))


@pytest.fixture(scope="session")
def stage(qapp_session: Any, photo_cache: PhotoCache) -> Any:
    """A StageRenderer with the placeholder host (goldens must not change when the avatar art does)."""
    from studio.stage.qt_paint import StageRenderer

    return StageRenderer(photos=photo_cache)


@pytest.fixture(scope="session")
def qapp_session() -> Any:
    """A QApplication for the session (pytest-qt's `qapp` is function-scoped in name only)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([])
    return app
