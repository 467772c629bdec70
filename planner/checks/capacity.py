"""The workloads fit their cluster: the sum of their requests at the most replicas they may run (the
autoscaler's maximum) against what the node groups offer at their maximum size after the system
reservations (:mod:`planner.k8s_capacity`), and every pod fits on some node. A warning: the API accepts
the objects, the pods then wait Pending."""

from __future__ import annotations

from collections.abc import Iterator

from planner.checks.base import Context
from planner.findings import Finding
from planner.k8s_capacity import demand, node_pools

RULE = "CHK-K8S-012"


def capacity(ctx: Context) -> Iterator[Finding]:
    members: dict[str, list[int]] = {}
    for i, wl in enumerate(ctx.bp.workloads):
        members.setdefault(wl.cluster, []).append(i)
    for c, cluster in enumerate(ctx.bp.clusters):
        pools = node_pools(ctx.bp, ctx.plan, cluster)
        if cluster.mode == "autopilot" or not pools:
            continue
        nodes = sum(p.nodes_max for p in pools)
        cpu = sum(p.per_node.cpu_millicores * p.nodes_max for p in pools)
        mem = sum(p.per_node.memory_mib * p.nodes_max for p in pools)
        biggest = (max(p.per_node.cpu_millicores for p in pools), max(p.per_node.memory_mib for p in pools))
        need_cpu = need_mem = 0.0
        for i in members.get(cluster.name, []):
            wl = ctx.bp.workloads[i]
            d = demand(wl)
            pods = nodes if d.per_node else d.maximum
            need_cpu += d.cpu_millicores * pods
            need_mem += d.memory_mib * pods
            if d.cpu_millicores > biggest[0] or d.memory_mib > biggest[1]:
                yield ctx.warning(RULE, f"a pod of {wl.name!r} requests {d.cpu_millicores:.0f}m CPU and "
                                  f"{d.memory_mib:.0f}Mi memory, more than any node of cluster {cluster.name} offers "
                                  f"({biggest[0]:.0f}m, {biggest[1]:.0f}Mi after system reservations): it never "
                                  "schedules", ("workloads", i, "resources"),
                                  "lower the requests or add a node group of a larger instance type")
        if need_cpu > cpu or need_mem > mem:
            yield ctx.warning(RULE, f"at their maximum replicas the workloads of cluster {cluster.name} request "
                              f"{need_cpu:.0f}m CPU and {need_mem:.0f}Mi memory; its node groups offer {cpu:.0f}m and "
                              f"{mem:.0f}Mi at max_size ({nodes} nodes, after system reservations)",
                              ("clusters", c, "node_groups"),
                              "raise max_size, use larger instance types, or lower autoscale.max or the requests")
