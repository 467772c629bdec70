"""Kubernetes clusters: the EKS control plane or the GKE fee and its free-tier credit, and node groups."""

from __future__ import annotations

from datetime import date

from planner import limits
from planner.analysis import Analysis
from planner.cost.declare.component import Component
from planner.cost.declare.compute import _sustained_use
from planner.plan import cluster_zone_count, node_group_disk

GKE_CREDIT_HOURS = 744.0  # $74.40 monthly credit / $0.10 per cluster-hour


def clusters(analysis: Analysis, today: date) -> list[Component]:
    bp = analysis.blueprint
    out: list[Component] = []
    aws = bp.provider == "aws"
    credit_used = False
    for cluster in bp.clusters:
        address = f"clusters.{cluster.name}"
        if cluster.kind == "eks":
            support = _eks_support(cluster.version, today)
            out.append(Component(address, "eks_cluster", "eks", f"control plane ({support} support)", "hour",
                                 cluster.hours_per_month, f"control-plane/{support}"))
        else:
            out.append(Component(address, "gke_cluster", "gke", "cluster management fee", "hour",
                                 cluster.hours_per_month, "management/hour"))
            if not credit_used and (cluster.mode or "zonal") in ("zonal", "autopilot"):
                # Google's free tier: $74.40 of credit a month per billing account, for one zonal or Autopilot
                # cluster, i.e. up to 744 hours of the fee. A separate line, so it can be ignored when the
                # account already spends it elsewhere.
                credit_used = True
                out.append(Component(address, "gke_cluster", "gke",
                                     "free tier credit (one zonal or Autopilot cluster per billing account)", "hour",
                                     min(cluster.hours_per_month, GKE_CREDIT_HOURS), "management/free-tier-credit"))
        zones = analysis.plan.subnet_zones(cluster.subnet)
        multiplier = cluster_zone_count(cluster, zones)
        for group in cluster.node_groups:
            nodes = group.desired_size * multiplier
            ng_address = f"{address}.node_groups.{group.name}"
            pricing = group.pricing
            out.append(Component(ng_address, "node_group", "ec2" if aws else "gce",
                                 f"{nodes} nodes ({group.instance_type}, {pricing})", "hour",
                                 nodes * cluster.hours_per_month, f"{group.instance_type}/{pricing}"))
            if not aws and pricing == "on-demand":
                out += _sustained_use(ng_address, "node_group", group.instance_type, nodes, cluster.hours_per_month)
            size, disk = node_group_disk(bp.provider, group)
            out.append(Component(ng_address, "node_group", "ebs" if aws else "pd", f"node disks ({disk})", "gb-month",
                                 float(nodes * size), f"{disk}/storage"))
    return out


def _eks_support(version: str, today: date) -> str:
    row = limits.kubernetes_versions("eks").get(version)
    if row and row.get("end_of_standard_support") and today.isoformat() > row["end_of_standard_support"]:
        return "extended"
    return "standard"
