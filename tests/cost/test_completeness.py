"""An incomplete total never reads as complete: estimate, CSV, JSON, diff, ROI, report; --fail-on-unpriced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from tests.conftest import BLUEPRINTS


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out = capsys.readouterr()
    return int(info.value.code or 0), out.out, out.err


@pytest.fixture
def unpriced_vm(tmp_path: Path) -> Path:
    """minimal-vm in eu-central-1: the shipped catalog prices nothing there (3 components unpriced)."""
    path = tmp_path / "minimal-eu.yaml"
    path.write_text((BLUEPRINTS / "minimal-vm.yaml").read_text().replace("region: us-east-1", "region: eu-central-1"))
    return path


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_text_total_says_incomplete(unpriced_vm: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["estimate", str(unpriced_vm), "--format", fmt], capsys)
    total = next(line for line in out.splitlines() if "total" in line)
    assert code == 0 and "$0.00 (INCOMPLETE: 3 components unpriced)" in total


def test_json_says_complete_false_with_the_unpriced_list(unpriced_vm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(["estimate", str(unpriced_vm), "--format", "json"], capsys)
    data = json.loads(out)
    assert data["complete"] is False
    assert {(u["address"], u["name"]) for u in data["unpriced"]} >= {("instances.vm", "root volume storage (gp2)")}
    assert all(u["reason"] for u in data["unpriced"])
    _, out, _ = _run(["estimate", str(BLUEPRINTS / "minimal-vm.yaml"), "--format", "json"], capsys)
    assert json.loads(out)["complete"] is True


def test_csv_has_an_incomplete_marker_row(unpriced_vm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(["estimate", str(unpriced_vm), "--format", "csv"], capsys)
    assert out.splitlines()[-1].startswith("TOTAL,INCOMPLETE,3 components unpriced")
    _, out, _ = _run(["estimate", str(BLUEPRINTS / "minimal-vm.yaml"), "--format", "csv"], capsys)
    assert "INCOMPLETE" not in out


@pytest.mark.parametrize("command", ["estimate", "diff"])
def test_fail_on_unpriced_exits_one_after_the_output(unpriced_vm: Path, command: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    args = [command, *([str(BLUEPRINTS / "minimal-vm.yaml")] if command == "diff" else []), str(unpriced_vm)]
    code, out, err = _run([*args, "--fail-on-unpriced"], capsys)
    assert code == 1 and "INCOMPLETE" in out and "--fail-on-unpriced" in err
    code, _, _ = _run([command, *([str(BLUEPRINTS / "minimal-vm.yaml")] * (2 if command == "diff" else 1)),
                       "--fail-on-unpriced"], capsys)
    assert code == 0


def test_diff_total_and_rows_say_incomplete(unpriced_vm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["diff", str(BLUEPRINTS / "minimal-vm.yaml"), str(unpriced_vm), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["complete"] is False and data["new_complete"] is False and data["old_complete"] is True
    vm = next(r for r in data["resources"] if r["address"] == "instances.vm")
    assert vm["status"] == "unpriced" and vm["delta_monthly_usd"] is None  # not "removed", not -$31.17
    _, out, _ = _run(["diff", str(BLUEPRINTS / "minimal-vm.yaml"), str(unpriced_vm), "--format", "markdown"], capsys)
    assert out.startswith("**Monthly cost: $31.17 → $0.00 (INCOMPLETE: 3 components unpriced) (-$31.17, INCOMPLETE)**")


def test_roi_saving_over_an_incomplete_baseline_is_incomplete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An NLB in Seoul has no price in the shipped catalog: before and after both leave it out.
    path = tmp_path / "seoul-nlb.yaml"
    path.write_text((BLUEPRINTS / "shop-seoul.yaml").read_text().replace("    type: application", "    type: network")
                    .replace("protocol: HTTPS", "protocol: TLS"))
    code, out, _ = _run(["roi", str(path), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["baseline_complete"] is False
    smaller = data["scenarios"][0]
    assert smaller["monthly_savings_usd"] == 75.92 and smaller["complete"] is False and "INCOMPLETE" in smaller["note"]
    _, out, _ = _run(["roi", str(path)], capsys)
    # $1,382.54 of declared resources plus the Ingress's ALB ($16.43 + $1.60 LCU + $7.30 for two public IPv4)
    assert "baseline $1,407.87 (INCOMPLETE: 2 components unpriced)" in out
    smaller_line = next(line for line in out.splitlines() if "scenario smaller-web" in line)
    assert "INCOMPLETE: the saving covers priced components only" in smaller_line


def test_report_says_incomplete_everywhere_and_strict_fails(unpriced_vm: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "rep"
    code, _, _ = _run(["report", str(unpriced_vm), "-o", str(out_dir), "--no-dry-run", "-q"], capsys)
    assert code == 0
    model = json.loads((out_dir / "report.json").read_text())
    assert model["complete"] is False and model["cost"]["complete"] is False and len(model["cost"]["unpriced"]) == 3
    assert "**$0.00 (INCOMPLETE: 3 components unpriced)**" in (out_dir / "report.md").read_text()
    html = (out_dir / "index.html").read_text()
    assert 'id="total-monthly">$0.00 <span class="bad">(INCOMPLETE)</span>' in html
    assert (out_dir / "cost.csv").read_text().splitlines()[-1].startswith("TOTAL,INCOMPLETE")
    for flag in ("--fail-on-unpriced", "--strict"):
        code, _, err = _run(["report", str(unpriced_vm), "-o", str(tmp_path / flag.strip("-")), "--no-dry-run",
                             "-q", flag], capsys)
        assert code == 1 and "incomplete" in err and (tmp_path / flag.strip("-") / "report.json").exists()
