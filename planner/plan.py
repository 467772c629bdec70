"""The plan stage: facts derived from a blueprint that the user did not write down.

Zones are resolved to full names, subnet CIDRs are carved (declaration order, aligned, avoiding
explicit ``cidrs``), instances and node groups are spread over zones, NAT gateways placed, and the
address demand of every subnet (including EKS pod IPs and GKE pod ranges) is computed. The plan is
shown by ``planner plan`` / ``check --explain`` so every assumption is visible.
"""

from __future__ import annotations

import difflib
import ipaddress

from planner import catalog, facts
from planner.blueprint.loader import LoadedBlueprint
from planner.blueprint.schema import Blueprint, Cluster, NodeGroup
from planner.carve import SUBNET_PREFIX_LIMITS, carve
from planner.findings import Finding
from planner.network import Block, gke_pod_prefix_per_node, is_private
from planner.plan_model import Add, ClusterCapacity, Plan, PlannedSubnet, resolve_zone

__all__ = [
    "ALB_ADDRESSES_PER_ZONE", "EKS_DEFAULT_DISK", "GKE_DEFAULT_DISK", "GKE_DEFAULT_MAX_PODS", "SUBNET_PREFIX_LIMITS",
    "VPC_PREFIX_LIMITS", "Add", "ClusterCapacity", "Plan", "PlannedSubnet", "build_plan", "cluster_zone_count",
    "node_group_disk", "node_group_max_pods", "resolve_zone", "spread",
]

VPC_PREFIX_LIMITS = {"aws": (16, 28), "gcp": (8, 29)}
ALB_ADDRESSES_PER_ZONE = 8  # AWS asks for at least 8 free addresses in each subnet of an ALB
EKS_DEFAULT_DISK = (20, "gp3")
GKE_DEFAULT_DISK = (100, "pd-balanced")
GKE_DEFAULT_MAX_PODS = facts.GKE_DEFAULT_MAX_PODS  # re-exported: plan readers import it from here


def spread(count: int, zones: list[str]) -> dict[str, int]:
    """Round-robin ``count`` items over ``zones``: the first zones get the remainder."""
    if not zones:
        return {}
    base, extra = divmod(count, len(zones))
    return {zone: base + (1 if i < extra else 0) for i, zone in enumerate(zones)}


def node_group_disk(provider: str, group: NodeGroup) -> tuple[int, str]:
    default = EKS_DEFAULT_DISK if provider == "aws" else GKE_DEFAULT_DISK
    return (group.disk_gb or default[0], group.disk_type or default[1])


def node_group_max_pods(provider: str, cluster: Cluster, group: NodeGroup) -> int:
    if group.max_pods:
        return group.max_pods
    if provider == "gcp":
        return GKE_DEFAULT_MAX_PODS["autopilot" if cluster.mode == "autopilot" else "standard"]
    spec = catalog.aws_instance_specs().get(group.instance_type)
    return spec.max_pods if spec and spec.max_pods else 0


def cluster_zone_count(cluster: Cluster, subnet_zones: list[str]) -> int:
    """How many zones a cluster's node counts are multiplied by (GKE sizes are per zone)."""
    if cluster.kind == "gke":
        return len(subnet_zones) if cluster.mode in ("regional", "autopilot") else 1
    return 1


def build_plan(loaded: LoadedBlueprint) -> tuple[Plan, list[Finding]]:
    """Derive the plan; return it with every network problem found (never raises on bad input)."""
    bp = loaded.blueprint
    findings: list[Finding] = []
    add = findings.append
    net = bp.network
    plan = Plan(bp.provider, bp.region, net.cidr if net else None, [], "none")
    known_zones = catalog.region_zones(bp.provider, bp.region)
    regions = catalog.known_regions(bp.provider)
    if regions and bp.region not in regions:
        close = difflib.get_close_matches(bp.region, regions, n=1)
        add(loaded.finding("region", "error", f"unknown {bp.provider} region {bp.region!r}", ("region",),
                           f"did you mean {close[0]!r}?" if close else f"known regions: {', '.join(regions)}"))
    if net is None:
        return plan, findings
    if bp.provider == "aws":
        plan.nat = net.nat or "none"
        if net.nat is None:
            plan.assumptions.append("network.nat not given: no NAT gateway (nat: none)")
    _plan_zones(loaded, plan, known_zones, add)
    vpc = Block.parse(net.cidr)
    low, high = VPC_PREFIX_LIMITS[bp.provider]
    if not low <= vpc.prefix <= high:
        add(loaded.finding("vpc-size", "error", f"network /{vpc.prefix} is outside the allowed /{low}–/{high}",
                           ("network", "cidr"), f"use a prefix between /{low} and /{high}, e.g. /16"))
    if not is_private(net.cidr):
        add(loaded.finding("vpc-public-range", "warning", f"{net.cidr} is not an RFC 1918 private range",
                           ("network", "cidr"), "use 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"))
    carve(loaded, plan, vpc, add)
    _place_nat(loaded, plan, add)
    _place_resources(bp, plan)
    _cluster_capacity(loaded, plan, add)
    return plan, findings


def _plan_zones(loaded: LoadedBlueprint, plan: Plan, known: tuple[str, ...], add: Add) -> None:
    bp = loaded.blueprint
    assert bp.network is not None
    for i, zone in enumerate(bp.network.zones):
        full = resolve_zone(bp.provider, bp.region, zone)
        if known and full not in known:
            names = ", ".join(z.removeprefix(bp.region).lstrip("-") for z in known)
            add(loaded.finding("zone", "error", f"zone {zone!r} ({full}) does not exist in {bp.region}",
                               ("network", "zones", i), f"use one of: {names}"))
        if full in plan.zones:
            add(loaded.finding("zone", "error", f"zone {zone!r} is listed twice", ("network", "zones", i),
                               "list each zone once"))
            continue
        plan.zones.append(full)


def _place_nat(loaded: LoadedBlueprint, plan: Plan, add: Add) -> None:
    bp = loaded.blueprint
    if bp.provider != "aws" or bp.network is None:
        if bp.network and bp.network.nat is not None:
            add(loaded.finding("provider-key", "error", "'nat' is an AWS key; GCP uses Cloud NAT on the router",
                               ("network", "nat"), "remove network.nat"))
        return
    public = [s for s in plan.subnets if s.tier == "public"]
    private = [s for s in plan.subnets if s.tier == "private"]
    if private and plan.nat == "none":
        first = private[0]
        add(loaded.finding("nat-missing", "error",
                           f"private subnet {first.name!r} routes out through a NAT gateway, but nat is 'none'",
                           ("network", "subnets", first.index, "tier"),
                           "set network.nat to single or per-zone, or make the subnet isolated"))
        return
    if plan.nat == "none" or not private:
        return
    zones = plan.zones[:1] if plan.nat == "single" else sorted({s.zone for s in private}, key=plan.zones.index)
    for zone in zones:
        host = next((s for s in public if s.zone == zone), None)
        if host is None:
            add(loaded.finding("nat-public-subnet", "error", f"a NAT gateway for {zone} needs a public subnet in {zone}",
                               ("network", "nat"), "add a public subnet that spans this zone"))
            continue
        plan.nat_gateways.append({"zone": zone, "subnet": host.name, "cidr": host.cidr})


def _place_resources(bp: Blueprint, plan: Plan) -> None:
    demand = plan.address_demand
    for nat in plan.nat_gateways:
        demand[nat["subnet"]] = demand.get(nat["subnet"], 0) + 1
    for inst in bp.instances:
        zones = plan.subnet_zones(inst.subnet)
        plan.placements[f"instances.{inst.name}"] = spread(inst.count, zones)
        demand[inst.subnet] = demand.get(inst.subnet, 0) + inst.count
    for db in bp.databases:
        zones = plan.subnet_zones(db.subnet)
        copies = 1 + (1 if db.multi_az else 0) + db.read_replicas
        plan.placements[f"databases.{db.name}"] = spread(copies, zones)
        demand[db.subnet] = demand.get(db.subnet, 0) + copies
    for li, lb in enumerate(bp.load_balancers):
        for ni, listener in enumerate(lb.listeners):
            if listener.target_port is None:
                why = ("an HTTPS/TLS listener ends TLS at the load balancer and forwards to 80"
                       if listener.protocol in ("HTTPS", "TLS") else "the listener's own port")
                plan.assumptions.append(f"load_balancers[{li}].listeners[{ni}].target_port not given: "
                                        f"{listener.effective_target_port} ({why})")
        zones = plan.subnet_zones(lb.subnet)
        per_zone = ALB_ADDRESSES_PER_ZONE if lb.type == "application" else 1
        plan.placements[f"load_balancers.{lb.name}"] = {z: per_zone for z in zones}
        demand[lb.subnet] = demand.get(lb.subnet, 0) + per_zone * len(zones)
    for cluster in bp.clusters:
        zones = plan.subnet_zones(cluster.subnet)
        multiplier = cluster_zone_count(cluster, zones)
        node_zones = zones if cluster.kind == "eks" or multiplier > 1 else zones[:1]
        for group in cluster.node_groups:
            key = f"clusters.{cluster.name}.node_groups.{group.name}"
            if cluster.kind == "gke":
                plan.placements[key] = {z: group.desired_size for z in node_zones}
            else:
                plan.placements[key] = spread(group.desired_size, zones)
            demand[cluster.subnet] = demand.get(cluster.subnet, 0) + group.max_size * max(1, multiplier)


def _cluster_capacity(loaded: LoadedBlueprint, plan: Plan, add: Add) -> None:
    bp = loaded.blueprint
    for ci, cluster in enumerate(bp.clusters):
        blocks = plan.subnet_blocks(cluster.subnet)
        if not blocks:
            continue
        zones = [b.zone for b in blocks]
        multiplier = cluster_zone_count(cluster, zones)
        max_pods = {g.name: node_group_max_pods(bp.provider, cluster, g) for g in cluster.node_groups}
        nodes = sum(g.max_size for g in cluster.node_groups) * multiplier
        available = sum(b.usable for b in blocks)
        others = plan.address_demand.get(cluster.subnet, 0) - nodes
        if cluster.kind == "eks":
            needed = sum(g.max_size * (max_pods[g.name] + 1) for g in cluster.node_groups) + others
            cap = ClusterCapacity(cluster.name, cluster.kind, cluster.subnet, zones, nodes, max_pods, available, needed)
            if needed > available:
                add(loaded.finding("pod-ips", "error",
                                   f"cluster {cluster.name!r} can need {needed:,} addresses in subnet {cluster.subnet!r} "
                                   f"(max_size x (max_pods + 1) per node group, plus {others} other resources) "
                                   f"but its {len(blocks)} block(s) offer {available:,}",
                                   ("clusters", ci, "subnet"),
                                   "use a larger subnet prefix, lower max_size, or set max_pods on the node groups"))
        else:
            cap = ClusterCapacity(cluster.name, cluster.kind, cluster.subnet, zones, nodes, max_pods, available,
                                  nodes + max(others, 0))
            sub_index = blocks[0].index
            subnet_decl = bp.network.subnets[sub_index] if bp.network else None
            pods = (subnet_decl.secondary or {}).get("pods") if subnet_decl else None
            if pods and cluster.node_groups:
                per_node = gke_pod_prefix_per_node(max(max_pods.values()))
                pod_prefix = ipaddress.IPv4Network(pods).prefixlen
                cap.pod_range = pods
                cap.pod_range_max_nodes = 2 ** (per_node - pod_prefix) if per_node >= pod_prefix else 0
                if nodes > cap.pod_range_max_nodes:
                    add(loaded.finding("pod-range", "error",
                                       f"pod range {pods} holds {cap.pod_range_max_nodes} nodes at /{per_node} per node "
                                       f"(max_pods {max(max_pods.values())}), but cluster {cluster.name!r} can reach {nodes} nodes",
                                       ("network", "subnets", sub_index, "secondary", "pods"),
                                       f"use a pods range of /{per_node - max(0, (nodes - 1).bit_length())} or larger, "
                                       "or lower max_pods / max_size"))
            if cap.addresses_needed > available:
                add(loaded.finding("node-ips", "error",
                                   f"subnet {cluster.subnet!r} offers {available} addresses but cluster {cluster.name!r} "
                                   f"can reach {nodes} nodes", ("clusters", ci, "subnet"), "use a larger subnet prefix"))
        plan.clusters.append(cap)
    for name, demand in plan.address_demand.items():
        blocks = plan.subnet_blocks(name)
        if blocks and not any(c.subnet == name for c in plan.clusters):
            available = sum(b.usable for b in blocks)
            if demand > available:
                add(loaded.finding("subnet-full", "error",
                                   f"subnet {name!r} needs {demand} addresses but offers {available}",
                                   ("network", "subnets", blocks[0].index, "prefix"), "use a larger subnet"))
