"""storage compare and catalog prices (us-east-1: S3 Standard $0.023, Standard-IA $0.0125 + $0.01/GB
retrieval, gp3 $0.08, gp2 $0.10 per GB-month)."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.cost.storage_compare import compare


def test_storage_compare_side_by_side() -> None:
    rows = {r["option"]: r for r in compare(1000, 100, 0, "us-east-1")}
    assert rows["S3 STANDARD"]["monthly_usd"] == pytest.approx(23.0)
    assert rows["S3 STANDARD_IA"]["monthly_usd"] == pytest.approx(12.5 + 1.0)
    assert rows["EBS gp3"]["monthly_usd"] == pytest.approx(80.0)
    assert rows["S3 GLACIER_IR"]["monthly_usd"] is None  # no price in the snapshot: unknown, not $0
    assert rows["S3 ONEZONE_IA"]["scope"] == "one zone"
    assert rows["S3 GLACIER"]["min_storage_days"] == "90"
    assert rows["EBS gp3"]["updates"] == "block-level, in place"


def _out(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code in (0, None)
    return capsys.readouterr().out


def test_storage_compare_cli(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(["storage", "compare", "--size-gb", "1000", "--format", "json"], capsys)
    assert {r["option"] for r in json.loads(out)} >= {"S3 STANDARD", "EBS gp3"}


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
