"""Fixtures for the compliance tests: one shared checker (its tables take a moment to build)."""

from __future__ import annotations

import pytest

from studio.compliance import Checker


@pytest.fixture(scope="session")
def checker() -> Checker:
    """A checker with the bundled lexicon and no show lists."""
    return Checker()
