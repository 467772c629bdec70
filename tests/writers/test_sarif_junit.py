"""SARIF and JUnit from the one Finding type, read back by the tools that consume them:
Microsoft's sarif-tools (the SARIF loader behind `sarif summary`) and junitparser (the JUnit XML model
CI reporters use)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml, Skipped
from sarif import loader

from planner.blueprint import load_blueprint_text
from planner.checks.writers import check_junit, check_sarif
from planner.cli import main
from planner.dryrun import run_dry_run
from planner.dryrun.model import DryRunResult, Step
from planner.dryrun.writers import dry_run_junit, dry_run_sarif
from planner.errors import InvalidInput
from planner.findings import Finding, dry_run_finding
from planner.pipeline import analyze, analyze_loaded
from planner.review import run_review, writers
from tests.conftest import BLUEPRINTS

BAD = """version: 1
name: bad
provider: aws
region: us-east-1
network:
  vpc_cidr: 10.0.0.0/33
instances:
  - name: a
    type: t3.nano
    bogus: 1
"""


def _problems(tmp_path: Path) -> tuple[str, list[Finding]]:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(InvalidInput) as info:
        analyze(path)
    return str(path), info.value.problems


def _sarif(tmp_path: Path, log: dict[str, object]) -> list[dict[str, object]]:
    path = tmp_path / "out.sarif"
    path.write_text(json.dumps(log))
    records: list[dict[str, object]] = loader.load_sarif_file(str(path)).get_records()
    return records


def _junit(tmp_path: Path, text: str) -> JUnitXml:
    path = tmp_path / "out.xml"
    path.write_text(text)
    return JUnitXml.fromfile(str(path))


def test_check_sarif_has_one_located_result_per_problem(tmp_path: Path) -> None:
    path, problems = _problems(tmp_path)
    assert len(problems) == 5
    records = _sarif(tmp_path, check_sarif([(path, problems)]))
    assert [(r["Location"], r["Line"], r["Code"], r["Severity"]) for r in records] == [
        (path, p.line, p.code, "error") for p in problems]
    log = check_sarif([(path, problems)])
    logical = [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in log["runs"][0]["results"]]
    assert logical == [p.where for p in problems] and "instances[0].bogus" in logical


def test_check_junit_fails_one_case_per_error_and_passes_a_valid_file(tmp_path: Path) -> None:
    path, problems = _problems(tmp_path)
    valid = str(BLUEPRINTS / "minimal-vm.yaml")
    xml = _junit(tmp_path, check_junit([(path, problems), (valid, analyze(valid).findings)]))
    suites = {s.name: s for s in xml}
    assert suites[path].tests == 5 and suites[path].failures == 5
    assert suites[valid].tests == 1 and suites[valid].failures == 0
    messages = [r.message for case in suites[path] for r in case.result if isinstance(r, Failure)]
    assert "unknown key 'bogus'" in messages


def test_check_cli_formats_keep_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = _problems(tmp_path)
    for fmt in ("sarif", "junit"):
        with pytest.raises(SystemExit) as info:
            main(["check", "--format", fmt, path])
        assert info.value.code == 2
        out = capsys.readouterr().out
        assert ("bogus" in out) and (out.startswith("<?xml") == (fmt == "junit"))


def test_review_junit_counts_fail_skip_and_manual(tmp_path: Path) -> None:
    result = run_review(analyze(BLUEPRINTS / "classic-mistakes.yaml"))
    xml = _junit(tmp_path, writers.junit(result))
    cases = [case for suite in xml for case in suite]
    failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    skipped = [c for c in cases if any(isinstance(r, Skipped) for r in c.result)]
    assert len(failed) == len(result.failures()) > 0
    assert len(skipped) == sum(1 for f in result.findings if f.status in ("MANUAL", "SKIPPED"))
    assert len(cases) == len(result.findings)


def test_review_sarif_reads_back_every_fail(tmp_path: Path) -> None:
    result = run_review(analyze(BLUEPRINTS / "classic-mistakes.yaml"))
    records = _sarif(tmp_path, writers.sarif(result))
    assert sorted(str(r["Code"]) for r in records) == sorted(f.code for f in result.failures())


def test_dry_run_sarif_and_junit_report_what_the_rehearsal_found(tmp_path: Path) -> None:
    text = (BLUEPRINTS / "shop-seoul.yaml").read_text().replace("zones: [a, c]", "zones: [a, b]").replace(
        "instance_type: m6i.large", "instance_type: m4.large")
    result = run_dry_run(analyze_loaded(load_blueprint_text(text, "t.yaml"), raise_on_error=False))
    records = _sarif(tmp_path, dry_run_sarif(result, "t.yaml"))
    assert [(r["Code"], r["Location"]) for r in records] == [("DRY-CHECK", "t.yaml")]
    xml = _junit(tmp_path, dry_run_junit(result, "t.yaml"))
    assert xml.failures == 1
    failure = next(r for s in xml for c in s for r in c.result if isinstance(r, Failure))
    assert failure.message == "m4.large is not offered in ap-northeast-2b"


def test_clean_dry_run_has_no_failures(tmp_path: Path) -> None:
    result = run_dry_run(analyze(BLUEPRINTS / "minimal-vm.yaml"))
    assert _sarif(tmp_path, dry_run_sarif(result, "m.yaml")) == []
    xml = _junit(tmp_path, dry_run_junit(result, "m.yaml"))
    assert xml.failures == 0 and xml.tests == len(result.steps) + len(result.not_rehearsed)


def test_a_refused_step_fails_once_in_junit_and_is_one_sarif_result(tmp_path: Path) -> None:
    result = DryRunResult("moto (in-process)", steps=[Step("apply", "bucket", "logs", False, "boom")],
                          findings=[dry_run_finding("bucket logs", "boom", "apply")])
    assert _junit(tmp_path, dry_run_junit(result, "m.yaml")).failures == 1
    assert [r["Code"] for r in _sarif(tmp_path, dry_run_sarif(result, "m.yaml"))] == ["DRY-APPLY"]
    result.teardown_ok, result.remaining = False, ["bucket logs"]
    assert _junit(tmp_path, dry_run_junit(result, "m.yaml")).failures == 2
