"""Packaging: every package is listed, so `pip install .` ships all of the game."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "wargame").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set()
    internal = {p for p in listed if not p.startswith("wargame._data")}
    assert internal - found == set()  # a listed package that is missing breaks the build
    mapped = config["tool"]["setuptools"]["package-dir"]
    assert mapped == {"wargame._data.scenarios": "scenarios", "wargame._data.assets": "assets"}
