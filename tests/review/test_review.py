"""Review rules: each passes on a sound blueprint and flags exactly the resources of its failing fixture."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from planner.blueprint import load_blueprint_text
from planner.cli import main
from planner.errors import InvalidInput
from planner.pipeline import analyze, analyze_loaded
from planner.review import run_review
from planner.review.model import Rule
from planner.review.registry import RULES, validate
from tests.conftest import BLUEPRINTS

REVIEW_DATA = Path(__file__).resolve().parents[2] / "planner" / "review"

TODAY = date(2026, 11, 22)
SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()


def _fails(text: str, name: str = "t.yaml") -> dict[str, list[str]]:
    result = run_review(analyze_loaded(load_blueprint_text(text, name)), today=TODAY)
    out: dict[str, list[str]] = {}
    for f in result.findings:
        if f.status == "FAIL":
            out.setdefault(f.code, []).append(str(f.resource))
    return out


CLASSIC = {
    "PLN-SEC-002": ["security_groups.db"], "PLN-SEC-005": ["instances.web"],
    "PLN-SEC-008": ["buckets.course-assets-public"], "PLN-SEC-019": ["buckets.course-assets-public"],
    "PLN-SEC-009": ["clusters.lab"], "PLN-SEC-010": ["clusters.lab"],
    "PLN-SEC-013": ["workloads.shop"], "PLN-SEC-018": ["workloads.shop"], "PLN-REL-003": ["network"], "PLN-REL-008": ["workloads.shop"],
    "PLN-REL-009": ["workloads.shop"], "PLN-PERF-002": ["workloads.shop"],
    "PLN-SUS-001": ["instances.web", "instances.db"],
}


def test_classic_mistakes_get_one_fail_each_with_pillar_and_best_practice() -> None:
    text = (BLUEPRINTS / "classic-mistakes.yaml").read_text()
    assert _fails(text) == CLASSIC
    result = run_review(analyze(BLUEPRINTS / "classic-mistakes.yaml"), today=TODAY)
    for f in result.findings:
        if f.status == "FAIL":
            assert f.category and f.best_practice and f.line


MUTATIONS = [
    ("PLN-SEC-001", "      - {ports: 443, source: 0.0.0.0/0}", "      - {ports: [443, 22], source: 0.0.0.0/0}",
     ["security_groups.alb"]),
    ("PLN-SEC-003", "      - {ports: 443, source: 0.0.0.0/0}", '      - {ports: "1000-2000", source: 0.0.0.0/0}',
     ["security_groups.alb"]),
    ("PLN-SEC-004", "    subnet: data\n", "    subnet: public\n", ["databases.orders"]),
    ("PLN-SEC-006", "    encrypted: true\n    backup", "    encrypted: false\n    backup", ["databases.orders"]),
    ("PLN-SEC-007", "encryption: sse-s3", "encryption: none", ["buckets.shop-assets-prod"]),
    ("PLN-SEC-011", "    strategy: RollingUpdate", "    env: {DB_PASSWORD: hunter2}\n    strategy: RollingUpdate",
     ["workloads.storefront"]),
    ("PLN-SEC-012", "[{port: 443, protocol: HTTPS, certificate: acm:shop-cert}]", "[{port: 80, protocol: HTTP}]",
     ["load_balancers.web"]),
    ("PLN-SEC-013", "    strategy: RollingUpdate", "    security: {run_as_root: true}\n    strategy: RollingUpdate",
     ["workloads.storefront"]),
    ("PLN-SEC-014", "    pricing: on-demand\n", "    pricing: on-demand\n    public_ip: true\n", ["instances.web"]),
    ("PLN-SEC-015", "    secrets_encryption: true\n", "", ["clusters.shop"]),
    ("PLN-SEC-020", "        - {rule: 100, ports: 3306, source: 10.0.0.0/16}",
     "        - {rule: 100, ports: 3306, source: 10.0.0.0/16}\n        - {rule: 110, ports: 22, source: 0.0.0.0/0}",
     ["network.acls.data"]),
    ("PLN-SEC-019", "Condition: {Bool: {aws:SecureTransport: false}}", "Condition: {Bool: {aws:SecureTransport: true}}",
     ["buckets.shop-assets-prod"]),
    ("PLN-SEC-016", "{name: run, type: emptyDir, mount_path: /var/run}",
     "{name: run, type: hostPath, path: /var/run, mount_path: /var/run}", ["workloads.storefront"]),
    ("PLN-SEC-017", "    strategy: RollingUpdate",
     "    rbac: [{resources: ['*'], verbs: [get]}]\n    strategy: RollingUpdate", ["workloads.storefront"]),
    ("PLN-REL-002", "    count: 2\n", "    count: 1\n", ["instances.web"]),
    ("PLN-REL-004", "multi_az: true", "multi_az: false", ["databases.orders"]),
    ("PLN-REL-005", "backup_retention_days: 7", "backup_retention_days: 1", ["databases.orders"]),
    ("PLN-REL-006", "    backup_retention_days: 7\n", "    backup_retention_days: 7\n    read_heavy: true\n", []),
    ("PLN-REL-007", "versioning: true", "versioning: false", ["buckets.shop-assets-prod"]),
    ("PLN-REL-010", "autoscale: {min: 3, max: 10, cpu_percent: 70}", "autoscale: {min: 1, max: 10, cpu_percent: 70}",
     ["workloads.storefront"]),
    ("PLN-REL-011", "      prefix: 20\n", "      prefix: 25\n", ["clusters.shop"]),
    ("PLN-PERF-001", "type: t3.large", "type: t2.large", ["instances.web"]),
    ("PLN-PERF-003", "    autoscale: {min: 3, max: 10, cpu_percent: 70}\n", "", ["workloads.storefront"]),
    ("PLN-COST-001", "root_volume: {size_gb: 30, type: gp3", "root_volume: {size_gb: 30, type: gp2", ["instances.web"]),
    ("PLN-COST-002", ("    lifecycle:\n      - {after_days: 30, storage_class: STANDARD_IA}\n"
                      "      - {after_days: 180, storage_class: GLACIER}\n      - {after_days: 730, expire: true}\n"), "",
     ["buckets.shop-assets-prod"]),
    ("PLN-COST-005", "tags: {owner: web-team, env: prod, cost-center: shop}", "tags: {cost-center: shop}", ["tags"]),
    ("PLN-SUS-002", "min_size: 2\n        desired_size: 3\n        max_size: 6",
     "min_size: 3\n        desired_size: 3\n        max_size: 3", ["clusters.shop.node_groups.general"]),
    ("PLN-SUS-003", "      - {after_days: 730, expire: true}\n", "", ["buckets.shop-assets-prod"]),
    ("PLN-OPS-001", 'version: "1.35"', 'version: "1.31"', ["clusters.shop"]),
    ("PLN-OPS-002", "strategy: RollingUpdate", "strategy: Recreate", ["workloads.storefront"]),
]


@pytest.mark.parametrize(("rule", "old", "new", "resources"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_rule_passes_on_the_example_and_flags_exactly_the_mutated_resources(rule: str, old: str, new: str,
                                                                            resources: list[str]) -> None:
    assert SEOUL.count(old) == 1
    assert rule not in _fails(SEOUL)
    if rule == "PLN-REL-006":  # the example already has a replica: remove it to fail
        text = SEOUL.replace(old, new).replace("read_replicas: 1", "read_replicas: 0")
        resources = ["databases.orders"]
    elif rule == "PLN-REL-011":  # two /25 blocks (246 addresses) for up to 7 nodes x 30 pod IPs + 8 others
        text = SEOUL.replace(old, new).replace("max_size: 6", "max_size: 7")
    else:
        text = SEOUL.replace(old, new)
    assert _fails(text).get(rule) == resources


def test_every_rule_has_a_failing_fixture() -> None:
    covered = set(CLASSIC) | {m[0] for m in MUTATIONS} | {"PLN-COST-003", "PLN-COST-004", "PLN-REL-001"}
    assert {r.id for r in RULES} <= covered
    assert _fails((BLUEPRINTS / "minimal-vm.yaml").read_text())["PLN-REL-001"] == ["network"]
    assert _fails(SEOUL)["PLN-COST-003"] == ["instances.web"]
    assert _fails(SEOUL)["PLN-COST-004"] == ["clusters.shop"]


def test_registry_uses_current_best_practice_ids_and_refuses_duplicates() -> None:
    with (REVIEW_DATA / "best_practices.csv").open(newline="") as handle:
        shared = {row["bp_id"]: row["pillar"] for row in csv.DictReader(handle)}
    for rule in RULES:
        assert shared[rule.best_practice] == rule.pillar, rule.id
    assert len({r.pillar for r in RULES}) == 6 and len(RULES) >= 40
    with pytest.raises(ValueError, match="duplicate"):
        validate((RULES[0], RULES[0]))
    bogus = Rule("PLN-X-1", "security", "SEC99-BP99", "high", (), "t", "r", lambda ctx: [])
    with pytest.raises(ValueError, match="unknown best-practice"):
        validate((bogus,))


def test_manual_questions_cover_the_rest_of_the_framework() -> None:
    result = run_review(analyze(BLUEPRINTS / "shop-seoul.yaml"), today=TODAY)
    answered = {f.best_practice.split("-")[0] for f in result.findings if f.status != "MANUAL"}
    manual = {f.code.removeprefix("WA-") for f in result.findings if f.status == "MANUAL"}
    with (REVIEW_DATA / "questions.csv").open(newline="") as handle:
        every = {row["question_id"] for row in csv.DictReader(handle)}
    assert every <= answered | manual | {r.best_practice.split("-")[0] for r in RULES}


def test_skip_needs_a_known_id_and_shows_its_reason() -> None:
    text = SEOUL.replace("  skip: []", '  skip: [{id: PLN-COST-003, reason: "steady state not known yet"}]')
    result = run_review(analyze_loaded(load_blueprint_text(text, "t.yaml")), today=TODAY)
    skipped = [f for f in result.findings if f.status == "SKIPPED"]
    assert [(f.code, f.message) for f in skipped] == [("PLN-COST-003", "steady state not known yet")]
    bad = SEOUL.replace("  skip: []", '  skip: [{id: PLN-COST-03, reason: "x"}]')
    with pytest.raises(InvalidInput) as info:
        run_review(analyze_loaded(load_blueprint_text(bad, "t.yaml")), today=TODAY)
    assert info.value.problems[0].fix == "did you mean 'PLN-COST-003'?"
    assert info.value.problems[0].where == "review.skip[0].id"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    return int(info.value.code or 0), capsys.readouterr().out


def test_cli_fail_on_sarif_markdown_json(capsys: pytest.CaptureFixture[str]) -> None:
    classic = str(BLUEPRINTS / "classic-mistakes.yaml")
    assert _run(["review", classic, "--fail-on", "high"], capsys)[0] == 1
    assert _run(["review", str(BLUEPRINTS / "shop-seoul.yaml"), "--fail-on", "high"], capsys)[0] == 0
    _, out = _run(["review", classic, "--format", "sarif"], capsys)
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    db = next(r for r in results if r["ruleId"] == "PLN-SEC-002")
    region = db["locations"][0]["physicalLocation"]["region"]
    text = (BLUEPRINTS / "classic-mistakes.yaml").read_text()
    assert region["startLine"] == text[: text.index("{ports: 3306")].count("\n") + 1
    _, out = _run(["review", classic, "--format", "markdown"], capsys)
    assert "- [ ] **HIGH** `PLN-SEC-002`" in out and "- [x] `PLN-SEC-001`" in out and "_manual_" in out
    _, out = _run(["review", classic, "--format", "json"], capsys)
    data = json.loads(out)
    assert {"id", "pillar", "best_practice", "severity", "status", "resource", "title", "detail", "remediation"} <= set(
        data["findings"][0])
    assert set(data["summary"]) == {"operational-excellence", "security", "reliability", "performance-efficiency",
                                    "cost-optimization", "sustainability"}


def test_an_unknown_skip_flag_is_a_usage_error_naming_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["review", str(BLUEPRINTS / "minimal-vm.yaml"), "--skip", "PLN-SEC-0001"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.strip() == "error: --skip: unknown review rule 'PLN-SEC-0001' — did you mean 'PLN-SEC-001'?"
