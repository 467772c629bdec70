"""The estimate stage: declare -> price -> group by resource; a pure function of the analysis."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from planner.analysis import Analysis
from planner.cost.components import declare
from planner.cost.prices import price_table
from planner.cost.pricing import price_components
from planner.errors import InternalError
from planner.money import cents

SERVICE_NAMES = {"ec2": "EC2", "ebs": "EBS", "s3": "S3", "eks": "EKS", "nat": "NAT gateway", "elb": "Load balancing",
                 "data-transfer": "Data transfer", "rds": "RDS", "gce": "Compute Engine", "pd": "Persistent Disk",
                 "gke": "GKE", "gcs": "Cloud Storage"}


@dataclass
class Estimate:
    blueprint: str
    provider: str
    region: str
    total_monthly_usd: float
    resources: list[dict[str, Any]] = field(default_factory=list)
    unpriced: list[dict[str, Any]] = field(default_factory=list)
    depends_on_usage: list[dict[str, Any]] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every component is priced; otherwise the total misses the ``unpriced`` components."""
        return not self.unpriced

    def by_service(self) -> list[dict[str, Any]]:
        """Subtotals per service; ``complete`` is False for a service with an unpriced component."""
        totals: dict[str, float] = {}
        for res in self.resources:
            for comp in res["components"]:
                if comp["monthly_usd"] is not None:
                    name = SERVICE_NAMES.get(comp["service"], comp["service"])
                    totals[name] = totals.get(name, 0.0) + comp["monthly_usd"]
        missing = {SERVICE_NAMES.get(u["service"], u["service"]) for u in self.unpriced}
        return [{"service": k, "monthly_usd": cents(v), "complete": k not in missing}
                for k, v in sorted(totals.items(), key=lambda kv: -kv[1])]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; ``complete`` False means ``total_monthly_usd`` leaves out the ``unpriced`` components."""
        incomplete = {u["address"] for u in self.unpriced}
        resources = [{**r, "complete": r["address"] not in incomplete} for r in self.resources]
        return {"blueprint": self.blueprint, "provider": self.provider, "region": self.region,
                "total_monthly_usd": cents(self.total_monthly_usd), "currency": "USD", "complete": self.complete,
                "resources": resources, "by_service": self.by_service(), "unpriced": self.unpriced,
                "depends_on_usage": self.depends_on_usage, "estimated_prices": self.estimated_prices(),
                "assumptions": self.assumptions}

    def estimated_prices(self) -> list[dict[str, Any]]:
        """Lines priced from a catalog row marked ``estimate`` (spot prices float): counted, and said so."""
        return [{"address": res["address"], "name": comp["name"], "monthly_usd": comp["monthly_usd"],
                 "price_key": comp["price_key"]}
                for res in self.resources for comp in res["components"] if comp["estimate"]]


def estimate(analysis: Analysis, today: date | None = None) -> Estimate:
    bp = analysis.blueprint
    components = declare(analysis, today)
    priced = price_components(components, bp.provider, bp.region, price_table())
    result = Estimate(bp.name, bp.provider, bp.region, 0.0, assumptions=[
        "730 hours a month unless hours_per_month says otherwise",
        "prices are list prices of the shipped snapshot (catalog/prices), before free tiers and credits",
        "S3 buckets are priced at their declared class and size for month 1; estimate --months N simulates lifecycle",
    ])
    resources: dict[str, dict[str, Any]] = {}
    total = 0.0
    # One conversion, column by column (much faster than to_dict("records") on string columns); the loop
    # below touches plain dicts only.
    columns = list(priced.columns)
    records = [dict(zip(columns, values, strict=True))
               for values in zip(*(priced[c].tolist() for c in columns), strict=True)]
    tier_counts = priced["idx"].value_counts().to_dict()
    skip_idx: set[int] = set()
    for row in records:
        idx = row["idx"]
        if idx in skip_idx:
            continue
        res = resources.setdefault(row["address"], {"address": row["address"], "kind": row["kind"],
                                                    "monthly_usd": 0.0, "components": []})
        quantity = None if pd.isna(row["quantity"]) else float(row["quantity"])
        if pd.isna(row["usd"]):
            result.unpriced.append({"address": row["address"], "name": row["name"], "key": row["key"],
                                    "service": row["service"], "quantity": quantity, "unit": row["unit"],
                                    "reason": row["unpriced_reason"] or
                                    f"no {row['service']} price for '{row['key']}' in {bp.region}"})
            continue
        tiered = tier_counts[idx] > 1
        # Lines are shown to the cent and added as shown, so every total is the exact sum of its lines.
        monthly = None if quantity is None else cents(float(row["monthly_usd"]))
        res["components"].append({
            "name": row["name"] + (f" (from {row['tier_from']:,.0f})" if tiered else ""),
            "service": row["service"], "unit": row["unit"],
            "quantity": None if quantity is None else float(row["tier_quantity"]),
            "unit_price_usd": float(row["usd"]), "monthly_usd": monthly,
            "usage_based": bool(row["usage_based"]), "price_key": row["key"],
            "price_source": f"{row['source']} (read {row['read_on']})",
            "estimate": str(row["estimate"]).lower() == "true"})
        if monthly is None:
            result.depends_on_usage.append({"address": row["address"], "name": row["name"], "unit": row["unit"],
                                            "unit_price_usd": float(row["usd"])})
            skip_idx.add(idx)  # one "depends on usage" line, not one per tier
            continue
        res["monthly_usd"] += monthly
        total += monthly
    for res in resources.values():
        res["monthly_usd"] = cents(res["monthly_usd"])
    result.resources = [r for r in resources.values() if r["components"]]
    if not math.isfinite(total):  # the schema bounds every quantity, so this is a bug, never a $0 total
        raise InternalError(f"the estimate of {analysis.loaded.file} is not finite ({total})")
    result.total_monthly_usd = total
    return result
