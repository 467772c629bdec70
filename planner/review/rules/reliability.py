"""Reliability pillar: zones, databases, backups, health checks, address headroom."""

from __future__ import annotations

from collections.abc import Iterator

from planner.review.model import Context, Hit, Rule


def network_zones(ctx: Context) -> Iterator[Hit]:
    plan = ctx.analysis.plan
    if ctx.bp.network is not None:
        yield Hit("network", ("network", "zones"), len(plan.zones) < 2, f"one zone only ({', '.join(plan.zones)})")


def instance_zones(ctx: Context) -> Iterator[Hit]:
    for i, inst in enumerate(ctx.bp.instances):
        zones = [z for z, n in ctx.analysis.plan.placements.get(f"instances.{inst.name}", {}).items() if n]
        if inst.count >= 1 and len(ctx.analysis.plan.zones) > 1:
            yield Hit(f"instances.{inst.name}", ("instances", i), len(zones) < 2,
                      f"{inst.count} instance(s) in {len(zones)} zone(s)")


def single_nat(ctx: Context) -> Iterator[Hit]:
    plan = ctx.analysis.plan
    private_zones = {s.zone for s in plan.subnets if s.tier == "private"}
    if ctx.bp.provider == "aws" and len(private_zones) > 1 and plan.nat != "none":
        yield Hit("network", ("network", "nat"), plan.nat == "single",
                  f"one NAT gateway serves {len(private_zones)} zones: losing its zone cuts the others off")


def database_multi_az(ctx: Context) -> Iterator[Hit]:
    for i, db in enumerate(ctx.bp.databases):
        yield Hit(f"databases.{db.name}", ("databases", i, "multi_az"),
                  not db.multi_az and not db.engine.startswith("aurora"), "single-AZ database")


def database_backups(ctx: Context) -> Iterator[Hit]:
    for i, db in enumerate(ctx.bp.databases):
        yield Hit(f"databases.{db.name}", ("databases", i, "backup_retention_days"), db.backup_retention_days < 7,
                  f"backup retention {db.backup_retention_days} day(s)")


def read_replicas(ctx: Context) -> Iterator[Hit]:
    for i, db in enumerate(ctx.bp.databases):
        if db.read_heavy:
            yield Hit(f"databases.{db.name}", ("databases", i, "read_replicas"), db.read_replicas == 0,
                      "read-heavy database without a read replica")


def bucket_versioning(ctx: Context) -> Iterator[Hit]:
    for i, b in enumerate(ctx.bp.buckets):
        yield Hit(f"buckets.{b.name}", ("buckets", i, "versioning"), not b.versioning, "versioning is off")


def _long_running(ctx: Context) -> Iterator[tuple[int, object]]:
    for i, w in enumerate(ctx.bp.workloads):
        if w.kind in ("Deployment", "StatefulSet", "DaemonSet"):
            yield i, w


def readiness_probes(ctx: Context) -> Iterator[Hit]:
    for i, w in _long_running(ctx):
        missing = not (w.probes and w.probes.readiness)  # type: ignore[attr-defined]
        yield Hit(f"workloads.{w.name}", ("workloads", i), missing, "no readiness probe")  # type: ignore[attr-defined]


def liveness_probes(ctx: Context) -> Iterator[Hit]:
    for i, w in _long_running(ctx):
        missing = not (w.probes and w.probes.liveness)  # type: ignore[attr-defined]
        yield Hit(f"workloads.{w.name}", ("workloads", i), missing, "no liveness probe")  # type: ignore[attr-defined]


def replicated(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        if w.kind in ("Deployment", "StatefulSet"):
            replicas = w.autoscale.min if w.autoscale else (w.replicas if w.replicas is not None else 1)
            yield Hit(f"workloads.{w.name}", ("workloads", i), replicas < 2,
                      f"{replicas} replica: no PodDisruptionBudget can keep it up during node drains")


def pod_ip_headroom(ctx: Context) -> Iterator[Hit]:
    for i, cap in enumerate(ctx.analysis.plan.clusters):
        if cap.kind == "eks" and cap.addresses_available:
            share = cap.headroom / cap.addresses_available
            yield Hit(f"clusters.{cap.cluster}", ("clusters", i, "subnet"), share < 0.2,
                      f"{cap.headroom:,} of {cap.addresses_available:,} addresses left at max_size ({share:.0%})")


R = Rule
RULES = (
    R("PLN-REL-001", "reliability", "REL10-BP01", "high", ("network",), "The network spans at least two zones",
      "List two or more zones in network.zones.", network_zones),
    R("PLN-REL-002", "reliability", "REL10-BP01", "medium", ("instance",), "Instance groups run in two or more zones",
      "Raise count to 2+ in a subnet that spans several zones.", instance_zones),
    R("PLN-REL-003", "reliability", "REL10-BP03", "medium", ("network",), "Each zone has its own NAT gateway",
      "Use nat: per-zone so a zone outage does not cut the others off.", single_nat),
    R("PLN-REL-004", "reliability", "REL10-BP01", "high", ("database",), "Databases are Multi-AZ",
      "Set multi_az: true (or use Aurora with replicas in other zones).", database_multi_az),
    R("PLN-REL-005", "reliability", "REL09-BP03", "high", ("database",), "Databases keep at least 7 days of backups",
      "Set backup_retention_days to 7 or more.", database_backups),
    R("PLN-REL-006", "reliability", "REL07-BP03", "medium", ("database",), "Read-heavy databases have read replicas",
      "Add read_replicas: 1 or more and send reads to them.", read_replicas),
    R("PLN-REL-007", "reliability", "REL09-BP01", "medium", ("bucket",), "Buckets keep object versions",
      "Set versioning: true (pair it with a lifecycle rule for old versions).", bucket_versioning),
    R("PLN-REL-008", "reliability", "REL11-BP01", "medium", ("workload",), "Workloads have readiness probes",
      "Add probes.readiness so traffic only reaches ready pods.", readiness_probes),
    R("PLN-REL-009", "reliability", "REL11-BP03", "medium", ("workload",), "Workloads have liveness probes",
      "Add probes.liveness so stuck pods are restarted.", liveness_probes),
    R("PLN-REL-010", "reliability", "REL10-BP01", "medium", ("workload",), "Services run two or more replicas",
      "Run at least 2 replicas (planner renders a PodDisruptionBudget for them).", replicated),
    R("PLN-REL-011", "reliability", "REL02-BP03", "medium", ("cluster",), "Cluster subnets keep 20% address headroom",
      "Use a larger subnet prefix or set max_pods on node groups.", pod_ip_headroom),
)
