"""The type checker sees the stages: a misspelt blueprint field in a stage module fails `mypy --strict`
(with the project's configuration), and the correctly spelt one passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

from tests.conftest import REPO

STAGE = '''
from planner.checks.base import Context
from planner.pipeline import Analysis
from planner.review.model import Context as ReviewContext


def instance_types(ctx: Context) -> list[str]:
    return [i.type for i in ctx.bp.{field}]


def names(analysis: Analysis) -> list[str]:
    return [i.name for i in analysis.blueprint.{field}]


def review_names(ctx: ReviewContext) -> list[str]:
    return [i.name for i in ctx.bp.{field}]
'''


def _mypy(tmp_path: Path, field: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    module = tmp_path / "stage_under_test.py"
    module.write_text(STAGE.format(field=field))
    monkeypatch.setenv("MYPYPATH", str(REPO))  # the editable install's import hook is invisible to mypy
    out, err, status = api.run(["--config-file", str(REPO / "pyproject.toml"), "--cache-dir",
                                str(tmp_path / "cache"), "--no-incremental", str(module)])
    return out + err, status


def test_mypy_rejects_a_misspelt_blueprint_field_in_a_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, status = _mypy(tmp_path, "instancez", monkeypatch)
    assert status == 1, report
    assert report.count('"Blueprint" has no attribute "instancez"') == 3, report


def test_mypy_accepts_the_same_stage_spelt_right(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, status = _mypy(tmp_path, "instances", monkeypatch)
    assert status == 0, report
