"""Typed model of blueprint format version 1 (``shared/blueprint-format.md``).

The keys are a public contract: new optional keys and enum values may be added, nothing is renamed.
Every model forbids unknown keys (the loader turns that into a "did you mean" error). Defaults here
are the documented defaults of the format (and of the cloud's own API where the format is silent);
``planner check --explain`` shows every value that was assumed.

Cross-field rules that need more than one section (references, zones, catalog lookups) live in
``planner.checks``, not here, so that one run reports all of them with their locations.

This module is the one place to import the models from; they are defined, by meaning, in
:mod:`~planner.blueprint.schema_base` (the ``Model`` base, shared types and bounds),
:mod:`~planner.blueprint.schema_network` (network, security groups),
:mod:`~planner.blueprint.schema_compute` (instances, volumes, databases, buckets, load balancers),
:mod:`~planner.blueprint.schema_kubernetes` (clusters, workloads) and
:mod:`~planner.blueprint.schema_root` (the root ``Blueprint``, review, usage, scenarios).
"""

from __future__ import annotations

from planner.blueprint.schema_base import (
    K8S_NAME_PATTERN,
    MAX_BUCKET_GB,
    MAX_COUNT,
    MAX_DISK_GB,
    MAX_IOPS,
    MAX_LIFECYCLE_DAYS,
    MAX_MONTHLY_GB,
    MAX_OBJECT_KB,
    MAX_RDS_STORAGE_GB,
    MAX_REQUESTS,
    MAX_THROUGHPUT_MBPS,
    MAX_USD,
    MIN_OBJECT_KB,
    NAME_PATTERN,
    Cidr,
    DbEngine,
    Model,
    Name,
    Pricing,
    Provider,
    StorageClass,
    Tier,
    VolumeType,
)
from planner.blueprint.schema_compute import (
    Bucket,
    Database,
    Instance,
    LifecycleRule,
    Listener,
    LoadBalancer,
    Requests,
    Volume,
)
from planner.blueprint.schema_kubernetes import (
    INT32_MAX,
    Autoscale,
    Cluster,
    Container,
    EnvVar,
    Ingress,
    Lifecycle,
    NodeGroup,
    Port,
    Probe,
    Probes,
    Quantity,
    RbacRule,
    ResourceAmounts,
    Resources,
    SecurityContext,
    Service,
    Taint,
    Workload,
    WorkloadVolume,
)
from planner.blueprint.schema_network import Network, Rule, SecurityGroup, Subnet, port_range
from planner.blueprint.schema_root import SECTIONS, Blueprint, Review, Scenario, Skip, Usage

__all__ = [
    "INT32_MAX",
    "K8S_NAME_PATTERN",
    "MAX_BUCKET_GB",
    "MAX_COUNT",
    "MAX_DISK_GB",
    "MAX_IOPS",
    "MAX_LIFECYCLE_DAYS",
    "MAX_MONTHLY_GB",
    "MAX_OBJECT_KB",
    "MAX_RDS_STORAGE_GB",
    "MAX_REQUESTS",
    "MAX_THROUGHPUT_MBPS",
    "MAX_USD",
    "MIN_OBJECT_KB",
    "NAME_PATTERN",
    "SECTIONS",
    "Autoscale",
    "Blueprint",
    "Bucket",
    "Cidr",
    "Cluster",
    "Container",
    "Database",
    "DbEngine",
    "EnvVar",
    "Ingress",
    "Instance",
    "Lifecycle",
    "LifecycleRule",
    "Listener",
    "LoadBalancer",
    "Model",
    "Name",
    "Network",
    "NodeGroup",
    "Port",
    "Pricing",
    "Probe",
    "Probes",
    "Provider",
    "Quantity",
    "RbacRule",
    "Requests",
    "ResourceAmounts",
    "Resources",
    "Review",
    "Rule",
    "Scenario",
    "SecurityContext",
    "SecurityGroup",
    "Service",
    "Skip",
    "StorageClass",
    "Subnet",
    "Taint",
    "Tier",
    "Usage",
    "Volume",
    "VolumeType",
    "Workload",
    "WorkloadVolume",
    "port_range",
]
