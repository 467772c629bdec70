"""Shared fixtures: paths to the repository's examples and to the shared reference data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BLUEPRINTS = REPO / "blueprints"
SHARED_DATA = REPO.parent / "shared" / "data"
"""Third-party reference files (not shipped); tests that need one skip when it is missing."""
TEST_DATA = REPO / "tests" / "data"
"""Reference facts the tests check against, kept in the repository with their sources."""
EXAMPLES = sorted(BLUEPRINTS.glob("*.yaml"))


def pytest_configure(config: pytest.Config) -> None:
    """Keep the user's own data out of the suite: refreshed price snapshots live under
    ``$XDG_DATA_HOME/planner``, so every test (and every subprocess it starts) sees an empty one."""
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="planner-test-xdg-")


@pytest.fixture
def seoul_text() -> str:
    return (BLUEPRINTS / "shop-seoul.yaml").read_text()
