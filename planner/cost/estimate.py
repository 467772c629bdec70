"""The estimate stage: declare -> price -> group by resource; a pure function of the analysis."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from planner.analysis import Analysis
from planner.cost.components import Component, declare
from planner.cost.prices import price_table
from planner.cost.pricing import price_components
from planner.cost.results import (
    SERVICE_NAMES,
    DependsOnUsage,
    Estimate,
    PricedComponent,
    ResourceCost,
    Unpriced,
)
from planner.errors import InternalError
from planner.money import cents

__all__ = ["SERVICE_NAMES", "Estimate", "estimate", "estimate_components"]

ASSUMPTIONS = (
    "730 hours a month unless hours_per_month says otherwise",
    "prices are list prices of the shipped snapshot (catalog/prices), before free tiers and credits",
    "S3 buckets are priced at their declared class and size for month 1; estimate --months N simulates lifecycle",
)


@dataclass
class _Resource:
    """A resource's lines while they are collected (in first-seen order)."""

    address: str
    kind: str
    monthly_usd: float = 0.0
    components: list[PricedComponent] = field(default_factory=list)


@dataclass
class _Collected:
    """Everything one pass over the priced rows produced, before it is frozen into an :class:`Estimate`."""

    region: str
    resources: dict[str, _Resource] = field(default_factory=dict)
    unpriced: list[Unpriced] = field(default_factory=list)
    depends_on_usage: list[DependsOnUsage] = field(default_factory=list)
    total: float = 0.0
    skip_idx: set[int] = field(default_factory=set)


def estimate(analysis: Analysis, today: date | None = None) -> Estimate:
    """The monthly cost of the analysed blueprint: its declared components, priced and grouped by resource."""
    return estimate_components(analysis, declare(analysis, today))


def estimate_components(analysis: Analysis, components: list[Component]) -> Estimate:
    """Price ``components`` (the blueprint's, or a changed copy of them) and group them by resource."""
    bp = analysis.blueprint
    priced = price_components(components, bp.provider, bp.region, price_table())
    collected = _Collected(bp.region)
    tier_counts = priced["idx"].value_counts().to_dict()
    for row in _records(priced):
        if row["idx"] not in collected.skip_idx:
            _add_row(collected, row, tier_counts[row["idx"]] > 1)
    if not math.isfinite(collected.total):  # the schema bounds every quantity, so this is a bug, never a $0 total
        raise InternalError(f"the estimate of {analysis.loaded.file} is not finite ({collected.total})")
    resources = tuple(ResourceCost(r.address, r.kind, cents(r.monthly_usd), tuple(r.components))
                      for r in collected.resources.values() if r.components)
    return Estimate(bp.name, bp.provider, bp.region, collected.total, resources, tuple(collected.unpriced),
                    tuple(collected.depends_on_usage), ASSUMPTIONS)


def _records(priced: pd.DataFrame) -> list[dict[str, Any]]:
    """The priced frame as plain dicts: one conversion, column by column (much faster than
    ``to_dict("records")`` on string columns)."""
    columns = list(priced.columns)
    return [dict(zip(columns, values, strict=True))
            for values in zip(*(priced[c].tolist() for c in columns), strict=True)]


def _add_row(out: _Collected, row: dict[str, Any], tiered: bool) -> None:
    """One priced row (a component, or one tier of it): a line of its resource, unpriced, or depends on usage."""
    res = out.resources.setdefault(row["address"], _Resource(row["address"], row["kind"]))
    quantity = None if pd.isna(row["quantity"]) else float(row["quantity"])
    if pd.isna(row["usd"]):
        out.unpriced.append(Unpriced(row["address"], row["name"], row["key"], row["service"], quantity, row["unit"],
                                     row["unpriced_reason"] or
                                     f"no {row['service']} price for '{row['key']}' in {out.region}"))
        return
    # Lines are shown to the cent and added as shown, so every total is the exact sum of its lines.
    monthly = None if quantity is None else cents(float(row["monthly_usd"]))
    res.components.append(PricedComponent(
        row["name"] + (f" (from {row['tier_from']:,.0f})" if tiered else ""), row["service"], row["unit"],
        None if quantity is None else float(row["tier_quantity"]), float(row["usd"]), monthly,
        bool(row["usage_based"]), row["key"], f"{row['source']} (read {row['read_on']})",
        str(row["estimate"]).lower() == "true"))
    if monthly is None:
        out.depends_on_usage.append(DependsOnUsage(row["address"], row["name"], row["unit"], float(row["usd"])))
        out.skip_idx.add(row["idx"])  # one "depends on usage" line, not one per tier
        return
    res.monthly_usd += monthly
    out.total += monthly
