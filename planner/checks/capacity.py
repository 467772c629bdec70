"""The workloads fit their cluster: the sum of their requests at the most replicas they may run (the
autoscaler's maximum) against what the node groups offer at their maximum size after the system
reservations (:mod:`planner.k8s_capacity`), and every pod fits on some node. A warning: the API accepts
the objects, the pods then wait Pending."""

from __future__ import annotations

from collections.abc import Iterator

from planner.blueprint.schema import NamespacePolicy
from planner.checks.base import Context
from planner.findings import Finding
from planner.k8s_capacity import demand, node_pools
from planner.quantities import is_quantity, parse_quantity

RULE = "CHK-K8S-012"
QUOTA_RULE = "CHK-K8S-013"


def namespace_quotas(ctx: Context) -> Iterator[Finding]:
    """Quota and defaults are Kubernetes quantities; the namespace's requests at maximum replicas fit its quota."""
    for c, cluster in enumerate(ctx.bp.clusters):
        seen: set[str] = set()
        for n, policy in enumerate(cluster.namespaces):
            path = ("clusters", c, "namespaces", n)
            if policy.name in seen:
                yield ctx.error(QUOTA_RULE, f"namespace {policy.name} is listed twice", (*path, "name"), "merge the two entries")
            seen.add(policy.name)
            values = {"quota": policy.quota.model_dump() if policy.quota else {},
                      "default_request": policy.default_request.model_dump() if policy.default_request else {},
                      "default_limit": policy.default_limit.model_dump() if policy.default_limit else {}}
            for part, fields in values.items():
                for key, value in fields.items():
                    if isinstance(value, str) and not is_quantity(value):
                        yield ctx.error(QUOTA_RULE, f"{value!r} is not a Kubernetes quantity", (*path, part, key),
                                        "write e.g. 500m, 2, 512Mi or 4Gi")
            yield from _quota_fit(ctx, cluster.name, policy, path)


def _quota_fit(ctx: Context, cluster: str, policy: NamespacePolicy, path: tuple[str | int, ...]) -> Iterator[Finding]:
    quota = policy.quota
    if quota is None:
        return
    pods = [(demand(w)) for w in ctx.bp.workloads if w.cluster == cluster and w.namespace == policy.name]
    need_cpu = sum(d.cpu_millicores * d.maximum for d in pods)
    need_mem = sum(d.memory_mib * d.maximum for d in pods)
    for what, need, limit, scale in (("CPU", need_cpu, quota.requests_cpu, 1000.0),
                                     ("memory", need_mem, quota.requests_memory, 1 / 1024**2)):
        if limit and is_quantity(limit) and need > parse_quantity(limit) * scale:
            unit = "m" if what == "CPU" else "Mi"
            yield ctx.warning(QUOTA_RULE, f"the namespace's workloads request {need:.0f}{unit} {what} at their maximum "
                              f"replicas, more than its quota {limit}: the last pods are refused", (*path, "quota"),
                              "raise the quota or lower autoscale.max or the requests")
    count = sum(d.maximum for d in pods)
    if quota.pods is not None and count > quota.pods:
        yield ctx.warning(QUOTA_RULE, f"the namespace runs up to {count} pods, more than its quota of {quota.pods}",
                          (*path, "quota", "pods"), "raise quota.pods or lower the replicas")


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
