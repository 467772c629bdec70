"""Price every declared component with one pandas merge (tiers split in the same frame).

Tiers split each component's quantity per copy (``Component.copies``: per volume for io2 IOPS; one
copy for everything else, so egress and S3 tiers see the whole month's quantity).
A component with no matching price row (or whose unit disagrees with the row's) is returned as
unpriced with the key that was missing — never as $0.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pandas as pd

from planner.cost.components import Component

COMPONENT_FIELDS = [f.name for f in fields(Component)]
PRICE_COLUMNS = ["service", "region", "key", "tier_from", "usd", "unit", "source", "read_on", "estimate"]


def price_components(components: list[Component], provider: str, region: str, table: pd.DataFrame) -> pd.DataFrame:
    """One row per (component, price tier) with ``monthly_usd``; unpriced rows have ``usd`` NaN."""
    # Column by column: dataclasses.asdict deep-copies every field and was most of the time at 2,000 groups.
    comps = pd.DataFrame({name: [getattr(c, name) for c in components] for name in COMPONENT_FIELDS})
    comps["idx"] = range(len(comps))
    comps["region"] = region
    prices = table.loc[table["provider"] == provider, PRICE_COLUMNS].rename(columns={"unit": "price_unit"})
    merged = comps.merge(prices, on=["service", "region", "key"], how="left", sort=False)
    mismatch = merged["usd"].notna() & (merged["price_unit"] != merged["unit"])
    merged.loc[mismatch, "usd"] = np.nan
    merged["unpriced_reason"] = np.where(mismatch, "the catalog's unit differs from the component's", "")
    merged["tier_from"] = merged["tier_from"].fillna(0.0)
    merged = merged.sort_values(["idx", "tier_from"], kind="stable", ignore_index=True)
    tier_to = merged.groupby("idx")["tier_from"].shift(-1).fillna(np.inf)
    copies = merged["copies"].astype(float)
    per_copy = merged["quantity"].astype(float) / copies
    in_tier = np.minimum((per_copy - merged["tier_from"]).clip(lower=0), tier_to - merged["tier_from"])
    merged["tier_quantity"] = in_tier * copies
    first = merged["tier_from"] == merged.groupby("idx")["tier_from"].transform("min")
    keep = first | (in_tier > 0)
    merged = merged[keep].reset_index(drop=True)
    merged["usd"] = merged["usd"].where(~merged["credit"].astype(bool), -merged["usd"])
    merged["monthly_usd"] = merged["tier_quantity"] * merged["usd"]
    return merged
