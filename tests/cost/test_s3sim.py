"""S3 lifecycle simulation (us-east-1 prices: Standard $0.023, Standard-IA $0.0125 per GB-month)."""

from __future__ import annotations

import pytest

from planner.blueprint import load_blueprint_text
from planner.cost import estimate
from planner.cost.s3sim import simulate
from planner.pipeline import analyze, analyze_loaded
from tests.conftest import BLUEPRINTS

MINIMAL = (BLUEPRINTS / "minimal-vm.yaml").read_text()


def _bucket(name: str):
    return next(b for b in analyze(BLUEPRINTS / "data-lake.yaml").blueprint.buckets if b.name == name)


def test_logs_bucket_reaches_a_steady_state_after_expiry() -> None:
    months = simulate(_bucket("lake-logs-prod"), "us-east-1", 24)
    assert months[0].gb_by_class == {"STANDARD": 1200.0}
    month14 = months[13]
    assert month14.gb_by_class == {"STANDARD": 300.0, "STANDARD_IA": 3300.0}
    assert month14.storage_usd == pytest.approx(300 * 0.023 + 3300 * 0.0125)
    assert month14.transition_usd is None  # no average_object_kb: depends on object count
    assert months[23].gb_by_class == month14.gb_by_class


def test_a_class_without_a_price_makes_the_month_unknown_not_cheaper(monkeypatch: pytest.MonkeyPatch,
                                                                     request: pytest.FixtureRequest) -> None:
    # The shipped catalog prices Glacier IR everywhere we cover; take its rows out to stand for a class
    # the snapshot lacks (the real catalog table minus some rows, not a stand-in for our code).
    from planner.cost import prices

    table = prices.price_table()
    monkeypatch.setattr(prices, "price_table", lambda: table[~table.key.str.startswith("GLACIER_IR/")])
    prices.price_tiers.cache_clear()  # cached per region: drop what the full table filled in
    request.addfinalizer(prices.price_tiers.cache_clear)
    months = simulate(_bucket("lake-raw-prod"), "us-east-1", 6)
    assert months[0].total_usd == pytest.approx(50000 * 0.023)
    assert "GLACIER_IR" in months[4].gb_by_class and months[4].total_usd is None


def test_transitions_and_early_deletion_are_charged() -> None:
    text = (BLUEPRINTS / "minimal-vm.yaml").read_text() + (
        "buckets:\n  - name: early-bucket-x\n    size_gb: 1000\n    average_object_kb: 1024\n"
        "    lifecycle:\n      - {after_days: 30, storage_class: STANDARD_IA}\n      - {after_days: 45, expire: true}\n")
    from planner.pipeline import analyze_loaded

    bucket = analyze_loaded(load_blueprint_text(text, "t.yaml"), raise_on_error=False).blueprint.buckets[0]
    months = simulate(bucket, "us-east-1", 3)
    # month 1 ends after 30.4 days: 1,000 GB = 1,024,000 objects of 1 MiB move to IA at $0.01 per 1k
    assert months[0].transition_usd == pytest.approx(1024 * 0.01)
    # month 2: expired on day 45 after 15 days in IA: the other 15 days of IA's 30-day minimum are charged
    assert months[1].gb_by_class == {}
    assert months[1].early_deletion_usd == pytest.approx(1000 * 0.0125 * 15 / (365 / 12))


def test_month_one_of_a_large_bucket_uses_the_storage_tiers_like_the_estimate() -> None:
    # us-east-1 Standard: $0.023 first 50 TB (infracost golden), $0.022 next 450 TB (StephenWetzel's export of
    # the pricing-page map, 2024-09-25). 100 TB = 51,200 GB in each tier.
    text = MINIMAL + "buckets:\n  - {name: big-lake-example, storage_class: STANDARD, size_gb: 102400}\n"
    analysis = analyze_loaded(load_blueprint_text(text, "t.yaml"))
    (bucket,) = analysis.blueprint.buckets
    month = simulate(bucket, "us-east-1", 1)[0]
    assert month.storage_usd == pytest.approx(51200 * 0.023 + 51200 * 0.022)
    est = estimate(analysis).to_dict()
    line = next(r for r in est["resources"] if r["address"] == "buckets.big-lake-example")
    assert line["monthly_usd"] == round(month.storage_usd, 2)


def test_cloud_storage_buckets_are_simulated_at_cloud_storage_prices() -> None:
    # us-central1 Nearline $0.01/GB-month, Coldline $0.004 (Cyclenerd pricing.yml, 2026-07-30).
    text = (BLUEPRINTS / "gke-bootcamp.yaml").read_text() + (
        "buckets:\n  - name: bootcamp-archive-example\n    storage_class: NEARLINE\n    size_gb: 1000\n"
        "    lifecycle:\n      - {after_days: 90, storage_class: COLDLINE}\n")
    (bucket,) = analyze_loaded(load_blueprint_text(text, "t.yaml")).blueprint.buckets
    months = simulate(bucket, "us-central1", 5, "gcp")
    assert months[0].storage_usd == pytest.approx(1000 * 0.01)
    assert months[4].gb_by_class == {"COLDLINE": 1000.0}
    assert months[4].storage_usd == pytest.approx(1000 * 0.004)
