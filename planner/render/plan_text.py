"""The derived plan as readable lines (``planner plan`` and ``check --explain``)."""

from __future__ import annotations

from planner.analysis import Analysis
from planner.plan import ClusterCapacity, Plan


def plan_lines(analysis: Analysis) -> list[str]:
    """The whole plan: header, subnets, NAT gateways, placement, address demand, clusters, assumptions."""
    plan = analysis.plan
    bp = analysis.blueprint
    lines = [f"{bp.name}: {bp.provider} {bp.region}"]
    if plan.vpc_cidr:
        lines.append(f"network {plan.vpc_cidr} over zones {', '.join(plan.zones)}"
                     + (f"; nat: {plan.nat}" if bp.provider == "aws" else ""))
    lines += _subnet_lines(plan)
    lines += _nat_lines(plan)
    lines += _placement_lines(plan)
    lines += _demand_lines(plan)
    for cap in plan.clusters:
        lines += _cluster_lines(cap)
    if plan.assumptions:
        lines.append("")
        lines.extend(f"  assumed: {a}" for a in plan.assumptions)
    return lines


def _subnet_lines(plan: Plan) -> list[str]:
    if not plan.subnets:
        return []
    lines = ["", f"  {'subnet':<16} {'tier':<9} {'zone':<18} {'cidr':<18} {'usable':>7}  origin"]
    for s in plan.subnets:
        lines.append(f"  {s.name:<16} {s.tier:<9} {s.zone:<18} {s.cidr:<18} {s.usable:>7}  {s.origin}")
    return lines


def _nat_lines(plan: Plan) -> list[str]:
    if not plan.nat_gateways:
        return []
    return [""] + [f"  NAT gateway in {nat['zone']} (public subnet {nat['subnet']} {nat['cidr']})"
                   for nat in plan.nat_gateways]


def _placement_lines(plan: Plan) -> list[str]:
    if not plan.placements:
        return []
    lines = ["", "  placement (per zone):"]
    for key, zones in plan.placements.items():
        spread = ", ".join(f"{z}: {n}" for z, n in zones.items()) or "no zones"
        lines.append(f"    {key:<40} {spread}")
    return lines


def _demand_lines(plan: Plan) -> list[str]:
    if not plan.address_demand:
        return []
    lines = ["", "  addresses needed per subnet (resources, excluding pod IPs):"]
    for name, demand in plan.address_demand.items():
        offered = sum(b.usable for b in plan.subnet_blocks(name))
        lines.append(f"    {name:<16} {demand:>7} of {offered}")
    return lines


def _cluster_lines(cap: ClusterCapacity) -> list[str]:
    pods = ", ".join(f"{g}: {n}" for g, n in cap.max_pods_per_node.items())
    lines = [""]
    lines.append(f"  cluster {cap.cluster} ({cap.kind}) in {cap.subnet}: up to {cap.nodes_max} nodes, "
                 f"max pods per node {pods}")
    lines.append(f"    addresses needed {cap.addresses_needed:,} of {cap.addresses_available:,} "
                 f"(headroom {cap.headroom:,})")
    if cap.pod_range:
        lines.append(f"    pod range {cap.pod_range}: room for {cap.pod_range_max_nodes} nodes")
    return lines
