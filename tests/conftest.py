"""Shared fixtures: paths to the repository's examples and to the shared reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BLUEPRINTS = REPO / "blueprints"
SHARED_DATA = REPO.parent / "shared" / "data"
"""Third-party reference files (not shipped); tests that need one skip when it is missing."""
TEST_DATA = REPO / "tests" / "data"
"""Reference facts the tests check against, kept in the repository with their sources."""
EXAMPLES = sorted(BLUEPRINTS.glob("*.yaml"))


@pytest.fixture
def seoul_text() -> str:
    return (BLUEPRINTS / "shop-seoul.yaml").read_text()
