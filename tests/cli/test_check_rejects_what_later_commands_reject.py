"""`check` rejects whatever a later command would reject: scenarios and review.skip ids are checked
up front, with the same located message `roi`, `review` and `report` give."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import BLUEPRINTS, REPO

EXE = REPO / ".venv" / "bin" / "planner"
SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()

CASES = {
    "unknown scenario path": (
        ("instances.web.type: t3.medium", "instances.wbe.type: t3.medium"),
        "scenarios[0].set.instances.wbe.type", "did you mean 'web'?"),
    "scenario renames the blueprint": (
        ("instances.web.type: t3.medium", "name: other"),
        "scenarios[0].set.name", "name"),
    "scenario breaks the blueprint": (
        ("instances.web.type: t3.medium", "instances.web.count: -3"),
        "scenarios[0].set", "makes the blueprint invalid: instances[0].count: -3 is below the minimum 0"),
    "unknown review skip id": (
        ("  skip: []", "  skip:\n    - {id: REL-99, reason: later}"),
        "review.skip[0].id", "unknown review rule 'REL-99'"),
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], check=False, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_roi_and_review_reject_it_alike(case: str, tmp_path: Path) -> None:
    (old, new), where, message = CASES[case]
    assert old in SEOUL
    blueprint = tmp_path / "bp.yaml"
    blueprint.write_text(SEOUL.replace(old, new, 1))
    outputs = {}
    for command in ("check", "roi", "review"):
        result = _run(command, str(blueprint), cwd=tmp_path)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        lines = [line for line in (result.stdout + result.stderr).splitlines() if where in line]
        assert lines and message in lines[0], (command, result.stdout, result.stderr)
        outputs[command] = lines[0]
    assert len(set(outputs.values())) == 1, outputs
