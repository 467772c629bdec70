"""Which RBAC rules need a ClusterRole: those on cluster-scoped resources (a Role cannot grant them)."""

from __future__ import annotations

from planner.blueprint.schema import RbacRule

# Cluster-scoped resources of the Kubernetes API (kubectl api-resources --namespaced=false), their
# subresources included (nodes/proxy, nodes/metrics).
CLUSTER_SCOPED = frozenset({
    "nodes", "namespaces", "persistentvolumes", "storageclasses", "clusterroles", "clusterrolebindings",
    "customresourcedefinitions", "priorityclasses", "csinodes", "csidrivers", "volumeattachments",
    "certificatesigningrequests", "ingressclasses", "runtimeclasses", "mutatingwebhookconfigurations",
    "validatingwebhookconfigurations", "apiservices", "componentstatuses", "tokenreviews",
    "subjectaccessreviews", "selfsubjectaccessreviews", "flowschemas", "prioritylevelconfigurations"})


def cluster_scoped(resource: str) -> bool:
    return resource.split("/", 1)[0] in CLUSTER_SCOPED


def rule_is_cluster_wide(rule: RbacRule) -> bool:
    """``scope`` when the blueprint sets it, else cluster-wide when any of its resources is cluster-scoped."""
    if rule.scope is not None:
        return rule.scope == "cluster"
    return any(cluster_scoped(r) for r in rule.resources)
