"""Shared test set-up: deterministic Textual settings for every test run."""

import os

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
