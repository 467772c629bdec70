"""Instance and node types exist, are offered where they land, and node groups are sized sanely."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from planner import catalog
from planner.checks.base import Context
from planner.findings import Finding


def _unknown_type(ctx: Context, name: str, path: tuple[str | int, ...]) -> Finding | None:
    specs = catalog.instance_specs(ctx.bp.provider)
    if not specs or name in specs:
        return None
    close = difflib.get_close_matches(name, list(specs), n=1, cutoff=0.6)
    kind = "instance type" if ctx.bp.provider == "aws" else "machine type"
    fix = f"did you mean {close[0]!r}?" if close else f"list them with: planner catalog instances --region {ctx.bp.region}"
    return ctx.error("CHK-TYPE-001", f"unknown {kind} {name!r}", path, fix)


def _not_offered(ctx: Context, name: str, zones: list[str], path: tuple[str | int, ...]) -> Iterator[Finding]:
    for zone in zones:
        if catalog.offered_in_zone(ctx.bp.provider, ctx.bp.region, zone, name) is False:
            offered = [z for z in catalog.region_zones(ctx.bp.provider, ctx.bp.region)
                       if catalog.offered_in_zone(ctx.bp.provider, ctx.bp.region, z, name)]
            yield ctx.error("CHK-TYPE-002", f"{name} is not offered in zone {zone}", path,
                            f"use zones where it is offered ({', '.join(offered) or 'none in this region'}) "
                            "or another type")


def instance_types(ctx: Context) -> Iterator[Finding]:
    """Every instance and node type exists and is offered in every zone it lands in."""
    bp = ctx.bp
    for i, inst in enumerate(bp.instances):
        path: tuple[str | int, ...] = ("instances", i, "type")
        unknown = _unknown_type(ctx, inst.type, path)
        if unknown:
            yield unknown
            continue
        zones = [z for z, n in ctx.plan.placements.get(f"instances.{inst.name}", {}).items() if n > 0]
        yield from _not_offered(ctx, inst.type, zones, path)
    for ci, cluster in enumerate(bp.clusters):
        zones = ctx.plan.subnet_zones(cluster.subnet)
        for gi, group in enumerate(cluster.node_groups):
            path = ("clusters", ci, "node_groups", gi, "instance_type")
            unknown = _unknown_type(ctx, group.instance_type, path)
            if unknown:
                yield unknown
                continue
            yield from _not_offered(ctx, group.instance_type, zones, path)


def node_group_sizes(ctx: Context) -> Iterator[Finding]:
    for ci, cluster in enumerate(ctx.bp.clusters):
        for gi, group in enumerate(cluster.node_groups):
            if not group.min_size <= group.desired_size <= group.max_size:
                yield ctx.error(
                    "CHK-NODE-001",
                    f"node group sizes must satisfy min_size <= desired_size <= max_size "
                    f"(got {group.min_size} <= {group.desired_size} <= {group.max_size})",
                    ("clusters", ci, "node_groups", gi), "adjust min_size, desired_size or max_size",
                )
            if group.max_size == 0:
                yield ctx.error("CHK-NODE-001", "max_size is 0: the node group can never run a node",
                                ("clusters", ci, "node_groups", gi, "max_size"), "set max_size to 1 or more")


def eks_zones(ctx: Context) -> Iterator[Finding]:
    """EKS needs subnets in at least two zones; GKE regional clusters want at least two too."""
    for ci, cluster in enumerate(ctx.bp.clusters):
        zones = ctx.plan.subnet_zones(cluster.subnet)
        if cluster.kind == "eks" and zones and len(set(zones)) < 2:
            yield ctx.error("CHK-EKS-001", f"EKS needs subnets in at least two zones; subnet {cluster.subnet!r} "
                            f"spans only {', '.join(zones)}", ("clusters", ci, "subnet"),
                            "add a second zone to network.zones (or to the subnet's zones)")
        if cluster.kind == "gke" and cluster.mode == "regional" and zones and len(set(zones)) < 2:
            yield ctx.warning("CHK-EKS-001", "a regional GKE cluster spreads over several zones, but the subnet "
                              "lists one", ("clusters", ci, "mode"), "list the region's zones in network.zones")
