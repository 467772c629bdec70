"""What the cluster creates in the cloud, priced before it exists: the load balancer of an Ingress and of
a ``type: LoadBalancer`` Service, their public IPv4 addresses, and the volumes of PersistentVolumeClaims
(a StatefulSet's claim templates once per replica). Each line is attributed to the object that makes the
provider bill: ``workloads.<name>.ingress``, ``.service``, ``.volumes.<volume>``.

EKS: the AWS Load Balancer Controller makes one ALB per Ingress (planner sets no ingress group) and an
NLB per LoadBalancer Service, each internet-facing with one node, so one public IPv4 address, per zone
of the public subnets. GKE: each is a forwarding rule of Cloud Load Balancing.
"""

from __future__ import annotations

from datetime import date

from planner.analysis import Analysis
from planner.blueprint.schema import Cluster, Workload
from planner.cost.declare.component import Component
from planner.facts import HOURS_PER_MONTH
from planner.quantities import parse_quantity

DEFAULT_STORAGE_CLASS = {"eks": "gp3", "gke": "pd-balanced"}  # the StorageClass planner writes for each
GIB = 1024**3


def processed_gb_per_load_balancer(analysis: Analysis) -> float | None:
    """``usage.lb_processed_gb`` shared evenly by the load balancers the blueprint declares and those its
    clusters create (None: no usage given)."""
    bp = analysis.blueprint
    if bp.usage.lb_processed_gb is None:
        return None
    owners = _group_owners(analysis)
    count = len(bp.load_balancers) + sum(len(_balancers(w, owners)) for w in bp.workloads)
    return bp.usage.lb_processed_gb / count if count else None


def _group_owners(analysis: Analysis) -> dict[tuple[str, str], str]:
    """(cluster, ingress group) -> the workload whose Ingress carries the group's one ALB (the first by name)."""
    owners: dict[tuple[str, str], str] = {}
    for wl in sorted(analysis.blueprint.workloads, key=lambda w: w.name):
        if wl.ingress and wl.ingress.group:
            owners.setdefault((wl.cluster, wl.ingress.group), wl.name)
    return owners


def _balancers(wl: Workload, owners: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """(address suffix, type) of each load balancer the workload's objects create."""
    out = []
    ing = wl.ingress
    shared = ing is not None and ing.group is not None and owners.get((wl.cluster, ing.group)) != wl.name
    if ing and ing.class_name != "nginx" and not shared:  # ingress-nginx routes through its own, shared Service
        out.append(("ingress", "application"))
    if wl.service and wl.service.type == "LoadBalancer":
        out.append(("service", "network"))
    return out


def kubernetes_objects(analysis: Analysis, today: date) -> list[Component]:
    bp = analysis.blueprint
    clusters = {c.name: c for c in bp.clusters}
    processed = processed_gb_per_load_balancer(analysis)
    owners = _group_owners(analysis)
    out: list[Component] = []
    for wl in bp.workloads:
        cluster = clusters.get(wl.cluster)
        if cluster is None:
            continue
        for suffix, lb_type in _balancers(wl, owners):
            out += _load_balancer(analysis, cluster, f"workloads.{wl.name}.{suffix}", lb_type, processed)
        out += _volumes(cluster, wl)
    return out


def _load_balancer(analysis: Analysis, cluster: Cluster, address: str, lb_type: str,
                   processed: float | None) -> list[Component]:
    kind = "ingress" if address.endswith(".ingress") else "service"
    if cluster.kind == "gke":
        what = "external Application Load Balancer" if lb_type == "application" else "external passthrough Network LB"
        return [Component(address, kind, "cloud-lb", f"forwarding rule ({what})", "hour", HOURS_PER_MONTH,
                          "forwarding-rule/hour")]
    zones = len({s.zone for s in analysis.plan.subnets if s.tier == "public"}) or len(analysis.plan.zones)
    unit, key = ("lcu-hour", "application/lcu") if lb_type == "application" else ("nlcu-hour", "network/nlcu")
    made_by = "ALB of the AWS Load Balancer Controller" if lb_type == "application" else "NLB of the AWS Load Balancer Controller"
    return [Component(address, kind, "elb", made_by, "hour", HOURS_PER_MONTH, f"{lb_type}/hour"),
            Component(address, kind, "elb", "capacity units (processed bytes)", unit, processed, key, usage_based=True),
            Component(address, kind, "vpc", f"public IPv4 addresses (internet-facing, one per zone: {zones})", "hour",
                      zones * HOURS_PER_MONTH, "public-ipv4/hour")]


def _claims(wl: Workload) -> int:
    """How many volumes one ``pvc`` volume is: a StatefulSet's claim template makes one per replica (at the
    replicas it starts with); any other workload shares one claim."""
    if wl.kind != "StatefulSet":
        return 1
    if wl.autoscale:
        return max(wl.autoscale.min, wl.replicas or 0)
    return 1 if wl.replicas is None else wl.replicas


def _volumes(cluster: Cluster, wl: Workload) -> list[Component]:
    copies = _claims(wl)
    service = "ebs" if cluster.kind == "eks" else "pd"
    out = []
    for v in wl.volumes:
        if v.type != "pvc" or v.size is None:
            continue
        storage_class = v.storage_class or DEFAULT_STORAGE_CLASS[cluster.kind]
        size_gb = parse_quantity(v.size) / GIB
        what = f"persistent volume ({storage_class}, {v.size}" + (f" x {copies} replicas)" if copies > 1 else ")")
        out.append(Component(f"workloads.{wl.name}.volumes.{v.name}", "persistent_volume", service, what, "gb-month",
                             size_gb * copies, f"{storage_class}/storage"))
    return out
