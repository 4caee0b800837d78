"""studio: a 2D digital-human host for live commerce."""

__version__ = "0.1.0"
