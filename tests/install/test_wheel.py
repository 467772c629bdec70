"""`pip install .` (not editable) gives a fully working planner: the wheel carries the catalog, the
JSON Schema and the report templates as package data, and nothing reads the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import BLUEPRINTS, REPO


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the planner wheel installed (dependencies borrowed from the
    test environment through a .pth file, as the machine reaches no package index from tests)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "planner", source / "planner",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                  "-w", str(root / "dist"), str(source)], cwd=root)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("planner-*.whl"))
    venv = root / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=root).returncode == 0
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=root).stdout.strip())
    (site / "borrowed-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], cwd=root)
    assert done.returncode == 0, done.stderr
    return venv


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["HOME"] = str(tmp)
    return env


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed: Path, tmp_path: Path) -> None:
    where = _run([str(installed / "bin" / "python"), "-c", "import planner; print(planner.__file__)"],
                 cwd=tmp_path, env=_env(tmp_path))
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout
    assert not Path(where.stdout.strip()).is_relative_to(REPO)


def test_the_wheel_carries_the_catalog_schema_and_templates(installed: Path) -> None:
    package = next(installed.glob("lib/python*/site-packages/planner"))
    for data in ("_catalog/README.md", "_catalog/prices/aws.csv", "_catalog/gcp-machine-types.csv",
                 "blueprint/blueprint.schema.json"):
        assert (package / data).is_file(), data
    assert list(package.glob("report/**/*.j2")) or list(package.glob("report/**/*.html")), "report templates"


def test_an_installed_planner_writes_the_full_report_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    blueprint = tmp_path / "shop.yaml"
    shutil.copy(BLUEPRINTS / "shop-seoul.yaml", blueprint)
    planner = str(installed / "bin" / "planner")
    checked = _run([planner, "check", str(blueprint)], cwd=tmp_path, env=_env(tmp_path))
    assert checked.returncode in (0, 1), checked.stderr
    cost = _run([planner, "estimate", str(blueprint), "--format", "json"], cwd=tmp_path, env=_env(tmp_path))
    assert cost.returncode == 0, cost.stderr
    assert "\"complete\": true" in cost.stdout
    report = _run([planner, "report", str(blueprint), "-o", str(tmp_path / "out")], cwd=tmp_path,
                  env=_env(tmp_path))
    assert report.returncode in (0, 1), report.stderr
    written = {p.name for p in (tmp_path / "out").rglob("*")}
    assert {"index.html", "report.md", "diagram.png"} <= written, written
