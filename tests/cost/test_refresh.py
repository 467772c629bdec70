"""``planner catalog refresh``: the Price List API parsed from recorded response shapes (botocore Stubber)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

from planner.cli import main
from planner.cost.prices import COLUMNS, load_price_table
from planner.cost.refresh import ec2_filters, ec2_on_demand_rows


def product(instance_type: str, usd: str, unit: str = "Hrs") -> str:
    """One PriceList entry in the shape GetProducts returns (a JSON string per product)."""
    return json.dumps({
        "product": {"productFamily": "Compute Instance", "sku": f"SKU{instance_type}",
                    "attributes": {"instanceType": instance_type, "regionCode": "eu-west-1", "operatingSystem": "Linux",
                                   "tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used"}},
        "serviceCode": "AmazonEC2",
        "terms": {"OnDemand": {f"SKU{instance_type}.JRTCKXETXF": {
            "priceDimensions": {f"SKU{instance_type}.JRTCKXETXF.6YS6EN2CT7": {
                "unit": unit, "pricePerUnit": {"USD": usd}, "description": f"${usd} per On Demand Linux {instance_type}"}},
            "sku": f"SKU{instance_type}", "effectiveDate": "2026-11-01T00:00:00Z"}}},
        "version": "20261115000000", "publicationDate": "2026-11-15T00:00:00Z"})


def stubbed_client() -> tuple[object, Stubber]:
    client = boto3.client("pricing", region_name="us-east-1", aws_access_key_id="testing",
                          aws_secret_access_key="testing")
    stub = Stubber(client)
    expected = {"ServiceCode": "AmazonEC2", "Filters": ec2_filters("eu-west-1"), "FormatVersion": "aws_v1"}
    stub.add_response("get_products", {"FormatVersion": "aws_v1", "NextToken": "page-2",
                                       "PriceList": [product("t3.medium", "0.0456000000"),
                                                     product("m5.large", "0.1070000000")]}, expected)
    stub.add_response("get_products", {"FormatVersion": "aws_v1",
                                       "PriceList": [product("c5.large", "0.0000000000"),
                                                     product("r5.large", "0.1410000000", unit="Quantity")]},
                      {**expected, "NextToken": "page-2"})
    return client, stub


def test_refresh_parses_every_page_and_keeps_sources() -> None:
    client, stub = stubbed_client()
    with stub:
        rows = ec2_on_demand_rows(client, "eu-west-1", date(2026, 11, 22))
        stub.assert_no_pending_responses()
    assert [(r[3], r[5]) for r in rows] == [("m5.large/on-demand", "0.107"), ("t3.medium/on-demand", "0.0456")]
    for row in rows:  # a zero price (c5.large) and a non-hourly dimension (r5.large) are not prices
        assert dict(zip(COLUMNS, row, strict=True))["read_on"] == "2026-11-22"
        assert "GetProducts" in row[7] and "regionCode=eu-west-1" in row[7] and "2026-11-15" in row[7]


def test_refreshed_rows_replace_shipped_rows_of_the_same_key(tmp_path: Path) -> None:
    header = ",".join(COLUMNS)
    (tmp_path / "aws.csv").write_text(header + "\naws,ec2,eu-west-1,t3.medium/on-demand,hour,0.04,0,old,2026-07-20,false,\n"
                                      "aws,ec2,eu-west-1,m5.large/on-demand,hour,0.107,0,old,2026-07-20,false,\n")
    (tmp_path / "refreshed").mkdir()
    (tmp_path / "refreshed" / "aws-ec2-eu-west-1-2026-11-22.csv").write_text(
        header + "\naws,ec2,eu-west-1,t3.medium/on-demand,hour,0.0456,0,api,2026-11-22,false,\n")
    table = load_price_table(tmp_path)
    prices = dict(zip(table.key, zip(table.usd, table.source, strict=True), strict=True))
    assert prices == {"m5.large/on-demand": (0.107, "old"), "t3.medium/on-demand": (0.0456, "api")}


def test_refresh_without_credentials_fetches_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    out = tmp_path / "snapshot.csv"
    with pytest.raises(SystemExit) as info:
        main(["catalog", "refresh", "--region", "eu-west-1", "-o", str(out)])
    assert info.value.code == 3
    assert "no AWS credentials" in capsys.readouterr().err
    assert not out.exists()


def test_refresh_refuses_an_unknown_region(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["catalog", "refresh", "--region", "eu-west-9x"])
    assert info.value.code == 2
    assert "--region: unknown AWS region 'eu-west-9x' — did you mean" in capsys.readouterr().err
