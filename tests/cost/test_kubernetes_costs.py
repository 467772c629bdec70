"""What the cluster creates, priced and attributed to the object that makes the provider bill: the
load balancers of an Ingress and of a LoadBalancer Service with their public IPv4 addresses, and the
volumes of PVCs (per replica for a StatefulSet). Expected figures are the catalog's unit prices (us-east-1:
ALB and NLB 0.0225/h, LCU 0.008, NLCU 0.006, gp3 0.08/GB-month, public IPv4 0.005/h) times quantities
worked out here."""

from __future__ import annotations

from datetime import date

from planner.blueprint import load_blueprint_text
from planner.cost import estimate
from planner.cost.diff import diff_estimates
from planner.pipeline import analyze_loaded
from tests.cost.test_estimate_kinds import KINDS

TODAY = date(2026, 12, 2)
WORKLOADS = """
workloads:
  - name: web
    cluster: k
    namespace: shop
    image: nginxinc/nginx-unprivileged:1.27
    replicas: 2
    ports: [8080]
    service: {type: ClusterIP, port: 80, target_port: 8080}
    ingress: {host: shop.example.com}
  - name: api
    cluster: k
    namespace: shop
    image: nginxinc/nginx-unprivileged:1.27
    ports: [8080]
    service: {type: LoadBalancer, port: 443, target_port: 8080}
  - name: db
    cluster: k
    namespace: shop
    kind: StatefulSet
    image: postgres:17
    replicas: 3
    ports: [5432]
    allow_from: [api]
    volumes: [{name: data, type: pvc, size: 20Gi, mount_path: /var/lib/postgresql/data}]
  - name: uploads
    cluster: k
    namespace: shop
    image: nginxinc/nginx-unprivileged:1.27
    replicas: 4
    volumes: [{name: files, type: pvc, size: 50Gi, storage_class: sc1, mount_path: /data}]
"""


def _resources(text: str) -> dict[str, list[tuple[str, float | None, float | None, float | None]]]:
    result = estimate(analyze_loaded(load_blueprint_text(text, "k.yaml")), TODAY)
    assert result.unpriced == ()
    return {r.address: [(c.price_key, c.quantity, c.unit_price_usd, c.monthly_usd) for c in r.components]
            for r in result.resources}


def test_an_ingress_is_an_alb_with_a_public_address_per_zone() -> None:
    res = _resources(KINDS + WORKLOADS)
    # lb_processed_gb 200 is shared by the four load balancers: 2 declared, the Ingress's ALB, the Service's NLB
    assert res["workloads.web.ingress"] == [("application/hour", 730.0, 0.0225, 16.43),
                                            ("application/lcu", 50.0, 0.008, 0.4),
                                            ("public-ipv4/hour", 2 * 730.0, 0.005, 7.3)]
    assert res["load_balancers.alb"][1] == ("application/lcu", 50.0, 0.008, 0.4)


def test_a_load_balancer_service_is_an_nlb() -> None:
    res = _resources(KINDS + WORKLOADS)
    assert res["workloads.api.service"] == [("network/hour", 730.0, 0.0225, 16.43),
                                            ("network/nlcu", 50.0, 0.006, 0.3),
                                            ("public-ipv4/hour", 2 * 730.0, 0.005, 7.3)]


def test_volume_claims_are_priced_per_replica_for_a_statefulset_and_once_otherwise() -> None:
    res = _resources(KINDS + WORKLOADS)
    assert res["workloads.db.volumes.data"] == [("gp3/storage", 60.0, 0.08, 4.8)]  # 3 replicas x 20 Gi
    assert res["workloads.uploads.volumes.files"] == [("sc1/storage", 50.0, 0.015, 0.75)]  # one shared claim


def test_the_diff_shows_what_the_workloads_add() -> None:
    before = estimate(analyze_loaded(load_blueprint_text(KINDS, "k.yaml")), TODAY)
    after = estimate(analyze_loaded(load_blueprint_text(KINDS + WORKLOADS, "k.yaml")), TODAY)
    added = {r.address for r in diff_estimates(before, after).resources if r.status == "added"}
    assert added == {"workloads.web.ingress", "workloads.api.service", "workloads.db.volumes.data",
                     "workloads.uploads.volumes.files"}


def test_gke_load_balancers_are_forwarding_rules() -> None:
    from tests.conftest import BLUEPRINTS

    res = _resources((BLUEPRINTS / "gke-bootcamp.yaml").read_text())
    assert res["workloads.nginx.service"] == [("forwarding-rule/hour", 730.0, 0.025, 18.25)]


def test_ingresses_of_one_group_share_one_alb() -> None:
    grouped = WORKLOADS.replace("    ingress: {host: shop.example.com}", "    ingress: {host: shop.example.com, group: shop}") \
        + """  - name: admin
    cluster: k
    namespace: shop
    image: nginxinc/nginx-unprivileged:1.27
    ports: [8080]
    service: {type: ClusterIP, port: 80, target_port: 8080}
    ingress: {host: admin.example.com, group: shop}
"""
    res = _resources(KINDS + grouped)
    assert "workloads.admin.ingress" in res and "workloads.web.ingress" not in res  # admin sorts first: it holds the ALB
    assert [line[0] for line in res["workloads.admin.ingress"]] == ["application/hour", "application/lcu",
                                                                    "public-ipv4/hour"]
