"""NetworkPolicies let the declared clients in: ``allow_from`` entries resolve, and a Service that the
namespace's default-deny policy would leave without any client is reported.

``allow_from`` names who may connect to a workload's ports: ``web`` (a workload of the same namespace),
``shop/web`` (a workload of another namespace: pods labelled ``app.kubernetes.io/name: web`` there,
also a third-party one such as ``ingress-nginx/ingress-nginx``) or ``monitoring/*`` (every pod of a
namespace). Traffic from the load balancer or ingress controller to an exposed workload is always
allowed by planner (see ``render/k8s.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planner.blueprint.schema import Workload
from planner.checks.base import Context
from planner.checks.k8s_formats import dns1123_label
from planner.checks.k8s_values import SYSTEM_NAMESPACES
from planner.findings import Finding

RULE = "CHK-K8S-011"


@dataclass(frozen=True)
class Peer:
    """One ``allow_from`` entry: a namespace and a workload name in it (None: the whole namespace)."""

    namespace: str
    workload: str | None


def peer(entry: str, own_namespace: str) -> Peer:
    if "/" not in entry:
        return Peer(own_namespace, entry)
    namespace, name = entry.split("/", 1)
    return Peer(namespace, None if name == "*" else name)


def network_policies(ctx: Context) -> Iterator[Finding]:
    declared: dict[str, set[tuple[str, str]]] = {}  # cluster -> (namespace, workload), built once
    for w in ctx.bp.workloads:
        declared.setdefault(w.cluster, set()).add((w.namespace, w.name))
    for i, wl in enumerate(ctx.bp.workloads):
        if wl.allow_from:
            yield from _allow_from(ctx, i, wl, declared[wl.cluster])
    reached = {(wl.cluster, p.namespace, p.workload) for wl in ctx.bp.workloads
               for p in (peer(e, wl.namespace) for e in wl.allow_from)}
    for i, wl in enumerate(ctx.bp.workloads):
        svc = wl.service
        exposed = wl.ingress is not None or (svc is not None and svc.type in ("NodePort", "LoadBalancer"))
        if svc is None or exposed or svc.type == "ExternalName" or wl.namespace in SYSTEM_NAMESPACES:
            continue
        if not wl.allow_from and (wl.cluster, wl.namespace, wl.name) not in reached:
            yield ctx.warning(RULE, f"the {svc.type} Service of {wl.name!r} has no declared client: the namespace's "
                              "default-deny NetworkPolicy lets no pod reach it", ("workloads", i, "service"),
                              "list its clients: allow_from: [<workload>] (same namespace), "
                              "[<namespace>/<workload>] or [<namespace>/*]")


def _allow_from(ctx: Context, i: int, wl: Workload, declared: set[tuple[str, str]]) -> Iterator[Finding]:
    namespaces = {ns for ns, _ in declared}
    for k, entry in enumerate(wl.allow_from):
        path = ("workloads", i, "allow_from", k)
        p = peer(entry, wl.namespace)
        problem = dns1123_label(p.namespace) if "/" in entry else None
        if problem is not None:
            yield ctx.error(RULE, f"allow_from {entry!r}: namespace {p.namespace!r} {problem}", path,
                            "write <namespace>/<workload> or <namespace>/*, e.g. shop/web")
        elif p.workload is None:
            continue
        elif p.namespace in namespaces and (p.namespace, p.workload) not in declared:
            names = sorted(n for ns, n in declared if ns == p.namespace)
            yield ctx.error(RULE, f"allow_from {entry!r} is no workload in namespace {p.namespace} of cluster "
                            f"{wl.cluster}", path, f"name one of: {', '.join(names) or 'none'} "
                            f"(or {p.namespace}/* for the whole namespace)")
