"""NetworkPolicies: allow_from names workloads of this or another namespace, or a whole namespace; the
load balancer's and ingress controller's traffic stays allowed, on GKE also from Google's LB ranges."""

from __future__ import annotations

from typing import Any

import yaml

from planner.blueprint import load_blueprint_text
from planner.pipeline import analyze_loaded
from planner.render.manifests import render_manifests
from tests.conftest import BLUEPRINTS

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()
GKE = (BLUEPRINTS / "gke-bootcamp.yaml").read_text()
API = """  - name: api
    cluster: shop
    namespace: backend
    image: nginxinc/nginx-unprivileged:1.27
    ports: [8080]
    service: {type: ClusterIP, port: 80, target_port: 8080}
    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
"""


def _policies(text: str) -> dict[str, dict[str, Any]]:
    files, _ = render_manifests(analyze_loaded(load_blueprint_text(text, "t.yaml")))  # validated strictly
    return {f"{o['metadata']['namespace']}/{o['metadata']['name']}": o for rel, t in files.items()
            if rel.startswith("kubernetes/") for o in yaml.safe_load_all(t) if o["kind"] == "NetworkPolicy"}


def _with_api(allow_from: str) -> str:
    return SEOUL.replace("\nreview:", "\n" + API + f"    allow_from: {allow_from}\n\nreview:")


def test_a_workload_of_another_namespace_is_selected_by_namespace_and_name() -> None:
    policy = _policies(_with_api("[shop/storefront, monitoring/*]"))["backend/allow-api"]
    assert policy["spec"]["ingress"][0]["from"] == [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "shop"}},
         "podSelector": {"matchLabels": {"app.kubernetes.io/name": "storefront"}}},
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]
    assert policy["spec"]["ingress"][0]["ports"] == [{"port": 8080, "protocol": "TCP"}]


def test_a_third_party_workload_can_be_named() -> None:
    policy = _policies(_with_api("[ingress-nginx/ingress-nginx]"))["backend/allow-api"]
    assert policy["spec"]["ingress"][0]["from"][0]["podSelector"] == {
        "matchLabels": {"app.kubernetes.io/name": "ingress-nginx"}}


def test_an_alb_ingress_is_reachable_from_the_vpc() -> None:
    policy = _policies(SEOUL)["shop/allow-storefront"]
    assert policy["spec"]["ingress"][0]["from"] == [{"ipBlock": {"cidr": "10.0.0.0/16"}}]


def test_a_gke_ingress_is_reachable_from_googles_load_balancers() -> None:
    text = GKE.replace("service: {type: LoadBalancer, port: 80, target_port: 8080}",
                       "service: {type: ClusterIP, port: 80, target_port: 8080}\n    ingress: {host: boot.example.com}")
    cidrs = [p["ipBlock"]["cidr"] for p in _policies(text)["bootcamp/allow-nginx"]["spec"]["ingress"][0]["from"]]
    assert cidrs[1:] == ["35.191.0.0/16", "130.211.0.0/22"]


def test_an_nginx_ingress_lets_the_controllers_namespace_in() -> None:
    text = GKE.replace("service: {type: LoadBalancer, port: 80, target_port: 8080}",
                       "service: {type: ClusterIP, port: 80, target_port: 8080}\n"
                       "    ingress: {class_name: nginx, host: boot.example.com}")
    peers = _policies(text)["bootcamp/allow-nginx"]["spec"]["ingress"][0]["from"]
    assert {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}} in peers
