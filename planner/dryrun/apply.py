"""Create the blueprint's AWS resources in dependency order, remembering how to remove each one.

The plumbing (steps, created resources, names, tags, teardown) is :mod:`planner.dryrun.deploy.core`;
each resource family has its module under :mod:`planner.dryrun.deploy`. :class:`Deployment` runs the
families in dependency order.
"""

from __future__ import annotations

from planner.dryrun.deploy.compute import ROOT_DEVICE, block_devices, create_instances
from planner.dryrun.deploy.core import DeploymentCore
from planner.dryrun.deploy.databases import create_databases
from planner.dryrun.deploy.kubernetes import EKS_TRUST, NODE_TRUST, create_clusters
from planner.dryrun.deploy.load_balancers import create_load_balancers
from planner.dryrun.deploy.network import create_network
from planner.dryrun.deploy.security import create_security_groups, ip_permissions
from planner.dryrun.deploy.storage import TRANSITION, create_buckets

__all__ = ["EKS_TRUST", "NODE_TRUST", "ROOT_DEVICE", "TRANSITION", "Deployment", "block_devices", "ip_permissions"]


class Deployment(DeploymentCore):
    """One run's deployment of the blueprint's AWS resources."""

    def apply(self) -> None:
        """Every family in dependency order: network, groups, instances, buckets, databases, LBs, clusters."""
        create_network(self)
        create_security_groups(self)
        create_instances(self)
        create_buckets(self)
        create_databases(self)
        create_load_balancers(self)
        create_clusters(self)
