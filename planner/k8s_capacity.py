"""What a node offers its pods: allocatable CPU and memory after the system reservations.

EKS (the node agent of amazon-eks-ami, ``nodeadm/internal/kubelet/config.go`` @81fec2e895854f59, read
2026-12-04): kube-reserved CPU is 6% of the first core, 1% of the second, 0.5% of the third and fourth
and 0.25% of every further core; kube-reserved memory is ``11 MiB x max pods + 255 MiB``; the eviction
threshold keeps 100 MiB. GKE (Google's "Plan node sizes: memory and CPU reservations", read 2026-12-04):
the same CPU tiers; memory 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next
112 and 2% above 128 GiB (255 MiB under 1 GiB), plus the 100 MiB eviction threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.blueprint.schema import Blueprint, Cluster, Workload
from planner.catalog import instance_specs
from planner.plan import Plan, cluster_zone_count, node_group_max_pods
from planner.quantities import is_quantity, parse_quantity

CPU_TIERS = ((1000, 0.06), (1000, 0.01), (2000, 0.005), (float("inf"), 0.0025))  # (millicores in tier, share)
GKE_MEMORY_TIERS = ((4 * 1024, 0.25), (4 * 1024, 0.20), (8 * 1024, 0.10), (112 * 1024, 0.06), (float("inf"), 0.02))
EVICTION_MIB = 100


@dataclass(frozen=True)
class Allocatable:
    cpu_millicores: float
    memory_mib: float


def _tiered(total: float, tiers: tuple[tuple[float, float], ...]) -> float:
    reserved, left = 0.0, total
    for size, share in tiers:
        part = min(left, size)
        reserved += part * share
        left -= part
        if left <= 0:
            break
    return reserved


def allocatable(provider: str, vcpu: int, memory_gib: float, max_pods: int) -> Allocatable:
    """Allocatable CPU (millicores) and memory (MiB) of one node."""
    cpu = vcpu * 1000.0
    memory = memory_gib * 1024.0
    cpu_reserved = _tiered(cpu, CPU_TIERS)
    if provider == "aws":
        memory_reserved = 11.0 * max_pods + 255.0
    else:
        memory_reserved = 255.0 if memory < 1024 else _tiered(memory, GKE_MEMORY_TIERS)
    return Allocatable(max(cpu - cpu_reserved, 0.0), max(memory - memory_reserved - EVICTION_MIB, 0.0))


@dataclass(frozen=True)
class PodDemand:
    """What one workload's pods request (main container and sidecars; init containers run before them)."""

    workload: str
    namespace: str
    cpu_millicores: float
    memory_mib: float
    desired: int
    maximum: int
    per_node: bool = False  # a DaemonSet: one pod on every node


@dataclass(frozen=True)
class NodePool:
    group: str
    instance_type: str
    nodes_desired: int
    nodes_max: int
    per_node: Allocatable


def _quantity(value: str | None, scale: float) -> float:
    """A request in millicores or MiB; 0 when absent or not a quantity (CHK-K8S-001 reports that one)."""
    return parse_quantity(value) * scale if value and is_quantity(value) else 0.0


def demand(wl: Workload) -> PodDemand:
    cpu = mem = 0.0
    for res in [wl.resources] + [c.resources for c in wl.sidecars]:
        if res and res.requests:
            cpu += _quantity(res.requests.cpu, 1000.0)
            mem += _quantity(res.requests.memory, 1 / 1024**2)
    desired = 1 if wl.replicas is None else wl.replicas
    if wl.autoscale:
        desired = max(wl.autoscale.min, wl.replicas or 0)
    maximum = wl.autoscale.max if wl.autoscale else desired
    if wl.kind in ("Job", "CronJob"):
        desired = maximum = 1
    return PodDemand(wl.name, wl.namespace, cpu, mem, desired, maximum, per_node=wl.kind == "DaemonSet")


def node_pools(bp: Blueprint, plan: Plan, cluster: Cluster) -> list[NodePool]:
    """The cluster's node groups with their node counts (GKE counts per zone, multiplied) and allocatable."""
    multiplier = cluster_zone_count(cluster, plan.subnet_zones(cluster.subnet))
    specs = instance_specs(bp.provider)
    pools = []
    for g in cluster.node_groups:
        spec = specs.get(g.instance_type)
        if spec is None:
            continue
        per_node = allocatable(bp.provider, spec.vcpu, spec.memory_gib, node_group_max_pods(bp.provider, cluster, g))
        pools.append(NodePool(g.name, g.instance_type, g.desired_size * multiplier, g.max_size * multiplier, per_node))
    return pools
