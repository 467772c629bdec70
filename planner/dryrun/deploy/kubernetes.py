"""The Kubernetes family: per EKS cluster its IAM roles, the cluster and its node groups."""

from __future__ import annotations

import json
from typing import Any

from planner.dryrun.deploy.core import DeploymentCore
from planner.plan import node_group_disk

EKS_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
NODE_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def create_clusters(d: DeploymentCore) -> None:
    """Each cluster: its role, the cluster, the node role, then the node groups."""
    if not d.bp.clusters:
        return
    iam, eks = d.client("iam"), d.client("eks")
    for c in d.bp.clusters:
        role_name = d.aws_name(c.name, "cluster", limit=64)
        role = d.step("iam_role", role_name, lambda role_name=role_name: iam.create_role(
            RoleName=role_name, AssumeRolePolicyDocument=EKS_TRUST)["Role"]["Arn"])
        if not role:
            continue
        d.created("iam_role", role_name, role, lambda role_name=role_name: iam.delete_role(RoleName=role_name))
        subnets = [d.ids[("subnet", f"{c.subnet}-{z}")] for z in d.plan.subnet_zones(c.subnet)
                   if ("subnet", f"{c.subnet}-{z}") in d.ids]
        public = c.endpoint != "private"
        made = d.step("eks_cluster", c.name, lambda c=c, role=role, subnets=subnets, public=public:
                      eks.create_cluster(name=d.aws_name(c.name, limit=100), version=c.version, roleArn=role,
                                         resourcesVpcConfig={"subnetIds": subnets,
                                                             "endpointPublicAccess": public,
                                                             "endpointPrivateAccess": c.endpoint != "public"},
                                         logging={"clusterLogging": [{"types": c.logging, "enabled": True}]}
                                         if c.logging else {}))
        if made is None:
            continue
        cluster_name = d.aws_name(c.name, limit=100)
        d.created("eks_cluster", c.name, cluster_name, lambda cluster_name=cluster_name: eks.delete_cluster(
            name=cluster_name))
        node_role = _node_role(d, iam, c)
        for g in c.node_groups:
            _node_group(d, eks, c, g, cluster_name, subnets, node_role or role)


def _node_role(d: DeploymentCore, iam: Any, c: Any) -> Any:
    """The IAM role of the cluster's nodes; None when it could not be created."""
    node_role_name = d.aws_name(c.name, "nodes", limit=64)
    node_role = d.step("iam_role", node_role_name, lambda node_role_name=node_role_name: iam.create_role(
        RoleName=node_role_name, AssumeRolePolicyDocument=NODE_TRUST)["Role"]["Arn"])
    if node_role:
        d.created("iam_role", node_role_name, node_role,
                  lambda node_role_name=node_role_name: iam.delete_role(RoleName=node_role_name))
    return node_role


def _node_group(d: DeploymentCore, eks: Any, c: Any, g: Any, cluster_name: str, subnets: list[str],
                node_role: Any) -> None:
    """One node group of cluster ``c`` with its scaling, disk, instance type, labels and capacity type."""
    size, _disk = node_group_disk(d.bp.provider, g)
    ng = d.step("eks_nodegroup", f"{c.name}/{g.name}", lambda g=g, size=size, cluster_name=cluster_name,
                subnets=subnets, node_role=node_role:
                eks.create_nodegroup(clusterName=cluster_name, nodegroupName=g.name,
                                     scalingConfig={"minSize": g.min_size, "maxSize": g.max_size,
                                                    "desiredSize": g.desired_size},
                                     diskSize=size, subnets=subnets, instanceTypes=[g.instance_type],
                                     nodeRole=node_role, labels=g.labels,
                                     capacityType="SPOT" if g.capacity == "spot" else "ON_DEMAND"))
    if ng is not None:
        d.created("eks_nodegroup", f"{c.name}/{g.name}", g.name,
                  lambda g=g, cluster_name=cluster_name: eks.delete_nodegroup(
                      clusterName=cluster_name, nodegroupName=g.name))
