"""The Kubernetes concepts of the domain notes, each rendered and validated strictly against the
cluster's Kubernetes schema: Pod and ReplicaSet, user labels, node affinity and pod anti-affinity, spread,
ClusterRole for cluster-scoped resources, ResourceQuota and LimitRange, the nginx ingress class,
sessionAffinity, terminationGracePeriodSeconds, and an ExternalName Service without pods."""

from __future__ import annotations

from typing import Any

import yaml

from planner.blueprint import load_blueprint_text
from planner.cost import estimate
from planner.pipeline import analyze_loaded
from planner.render.manifests import render_manifests
from tests.conftest import BLUEPRINTS

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()
EXTRA = """
  - name: lab
    cluster: shop
    namespace: lab
    kind: {kind}
    image: nginxinc/nginx-unprivileged:1.27
    replicas: {replicas}
    labels: {{tier: web}}
    ports: [8080]
    service: {{type: ClusterIP, port: 80, target_port: 8080, session_affinity: ClientIP}}
    allow_from: [shop/storefront]
    termination_grace_period_seconds: 45
    affinity: {{nodes: {{disktype: [ssd]}}, spread: zone-and-node, anti_affinity: required}}
    rbac: [{{resources: [nodes], verbs: [get, list]}}, {{resources: [configmaps], verbs: [get]}}]
  - name: legacy-db
    cluster: shop
    namespace: lab
    service: {{type: ExternalName, external_name: db.example.com}}
"""


def _objects(kind: str = "ReplicaSet", replicas: int = 2, text: str | None = None) -> dict[str, dict[str, Any]]:
    blueprint = text or SEOUL.replace("\nreview:", EXTRA.format(kind=kind, replicas=replicas) + "\nreview:").replace(
        "    secrets_encryption: true\n", "    secrets_encryption: true\n    namespaces:\n"
        "      - {name: lab, quota: {requests_cpu: '4', pods: 20}, default_request: {cpu: 100m, memory: 128Mi},"
        " default_limit: {memory: 256Mi}}\n")
    files, _ = render_manifests(analyze_loaded(load_blueprint_text(blueprint, "t.yaml")))  # strict validation
    return {f"{o['kind']}/{o['metadata']['name']}": o for rel, t in files.items() if rel.startswith("kubernetes/")
            for o in yaml.safe_load_all(t)}


def test_a_replicaset_with_labels_affinity_and_spread() -> None:
    objs = _objects()
    rs = objs["ReplicaSet/lab"]
    assert rs["spec"]["replicas"] == 2 and rs["metadata"]["labels"]["tier"] == "web"
    pod = rs["spec"]["template"]["spec"]
    assert rs["spec"]["template"]["metadata"]["labels"]["tier"] == "web"
    assert pod["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"] == [
        {"matchExpressions": [{"key": "disktype", "operator": "In", "values": ["ssd"]}]}]
    assert pod["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"][0][
        "topologyKey"] == "kubernetes.io/hostname"
    assert [c["topologyKey"] for c in pod["topologySpreadConstraints"]] == ["topology.kubernetes.io/zone",
                                                                            "kubernetes.io/hostname"]
    assert pod["terminationGracePeriodSeconds"] == 45
    assert "PodDisruptionBudget/lab" in objs


def test_a_pod_is_a_pod() -> None:
    objs = _objects(kind="Pod", replicas=1)
    pod = objs["Pod/lab"]
    assert pod["apiVersion"] == "v1" and pod["spec"]["containers"][0]["image"] == "nginxinc/nginx-unprivileged:1.27"
    assert pod["metadata"]["labels"]["app.kubernetes.io/name"] == "lab"


def test_cluster_scoped_rules_get_a_clusterrole() -> None:
    objs = _objects()
    assert objs["ClusterRole/lab-lab"]["rules"] == [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list"]}]
    assert "namespace" not in objs["ClusterRole/lab-lab"]["metadata"]
    assert objs["ClusterRoleBinding/lab-lab"]["roleRef"]["kind"] == "ClusterRole"
    assert objs["Role/lab"]["rules"] == [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}]


def test_quota_and_defaults_per_namespace() -> None:
    objs = _objects()
    assert objs["ResourceQuota/quota"]["spec"]["hard"] == {"pods": "20", "requests.cpu": "4"}
    assert objs["LimitRange/defaults"]["spec"]["limits"] == [
        {"type": "Container", "defaultRequest": {"cpu": "100m", "memory": "128Mi"}, "default": {"memory": "256Mi"}}]


def test_session_affinity_and_an_externalname_service_without_pods() -> None:
    objs = _objects()
    assert objs["Service/lab"]["spec"]["sessionAffinity"] == "ClientIP"
    assert objs["Service/legacy-db"]["spec"] == {"externalName": "db.example.com", "type": "ExternalName"}
    assert not any(name.endswith("/legacy-db") and not name.startswith("Service/") for name in objs)


def test_an_nginx_ingress_has_its_class_and_no_alb_of_its_own() -> None:
    text = SEOUL.replace("ingress: {host: shop.example.com,", "ingress: {class_name: nginx, host: shop.example.com,")
    ingress = _objects(text=text)["Ingress/storefront"]
    assert ingress["spec"]["ingressClassName"] == "nginx" and "annotations" not in ingress["metadata"]
    result = estimate(analyze_loaded(load_blueprint_text(text, "t.yaml")))
    assert "workloads.storefront.ingress" not in {r.address for r in result.resources}


def test_named_ports_are_used_by_probes_and_the_service() -> None:
    text = SEOUL.replace("    ports: [8080]\n    service: {type: ClusterIP, port: 80, target_port: 8080}",
                         "    ports: [8080]\n    port_names: {http: 8080}\n"
                         "    service: {type: ClusterIP, port: 80, target_port: http}").replace(
        "liveness: {http: /healthz, port: 8080}", "liveness: {http: /healthz, port: http}")
    objs = _objects(text=text)
    container = objs["Deployment/storefront"]["spec"]["template"]["spec"]["containers"][0]
    assert container["ports"] == [{"containerPort": 8080, "name": "http", "protocol": "TCP"}]
    assert container["livenessProbe"]["httpGet"]["port"] == "http"
    assert objs["Service/storefront"]["spec"]["ports"][0]["targetPort"] == "http"


def test_an_ingress_group_is_one_alb_annotation() -> None:
    text = SEOUL.replace("ingress: {host: shop.example.com,", "ingress: {group: shop, host: shop.example.com,")
    ingress = _objects(text=text)["Ingress/storefront"]
    assert ingress["metadata"]["annotations"]["alb.ingress.kubernetes.io/group.name"] == "shop"
