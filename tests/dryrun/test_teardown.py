"""Teardown runs whatever happened, and a run removes only what it created (one shared moto server)."""

from __future__ import annotations

import threading

import boto3
import pytest

from planner.dryrun.backend import EndpointBackend
from planner.dryrun.model import DryRunResult
from planner.dryrun.runner import run_dry_run
from planner.pipeline import analyze
from tests.conftest import BLUEPRINTS


def _vpcs(url: str, region: str) -> set[str]:
    """Non-default VPC ids on the server. The server shares moto's state with in-process runs of
    other tests in the same worker, so each test compares with what was there before it."""
    ec2 = boto3.client("ec2", region_name=region, endpoint_url=url, aws_access_key_id="testing",
                       aws_secret_access_key="testing")
    return {str(v["VpcId"]) for v in ec2.describe_vpcs()["Vpcs"] if not v.get("IsDefault")}


class Boom(RuntimeError):
    pass


def test_a_failure_mid_apply_still_tears_down(moto_server: tuple[object, str]) -> None:
    _, url = moto_server
    steps = {"n": 0}

    def fail_after_a_few(step: object) -> None:
        steps["n"] += 1
        if steps["n"] == 12:  # the VPC, subnets and gateways exist by now
            raise Boom("failure in the middle of the run")

    before = _vpcs(url, "ap-northeast-2")
    with pytest.raises(Boom):
        run_dry_run(analyze(BLUEPRINTS / "shop-seoul.yaml"), EndpointBackend(url), progress=fail_after_a_few)
    assert steps["n"] >= 12
    assert _vpcs(url, "ap-northeast-2") - before == set(), "the VPC was left on the server"


def test_two_runs_against_one_server_tear_down_only_their_own(moto_server: tuple[object, str]) -> None:
    _, url = moto_server
    results: list[DryRunResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(run_dry_run(analyze(BLUEPRINTS / "shop-seoul.yaml"), EndpointBackend(url)))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    before = _vpcs(url, "ap-northeast-2")
    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 2
    for result in results:
        assert result.ok, result.findings
    assert _vpcs(url, "ap-northeast-2") - before == set()
    assert results[0].run_id != results[1].run_id
