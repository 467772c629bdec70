"""The estimate: golden figures from public unit prices, unpriced never $0, and cost properties.

Unit prices used below come from catalog/prices/aws.csv (each row's source column names the publication):
t3.medium us-east-1 $0.0416/h (karpenter's generated AWS price list, 2026-07-20) and t2.xlarge/t3.large
Seoul $0.2304/$0.104 per hour (SkyPilot's catalog, catalogs/v7/aws/vms.csv, 2026-07-20); gp2 us-east-1 $0.10 per GB-month; internet egress us-east-1
$0.09 (first 10 TB) and $0.085 (next 40 TB) per GB.
"""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.cli import main
from planner.cost import estimate
from planner.cost.discounts import sustained_use_discount_hours
from planner.pipeline import analyze, analyze_loaded
from tests.conftest import BLUEPRINTS, TEST_DATA

MINIMAL = (BLUEPRINTS / "minimal-vm.yaml").read_text()


def _estimate(text: str) -> dict:
    return estimate(analyze_loaded(load_blueprint_text(text, "t.yaml"))).to_dict()


def test_t3_medium_with_8gb_gp2_costs_31_17() -> None:
    result = estimate(analyze(BLUEPRINTS / "minimal-vm.yaml")).to_dict()
    assert result["total_monthly_usd"] == 31.17  # 730 x 0.0416 + 8 x 0.10
    vm = next(r for r in result["resources"] if r["address"] == "instances.vm")
    assert [(c["price_key"], c["quantity"], c["unit_price_usd"], c["monthly_usd"]) for c in vm["components"]] == [
        ("t3.medium/on-demand", 730.0, 0.0416, 30.37), ("gp2/storage", 8.0, 0.1, 0.8)]
    assert all("karpenter" in c["price_source"] or "github:" in c["price_source"] for c in vm["components"])


def test_usage_without_figures_depends_on_usage_and_is_not_counted() -> None:
    result = estimate(analyze(BLUEPRINTS / "minimal-vm.yaml")).to_dict()
    assert [d["name"] for d in result["depends_on_usage"]] == ["data transfer out to the internet"]
    assert result["depends_on_usage"][0]["unit_price_usd"] == 0.09


def test_missing_prices_are_unpriced_never_zero() -> None:
    tokyo = (BLUEPRINTS / "shop-seoul.yaml").read_text().replace("region: ap-northeast-2", "region: ap-northeast-1")
    result = _estimate(tokyo)  # the catalog has no Tokyo prices at all
    keys = {u["key"] for u in result["unpriced"]}
    assert {"gateway/hour", "application/hour", "mysql/db.r6g.large/multi-az"} <= keys
    for res in result["resources"]:
        for comp in res["components"]:
            assert comp["unit_price_usd"] is not None
    assert result["total_monthly_usd"] == pytest.approx(sum(r["monthly_usd"] for r in result["resources"]), abs=0.011)


def test_internet_egress_is_tiered() -> None:
    result = _estimate(MINIMAL + "usage:\n  data_transfer_out_gb: 20000\n")
    egress = next(r for r in result["resources"] if r["address"] == "usage.data_transfer_out")
    assert [(c["quantity"], c["unit_price_usd"]) for c in egress["components"]] == [(10240.0, 0.09), (9760.0, 0.085)]
    assert egress["monthly_usd"] == round(10240 * 0.09 + 9760 * 0.085, 2)


def test_four_t2_xlarge_in_seoul_to_t3_large_save_about_55_percent() -> None:
    base = MINIMAL.replace("region: us-east-1", "region: ap-northeast-2").replace("type: t3.medium", "type: t2.xlarge")
    base = base.replace("    subnet: main", "    count: 4\n    subnet: main").replace(
        "    root_volume: {size_gb: 8, type: gp2, encrypted: true}\n", "")
    old = next(r for r in _estimate(base)["resources"] if r["address"] == "instances.vm")["monthly_usd"]
    new = next(r for r in _estimate(base.replace("t2.xlarge", "t3.large"))["resources"]
               if r["address"] == "instances.vm")["monthly_usd"]
    assert (old, new) == (round(4 * 730 * 0.2304, 2), round(4 * 730 * 0.104, 2))
    assert (old - new) / old == pytest.approx(0.5486, abs=0.001)


@settings(max_examples=20, deadline=None)
# counts stay under the 59 addresses of the example's /26 subnet
@given(count=st.integers(1, 25), extra=st.integers(1, 25), hours=st.integers(1, 744), size=st.integers(1, 2000))
def test_cost_is_additive_and_monotonic(count: int, extra: int, hours: int, size: int) -> None:
    def text(n: int, h: int, gb: int) -> str:
        return (MINIMAL.replace("    subnet: main", f"    count: {n}\n    hours_per_month: {h}\n    subnet: main")
                .replace("size_gb: 8", f"size_gb: {gb}"))

    small = _estimate(text(count, hours, size))
    more = _estimate(text(count + extra, hours, size))
    assert more["total_monthly_usd"] > small["total_monthly_usd"]
    assert _estimate(text(count, min(744, hours + 1), size))["total_monthly_usd"] >= small["total_monthly_usd"]
    assert _estimate(text(count, hours, size + 1))["total_monthly_usd"] > small["total_monthly_usd"]
    components = sum(c["monthly_usd"] for r in small["resources"] for c in r["components"] if c["monthly_usd"])
    assert small["total_monthly_usd"] == pytest.approx(components, abs=0.01 * len(small["resources"]) + 0.001)


def test_estimate_cli_formats(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, needle in (("json", '"total_monthly_usd": 31.17'), ("markdown", "| **total** | **$31.17** |"),
                        ("csv", "instances.vm,instance,"), ("table", "$31.17")):
        with pytest.raises(SystemExit) as info:
            main(["estimate", "--format", fmt, str(BLUEPRINTS / "minimal-vm.yaml")])
        out = capsys.readouterr().out
        assert info.value.code in (0, None)
        assert needle in out
    with pytest.raises(SystemExit):
        main(["estimate", "--format", "json", str(BLUEPRINTS / "shop-seoul.yaml")])
    data = json.loads(capsys.readouterr().out)
    assert {"total_monthly_usd", "resources", "unpriced", "by_service"} <= set(data)


def test_gke_fee_and_free_tier_credit_are_separate_lines() -> None:
    # Catalog: GKE management fee $0.10 per cluster-hour (us-central1); free-tier credit $74.40 a month
    # per billing account for one zonal or Autopilot cluster (GKE pricing page) = 744 hours of the fee.
    # Nodes: n1-standard-1 $0.0475/h (kubernetes/autoscaler gce_price_info.go), pd-standard $0.04/GB-month.
    text = (BLUEPRINTS / "gke-bootcamp.yaml").read_text()
    result = _estimate(text)
    cluster = next(r for r in result["resources"] if r["address"] == "clusters.bootcamp")
    assert [(c["price_key"], c["quantity"], c["unit_price_usd"], c["monthly_usd"]) for c in cluster["components"]] == [
        ("management/hour", 730.0, 0.1, 73.0), ("management/free-tier-credit", 730.0, -0.1, -73.0)]
    pool = next(r for r in result["resources"] if r["address"] == "clusters.bootcamp.node_groups.default-pool")
    # N1 sustained-use discount for a full month: 30% off (incremental 100/80/60/40% per quarter of the month).
    # Each line is shown to the cent and the totals add the lines as shown: $173.38 - $52.01 + $20.00.
    assert [c["monthly_usd"] for c in pool["components"]] == [173.38, -52.01, 20.0]
    assert pool["monthly_usd"] == 141.37
    # plus the forwarding rule of the LoadBalancer Service: 730 h x $0.025 (Cloud Load Balancing pricing)
    assert result["total_monthly_usd"] == 159.62

    regional = _estimate(text.replace("mode: zonal", "mode: regional"))
    keys = [c["price_key"] for r in regional["resources"] for c in r["components"]]
    assert "management/free-tier-credit" not in keys and "management/hour" in keys


def test_the_seoul_example_is_fully_priced() -> None:
    # Seoul rows in catalog/prices/aws-regional.csv: NAT $0.059/h and $0.059/GB (AWS metered-unit map, 2025-10-28),
    # ALB $0.0225/h, EKS $0.10/h, gp3 $0.0912/GB-month, MySQL db.r6g.large Multi-AZ $0.51/h.
    result = estimate(analyze(BLUEPRINTS / "shop-seoul.yaml")).to_dict()
    assert result["unpriced"] == []
    monthly = {r["address"]: r["monthly_usd"] for r in result["resources"]}
    assert monthly["network.nat.ap-northeast-2a"] == round(730 * 0.059, 2)
    assert monthly["clusters.shop"] == 73.0
    lb = next(r for r in result["resources"] if r["address"] == "load_balancers.web")
    assert lb["components"][0]["unit_price_usd"] == 0.0225


def _sud_reference(service: str) -> dict[str, float]:
    with (TEST_DATA / "gce-monthly-with-sud.csv").open(newline="") as handle:
        return {r["item"]: float(r["price_usd"]) for r in csv.DictReader(handle)
                if r["provider"] == "gcp" and r["region"] == "us-central1" and r["service"] == service}


@pytest.mark.parametrize("machine", ["e2-standard-2", "n1-standard-2", "n1-standard-16", "n2-standard-4"])
def test_gce_full_month_matches_the_published_monthly_price_with_sustained_use(machine: str) -> None:
    # tests/data/gce-monthly-with-sud.csv: Cyclenerd's monthly figures with sustained-use discounts (N1 30%,
    # N2 about 20%, E2 none), computed by that project from Google's SKUs; ours come from the hourly price
    # and the tier table in catalog/gcp-sustained-use.csv.
    expected = _sud_reference("gce-ondemand-month-with-SUD")[machine]
    text = f"""
version: 1
name: sud
provider: gcp
region: us-central1
network:
  cidr: 10.0.0.0/16
  zones: [a]
  subnets:
    - {{name: app, tier: public, prefix: 24}}
instances:
  - {{name: vm, type: {machine}, subnet: app}}
"""
    result = _estimate(text)
    vm = next(r for r in result["resources"] if r["address"] == "instances.vm")
    names = [c["name"] for c in vm["components"]]
    assert vm["monthly_usd"] == pytest.approx(expected, abs=0.01)
    assert any("sustained-use" in n for n in names) == (not machine.startswith("e2-"))


@pytest.mark.parametrize("hours", [100, 182.5, 300, 500, 730])
def test_sustained_use_discount_follows_the_tiers(hours: float) -> None:
    # N1: first 25% of the month at 100%, then 80%, 60%, 40% (catalog/gcp-sustained-use.csv).
    tiers = [(0, 182.5, 1.0), (182.5, 365, 0.8), (365, 547.5, 0.6), (547.5, 730, 0.4)]
    paid = sum(rate * max(0.0, min(hours, hi) - lo) for lo, hi, rate in tiers)
    assert sustained_use_discount_hours("n1-standard-4", hours) == pytest.approx(hours - paid)
    assert sustained_use_discount_hours("e2-standard-4", hours) == 0.0


def test_depends_on_usage_lines_show_the_unit_price_unrounded(capsys: pytest.CaptureFixture[str]) -> None:
    # us-east-1 S3 Standard GET $0.0004 per 1,000 requests (infracost golden): not "$0.00".
    with pytest.raises(SystemExit):
        main(["estimate", str(BLUEPRINTS / "data-lake.yaml")])
    assert "GET/SELECT requests depends on usage ($0.0004 per 1k-requests)" in capsys.readouterr().out
