"""Estimate output formats as pure functions of the estimate dict (``Estimate.to_dict()``)."""

from __future__ import annotations

import csv
import io
from typing import Any

CSV_COLUMNS = ["address", "kind", "component", "quantity", "unit", "unit_price_usd", "monthly_usd", "usage_based",
               "estimate", "price_source"]


def estimate_csv(result: dict[str, Any]) -> str:
    """One row per priced component, then one per unpriced item (its price column says why)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for res in result["resources"]:
        for c in res["components"]:
            writer.writerow([res["address"], res["kind"], c["name"], c["quantity"], c["unit"], c["unit_price_usd"],
                             c["monthly_usd"], c["usage_based"], c["estimate"], c["price_source"]])
    for u in result["unpriced"]:
        writer.writerow([u["address"], "", u["name"], u["quantity"], u["unit"], "", "", "", "",
                         "unpriced: " + u["reason"]])
    return out.getvalue()
