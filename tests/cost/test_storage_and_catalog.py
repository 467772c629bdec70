"""storage compare and catalog prices (us-east-1: S3 Standard $0.023, Standard-IA $0.0125 + $0.01/GB
retrieval, gp3 $0.08, gp2 $0.10 per GB-month)."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.cost.storage_compare import compare


def test_storage_compare_side_by_side() -> None:
    rows = {r.option: r for r in compare(1000, 100, 0, "us-east-1")}
    assert rows["S3 STANDARD"].monthly_usd == pytest.approx(23.0)
    assert rows["S3 STANDARD_IA"].monthly_usd == pytest.approx(12.5 + 1.0)
    assert rows["EBS gp3"].monthly_usd == pytest.approx(80.0)
    assert rows["S3 GLACIER_IR"].monthly_usd == pytest.approx(4.0 + 3.0)  # $0.004/GB-month + $0.03/GB read
    tokyo = {r.option: r for r in compare(1000, 100, 0, "ap-northeast-1")}
    assert tokyo["S3 GLACIER_IR"].monthly_usd is None  # no price in the snapshot: unknown, not $0
    assert rows["S3 ONEZONE_IA"].scope == "one zone"
    assert rows["S3 GLACIER"].min_storage_days == "90"
    assert rows["EBS gp3"].updates == "block-level, in place"


def test_storage_compare_prices_tiers_object_counts_and_volume_limits() -> None:
    # us-east-1 Standard $0.023 up to 50 TB, $0.022 next 450 TB (StephenWetzel's export, 2024-09-25);
    # Intelligent-Tiering monitoring $0.0025 per 1,000 objects (infracost golden); Standard-IA bills objects
    # under 128 KB as 128 KB (S3 user guide, catalog/s3-storage-classes.csv); gp3 at most 16,384 GiB a volume.
    big = {r.option: r for r in compare(102400, 0, 0, "us-east-1")}
    assert big["S3 STANDARD"].storage_usd == pytest.approx(51200 * 0.023 + 51200 * 0.022)
    assert big["EBS gp3"].note == "needs 7 volumes (at most 16,384 GiB each)"
    mib = {r.option: r for r in compare(1000, 0, 0, "us-east-1", average_object_kb=1024)}
    assert mib["S3 INTELLIGENT_TIERING"].monthly_usd == pytest.approx(1000 * 0.023 + 1024 * 0.0025)
    assert mib["S3 STANDARD_IA"].storage_usd == pytest.approx(1000 * 0.0125)
    small = {r.option: r for r in compare(1000, 0, 0, "us-east-1", average_object_kb=64)}
    assert small["S3 STANDARD_IA"].storage_usd == pytest.approx(2000 * 0.0125)
    assert small["S3 INTELLIGENT_TIERING"].monthly_usd == pytest.approx(1000 * 0.023)  # not monitored
    unknown = {r.option: r for r in compare(1000, 0, 0, "us-east-1")}
    assert "per 1,000 objects" in unknown["S3 INTELLIGENT_TIERING"].note


def _out(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code in (0, None)
    return capsys.readouterr().out


def test_storage_compare_cli(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(["storage", "compare", "--size-gb", "1000", "--format", "json"], capsys)
    assert {r["option"] for r in json.loads(out)} >= {"S3 STANDARD", "EBS gp3"}
    table = _out(["storage", "compare", "--size-gb", "1000", "--writes", "10", "--average-object-kb", "512"], capsys)
    assert "S3 DEEP_ARCHIVE" in table and "99.999999999%" in table and "16,384 GiB per volume" in table
    assert "includes monitoring of 2,048,000 objects" in table


def test_catalog_prices_rows_have_source_and_date(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(_out(["catalog", "prices", "--service", "ec2", "--region", "us-east-1", "--key", "t3.medium",
                            "--format", "json"], capsys))
    keys = {r["key"]: r["usd"] for r in rows}
    assert keys["t3.medium/on-demand"] == 0.0416
    assert keys["t3.medium/reserved-1y"] == 0.0261
    assert all(r["source"] and r["read_on"] for r in rows)


def test_every_price_row_has_a_source_and_a_date() -> None:
    from planner.cost.prices import price_table

    table = price_table()
    assert (table["source"].str.len() > 0).all()
    assert table["read_on"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert not table.duplicated(["provider", "service", "region", "key", "tier_from"]).any()


AWS_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-2"]
GCP_REGIONS = ["us-central1", "europe-west1", "asia-northeast3"]
# The families issue 3 names: general, compute and memory, current and previous generations.
EC2_FAMILIES = ["t2", "t3", "t3a", "t4g", "m4", "m5", "m6i", "m6g", "m7i", "m7g", "c4", "c5", "c6i", "c6g", "c7i", "c7g", "r4", "r5", "r6i", "r6g", "r7g"]


@pytest.mark.parametrize("region", AWS_REGIONS)
def test_every_size_of_the_common_ec2_families_is_priced_on_demand_and_reserved(region: str) -> None:
    from planner.catalog import aws_instance_specs
    from planner.cost.prices import hourly_price

    types = [t for t, s in aws_instance_specs().items() if s.family in EC2_FAMILIES and "metal" not in t]
    assert len(types) > 150
    for pricing in ("on-demand", "reserved-1y", "reserved-3y"):
        missing = [t for t in types if hourly_price("aws", region, t, pricing) is None]
        assert missing == [], (region, pricing)
    # A standard commitment is always cheaper than on demand, and three years cheaper than one.
    for t in types:
        od, one, three = (hourly_price("aws", region, t, p) for p in ("on-demand", "reserved-1y", "reserved-3y"))
        assert od is not None and one is not None and three is not None
        assert three < one < od, t


@pytest.mark.parametrize("region", GCP_REGIONS)
def test_gce_machine_types_and_disks_are_priced_in_the_three_gcp_regions(region: str) -> None:
    from planner.cost.prices import hourly_price, price_table, unit_price

    for machine in ("e2-medium", "e2-standard-4", "n1-standard-1", "n1-standard-4", "n2-standard-4",
                    "n2d-standard-4", "c2-standard-8", "t2d-standard-4"):
        prices = {p: hourly_price("gcp", region, machine, p) for p in ("on-demand", "spot", "reserved-1y", "reserved-3y")}
        assert None not in prices.values(), (machine, prices)
        assert prices["spot"] < prices["on-demand"] and prices["reserved-3y"] < prices["reserved-1y"] < prices["on-demand"]
    for disk in ("pd-standard", "pd-balanced", "pd-ssd"):
        assert unit_price("pd", region, f"{disk}/storage") is not None
    assert unit_price("gke", region, "management/hour") == 0.1
    table = price_table()
    spot = table[(table.provider == "gcp") & table.key.str.endswith("/spot")]
    assert len(spot) and spot.estimate.astype(str).str.lower().eq("true").all()  # spot prices float: estimates


@pytest.mark.parametrize("region", AWS_REGIONS)
def test_rds_engines_classes_and_storage_are_priced(region: str) -> None:
    from planner.cost.prices import unit_price

    for engine in ("mysql", "postgres", "mariadb"):
        for cls in ("db.t3.micro", "db.t4g.medium", "db.m5.large", "db.m6g.large", "db.r5.large", "db.r6g.large"):
            single = unit_price("rds", region, f"{engine}/{cls}/single-az")
            multi = unit_price("rds", region, f"{engine}/{cls}/multi-az")
            assert single is not None and multi is not None, (engine, cls)
            # A Multi-AZ instance bills the standby too: about double (AWS rounds each to the tenth of a cent).
            assert multi == pytest.approx(2 * single, abs=0.002), (engine, cls)
    for storage in ("gp2", "gp3", "io1", "io2"):
        assert unit_price("rds", region, f"storage/{storage}/single-az") is not None
