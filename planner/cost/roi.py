"""ROI: apply each scenario to a copy of the blueprint, re-estimate, and compare.

A scenario path reads ``KIND.NAME.FIELD`` (``instances.web.type``) or, for node groups,
``clusters.NAME.node_groups.NAME.FIELD``. A bad path is invalid input located at the scenario's line.
Recommendations come from ``recommend.py``: cheaper equivalents the catalog prices on both sides.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.blueprint.loader import LoadedBlueprint, validate_document
from planner.blueprint.yamlsource import SourceDocument
from planner.cost.completeness import INCOMPLETE, components
from planner.cost.estimate import Estimate, estimate
from planner.cost.recommend import recommendations
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.money import cents
from planner.pipeline import Analysis, analyze_loaded


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


def apply_changes(loaded: LoadedBlueprint, changes: dict[str, Any], where: tuple[str | int, ...]) -> LoadedBlueprint:
    """A re-validated copy of the blueprint with ``changes`` applied; InvalidInput names bad paths.

    Copy on write: only the mappings and lists on each changed path are copied, the rest is shared with
    the original (nothing here or in validation mutates it), so a scenario costs O(path), not O(blueprint)."""
    data = dict(loaded.source.data)
    problems: list[Finding] = []
    for path, value in changes.items():
        error = _set(data, path.split("."), value)
        if error:
            problems.append(loaded.finding("scenario", "error", f"scenario path {path!r}: {error[0]}",
                                           (*where, path), error[1]))
    if problems:
        raise InvalidInput(f"{loaded.file}: bad scenario path", problems)
    try:
        return validate_document(SourceDocument(data, loaded.file, loaded.source.lines))
    except InvalidInput as exc:
        problems = [loaded.finding("scenario", "error", f"the scenario makes the blueprint invalid: {p.where}: "
                                   f"{p.message}", where, p.fix) for p in exc.problems]
        raise InvalidInput(f"{loaded.file}: invalid scenario", problems) from None


def _set(data: Any, parts: list[str], value: Any) -> tuple[str, str] | None:
    node = data
    while len(parts) > 1:
        section, parts = parts[0], parts[1:]
        items = node.get(section) if isinstance(node, dict) else None
        if not isinstance(items, list):
            options = [k for k, v in node.items() if isinstance(v, list)] if isinstance(node, dict) else []
            close = difflib.get_close_matches(section, options, n=1)
            return (f"no list {section!r} here", f"did you mean {close[0]!r}?" if close else f"use one of {options}")
        if len(parts) < 2:
            return ("a path is KIND.NAME.FIELD", "e.g. instances.web.type")
        name, parts = parts[0], parts[1:]
        index = next((n for n, i in enumerate(items) if isinstance(i, dict) and i.get("name") == name), None)
        if index is None:
            names = [str(i.get("name")) for i in items if isinstance(i, dict)]
            close = difflib.get_close_matches(name, names, n=1)
            return (f"no {section} named {name!r}", f"did you mean {close[0]!r}?" if close else f"have: {names}")
        items = node[section] = list(items)
        node = items[index] = dict(items[index])
    node[parts[0]] = value
    return None


def run_roi(analysis: Analysis, horizon: int = 36, discount_rate: float = 0.0, today: date | None = None,
            baseline: Estimate | None = None) -> RoiResult:
    """``baseline``: the blueprint's own estimate when the caller has it already (the report does)."""
    base = baseline or estimate(analysis, today)
    result = RoiResult(base.total_monthly_usd, horizon, discount_rate, baseline_unpriced=len(base.unpriced))
    for i, scenario in enumerate(analysis.blueprint.scenarios):
        changed = analyze_loaded(apply_changes(analysis.loaded, scenario.set, ("scenarios", i, "set")))
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
