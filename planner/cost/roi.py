"""ROI: apply each scenario to a copy of the blueprint, re-estimate, and compare.

How a scenario changes the blueprint, and how it is validated, is :mod:`planner.scenarios`.
Recommendations come from ``recommend.py``: cheaper equivalents the catalog prices on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.analysis import Analysis
from planner.cost.completeness import INCOMPLETE, components
from planner.cost.estimate import Estimate, estimate
from planner.cost.recommend import Recommendation, recommendations
from planner.money import cents
from planner.scenarios import apply_changes, scenario_analysis

__all__ = ["Recommendation", "RoiResult", "Scenario", "apply_changes", "incomplete_saving_note", "npv", "run_roi"]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One scenario of the blueprint re-estimated: its monthly total and saving (None: cannot compare), payback
    and NPV over the horizon; ``note`` says why a figure is missing or incomplete."""

    name: str
    monthly_usd: float | None
    monthly_savings_usd: float | None
    savings_pct: float | None
    one_time_cost_usd: float
    payback_months: float | None
    npv_usd: float | None
    horizon_months: int
    complete: bool
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "monthly_usd": self.monthly_usd, "monthly_savings_usd": self.monthly_savings_usd,
                "savings_pct": self.savings_pct, "one_time_cost_usd": self.one_time_cost_usd,
                "payback_months": self.payback_months, "npv_usd": self.npv_usd, "horizon_months": self.horizon_months,
                "complete": self.complete, "note": self.note}


@dataclass(frozen=True, slots=True)
class RoiResult:
    """The baseline, every scenario compared with it, and the recommendations."""

    baseline_monthly_usd: float
    horizon_months: int
    discount_rate: float
    scenarios: tuple[Scenario, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    baseline_unpriced: int = 0  # components the baseline total leaves out; 0 = complete

    @property
    def baseline_complete(self) -> bool:
        return self.baseline_unpriced == 0

    def to_dict(self) -> dict[str, Any]:
        return {"baseline_monthly_usd": cents(self.baseline_monthly_usd), "horizon_months": self.horizon_months,
                "discount_rate": self.discount_rate, "scenarios": [s.to_dict() for s in self.scenarios],
                "recommendations": [r.to_dict() for r in self.recommendations],
                "baseline_complete": self.baseline_complete, "baseline_unpriced": self.baseline_unpriced}


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
    scenarios = tuple(_scenario(analysis, i, base, horizon, discount_rate, today)
                      for i in range(len(analysis.blueprint.scenarios)))
    return RoiResult(base.total_monthly_usd, horizon, discount_rate, scenarios,
                     tuple(recommendations(analysis, today, base)), baseline_unpriced=len(base.unpriced))


def _scenario(analysis: Analysis, index: int, base: Estimate, horizon: int, discount_rate: float,
              today: date | None) -> Scenario:
    """Scenario ``index`` re-estimated and compared with ``base``."""
    scenario = analysis.blueprint.scenarios[index]
    after = estimate(Analysis(*scenario_analysis(analysis.loaded, index)), today)
    before_keys = {(u.address, u.key) for u in base.unpriced}
    missing = sorted(f"{u.address} ({u.key})" for u in after.unpriced if (u.address, u.key) not in before_keys)
    one_time = cents(scenario.one_time_cost_usd)
    if missing:
        # A price the catalog lacks would silently drop out of the total and read as a saving.
        return Scenario(scenario.name, None, None, None, one_time, None, None, horizon, False,
                        "cannot compare: no price for " + ", ".join(missing))
    savings = base.total_monthly_usd - after.total_monthly_usd
    # Both totals leave out what neither side can price: the saving covers the priced part only.
    complete = base.complete and after.complete
    return Scenario(
        scenario.name, cents(after.total_monthly_usd), cents(savings),
        round(savings / base.total_monthly_usd * 100, 2) if base.total_monthly_usd else None, one_time,
        round(scenario.one_time_cost_usd / savings, 1) if savings > 0 else None,
        cents(npv(savings, scenario.one_time_cost_usd, horizon, discount_rate)), horizon, complete,
        "" if complete else incomplete_saving_note(len(base.unpriced), len(after.unpriced)))
