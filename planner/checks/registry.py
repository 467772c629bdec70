"""The explicit list of static rules, and the function that runs them all."""

from __future__ import annotations

from planner.blueprint.loader import LoadedBlueprint
from planner.checks import (
    bucket_policy,
    capacity,
    compute,
    k8s_values,
    kubernetes,
    names_and_tags,
    network_acls,
    network_policy,
    provider,
    reachability,
    references,
    storage,
)
from planner.checks.base import Context, Rule
from planner.findings import Finding
from planner.plan import Plan

RULES: tuple[Rule, ...] = (
    Rule("CHK-NAME-001", "names are unique per section", references.unique_names),
    Rule("CHK-REF-001", "subnet references resolve", references.subnet_references),
    Rule("CHK-ACL-001", "network ACLs are valid and let replies back", network_acls.network_acls),
    Rule("CHK-REF-002", "security group references resolve", references.security_group_references),
    Rule("CHK-REF-003", "workload clusters resolve", references.cluster_references),
    Rule("CHK-REF-004", "load balancer targets and listeners are valid", references.load_balancer_targets),
    Rule("CHK-TYPE-001", "instance types exist and are offered in their zones", compute.instance_types),
    Rule("CHK-NODE-001", "node group sizes are ordered", compute.node_group_sizes),
    Rule("CHK-EKS-001", "EKS clusters span two zones", compute.eks_zones),
    Rule("CHK-EBS-001", "volumes fit their type's limits", storage.volumes),
    Rule("CHK-S3-001", "bucket names are valid", storage.bucket_names),
    Rule("CHK-S3-003", "lifecycle rules are valid", storage.lifecycle_rules),
    Rule("CHK-S3-004", "bucket policies are what S3 accepts", bucket_policy.bucket_policies),
    Rule("CHK-RDS-001", "databases are sane", storage.databases),
    Rule("CHK-K8S-001", "requests do not exceed limits", kubernetes.requests_and_limits),
    Rule("CHK-K8S-002", "replicas and autoscaling agree", kubernetes.replicas_and_autoscale),
    Rule("CHK-K8S-004", "services and ingress are complete", kubernetes.services_and_ingress),
    Rule("CHK-K8S-006", "volumes and env references resolve", kubernetes.volumes_and_mounts),
    Rule("CHK-K8S-008", "pods can be scheduled", kubernetes.scheduling),
    Rule("CHK-K8S-010", "Kubernetes names and values are valid", k8s_values.kubernetes_values),
    Rule("CHK-K8S-011", "NetworkPolicies let the declared clients in", network_policy.network_policies),
    Rule("CHK-K8S-012", "workloads fit their node groups at maximum replicas", capacity.capacity),
    Rule("CHK-K8S-013", "namespace quotas and defaults are valid and fit", capacity.namespace_quotas),
    Rule("CHK-PROV-001", "keys fit the provider", provider.provider_keys),
    Rule("CHK-TAG-001", "tags and labels fit the provider's limits", names_and_tags.tags),
    Rule("CHK-NAME-002", "deployed names fit AWS's limits", names_and_tags.deployed_names),
    Rule("CHK-NET-001", "traffic reaches every target, database and cluster endpoint", reachability.reachability),
)


def _unique(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate static rule ids: {duplicates}")
    return rules


_unique(RULES)


def run_checks(loaded: LoadedBlueprint, plan: Plan) -> list[Finding]:
    """Run every static rule; one run reports every problem."""
    ctx = Context(loaded, plan)
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.check(ctx))
    return findings
