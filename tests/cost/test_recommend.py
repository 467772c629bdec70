"""Recommendations: each finder proposes a cheaper equivalent that the catalog prices on both sides.

Expected figures are computed here from the catalog's unit prices, each stated with its source.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.cost.recommend import Recommendation, recommendations
from planner.pipeline import analyze_loaded
from tests.conftest import BLUEPRINTS

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()
MINIMAL = (BLUEPRINTS / "minimal-vm.yaml").read_text()
GKE = (BLUEPRINTS / "gke-bootcamp.yaml").read_text()


def _recs(text: str) -> list[Recommendation]:
    return recommendations(analyze_loaded(load_blueprint_text(text, "t.yaml")))


def _one(recs: list[Recommendation], resource: str, proposed: str) -> Recommendation:
    (rec,) = [r for r in recs if r.resource == resource and r.proposed == proposed]
    return rec


BUCKET = """
buckets:
  - name: planner-archive-example
    storage_class: STANDARD
    size_gb: 2000
    average_object_kb: 1024
"""


def test_large_standard_bucket_without_lifecycle_gets_standard_ia_after_30_days() -> None:
    # us-east-1 (infracost golden, 2024-07-01): Standard $0.023/GB-month, Standard-IA $0.0125/GB-month,
    # transition to Standard-IA $0.01 per 1,000 requests. 2,000 GB of 1 MiB objects = 2,048,000 objects.
    # Month 1 in Standard ($46.00) plus the transition ($20.48), months 2-12 in Standard-IA ($25.00 each).
    rec = _one(_recs(MINIMAL + BUCKET), "buckets.planner-archive-example", "STANDARD_IA after 30 days")
    after = (2000 * 0.023 + 2048 * 0.01 + 11 * 2000 * 0.0125) / 12
    assert rec.monthly_savings_usd == round(2000 * 0.023 - after, 2) == 17.54
    assert rec.savings_pct == round((2000 * 0.023 - after) / (2000 * 0.023) * 100, 2)


def test_bucket_lifecycle_without_object_size_says_transitions_are_left_out() -> None:
    rec = _one(_recs(MINIMAL + BUCKET.replace("    average_object_kb: 1024\n", "")),
               "buckets.planner-archive-example", "STANDARD_IA after 30 days")
    assert rec.monthly_savings_usd == round(2000 * 0.023 - 2000 * 0.0125 * 11 / 12 - 2000 * 0.023 / 12, 2)
    assert "average_object_kb" in rec.reason


def test_small_buckets_and_buckets_with_rules_get_no_lifecycle_advice() -> None:
    small = BUCKET.replace("size_gb: 2000", "size_gb: 900")
    ruled = BUCKET + "    lifecycle:\n      - {after_days: 90, storage_class: GLACIER_IR}\n"
    for text in (MINIMAL + small, MINIMAL + ruled):
        assert not [r for r in _recs(text) if r.resource.startswith("buckets.")]


def test_one_nat_instead_of_one_per_zone_is_net_of_cross_zone_transfer() -> None:
    # Seoul NAT gateway $0.059/h (AWS pricing-page JSON via lamngockhuong/aws-price); inter-zone $0.01/GB each
    # way (infracost golden). 300 GB processed: the other zone's half crosses zones, billed out and in.
    rec = _one(_recs(SEOUL), "network.nat", "1 NAT gateway")
    assert rec.monthly_savings_usd == round(730 * 0.059 - 150 * 2 * 0.01, 2) == 40.07
    assert "REL10-BP03" in rec.reason
    without_usage = _one(_recs(SEOUL.replace("  nat_processed_gb: 300\n", "")), "network.nat", "1 NAT gateway")
    assert without_usage.monthly_savings_usd == round(730 * 0.059, 2)
    assert "usage.nat_processed_gb" in without_usage.reason


def test_node_group_commitment_covers_only_the_min_size_floor() -> None:
    # Seoul m6i.large: $0.118/h on demand (karpenter list), $0.07718/h 1-year standard RI without upfront
    # (AWS pricing-page JSON via yeo/ec2.shop). Node group general: desired 3, min 2.
    rec = _one(_recs(SEOUL), "clusters.shop.node_groups.general", "reserved-1y")
    assert rec.monthly_savings_usd == round(2 * 730 * (0.118 - 0.07718), 2)
    assert "2 of 3 nodes" in rec.reason


def test_graviton_proposal_is_the_cheapest_priced_arm_family() -> None:
    # Seoul m6g.large $0.094/h is below m7g.large: m6i.large -> m6g.large for 3 nodes.
    rec = _one(_recs(SEOUL), "clusters.shop.node_groups.general", "m6g.large")
    assert rec.monthly_savings_usd == round(3 * 730 * (0.118 - 0.094), 2)
    assert "multi-arch" in rec.reason


def test_gce_commitment_is_compared_with_the_sustained_use_price() -> None:
    # us-central1 n1-standard-1: $0.0475/h on demand (karpenter-era SkyPilot list), 30% sustained-use discount
    # for a full month, 1-year commitment $0.0299237/h (Cyclenerd pricing.yml). Five nodes, zonal.
    rec = _one(_recs(GKE), "clusters.bootcamp.node_groups.default-pool", "reserved-1y")
    assert rec.monthly_savings_usd == round(5 * 730 * (0.0475 * 0.7 - 0.0299237), 2)


def test_gp2_node_disks_get_gp3() -> None:
    text = SEOUL.replace("        disk_type: gp3\n", "        disk_type: gp2\n", 1)
    rec = _one(_recs(text), "clusters.shop.node_groups.general", "gp3 50 GB node disks")
    # Seoul gp2 $0.114, gp3 $0.0912 per GB-month (AWS pricing-page JSON via yeo/ec2.shop); 3 nodes x 50 GB.
    assert rec.monthly_savings_usd == round(3 * 50 * (0.114 - 0.0912), 2)


@settings(max_examples=15, deadline=None)
@given(count=st.integers(1, 6), itype=st.sampled_from(["t2.large", "m4.xlarge", "c5.large", "r5.2xlarge", "t3.medium"]),
       hours=st.sampled_from([200, 730]))
def test_every_recommendation_saves_something_and_at_most_everything(count: int, itype: str, hours: int) -> None:
    text = MINIMAL.replace("type: t3.medium", f"type: {itype}\n    count: {count}\n    hours_per_month: {hours}")
    recs = _recs(text)
    assert recs
    for rec in recs:
        assert rec.monthly_savings_usd > 0
        assert 0 < rec.savings_pct <= 100
    if hours < 730:
        assert not [r for r in recs if r.current == "on-demand"]  # no commitment for part-time machines


def test_per_term_the_cheapest_commitment_form_is_proposed_with_its_upfront_payment() -> None:
    # us-east-1 t3.medium (addisonj/pricesim's copy of AWS's pricing-page JSON, 2026-09-24): on demand $0.0416/h;
    # 1 year: standard RI no upfront $0.0261, all upfront $0.0243151 effective ($213 / 8,760 h), Compute
    # Savings Plan $0.03. The all-upfront RI is cheapest; the reason names the payment.
    rec = _one(_recs(MINIMAL), "instances.vm", "reserved-1y-all-upfront")
    assert rec.monthly_savings_usd == round(730 * (0.0416 - 0.0243151), 2) == 12.62
    assert "pays $213.00 up front" in rec.reason
    assert not [r for r in _recs(MINIMAL) if r.proposed in ("reserved-1y", "savings-plan-1y")]
