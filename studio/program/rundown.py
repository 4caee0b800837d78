"""The products of the rundown on air at a moment: what `studio stage` and `studio preview` pick by default."""

from __future__ import annotations

from datetime import datetime

from studio.show.model import Product, Show


def rundown_products(show: Show, now: datetime) -> list[Product]:
    """The products of the rundown on air at `now` (the first rundown when none is), repeats included."""
    rid = show.schedule.rundown_at(now) or (show.rundowns[0].id if show.rundowns else None)
    if rid is None:
        return list(show.products)
    out: list[Product] = []
    for item in show.rundown(rid).items:
        out.extend([show.product(item.product)] * max(1, item.repeat))
    return out or list(show.products)


__all__ = ["rundown_products"]
