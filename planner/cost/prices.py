"""The shipped price snapshot: ``catalog/prices/*.csv``, every row with its source and date."""

from __future__ import annotations

from functools import cache

import pandas as pd

from planner.catalog import CATALOG_DIR
from planner.errors import EnvironmentProblem

COLUMNS = ["provider", "service", "region", "key", "unit", "usd", "tier_from", "source", "read_on", "estimate", "note"]


@cache
def price_table() -> pd.DataFrame:
    """All price rows, one frame; raises EnvironmentProblem when the snapshot is missing or malformed."""
    files = sorted((CATALOG_DIR / "prices").glob("*.csv"))
    if not files:
        raise EnvironmentProblem(f"no price files in {CATALOG_DIR / 'prices'}")
    frames = []
    for path in files:
        frame = pd.read_csv(path, dtype={"key": str, "region": str, "note": str}, keep_default_na=False)
        if list(frame.columns) != COLUMNS:
            raise EnvironmentProblem(f"{path.name}: columns must be {','.join(COLUMNS)}")
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    table["usd"] = pd.to_numeric(table["usd"])
    table["tier_from"] = pd.to_numeric(table["tier_from"]).astype(float)
    return table.sort_values(["provider", "service", "region", "key", "tier_from"], ignore_index=True)


@cache
def first_tier_prices() -> dict[tuple[str, str, str], float]:
    """(service, region, key) -> first-tier price: point lookups without scanning the frame each time."""
    table = price_table()
    first = table[table.tier_from == 0]
    return dict(zip(zip(first.service, first.region, first.key, strict=True), first.usd.astype(float), strict=True))


def unit_price(service: str, region: str, key: str) -> float | None:
    return first_tier_prices().get((service, region, key))


def hourly_price(provider: str, region: str, instance_type: str, pricing: str = "on-demand") -> float | None:
    return unit_price("ec2" if provider == "aws" else "gce", region, f"{instance_type}/{pricing}")
