"""The one stream-key mask: the last four characters of a long key, never the length, nothing of a short one."""

from __future__ import annotations

from studio.core.redact import mask_key


def test_a_long_key_shows_only_its_last_four_characters() -> None:
    assert mask_key("live_1234567890_secretKEY") == "****tKEY"
    assert mask_key("abcdefghi") == "****fghi"


def test_the_mask_does_not_tell_the_length_and_a_short_key_shows_nothing() -> None:
    assert {len(mask_key("k" * n)) for n in range(9, 200)} == {8}
    assert [mask_key("k" * n) for n in (0, 1, 5, 8)] == ["****"] * 4
