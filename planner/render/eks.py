"""EKS: the eksctl ClusterConfig that builds the blueprint's cluster in the blueprint's own VPC, and the
deploy and teardown scripts of the EKS flow (network -> cluster -> kubeconfig -> controllers -> kubectl).

eksctl creates a new VPC for a config whose subnets carry no ids, beside the one holding the blueprint's
database and load balancer. So the config always names the VPC and subnets by id: the ids given
(:class:`NetworkIds`, from the JSON of ``planner dry-run --keep`` against a server or written by hand), or
placeholders (``${VPC_ID}``, ``${SUBNET_APP_AP_NORTHEAST_2A}``) that the deploy script fills by finding
the blueprint's VPC by its ``planner:blueprint`` tag and CIDR, and each subnet by CIDR — and stops when
they do not exist. eksctl is never given a config that would create a network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from planner.analysis import Analysis
from planner.blueprint.schema import Cluster
from planner.plan import node_group_disk
from planner.plan_model import PlannedSubnet

LB_CONTROLLER = "aws-load-balancer-controller"


@dataclass(frozen=True)
class NetworkIds:
    """Ids of the blueprint's VPC and subnets (subnets keyed ``<subnet>-<zone>``, as the dry-run names them)."""

    vpc: str
    subnets: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def variable(key: str) -> str:
    """``app-ap-northeast-2a`` -> ``SUBNET_APP_AP_NORTHEAST_2A``."""
    return "SUBNET_" + re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def cluster_subnets(analysis: Analysis, cluster: Cluster) -> list[PlannedSubnet]:
    """The subnets an EKS cluster's config names: its own, and the public ones (for its load balancers)."""
    return [s for s in analysis.plan.subnets if s.name == cluster.subnet or s.tier == "public"]


def _subnet_keys(analysis: Analysis, cluster: Cluster) -> dict[str, dict[str, tuple[str, str]]]:
    """``{"private"|"public": {key: (zone, cidr)}}`` of :func:`cluster_subnets`."""
    out: dict[str, dict[str, tuple[str, str]]] = {"private": {}, "public": {}}
    for s in cluster_subnets(analysis, cluster):
        out["public" if s.tier == "public" else "private"][s.key] = (s.zone, s.cidr)
    return {side: keys for side, keys in out.items() if keys}


def needs_load_balancer_controller(analysis: Analysis, cluster: Cluster) -> bool:
    return any(w.cluster == cluster.name and (w.ingress or (w.service and w.service.type == "LoadBalancer"))
               for w in analysis.blueprint.workloads)


def needs_ebs_driver(analysis: Analysis, cluster: Cluster) -> bool:
    return any(w.cluster == cluster.name and any(v.type == "pvc" for v in w.volumes) for w in analysis.blueprint.workloads)


def _vpc(analysis: Analysis, cluster: Cluster, network: NetworkIds | None) -> dict[str, Any]:
    subnets: dict[str, Any] = {}
    for side, keys in _subnet_keys(analysis, cluster).items():
        subnets[side] = {key: {"id": network.subnets[key] if network else "${" + variable(key) + "}", "az": zone,
                               "cidr": cidr} for key, (zone, cidr) in keys.items()}
    vpc: dict[str, Any] = {"id": network.vpc if network else "${VPC_ID}", "subnets": subnets}
    if cluster.endpoint != "private":  # a private cluster takes privateCluster instead (eksctl refuses both)
        vpc["clusterEndpoints"] = {"publicAccess": True, "privateAccess": cluster.endpoint != "public"}
    if cluster.public_access_cidrs:
        vpc["publicAccessCIDRs"] = list(cluster.public_access_cidrs)
    return vpc


def _addons(analysis: Analysis, cluster: Cluster) -> list[dict[str, Any]]:
    """The add-ons the manifests rely on: the VPC CNI enforcing NetworkPolicies, CoreDNS, kube-proxy, the EBS driver."""
    policies = any(w.cluster == cluster.name for w in analysis.blueprint.workloads)  # default-deny per namespace
    cni: dict[str, Any] = {"name": "vpc-cni"}
    if policies:
        cni["configurationValues"] = '{"enableNetworkPolicy": "true"}'
    addons = [cni, {"name": "coredns"}, {"name": "kube-proxy"}]
    if needs_ebs_driver(analysis, cluster):
        addons.append({"name": "aws-ebs-csi-driver", "wellKnownPolicies": {"ebsCSIController": True}})
    return addons


def eksctl_config(analysis: Analysis, cluster: Cluster, network: NetworkIds | None = None) -> dict[str, Any]:
    bp = analysis.blueprint
    iam: dict[str, Any] = {"withOIDC": True}
    if needs_load_balancer_controller(analysis, cluster):
        iam["serviceAccounts"] = [{"metadata": {"name": LB_CONTROLLER, "namespace": "kube-system"},
                                   "wellKnownPolicies": {"awsLoadBalancerController": True}}]
    config: dict[str, Any] = {
        "apiVersion": "eksctl.io/v1alpha5",
        "kind": "ClusterConfig",
        "metadata": {"name": f"{bp.name}-{cluster.name}", "region": bp.region, "version": cluster.version,
                     "tags": dict(sorted({**bp.tags, "planner/blueprint": bp.name}.items()))},
        "iam": iam,
        "vpc": _vpc(analysis, cluster, network),
        "addons": _addons(analysis, cluster),
        "managedNodeGroups": _node_groups(analysis, cluster),
    }
    if cluster.endpoint == "private":
        config["privateCluster"] = {"enabled": True}
    if cluster.secrets_encryption:
        config["secretsEncryption"] = {"keyARN": "${SECRETS_KEY_ARN}"}
    if cluster.logging:
        config["cloudWatch"] = {"clusterLogging": {"enableTypes": list(cluster.logging)}}
    return config


def _node_groups(analysis: Analysis, cluster: Cluster) -> list[dict[str, Any]]:
    plan = analysis.plan
    node_subnets = {s.zone: s for s in plan.subnets if s.name == cluster.subnet}
    private_nodes = cluster.endpoint == "private" or any(s.tier != "public" for s in node_subnets.values())
    groups = []
    for g in cluster.node_groups:
        size, disk = node_group_disk(analysis.blueprint.provider, g)
        group: dict[str, Any] = {"name": g.name, "instanceType": g.instance_type, "minSize": g.min_size,
                                 "desiredCapacity": g.desired_size, "maxSize": g.max_size, "volumeSize": size,
                                 "volumeType": disk, "volumeEncrypted": True, "privateNetworking": private_nodes,
                                 "subnets": sorted(f"{cluster.subnet}-{z}" for z in node_subnets)}
        if g.labels:
            group["labels"] = dict(sorted(g.labels.items()))
        if g.taints:
            group["taints"] = [{"key": t.key, "value": t.value or "", "effect": t.effect} for t in g.taints]
        if g.capacity == "spot":
            group["spot"] = True
        if g.max_pods:
            group["maxPodsPerNode"] = g.max_pods
        groups.append(group)
    return groups
