"""CAP war-game: a terminal incident drill about per-feature partition behaviour."""

__version__ = "0.1.0"
