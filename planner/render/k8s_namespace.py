"""One namespace's file: the Namespace, its default-deny NetworkPolicy and the allow policies of its
workloads (who may connect, the load balancer's traffic), then every workload's objects; and the
cluster-wide StorageClass."""

from __future__ import annotations

from planner.analysis import Analysis
from planner.blueprint.schema import Cluster, Workload
from planner.checks.k8s_values import SYSTEM_NAMESPACES
from planner.checks.network_policy import Peer, peer
from planner.facts import GOOGLE_LB_SOURCE_RANGES
from planner.render.k8s import STORAGE, workload_objects
from planner.render.k8s_common import Obj, labels, meta, selector


def _peer(p: Peer, own_namespace: str) -> Obj:
    """A NetworkPolicy peer for one ``allow_from`` entry (see :mod:`planner.checks.network_policy`)."""
    out: Obj = {}
    if p.namespace != own_namespace or p.workload is None:
        out["namespaceSelector"] = {"matchLabels": {"kubernetes.io/metadata.name": p.namespace}}
    if p.workload is not None:
        out["podSelector"] = {"matchLabels": {"app.kubernetes.io/name": p.workload}}
    return out


def _load_balancer_peers(analysis: Analysis, wl: Workload, cluster: Cluster) -> list[Obj]:
    """Where the load balancer or ingress controller connects from to an exposed workload: anywhere for a
    LoadBalancer Service, else the VPC (the ALB's and the controllers' addresses) and, on GKE, Google's
    load-balancer and health-check ranges."""
    svc = wl.service
    if not (wl.ingress or (svc and svc.type in ("NodePort", "LoadBalancer"))):
        return []
    nginx = [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}] if (
        wl.ingress and wl.ingress.class_name == "nginx") else []  # the controller's pods (GKE pods are off the VPC range)
    if svc and svc.type == "LoadBalancer":
        return [{"ipBlock": {"cidr": "0.0.0.0/0"}}, *nginx]
    ranges = [analysis.plan.vpc_cidr or "0.0.0.0/0"]
    if cluster.kind == "gke" and wl.ingress:
        ranges += GOOGLE_LB_SOURCE_RANGES
    return [{"ipBlock": {"cidr": cidr}} for cidr in ranges] + nginx


def namespace_objects(analysis: Analysis, cluster: Cluster, namespace: str, workloads: list[Workload]) -> list[Obj]:
    part = {"app.kubernetes.io/managed-by": "planner", "app.kubernetes.io/part-of": analysis.blueprint.name}
    out: list[Obj] = [{"apiVersion": "v1", "kind": "Namespace", "metadata": meta(namespace, None, part)}]
    if namespace not in SYSTEM_NAMESPACES:  # a default deny there cuts CoreDNS off (check warns)
        out.append({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                    "metadata": meta("default-deny-ingress", namespace, part),
                    "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}})
    out += _namespace_policy(cluster, namespace, part)
    for wl in workloads:
        peers = [_peer(peer(entry, wl.namespace), wl.namespace) for entry in wl.allow_from] + _load_balancer_peers(analysis, wl,
                                                                                                    cluster)
        if peers and wl.ports:
            out.append({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                        "metadata": meta(f"allow-{wl.name}", namespace, labels(analysis, wl)),
                        "spec": {"ingress": [{"from": peers, "ports": [{"port": p, "protocol": "TCP"} for p in wl.ports]}],
                                 "podSelector": {"matchLabels": selector(analysis, wl)}, "policyTypes": ["Ingress"]}})
    for wl in workloads:
        out += workload_objects(analysis, wl, cluster)
    return out


def _namespace_policy(cluster: Cluster, namespace: str, part: dict[str, str]) -> list[Obj]:
    """The namespace's ResourceQuota and LimitRange, when the cluster's ``namespaces`` names it."""
    policy = next((n for n in cluster.namespaces if n.name == namespace), None)
    out: list[Obj] = []
    if policy is None:
        return out
    q = policy.quota
    if q is not None:
        hard = {key: value for key, value in (("limits.cpu", q.limits_cpu), ("limits.memory", q.limits_memory),
                                              ("pods", None if q.pods is None else str(q.pods)),
                                              ("requests.cpu", q.requests_cpu), ("requests.memory", q.requests_memory))
                if value is not None}
        out.append({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": meta("quota", namespace, part),
                    "spec": {"hard": hard}})
    limits: Obj = {"type": "Container"}
    for field, defaults in (("defaultRequest", policy.default_request), ("default", policy.default_limit)):
        if defaults is not None and (defaults.cpu or defaults.memory):
            limits[field] = {k: v for k, v in (("cpu", defaults.cpu), ("memory", defaults.memory)) if v}
    if len(limits) > 1:
        out.append({"apiVersion": "v1", "kind": "LimitRange", "metadata": meta("defaults", namespace, part),
                    "spec": {"limits": [limits]}})
    return out


def storage_class(cluster: Cluster) -> Obj:
    name, provisioner, params = STORAGE[cluster.kind]
    return {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": {"labels": {"app.kubernetes.io/managed-by": "planner"}, "name": name},
            "allowVolumeExpansion": True, "parameters": params, "provisioner": provisioner,
            "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"}
