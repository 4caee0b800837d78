"""Every line a show can say, for preparing its audio ahead: `studio synth` and the console's Prepare speech."""

from __future__ import annotations

from datetime import datetime

from studio.core.clock import SystemClock
from studio.show.model import Line, Show


def show_lines(show: Show, max_variants: int, at: datetime | None = None) -> list[tuple[str, str]]:
    """(text, language) of every line a show can say at `at` (default now): pitches, FAQ answers,
    filler; variants bounded. A line that says the time ({time}) is only prepared for that minute."""
    from studio.show.variables import product_variables, show_variables

    now = at if at is not None else SystemClock().now()
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(line: Line, values: dict[str, str]) -> None:
        lang = line.language or show.language
        for text in line.template.texts(values, max_variants):
            if text.strip() and (text, lang) not in seen:
                seen.add((text, lang))
                out.append((text, lang))

    for product in show.products:
        for line in product.pitch:
            add(line, product_variables(product, line.language or show.language, now))
        for faq in product.faq:
            for line in faq.answer:
                add(line, product_variables(product, line.language or show.language, now))
    for line in show.filler:
        add(line, show_variables(now))
    return out


__all__ = ["show_lines"]
