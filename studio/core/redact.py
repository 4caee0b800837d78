"""Secrets as they may be shown: a stream key in a log, an error or the console, never in full."""

from __future__ import annotations


def mask_key(key: str) -> str:
    """A stream key as it may be shown: only its last four characters (`****abcd`), none of a short one.

    Always four stars, whatever the key's length, so the mask does not tell how long the key is.
    """
    return "****" + (key[-4:] if len(key) > 8 else "")


__all__ = ["mask_key"]
