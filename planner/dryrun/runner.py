"""One dry-run: static checks, offering checks, apply, verify, tear down, confirm nothing remains."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError

from planner.analysis import Analysis
from planner.dryrun.apply import Deployment
from planner.dryrun.backend import EndpointBackend, InProcessMoto
from planner.dryrun.model import DryRunResult, Step
from planner.errors import EnvironmentProblem
from planner.findings import dry_run_finding


def run_dry_run(analysis: Analysis, backend: InProcessMoto | EndpointBackend | None = None, keep: bool = False,
                progress: Callable[[Step], None] | None = None) -> DryRunResult:
    """Rehearse the deployment. The analysis has passed the static checks (pipeline.analyze)."""
    backend = backend or InProcessMoto()
    bp = analysis.blueprint
    result = DryRunResult(backend.name, kept=keep, run_id=f"planner-{secrets.token_hex(4)}")
    for wl in bp.workloads:
        result.not_rehearsed.append({"kind": "workload", "name": wl.name,
                                     "reason": "Kubernetes objects are validated by planner manifests, not deployed"})
    if bp.provider != "aws":
        for section in ("instances", "buckets", "clusters", "databases", "load_balancers"):
            for item in getattr(bp, section):
                result.not_rehearsed.append({"kind": section, "name": item.name,
                                             "reason": "GCP resources are not rehearsed (moto mocks AWS only)"})
        return result
    with backend.session(bp.region) as session:
        deployment = Deployment(analysis, lambda service: backend.client(session, service), result, progress,
                                run_id=result.run_id, remote=backend.remote)
        try:
            _check_offerings(deployment, analysis, result)
            if not result.findings:
                deployment.apply()
                _verify(deployment, analysis, result)
        except BaseException as exc:  # whatever happened, remove what this run created, then say what is left
            if keep:
                raise
            _tear_down(deployment, result)
            summary = _teardown_summary(result)
            if isinstance(exc, EnvironmentProblem):
                raise EnvironmentProblem(f"{exc}\n{summary}") from exc
            exc.add_note(summary)
            raise
        if not keep:
            _tear_down(deployment, result)
    return result


def _tear_down(d: Deployment, result: DryRunResult) -> None:
    """Teardown, then the check of what remains; never raises for the endpoint."""
    failed = d.teardown()
    try:
        found = _remaining(d, result)
    except (EnvironmentProblem, BotoCoreError) as exc:
        found = []
        d.record("teardown", "check", "remaining", False, f"could not confirm what remains: {exc}")
    result.remaining = list(dict.fromkeys(failed + found))
    result.teardown_ok = not result.remaining and not any(
        not s.ok for s in result.steps if s.action == "teardown")


def _teardown_summary(result: DryRunResult) -> str:
    if result.remaining:
        return f"teardown incomplete ({result.run_id}); left on the server: {', '.join(result.remaining)}"
    if not result.teardown_ok:
        return f"teardown of {result.run_id} could not be confirmed; check the server for the tag planner:run-id"
    return f"teardown of {result.run_id} clean: nothing this run created is left"


def _check_offerings(d: Deployment, analysis: Analysis, result: DryRunResult) -> None:
    """Ask the API which zones offer each type (moto alone would launch any type anywhere)."""
    ec2 = d.client("ec2")
    plan = analysis.plan
    wanted: dict[str, set[str]] = {}
    for inst in analysis.blueprint.instances:
        wanted.setdefault(inst.type, set()).update(z for z, n in plan.placements.get(f"instances.{inst.name}", {}).items() if n)
    for c in analysis.blueprint.clusters:
        for g in c.node_groups:
            wanted.setdefault(g.instance_type, set()).update(plan.subnet_zones(c.subnet))
    for itype, zones in sorted(wanted.items()):
        offered = d.step("offering", itype, lambda itype=itype: {o["Location"] for o in ec2.describe_instance_type_offerings(
            LocationType="availability-zone", Filters=[{"Name": "instance-type", "Values": [itype]}])[
            "InstanceTypeOfferings"]}, action="check")
        for zone in sorted(zones - (offered or set())) if offered is not None else []:
            result.findings.append(dry_run_finding(f"instance type {itype}", f"{itype} is not offered in {zone}",
                                                   "check"))


def _verify_acls(d: Deployment, analysis: Analysis, result: DryRunResult) -> None:
    """Each network ACL reads back with its entries and on the subnets planned for it."""
    net = analysis.blueprint.network
    ec2 = d.client("ec2")
    for acl in net.acls if net else []:
        acl_id = d.id_of("network_acl", acl.name)
        if acl_id is None:
            continue
        got = d.step("network_acl", acl.name, lambda acl_id=acl_id: ec2.describe_network_acls(
            NetworkAclIds=[acl_id])["NetworkAcls"][0], "verify")
        if got is None:
            continue
        entries = sum(1 for e in got["Entries"] if e["RuleNumber"] != 32767)  # 32767: the implicit deny
        expected = sum(len(r.ports) for r in (*acl.ingress, *acl.egress))
        _expect(result, "network_acl", f"{acl.name} entries", entries, expected)
        zones = sum(1 for s in analysis.plan.subnets if s.name in acl.subnets)
        _expect(result, "network_acl", f"{acl.name} subnets", len(got["Associations"]), zones)


def _verify_buckets(d: Deployment, analysis: Analysis, result: DryRunResult) -> None:
    """Each bucket's lifecycle actions and policy statements read back as declared."""
    s3 = d.client("s3")
    for b in analysis.blueprint.buckets:
        real = d.id_of("bucket", b.name)
        if b.lifecycle and real is not None:
            rules = d.step("bucket", b.name, lambda real=real: s3.get_bucket_lifecycle_configuration(
                Bucket=real)["Rules"], "verify") or []
            got = len(rules[0].get("Transitions", [])) + (1 if "Expiration" in rules[0] else 0) if rules else 0
            _expect(result, "bucket", f"{b.name} lifecycle actions", got, len(b.lifecycle))
        if b.policy is not None and real is not None:
            policy = d.step("bucket", f"{b.name} policy", lambda real=real: s3.get_bucket_policy(Bucket=real)["Policy"],
                            "verify")
            statements = len(json.loads(policy)["Statement"]) if isinstance(policy, str) else None
            _expect(result, "bucket", f"{b.name} policy statements", statements, len(b.policy.Statement))


def _verify(d: Deployment, analysis: Analysis, result: DryRunResult) -> None:
    """Read back what was created and compare it with the plan; each difference is a finding."""
    bp, plan = analysis.blueprint, analysis.plan
    ec2 = d.client("ec2")
    vpc = d.id_of("vpc", bp.name)
    if vpc:
        got = d.step("vpc", bp.name, lambda: ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]["CidrBlock"], "verify")
        _expect(result, "vpc", bp.name, got, plan.vpc_cidr)
        subnets = d.step("subnet", "all", lambda: {(s["CidrBlock"], s["AvailabilityZone"]) for s in ec2.describe_subnets(
            Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]}, "verify") or set()
        _expect(result, "subnet", "all", sorted(subnets), sorted((s.cidr, s.zone) for s in plan.subnets))
        tables = d.step("route_table", "all", lambda: ec2.describe_route_tables(
            Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"], "verify") or []
        by_subnet = {a.get("SubnetId"): t for t in tables for a in t.get("Associations", [])}
        for sub in plan.subnets:
            sid = d.id_of("subnet", f"{sub.name}-{sub.zone}")
            routes = by_subnet.get(sid, {}).get("Routes", [])
            default_route: dict[str, Any] = next(
                (r for r in routes if r.get("DestinationCidrBlock") == "0.0.0.0/0"), {})
            target = "igw" if default_route.get("GatewayId", "").startswith("igw-") else (
                "nat" if default_route.get("NatGatewayId") else "none")
            route_expected = {"public": "igw", "private": "nat" if plan.nat_gateways else "none",
                              "isolated": "none"}[sub.tier]
            _expect(result, "route_table", f"{sub.name}-{sub.zone}", target, route_expected)
    # One status listing of the live instances, read by id for ours: the zone AWS reports for each.
    # (A tag-filtered query per group, or describe_instances, makes moto scan every tag per instance,
    # and a query per 100 ids lists every instance per query: quadratic in the size of the estate.)
    launched = d.launched_instances
    zones_by_name: dict[str, list[str]] = {}
    if launched:
        statuses = d.step("instance", "all", lambda: _statuses(ec2, ["pending", "running"]), "verify") or []
        for status in statuses:
            if status["InstanceId"] in launched:
                zones_by_name.setdefault(launched[status["InstanceId"]], []).append(
                    status["AvailabilityZone"])
    for inst in bp.instances:
        found = zones_by_name.get(inst.name, [])
        expected = {z: n for z, n in plan.placements.get(f"instances.{inst.name}", {}).items() if n}
        _expect(result, "instance", inst.name, {z: found.count(z) for z in sorted(set(found))}, expected)
    _verify_buckets(d, analysis, result)
    _verify_acls(d, analysis, result)
    eks = d.client("eks")
    for c in bp.clusters:
        for g in c.node_groups:
            if d.id_of("eks_nodegroup", f"{c.name}/{g.name}") is not None:
                got = d.step("eks_nodegroup", f"{c.name}/{g.name}", lambda c=c, g=g: eks.describe_nodegroup(
                    clusterName=d.id_of("eks_cluster", c.name), nodegroupName=g.name)["nodegroup"]["scalingConfig"], "verify")
                _expect(result, "eks_nodegroup", f"{c.name}/{g.name}", got,
                        {"minSize": g.min_size, "maxSize": g.max_size, "desiredSize": g.desired_size})


def _statuses(ec2: Any, states: list[str]) -> list[dict[str, Any]]:
    """The status of every instance in one of ``states`` (all pages of one listing)."""
    pages = ec2.get_paginator("describe_instance_status").paginate(
        IncludeAllInstances=True, Filters=[{"Name": "instance-state-name", "Values": states}])
    return [s for page in pages for s in page["InstanceStatuses"]]


def _expect(result: DryRunResult, kind: str, name: str, got: Any, expected: Any) -> None:
    if got is not None and got != expected:
        result.findings.append(dry_run_finding(f"{kind} {name}", f"expected {expected}, found {got}", "verify"))


def _remaining(d: Deployment, result: DryRunResult) -> list[str]:
    """This run's resources still present after teardown (found by its run-id tag or recorded ids)."""
    left: list[str] = []
    ec2 = d.client("ec2")
    tag = [{"Name": "tag:planner:run-id", "Values": [result.run_id]}]
    for vpc in ec2.describe_vpcs(Filters=tag)["Vpcs"]:
        left.append(f"vpc {vpc['VpcId']}")
    launched = {r["id"] for r in result.resources if r["kind"] == "instance"}
    if launched:  # one listing of the live instances, ours picked by id: no per-instance tag scan
        left += [f"instance {s['InstanceId']}" for s in _statuses(ec2, ["pending", "running", "stopping", "stopped"])
                 if s["InstanceId"] in launched]
    volumes = {r["id"] for r in result.resources if r["kind"] == "volume"}
    if volumes:  # one listing, ours picked by id
        left += [f"volume {v['VolumeId']}" for page in ec2.get_paginator("describe_volumes").paginate()
                 for v in page["Volumes"] if v["VolumeId"] in volumes]
    mine = {(r["kind"], r["id"]) for r in result.resources}
    left += [f"bucket {b['Name']}" for b in d.client("s3").list_buckets().get("Buckets", [])
             if ("bucket", b["Name"]) in mine]
    left += [f"db_subnet_group {g['DBSubnetGroupName']}" for g in d.client("rds").describe_db_subnet_groups()[
        "DBSubnetGroups"] if ("db_subnet_group", g["DBSubnetGroupName"]) in mine]
    left += [f"db_instance {i['DBInstanceIdentifier']}" for i in d.client("rds").describe_db_instances()["DBInstances"]
             if ("db_instance", i["DBInstanceIdentifier"]) in mine and i.get("DBInstanceStatus") != "deleted"]
    left += [f"eks_cluster {n}" for n in d.client("eks").list_clusters()["clusters"] if ("eks_cluster", n) in mine]
    return left
