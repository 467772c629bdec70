"""ROI: apply each scenario to a copy of the blueprint, re-estimate, and compare.

How a scenario changes the blueprint, and how it is validated, is :mod:`planner.scenarios`.
Recommendations come from ``recommend.py``: cheaper equivalents the catalog prices on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.analysis import Analysis
from planner.cost.completeness import INCOMPLETE, components
from planner.cost.estimate import Estimate, estimate
from planner.cost.recommend import recommendations
from planner.money import cents
from planner.scenarios import apply_changes, scenario_analysis

__all__ = ["RoiResult", "apply_changes", "incomplete_saving_note", "npv", "run_roi"]


@dataclass
class RoiResult:
    baseline_monthly_usd: float
    horizon_months: int
    discount_rate: float
    scenarios: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    baseline_unpriced: int = 0  # components the baseline total leaves out; 0 = complete

    def to_dict(self) -> dict[str, Any]:
        return {"baseline_monthly_usd": cents(self.baseline_monthly_usd), "horizon_months": self.horizon_months,
                "discount_rate": self.discount_rate, "scenarios": self.scenarios,
                "recommendations": self.recommendations, "baseline_complete": self.baseline_unpriced == 0,
                "baseline_unpriced": self.baseline_unpriced}


def incomplete_saving_note(before: int, after: int) -> str:
    """Why a scenario's saving is not complete: its before or after total leaves out unpriced components."""
    return (f"{INCOMPLETE}: the saving covers priced components only (before leaves out {components(before)}, "
            f"after {components(after)})")


def npv(monthly_savings: float, one_time: float, months: int, annual_rate: float) -> float:
    """Net present value of a monthly saving over ``months``, minus the one-time cost paid now."""
    rate = annual_rate / 12
    factor = months if rate == 0 else (1 - (1 + rate) ** -months) / rate
    return monthly_savings * factor - one_time


def run_roi(analysis: Analysis, horizon: int = 36, discount_rate: float = 0.0, today: date | None = None,
            baseline: Estimate | None = None) -> RoiResult:
    """``baseline``: the blueprint's own estimate when the caller has it already (the report does)."""
    base = baseline or estimate(analysis, today)
    result = RoiResult(base.total_monthly_usd, horizon, discount_rate, baseline_unpriced=len(base.unpriced))
    for i, scenario in enumerate(analysis.blueprint.scenarios):
        changed = Analysis(*scenario_analysis(analysis.loaded, i))
        after = estimate(changed, today)
        before_keys = {(u["address"], u["key"]) for u in base.unpriced}
        missing = sorted(f"{u['address']} ({u['key']})" for u in after.unpriced
                         if (u["address"], u["key"]) not in before_keys)
        if missing:
            # A price the catalog lacks would silently drop out of the total and read as a saving.
            result.scenarios.append({
                "name": scenario.name, "monthly_usd": None, "monthly_savings_usd": None, "savings_pct": None,
                "one_time_cost_usd": cents(scenario.one_time_cost_usd), "payback_months": None, "npv_usd": None,
                "horizon_months": horizon, "note": "cannot compare: no price for " + ", ".join(missing),
                "complete": False})
            continue
        savings = base.total_monthly_usd - after.total_monthly_usd
        # Both totals leave out what neither side can price: the saving covers the priced part only.
        complete = base.complete and after.complete
        result.scenarios.append({
            "name": scenario.name, "monthly_usd": cents(after.total_monthly_usd),
            "monthly_savings_usd": cents(savings),
            "savings_pct": round(savings / base.total_monthly_usd * 100, 2) if base.total_monthly_usd else None,
            "one_time_cost_usd": cents(scenario.one_time_cost_usd),
            "payback_months": round(scenario.one_time_cost_usd / savings, 1) if savings > 0 else None,
            "npv_usd": cents(npv(savings, scenario.one_time_cost_usd, horizon, discount_rate)),
            "horizon_months": horizon, "complete": complete,
            "note": "" if complete else incomplete_saving_note(len(base.unpriced), len(after.unpriced)),
        })
    result.recommendations = recommendations(analysis)
    return result
