"""Refresh EC2 on-demand prices from the AWS Price List API (``pricing:GetProducts``).

Opt-in and credentialed: nothing here runs unless ``planner catalog refresh`` is called, and the
shipped snapshot stays the offline default. The result is a dated snapshot in our price format,
each row naming the API query and the publication date AWS reports, written to the user's data
folder, ``$XDG_DATA_HOME/planner/prices/refreshed/`` (where :func:`planner.cost.prices.load_price_table`
lets it replace the shipped rows of the same key).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

# Linux, shared tenancy, no pre-installed software, capacity actually used: the plain on-demand rate.
FILTER_FIELDS = (("operatingSystem", "Linux"), ("tenancy", "Shared"), ("preInstalledSw", "NA"),
                 ("capacitystatus", "Used"), ("licenseModel", "No License required"))


def ec2_filters(region: str) -> list[dict[str, str]]:
    return [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": region},
            *({"Type": "TERM_MATCH", "Field": f, "Value": v} for f, v in FILTER_FIELDS)]


def ec2_on_demand_rows(client: Any, region: str, today: date) -> list[list[str]]:
    """Price rows for every instance type the API prices in ``region`` (zero prices are skipped)."""
    prices: dict[str, tuple[str, str]] = {}
    pages = client.get_paginator("get_products").paginate(ServiceCode="AmazonEC2", Filters=ec2_filters(region),
                                                          FormatVersion="aws_v1")
    for page in pages:
        for item in page.get("PriceList", []):
            product = json.loads(item) if isinstance(item, str) else item
            instance_type = product.get("product", {}).get("attributes", {}).get("instanceType")
            if not instance_type:
                continue
            for term in product.get("terms", {}).get("OnDemand", {}).values():
                for dimension in term.get("priceDimensions", {}).values():
                    usd = dimension.get("pricePerUnit", {}).get("USD")
                    if dimension.get("unit") == "Hrs" and usd and float(usd) > 0:
                        prices[instance_type] = (f"{float(usd):.10g}", product.get("publicationDate", ""))
    source = f"aws-pricing-api:GetProducts ServiceCode=AmazonEC2 regionCode={region} Linux/Shared/NA/Used"
    return [["aws", "ec2", region, f"{itype}/on-demand", "hour", usd, "0",
             source + (f" (publicationDate {published})" if published else ""), today.isoformat(), "false", ""]
            for itype, (usd, published) in sorted(prices.items())]
