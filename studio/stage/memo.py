"""Memoization for per-frame layout calls whose arguments are the same objects frame after frame.

`functools.lru_cache` hashes its arguments on every call, and hashing a Product (with all its
pitch lines) or a Template (a dozen rectangles) every frame costs more than the lookup saves.
`by_identity` first checks whether the very same objects came back (cheap `is` checks) and only
then falls back to the value-keyed cache, so equal-but-new objects still hit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")


def by_identity(maxsize: int = 64) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Decorator: an identity-keyed front for an lru_cache of `maxsize` entries."""

    def wrap(fn: Callable[..., R]) -> Callable[..., R]:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        recent: dict[tuple[int, ...], tuple[tuple[Any, ...], R]] = {}

        @functools.wraps(fn)
        def call(*args: Any) -> R:
            key = tuple(map(id, args))
            hit = recent.get(key)
            if hit is not None and all(a is b for a, b in zip(hit[0], args, strict=True)):
                return hit[1]
            value = cached(*args)
            if len(recent) >= maxsize:
                recent.clear()
            # Keeping the arguments alive keeps their ids from being reused by other objects.
            recent[key] = (args, value)
            return value

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]  # as lru_cache's wrapper has
        return call

    return wrap
