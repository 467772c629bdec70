"""Golden estimate per resource kind, computed here from public unit prices (us-east-1).

Unit prices (catalog/prices, each row's source column says more):
- EC2 m5.large on demand $0.096/h: karpenter's generated AWS price list (2026-07-20).
- EBS gp3 $0.08/GB-month, IOPS above 3,000 $0.005/IOPS-month, throughput above 125 MB/s $0.04/MBps-month;
  io2 $0.125/GB-month and $0.065/IOPS-month up to 32,000 IOPS: infracost ebs_volume_test golden (2024-07-01).
- EKS control plane $0.10/h standard support, $0.60/h extended (0.10 + 0.50): EKS pricing page figures (the catalog
  rows' source column).
- NAT gateway $0.045/h and $0.045/GB processed; ALB $0.0225/h and $0.008/LCU-hour; NLB $0.0225/h and
  $0.006/NLCU-hour: infracost nat_gateway_test and lb_test goldens (2024-07-01).
- S3 Standard $0.023/GB-month, PUT $0.005 and GET $0.0004 per 1,000; Standard-IA $0.0125/GB-month and
  $0.01/GB retrieval: infracost s3_bucket_test golden (2024-07-01).
- RDS MySQL db.m5.large $0.342/h Multi-AZ and $0.171/h Single-AZ; io1 storage $0.25 / $0.125 per GB-month
  and IOPS $0.20 / $0.10 per IOPS-month (Multi-AZ / Single-AZ): AWS pricing-page JSON via yeo/ec2.shop
  (2024-09-28).
- Data transfer: $0.01/GB between zones, each way; $0.02/GB to another region: infracost
  data_transfer_test golden (2024-09-25).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.cost import estimate
from planner.cost.components import Component
from planner.cost.pricing import price_components
from planner.pipeline import analyze_loaded

TODAY = date(2026, 12, 2)

KINDS = """
version: 1
name: kinds
provider: aws
region: us-east-1
network:
  cidr: 10.0.0.0/16
  zones: [a, b]
  nat: single
  subnets:
    - {name: public, tier: public, prefix: 24}
    - {name: app, tier: private, prefix: 20}
    - {name: data, tier: isolated, prefix: 24}
security_groups:
  - name: app
    ingress:
      - {ports: 80, source: 10.0.0.0/16}
instances:
  - name: app
    type: m5.large
    count: 2
    subnet: app
    security_groups: [app]
    root_volume: {size_gb: 20, type: gp3, encrypted: true}
    volumes:
      - {size_gb: 100, type: gp3, iops: 6000, throughput_mbps: 250, encrypted: true}
      - {size_gb: 50, type: io2, iops: 4000, encrypted: true}
databases:
  - name: orders
    engine: mysql
    class: db.m5.large
    storage_gb: 100
    storage_type: io1
    iops: 3000
    multi_az: true
    read_replicas: 2
    subnet: data
    encrypted: true
buckets:
  - name: kinds-assets-example
    storage_class: STANDARD
    size_gb: 500
    monthly_requests: {put: 200000, get: 3000000}
  - name: kinds-archive-example
    storage_class: STANDARD_IA
    size_gb: 1000
    monthly_retrieval_gb: 50
load_balancers:
  - name: alb
    type: application
    subnet: public
    targets: [app]
    listeners: [{port: 80, protocol: HTTP}]
  - name: nlb
    type: network
    subnet: public
    targets: [app]
    listeners: [{port: 443, protocol: TCP}]
clusters:
  - name: k
    kind: eks
    version: "1.35"
    subnet: app
    node_groups:
      - {name: ng, instance_type: m5.large, min_size: 1, desired_size: 3, max_size: 5, disk_gb: 40}
usage:
  data_transfer_out_gb: 500
  nat_processed_gb: 1000
  lb_processed_gb: 200
  inter_az_gb: 300
  inter_region_gb: 100
"""


def _resources(text: str = KINDS) -> dict[str, dict]:
    result = estimate(analyze_loaded(load_blueprint_text(text, "kinds.yaml")), TODAY).to_dict()
    assert result["unpriced"] == []
    return {r["address"]: r for r in result["resources"]}


def _lines(resource: dict) -> list[tuple[str, float, float, float]]:
    return [(c["price_key"], c["quantity"], c["unit_price_usd"], c["monthly_usd"]) for c in resource["components"]]


def test_instance_with_gp3_extras_and_io2() -> None:
    assert _lines(_resources()["instances.app"]) == [
        ("m5.large/on-demand", 2 * 730.0, 0.096, round(2 * 730 * 0.096, 2)),
        ("gp3/storage", 40.0, 0.08, 3.2),
        ("gp3/storage", 200.0, 0.08, 16.0),
        ("gp3/iops", 2 * 3000.0, 0.005, 30.0),
        ("gp3/throughput", 2 * 125.0, 0.04, 10.0),
        ("io2/storage", 100.0, 0.125, 12.5),
        ("io2/iops", 8000.0, 0.065, 520.0),
    ]


def test_eks_control_plane_and_node_group() -> None:
    res = _resources()
    assert _lines(res["clusters.k"]) == [("control-plane/standard", 730.0, 0.1, 73.0)]
    # desired_size nodes (3, not min 1 or max 5) plus their 40 GB gp3 disks
    assert _lines(res["clusters.k.node_groups.ng"]) == [
        ("m5.large/on-demand", 3 * 730.0, 0.096, round(3 * 730 * 0.096, 2)),
        ("gp3/storage", 120.0, 0.08, 9.6),
    ]


def test_eks_version_past_standard_support_is_priced_at_extended() -> None:
    # EKS 1.31 left standard support on 2025-11-26 (catalog/kubernetes-versions.csv).
    res = _resources(KINDS.replace('version: "1.35"', 'version: "1.31"'))
    assert _lines(res["clusters.k"]) == [("control-plane/extended", 730.0, 0.6, 438.0)]


def test_single_nat_gateway_and_processed_data() -> None:
    res = _resources()
    (hourly,) = [a for a in res if a.startswith("network.nat.")]
    assert _lines(res[hourly]) == [("gateway/hour", 730.0, 0.045, 32.85)]
    assert _lines(res["network.nat"]) == [("gateway/processed", 1000.0, 0.045, 45.0)]


def test_load_balancers_hour_and_capacity_units() -> None:
    res = _resources()
    # lb_processed_gb is shared between the two load balancers: 100 GB = 100 capacity-unit hours each.
    assert _lines(res["load_balancers.alb"]) == [("application/hour", 730.0, 0.0225, 16.43),
                                                 ("application/lcu", 100.0, 0.008, 0.8)]
    assert _lines(res["load_balancers.nlb"]) == [("network/hour", 730.0, 0.0225, 16.43),
                                                 ("network/nlcu", 100.0, 0.006, 0.6)]


def test_buckets_storage_requests_and_retrieval() -> None:
    res = _resources()
    assert _lines(res["buckets.kinds-assets-example"]) == [
        ("STANDARD/storage", 500.0, 0.023, 11.5), ("STANDARD/put", 200.0, 0.005, 1.0),
        ("STANDARD/get", 3000.0, 0.0004, 1.2)]
    archive = _lines(res["buckets.kinds-archive-example"])
    assert archive[0] == ("STANDARD_IA/storage", 1000.0, 0.0125, 12.5)
    assert ("STANDARD_IA/retrieval", 50.0, 0.01, 0.5) in archive


def test_multi_az_database_with_replicas() -> None:
    # The Multi-AZ rates cover the standby; each read replica is a Single-AZ instance with its own storage.
    assert _lines(_resources()["databases.orders"]) == [
        ("mysql/db.m5.large/multi-az", 730.0, 0.342, 249.66),
        ("mysql/db.m5.large/single-az", 2 * 730.0, 0.171, 249.66),
        ("storage/io1/multi-az", 100.0, 0.25, 25.0),
        ("iops/io1/multi-az", 3000.0, 0.2, 600.0),
        ("storage/io1/single-az", 200.0, 0.125, 25.0),
        ("iops/io1/single-az", 6000.0, 0.1, 600.0),
    ]


def test_data_transfer_between_zones_and_regions() -> None:
    res = _resources()
    assert _lines(res["usage.inter_az"]) == [("inter-az", 600.0, 0.01, 6.0)]  # 300 GB, billed out and in
    assert _lines(res["usage.inter_region"]) == [("inter-region", 100.0, 0.02, 2.0)]
    assert _lines(res["usage.data_transfer_out"]) == [("internet-out", 500.0, 0.09, 45.0)]


def test_total_is_the_sum_of_every_line() -> None:
    result = estimate(analyze_loaded(load_blueprint_text(KINDS, "kinds.yaml")), TODAY).to_dict()
    lines = [c["monthly_usd"] for r in result["resources"] for c in r["components"] if c["monthly_usd"] is not None]
    # the archive bucket declares no requests: those lines depend on usage and are not counted
    assert {d["name"] for d in result["depends_on_usage"]} == {"PUT/COPY/POST/LIST requests", "GET/SELECT requests"}
    # Lines are added as shown, so the totals reconcile to the cent with what a reader adds up.
    assert result["total_monthly_usd"] == round(sum(lines), 2)
    assert result["total_monthly_usd"] == round(sum(r["monthly_usd"] for r in result["resources"]), 2)
    for res in result["resources"]:
        assert res["monthly_usd"] == round(sum(c["monthly_usd"] or 0 for c in res["components"]), 2)


def test_io2_iops_tiers_apply_per_volume_not_to_the_sum() -> None:
    # A synthetic two-tier table (not catalog figures): $0.065 up to 32,000 IOPS, $0.0455 above, per volume.
    table = pd.DataFrame([
        {"provider": "aws", "service": "ebs", "region": "r", "key": "io2/iops", "unit": "iops-month", "usd": usd,
         "tier_from": start, "source": "test", "read_on": "2026-12-02", "estimate": False, "note": ""}
        for usd, start in ((0.065, 0.0), (0.0455, 32000.0))])
    volume = Component("instances.db", "volume", "ebs", "provisioned IOPS", "iops-month", 2 * 40000.0, "io2/iops",
                       copies=2)
    egress_like = Component("usage.x", "usage", "ebs", "one copy", "iops-month", 2 * 40000.0, "io2/iops")
    rows = price_components([volume, egress_like], "aws", "r", table)
    per_volume = rows[rows.idx == 0]
    assert list(per_volume.tier_quantity) == [64000.0, 16000.0]
    assert per_volume.monthly_usd.sum() == pytest.approx(2 * (32000 * 0.065 + 8000 * 0.0455))
    one_copy = rows[rows.idx == 1]
    assert list(one_copy.tier_quantity) == [32000.0, 48000.0]


def test_spot_node_groups_are_priced_as_estimates_and_listed_as_such() -> None:
    # us-east-1 m5.large spot $0.0418/h is an estimate (AWS's spot pricing-page feed via alexei-led/spotinfo).
    text = KINDS.replace("disk_gb: 40}", "disk_gb: 40, capacity: spot}")
    result = estimate(analyze_loaded(load_blueprint_text(text, "kinds.yaml")), TODAY).to_dict()
    group = next(r for r in result["resources"] if r["address"] == "clusters.k.node_groups.ng")
    compute = group["components"][0]
    assert compute["price_key"] == "m5.large/spot" and compute["estimate"] is True
    assert compute["monthly_usd"] == round(3 * 730 * 0.0418, 2)
    assert result["estimated_prices"] == [{"address": "clusters.k.node_groups.ng", "name": compute["name"],
                                           "monthly_usd": compute["monthly_usd"], "price_key": "m5.large/spot"}]
    assert not [c for r in _resources().values() for c in r["components"] if c["estimate"]]


@settings(max_examples=15, deadline=None)
@given(field=st.sampled_from([("desired_size: 3", "desired_size: {}"), ("size_gb: 500", "size_gb: {}"),
                              ("storage_gb: 100", "storage_gb: {}"), ("inter_az_gb: 300", "inter_az_gb: {}"),
                              ("read_replicas: 2", "read_replicas: {}"), ("iops: 4000", "iops: {}")]),
       value=st.integers(1, 4))
def test_every_kind_costs_more_when_its_count_or_size_grows(field: tuple[str, str], value: int) -> None:
    old, template = field
    base = float(old.split(": ")[1])
    bigger = int(base) + value * (1000 if base >= 100 else 1)
    if old.startswith(("desired_size", "read_replicas")):
        bigger = min(bigger, 5)  # the node group's max_size; MySQL's read-replica limit
    assert bigger > base
    text = KINDS.replace(old, template.format(bigger), 1)
    before = estimate(analyze_loaded(load_blueprint_text(KINDS, "k.yaml")), TODAY).total_monthly_usd
    after = estimate(analyze_loaded(load_blueprint_text(text, "k.yaml")), TODAY).total_monthly_usd
    assert after > before
