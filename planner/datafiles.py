"""Where the shipped data files are: package data, so a plain ``pip install .`` carries them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CATALOG_DIR = Path(str(resources.files("planner") / "_catalog"))
"""The shipped data files with their sources: package data (``planner/_catalog``, which the
repository's ``catalog/`` links to), so a plain ``pip install .`` carries them."""
