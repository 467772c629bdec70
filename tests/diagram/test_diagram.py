"""Diagrams: golden DOT, real Graphviz renders, standalone and reproducible SVG.

Update the golden files after an intended change with: UPDATE_GOLDEN=1 .venv/bin/pytest tests/diagram
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from planner.cli import main
from planner.pipeline import analyze
from planner.render.diagram import render_diagram
from tests.conftest import BLUEPRINTS, REPO

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = ["shop-seoul", "gke-bootcamp", "data-lake", "minimal-vm"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_dot_matches_golden(name: str) -> None:
    dot = render_diagram(analyze(BLUEPRINTS / f"{name}.yaml"), "dot", kubernetes=True).decode()
    assert "site-packages" not in dot and str(REPO) not in dot
    golden = GOLDEN / f"{name}.dot"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(dot)
    assert dot == golden.read_text(), "diagram changed: review it, then UPDATE_GOLDEN=1 pytest tests/diagram"


def test_svg_is_standalone_reproducible_and_names_everything() -> None:
    analysis = analyze(BLUEPRINTS / "shop-seoul.yaml")
    first = render_diagram(analysis, "svg", kubernetes=True)
    assert first == render_diagram(analysis, "svg", kubernetes=True), "same blueprint, same bytes"
    text = html.unescape(first.decode())  # Graphviz writes '-' as &#45;
    assert "site-packages" not in text and 'xlink:href="/' not in text
    assert text.count("data:image/png;base64,") >= 10
    bp = analysis.blueprint
    names = [x.name for x in (*bp.instances, *bp.databases, *bp.buckets, *bp.load_balancers, *bp.clusters,
                              *bp.workloads)] + [s.name for s in bp.network.subnets]
    for name in names:
        assert name in text, name
    assert "10.0.16.0/20" in text and "4091 usable" in text and "tcp 3306" in text


def test_png_is_a_real_image() -> None:
    png = render_diagram(analyze(BLUEPRINTS / "gke-bootcamp.yaml"), "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_large_blueprints_group_repeated_resources(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    import generate

    path = generate.write(200, tmp_path / "big.yaml")
    dot = render_diagram(analyze(path), "dot").decode()
    nodes = re.findall(r"^\s*n_\w+ \[", dot, flags=re.MULTILINE)
    assert len(nodes) < 60, f"{len(nodes)} nodes for 200 instance groups"
    assert "more instance groups" in dot and "more buckets" in dot
    assert "main/ng-0" in dot, "node groups are never collapsed away"


def test_cli_writes_svg_and_refuses_other_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "d.svg"
    with pytest.raises(SystemExit) as info:
        main(["diagram", str(BLUEPRINTS / "minimal-vm.yaml"), "-o", str(out)])
    assert info.value.code in (0, None) and out.read_bytes().startswith(b"<?xml")
    with pytest.raises(SystemExit) as info:
        main(["diagram", str(BLUEPRINTS / "minimal-vm.yaml"), "-o", str(tmp_path / "d.gif")])
    assert info.value.code == 2


def test_rendering_writes_nothing_into_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    render_diagram(analyze(BLUEPRINTS / "minimal-vm.yaml"), "svg")
    assert list(tmp_path.iterdir()) == []


def test_missing_graphviz_is_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without dot: the real lookup, no mock of our code
    with pytest.raises(SystemExit) as info:
        main(["diagram", str(BLUEPRINTS / "minimal-vm.yaml"), "-o", str(tmp_path / "d.png")])
    assert info.value.code == 3
    assert "Graphviz is not installed" in capsys.readouterr().err


def _dot_of(text: str) -> str:
    from planner.blueprint import load_blueprint_text
    from planner.pipeline import analyze_loaded

    return render_diagram(analyze_loaded(load_blueprint_text(text, "t.yaml")), "dot").decode()


def test_two_node_groups_in_one_subnet_and_zone_are_both_drawn() -> None:
    seoul = (BLUEPRINTS / "shop-seoul.yaml").read_text()
    text = seoul.replace("""        capacity: on-demand""", """        capacity: on-demand
      - name: batch
        instance_type: c6i.xlarge
        min_size: 1
        desired_size: 2
        max_size: 4""", 1)
    dot = _dot_of(text)
    assert "shop/general" in dot and "shop/batch" in dot
    ids = re.findall(r"^\s*(n_nodes_\w+) \[", dot, flags=re.MULTILINE)
    assert len(ids) == len(set(ids)) == 4  # two groups in each of the two zones


def test_database_copies_are_labelled_by_role_per_zone() -> None:
    seoul = (BLUEPRINTS / "shop-seoul.yaml").read_text()
    replicas = _dot_of(seoul.replace("multi_az: true", "multi_az: false").replace("read_replicas: 1", "read_replicas: 4"))
    assert "primary + read replica × 2" in replicas and "\nread replica × 2" in replicas
    assert "primary × " not in replicas
    two_zones = _dot_of(seoul.replace("read_replicas: 1", "read_replicas: 2"))  # multi-AZ, a and c
    assert "primary + read replica" in two_zones and "standby + read replica" in two_zones
