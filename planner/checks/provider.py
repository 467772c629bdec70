"""Keys that make no sense for the blueprint's provider are errors, never silently ignored."""

from __future__ import annotations

from collections.abc import Iterator

from planner import limits
from planner.blueprint.schema import Cluster
from planner.checks.base import Context
from planner.findings import Finding, Path


def provider_keys(ctx: Context) -> Iterator[Finding]:
    bp = ctx.bp
    aws = bp.provider == "aws"
    for i, cluster in enumerate(bp.clusters):
        yield from _cluster_keys(ctx, ("clusters", i), cluster, aws)
    for i, inst in enumerate(bp.instances):
        if not aws and inst.pricing.startswith(("reserved", "savings-plan")):
            yield ctx.error("CHK-PROV-001", f"{inst.pricing} is an AWS purchase option", ("instances", i, "pricing"),
                            "use on-demand or spot on GCP (committed-use discounts are not modelled yet)")
    if not aws and bp.network is not None and bp.network.acls:
        yield ctx.error("CHK-PROV-001", "network ACLs are an AWS feature", ("network", "acls"),
                        "use firewall rules (security_groups) on GCP")
    for i, db in enumerate(bp.databases):
        if not aws and db.pricing != "on-demand":
            yield ctx.error("CHK-PROV-001", f"{db.pricing} is an AWS purchase option", ("databases", i, "pricing"),
                            "use on-demand on GCP")


def _cluster_keys(ctx: Context, path: Path, cluster: Cluster, aws: bool) -> Iterator[Finding]:
    """One cluster: its kind matches the provider, it has only its kind's keys and a known version."""
    if aws and cluster.kind != "eks":
        yield ctx.error("CHK-PROV-001", "GKE clusters need provider: gcp", (*path, "kind"), "use kind: eks on AWS")
    if not aws and cluster.kind != "gke":
        yield ctx.error("CHK-PROV-001", "EKS clusters need provider: aws", (*path, "kind"), "use kind: gke on GCP")
    if cluster.kind == "eks":
        for key in ("mode", "release_channel"):
            if getattr(cluster, key) is not None:
                yield ctx.error("CHK-PROV-001", f"{key!r} is a GKE key", (*path, key), "remove it for EKS")
    if cluster.kind == "gke":
        yield from _gke_keys(ctx, path, cluster)
    versions = limits.kubernetes_versions(cluster.kind)
    if versions and cluster.version not in versions:
        known = sorted(versions, key=lambda v: int(v.split(".")[1]))
        yield ctx.error("CHK-PROV-002", f"Kubernetes {cluster.version} is not a known {cluster.kind.upper()} version",
                        (*path, "version"), f"use one of {known[0]}..{known[-1]}")


def _gke_keys(ctx: Context, path: Path, cluster: Cluster) -> Iterator[Finding]:
    """A GKE cluster has a mode, no EKS log types, and no node groups under Autopilot."""
    if cluster.logging:
        yield ctx.error("CHK-PROV-001", "'logging' lists EKS control-plane log types", (*path, "logging"),
                        "remove it; GKE sends control-plane logs to Cloud Logging")
    if cluster.mode == "autopilot" and cluster.node_groups:
        yield ctx.error("CHK-PROV-001", "Autopilot clusters manage their own nodes", (*path, "node_groups"),
                        "remove node_groups or use mode: zonal / regional")
    if cluster.mode is None:
        yield ctx.error("CHK-PROV-001", "a GKE cluster needs a mode", path,
                        "add mode: zonal | regional | autopilot")
