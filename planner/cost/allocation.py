"""Cost allocation before deployment: each workload's share of its cluster's node cost by what its pods
request, at the replicas it starts with and at its autoscaler's maximum, per namespace, and what is left
idle — what OpenCost and Kubecost report only once the cluster runs.

Method: the node groups' monthly cost at their desired size (from the estimate) is split half to CPU and
half to memory, each divided by what the nodes offer after the system reservations
(:mod:`planner.k8s_capacity`), giving a price per requested millicore and MiB; a workload costs its pods'
requests at those prices (a DaemonSet runs one pod per node). Idle is the node cost no request claims at
the desired replicas; at the maximum the node groups grow, so the same unit prices apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planner.analysis import Analysis
from planner.blueprint.schema import Workload
from planner.cost.results import Estimate
from planner.k8s_capacity import demand, node_pools
from planner.money import cents


def cents_or_none(amount: float | None) -> float | None:
    return None if amount is None else cents(amount)


@dataclass(frozen=True)
class WorkloadShare:
    namespace: str
    workload: str
    cpu_millicores: float
    memory_mib: float
    desired: int
    maximum: int
    monthly_usd: float | None
    """At the desired replicas (None: the node cost is not fully priced)."""
    monthly_max_usd: float | None


@dataclass(frozen=True)
class ClusterAllocation:
    cluster: str
    node_monthly_usd: float | None
    idle_monthly_usd: float | None
    workloads: tuple[WorkloadShare, ...]

    def namespaces(self) -> Mapping[str, tuple[float | None, float | None]]:
        """Namespace -> (monthly at desired replicas, at the maximum)."""
        out: dict[str, tuple[float | None, float | None]] = {}
        for w in self.workloads:
            now, top = out.get(w.namespace, (0.0, 0.0))
            out[w.namespace] = (None if now is None or w.monthly_usd is None else now + w.monthly_usd,
                                None if top is None or w.monthly_max_usd is None else top + w.monthly_max_usd)
        return dict(sorted(out.items()))


def _node_costs(estimate: Estimate) -> dict[str, float | None]:
    """Cluster -> its node groups' monthly cost (None when a part is unpriced), from one pass over the estimate."""
    costs: dict[str, float | None] = {}
    for address, amount in [(r.address, r.monthly_usd) for r in estimate.resources] + [
            (u.address, None) for u in estimate.unpriced]:
        parts = address.split(".")
        if len(parts) >= 4 and parts[0] == "clusters" and parts[2] == "node_groups":
            held = costs.get(parts[1], 0.0)
            costs[parts[1]] = None if held is None or amount is None else held + amount
    return costs


def allocate(analysis: Analysis, estimate: Estimate) -> tuple[ClusterAllocation, ...]:
    bp = analysis.blueprint
    costs = _node_costs(estimate)
    members: dict[str, list[Workload]] = {}
    for wl in bp.workloads:
        members.setdefault(wl.cluster, []).append(wl)
    out = []
    for cluster in bp.clusters:
        pools = node_pools(bp, analysis.plan, cluster)
        if cluster.mode == "autopilot" or not pools:
            continue
        cost = costs.get(cluster.name, 0.0)
        cpu = sum(p.per_node.cpu_millicores * p.nodes_desired for p in pools)
        mem = sum(p.per_node.memory_mib * p.nodes_desired for p in pools)
        nodes, nodes_max = sum(p.nodes_desired for p in pools), sum(p.nodes_max for p in pools)
        cpu_unit = cost / 2 / cpu if cost is not None and cpu else None
        mem_unit = cost / 2 / mem if cost is not None and mem else None
        shares = []
        for wl in members.get(cluster.name, []):
            d = demand(wl)
            desired, top = (nodes, nodes_max) if d.per_node else (d.desired, d.maximum)
            per_pod = (d.cpu_millicores * cpu_unit + d.memory_mib * mem_unit
                       if cpu_unit is not None and mem_unit is not None else None)
            shares.append(WorkloadShare(d.namespace, d.workload, d.cpu_millicores, d.memory_mib, desired, top,
                                        cents_or_none(per_pod * desired if per_pod is not None else None),
                                        cents_or_none(per_pod * top if per_pod is not None else None)))
        claimed = sum(s.monthly_usd or 0.0 for s in shares)
        idle = cents_or_none(cost - claimed if cost is not None else None)
        out.append(ClusterAllocation(cluster.name, cents_or_none(cost), idle,
                                     tuple(sorted(shares, key=lambda s: (s.namespace, s.workload)))))
    return tuple(out)
