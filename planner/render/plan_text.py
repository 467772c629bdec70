"""The derived plan as readable lines (``planner plan`` and ``check --explain``)."""

from __future__ import annotations

from planner.pipeline import Analysis


def plan_lines(analysis: Analysis) -> list[str]:
    plan = analysis.plan
    bp = analysis.blueprint
    lines = [f"{bp.name}: {bp.provider} {bp.region}"]
    if plan.vpc_cidr:
        lines.append(f"network {plan.vpc_cidr} over zones {', '.join(plan.zones)}"
                     + (f"; nat: {plan.nat}" if bp.provider == "aws" else ""))
    if plan.subnets:
        lines.append("")
        lines.append(f"  {'subnet':<16} {'tier':<9} {'zone':<18} {'cidr':<18} {'usable':>7}  origin")
        for s in plan.subnets:
            lines.append(f"  {s.name:<16} {s.tier:<9} {s.zone:<18} {s.cidr:<18} {s.usable:>7}  {s.origin}")
    if plan.nat_gateways:
        lines.append("")
        for nat in plan.nat_gateways:
            lines.append(f"  NAT gateway in {nat['zone']} (public subnet {nat['subnet']} {nat['cidr']})")
    if plan.placements:
        lines.append("")
        lines.append("  placement (per zone):")
        for key, zones in plan.placements.items():
            spread = ", ".join(f"{z}: {n}" for z, n in zones.items()) or "no zones"
            lines.append(f"    {key:<40} {spread}")
    if plan.address_demand:
        lines.append("")
        lines.append("  addresses needed per subnet (resources, excluding pod IPs):")
        for name, demand in plan.address_demand.items():
            offered = sum(b.usable for b in plan.subnet_blocks(name))
            lines.append(f"    {name:<16} {demand:>7} of {offered}")
    for cap in plan.clusters:
        lines.append("")
        pods = ", ".join(f"{g}: {n}" for g, n in cap.max_pods_per_node.items())
        lines.append(f"  cluster {cap.cluster} ({cap.kind}) in {cap.subnet}: up to {cap.nodes_max} nodes, "
                     f"max pods per node {pods}")
        lines.append(f"    addresses needed {cap.addresses_needed:,} of {cap.addresses_available:,} "
                     f"(headroom {cap.headroom:,})")
        if cap.pod_range:
            lines.append(f"    pod range {cap.pod_range}: room for {cap.pod_range_max_nodes} nodes")
    if plan.assumptions:
        lines.append("")
        lines.extend(f"  assumed: {a}" for a in plan.assumptions)
    return lines
