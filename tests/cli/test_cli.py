"""The CLI through its real entry point: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from tests.conftest import BLUEPRINTS, REPO


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out = capsys.readouterr()
    return int(info.value.code or 0), out.out, out.err


def test_check_ok_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(BLUEPRINTS / "shop-seoul.yaml")], capsys)
    assert code == 0
    assert "ok (aws ap-northeast-2" in out


def test_check_explain_shows_the_derived_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--explain", str(BLUEPRINTS / "shop-seoul.yaml")], capsys)
    assert code == 0
    assert "10.0.16.0/20" in out and "4091" in out and "NAT gateway in ap-northeast-2a" in out
    assert "headroom" in out


def test_check_reports_every_problem_and_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((BLUEPRINTS / "shop-seoul.yaml").read_text()
                   .replace("type: t3.large", "type: t3.larg").replace("targets: [web]", "targets: [wev]"))
    code, _, err = run(["check", str(bad)], capsys)
    assert code == 2
    assert f"{bad}:" in err
    assert "instances[0].type: unknown instance type 't3.larg' — did you mean 't3.large'?" in err
    assert "load_balancers[0].targets[0]: unknown target 'wev'" in err
    assert "Traceback" not in err


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--format", "json", "--explain", str(BLUEPRINTS / "minimal-vm.yaml")], capsys)
    data = json.loads(out)
    assert code == 0 and data["ok"] is True
    assert data["plan"]["subnets"][0]["usable"] == 59


def test_plan_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["plan", "--format", "json", str(BLUEPRINTS / "shop-seoul.yaml")], capsys)
    plan = json.loads(out)
    assert code == 0
    assert [s["cidr"] for s in plan["subnets"]][:4] == ["10.0.0.0/24", "10.0.1.0/24", "10.0.16.0/20", "10.0.32.0/20"]
    assert plan["clusters"][0]["headroom"] == plan["clusters"][0]["addresses_available"] - plan["clusters"][0][
        "addresses_needed"]


def test_missing_file_is_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "/nonexistent/x.yaml"], capsys)
    assert code == 2 and "cannot read the file" in err


def test_usage_error_is_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["check", "--no-such-flag", "x.yaml"], capsys)
    assert code == 2


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["title"].startswith("planner blueprint")
    assert "instances" in schema["properties"]


def test_catalog_instances_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["catalog", "instances", "--region", "ap-northeast-2", "--family", "t3", "--format", "json"],
                       capsys)
    rows = {r["instance_type"]: r for r in json.loads(out)}
    assert code == 0
    large = rows["t3.large"]
    assert (large["vcpu"], large["memory_gib"], large["architecture"], large["max_pods"]) == (2, 8.0, "x86_64", 35)
    assert large["hourly_usd"] == 0.104  # Seoul on-demand, catalog/prices/aws.csv
    assert {"instance_type", "family", "generation", "vcpu", "memory_gib", "architecture", "max_pods", "region",
            "hourly_usd"} <= set(large)


def test_catalog_unknown_region_is_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["catalog", "instances", "--region", "mars-1"], capsys)
    assert code == 2 and "unknown aws region" in err


def test_console_script_runs_in_a_subprocess() -> None:
    exe = Path(sys.executable).parent / "planner"
    done = subprocess.run([str(exe), "check", str(BLUEPRINTS / "minimal-vm.yaml")], capture_output=True, text=True,
                          cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
