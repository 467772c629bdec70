"""The dry-run against moto in-process and over HTTP, with the cases moto alone would accept."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.cli import main
from planner.dryrun import EndpointBackend, InProcessMoto, run_dry_run
from planner.errors import EnvironmentProblem, InvalidInput
from planner.pipeline import analyze, analyze_loaded
from tests.conftest import BLUEPRINTS

KINDS = {"vpc", "subnet", "internet_gateway", "nat_gateway", "route_table", "security_group", "instance", "volume",
         "bucket", "db_subnet_group", "db_instance", "load_balancer", "target_group", "iam_role", "eks_cluster",
         "eks_nodegroup"}


def test_seoul_applies_verifies_and_tears_down_in_process() -> None:
    result = run_dry_run(analyze(BLUEPRINTS / "shop-seoul.yaml"))
    assert result.findings == [] and result.ok
    assert {r["kind"] for r in result.resources} >= KINDS
    assert result.remaining == [] and result.teardown_ok
    instances = [r for r in result.resources if r["kind"] == "instance"]
    assert len(instances) == 2
    assert [n["kind"] for n in result.not_rehearsed] == ["workload"]


@pytest.mark.parametrize("name", ["data-lake", "minimal-vm", "classic-mistakes"])
def test_examples_dry_run_cleanly(name: str) -> None:
    result = run_dry_run(analyze(BLUEPRINTS / f"{name}.yaml"))
    assert result.ok, result.findings


def test_two_clusters_tear_down_their_own_node_groups() -> None:
    text = (BLUEPRINTS / "shop-seoul.yaml").read_text()
    start = text.index("  - name: shop\n    kind: eks")
    end = text.index("workloads:")
    second = text[start:end].replace("name: shop\n", "name: shop2\n")
    analysis = analyze_loaded(load_blueprint_text(text[:end] + second + text[end:], "t.yaml"))
    result = run_dry_run(analysis)
    assert result.ok, result.findings
    assert sorted(r["name"] for r in result.resources if r["kind"] == "eks_nodegroup") == ["shop/general",
                                                                                        "shop2/general"]


def test_gcp_is_listed_as_not_rehearsed() -> None:
    result = run_dry_run(analyze(BLUEPRINTS / "gke-bootcamp.yaml"))
    assert result.resources == [] and {n["name"] for n in result.not_rehearsed} >= {"bootcamp", "nginx"}


def test_no_real_credentials_are_used_or_left_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEYDONOTUSE")
    monkeypatch.setenv("AWS_PROFILE", "prod")
    seen: list[str] = []
    run_dry_run(analyze(BLUEPRINTS / "minimal-vm.yaml"),
                progress=lambda step: seen.append(os.environ.get("AWS_ACCESS_KEY_ID", "")))
    assert seen and "AKIAREALKEYDONOTUSE" not in seen  # only fake keys (ours, or moto's own) during the run
    assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAREALKEYDONOTUSE" and os.environ["AWS_PROFILE"] == "prod"


def test_type_not_offered_in_a_zone_is_a_finding_even_though_moto_would_launch_it() -> None:
    text = (BLUEPRINTS / "shop-seoul.yaml").read_text().replace("zones: [a, c]", "zones: [a, b]").replace(
        "instance_type: m6i.large", "instance_type: m4.large")
    analysis = analyze_loaded(load_blueprint_text(text, "t.yaml"), raise_on_error=False)
    result = run_dry_run(analysis)
    assert {"resource": "instance type m4.large", "stage": "check",
            "message": "m4.large is not offered in ap-northeast-2b"} in [f.dry_run_dict() for f in result.findings]
    assert not result.ok and result.resources == []


def test_same_run_over_http_against_a_moto_server(moto_server: tuple[object, str]) -> None:
    _, url = moto_server
    result = run_dry_run(analyze(BLUEPRINTS / "shop-seoul.yaml"), EndpointBackend(url))
    assert result.ok, result.findings
    assert result.backend == f"endpoint {url}"


def test_server_stopping_mid_apply_is_exit_3(moto_server: tuple[object, str]) -> None:
    server, url = moto_server
    calls = {"n": 0}

    def stop_after_a_few(step: object) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            server.stop()  # type: ignore[attr-defined]

    with pytest.raises(EnvironmentProblem, match="stopped answering"):
        run_dry_run(analyze(BLUEPRINTS / "shop-seoul.yaml"), EndpointBackend(url), progress=stop_after_a_few)


@pytest.mark.parametrize("url", ["http://10.0.0.1:4566", "http://example.com", "ftp://127.0.0.1"])
def test_non_loopback_endpoints_need_allow_remote(url: str) -> None:
    with pytest.raises(InvalidInput):
        EndpointBackend(url)


def test_cli_refuses_remote_before_any_call_and_reports_json(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["dry-run", str(BLUEPRINTS / "minimal-vm.yaml"), "--endpoint-url", "http://192.0.2.1:4566"])
    assert info.value.code == 2 and "--allow-remote" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["dry-run", str(BLUEPRINTS / "minimal-vm.yaml"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert info.value.code in (0, None) and data["ok"] is True and data["teardown"]["ok"] is True
    assert {"ok", "backend", "resources", "steps", "findings", "teardown"} <= set(data)


NAMES = st.text(alphabet="abcdefghijklmnop", min_size=3, max_size=8)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count=st.integers(1, 4), zones=st.sampled_from(["[a]", "[a, b]", "[a, b, c]"]), name=NAMES,
       nat=st.sampled_from(["single", "per-zone"]), bucket=st.booleans())
def test_any_valid_generated_blueprint_tears_down_to_nothing(count: int, zones: str, name: str, nat: str,
                                                            bucket: bool) -> None:
    text = (f"version: 1\nname: gen-{name}\nprovider: aws\nregion: us-east-1\nnetwork:\n  cidr: 10.0.0.0/16\n"
            f"  zones: {zones}\n  nat: {nat}\n  subnets:\n    - {{name: pub, tier: public, prefix: 24}}\n"
            f"    - {{name: app, tier: private, prefix: 22}}\nsecurity_groups:\n  - name: web\n    ingress:\n"
            f"      - {{ports: 80, source: 10.0.0.0/16}}\ninstances:\n  - name: web\n    type: t3.micro\n"
            f"    count: {count}\n    subnet: app\n    security_groups: [web]\n")
    if bucket:
        text += f"buckets:\n  - name: gen-{name}-bucket\n    versioning: true\n"
    result = run_dry_run(analyze_loaded(load_blueprint_text(text, "gen.yaml")), InProcessMoto())
    assert result.ok, result.findings
    assert result.remaining == []


def test_a_bucket_policy_is_put_with_this_runs_bucket_name_and_read_back() -> None:
    result = run_dry_run(analyze(BLUEPRINTS / "shop-seoul.yaml"))
    steps = {(s.action, s.kind, s.name): s.ok for s in result.steps}
    assert steps[("apply", "bucket", "shop-assets-prod policy")] and steps[("verify", "bucket", "shop-assets-prod policy")]
    assert result.ok, result.findings


def test_a_network_acl_is_created_swapped_in_read_back_and_swapped_out() -> None:
    result = run_dry_run(analyze(BLUEPRINTS / "shop-seoul.yaml"))
    steps = [(s.action, s.kind, s.name) for s in result.steps if s.kind.startswith("network_acl")]
    assert ("apply", "network_acl", "data ingress 100") in steps and ("apply", "network_acl", "data egress 100") in steps
    assert ("apply", "network_acl", "data -> data-ap-northeast-2a") in steps
    assert ("verify", "network_acl", "data") in steps
    # the default ACL goes back on each subnet before the ACL is deleted
    teardown = [n for a, _, n in steps if a == "teardown"]
    assert teardown[-1] == "data" and len(teardown) == 3
    assert result.ok and result.teardown_ok, result.findings
