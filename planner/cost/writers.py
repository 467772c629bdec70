"""Estimate output formats as pure functions of the typed :class:`~planner.cost.results.Estimate`."""

from __future__ import annotations

import csv
import io

from planner.cost.completeness import INCOMPLETE, components
from planner.cost.results import Estimate
from planner.money import cents, usd

CSV_COLUMNS = ["address", "kind", "component", "quantity", "unit", "unit_price_usd", "monthly_usd", "usage_based",
               "estimate", "price_source"]


def estimate_csv(result: Estimate) -> str:
    """One row per priced component, then one per unpriced item (its price column says why).

    When anything is unpriced a last marker row says so: address ``TOTAL``, kind ``INCOMPLETE``, no amount
    (so a column sum is not doubled) and, as its source, the priced total and how many components it leaves out."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for res in result.resources:
        for c in res.components:
            writer.writerow([res.address, res.kind, c.name, c.quantity, c.unit, c.unit_price_usd,
                             c.monthly_usd, c.usage_based, c.estimate, c.price_source])
    for u in result.unpriced:
        writer.writerow([u.address, "", u.name, u.quantity, u.unit, "", "", "", "", "unpriced: " + u.reason])
    if not result.complete:
        missing = components(len(result.unpriced))
        writer.writerow(["TOTAL", INCOMPLETE, f"{missing} unpriced", "", "", "", "", "", "",
                         f"{INCOMPLETE}: the priced total {usd(cents(result.total_monthly_usd))} leaves out {missing}"])
    return out.getvalue()
