"""ROI: apply each scenario to a copy of the blueprint, re-estimate, and compare.

A scenario path reads ``KIND.NAME.FIELD`` (``instances.web.type``) or, for node groups,
``clusters.NAME.node_groups.NAME.FIELD``. A bad path is invalid input located at the scenario's line.
Recommendations are found by the same re-pricing: a cheaper equivalent that the catalog prices.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.blueprint.loader import LoadedBlueprint, validate_document
from planner.blueprint.schema import Blueprint
from planner.blueprint.yamlsource import SourceDocument
from planner.catalog import aws_instance_specs, parse_instance_type
from planner.cost.estimate import Estimate, estimate
from planner.cost.prices import hourly_price, unit_price
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.money import cents
from planner.pipeline import Analysis, analyze_loaded

NEWER_GENERATION = {"t2": "t3", "m4": "m5", "c4": "c5", "r4": "r5", "m5": "m6i", "c5": "c6i", "r5": "r6i"}
GRAVITON = {"t3": "t4g", "m5": "m6g", "m6i": "m7g", "c5": "c6g", "c6i": "c7g", "r5": "r6g", "r6i": "r7g"}


@dataclass
class RoiResult:
    baseline_monthly_usd: float
    horizon_months: int
    discount_rate: float
    scenarios: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"baseline_monthly_usd": cents(self.baseline_monthly_usd), "horizon_months": self.horizon_months,
                "discount_rate": self.discount_rate, "scenarios": self.scenarios,
                "recommendations": self.recommendations}


def npv(monthly_savings: float, one_time: float, months: int, annual_rate: float) -> float:
    """Net present value of a monthly saving over ``months``, minus the one-time cost paid now."""
    rate = annual_rate / 12
    factor = months if rate == 0 else (1 - (1 + rate) ** -months) / rate
    return monthly_savings * factor - one_time


def apply_changes(loaded: LoadedBlueprint, changes: dict[str, Any], where: tuple[str | int, ...]) -> LoadedBlueprint:
    """A re-validated copy of the blueprint with ``changes`` applied; InvalidInput names bad paths."""
    data = copy.deepcopy(loaded.source.data)
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
        match = next((i for i in items if isinstance(i, dict) and i.get("name") == name), None)
        if match is None:
            names = [str(i.get("name")) for i in items if isinstance(i, dict)]
            close = difflib.get_close_matches(name, names, n=1)
            return (f"no {section} named {name!r}", f"did you mean {close[0]!r}?" if close else f"have: {names}")
        node = match
    node[parts[0]] = value
    return None


def run_roi(analysis: Analysis, horizon: int = 36, discount_rate: float = 0.0, today: date | None = None,
            baseline: Estimate | None = None) -> RoiResult:
    """``baseline``: the blueprint's own estimate when the caller has it already (the report does)."""
    base = baseline or estimate(analysis, today)
    result = RoiResult(base.total_monthly_usd, horizon, discount_rate)
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
                "horizon_months": horizon, "note": "cannot compare: no price for " + ", ".join(missing)})
            continue
        savings = base.total_monthly_usd - after.total_monthly_usd
        result.scenarios.append({
            "name": scenario.name, "monthly_usd": cents(after.total_monthly_usd),
            "monthly_savings_usd": cents(savings),
            "savings_pct": round(savings / base.total_monthly_usd * 100, 2) if base.total_monthly_usd else None,
            "one_time_cost_usd": cents(scenario.one_time_cost_usd),
            "payback_months": round(scenario.one_time_cost_usd / savings, 1) if savings > 0 else None,
            "npv_usd": cents(npv(savings, scenario.one_time_cost_usd, horizon, discount_rate)),
            "horizon_months": horizon, "note": "",
        })
    result.recommendations = recommendations(analysis)
    return result


def recommendations(analysis: Analysis) -> list[dict[str, Any]]:
    """Same-size swaps the catalog prices cheaper: newer generation, Graviton, commitments, gp3."""
    bp = analysis.blueprint
    if bp.provider != "aws":
        return []
    specs = aws_instance_specs()
    out: list[dict[str, Any]] = []
    for inst in bp.instances:
        hours = inst.count * inst.hours_per_month
        current = hourly_price("aws", bp.region, inst.type, inst.pricing)
        if current is None:
            continue
        family, _, _ = parse_instance_type(inst.type)
        size = inst.type.split(".", 1)[1]
        for table, reason in ((NEWER_GENERATION, "newer generation of the same size"),
                              (GRAVITON, "Graviton (arm64) of the same size: check the image supports arm64")):
            target = f"{table[family]}.{size}" if family in table else None
            if target and target in specs:
                price = hourly_price("aws", bp.region, target, inst.pricing)
                if price is not None and price < current:
                    out.append(_rec(f"instances.{inst.name}", inst.type, target, (current - price) * hours,
                                    current * hours, reason))
        if inst.pricing == "on-demand" and inst.hours_per_month >= 730:
            for term in ("reserved-1y", "reserved-3y"):
                price = hourly_price("aws", bp.region, inst.type, term)
                if price is not None and price < current:
                    out.append(_rec(f"instances.{inst.name}", "on-demand", term, (current - price) * hours,
                                    current * hours, "runs all month: a standard commitment (no upfront) is cheaper"))
        for vol in ([inst.root_volume] if inst.root_volume else []) + list(inst.volumes):
            if vol.type == "gp2":
                gp2 = _storage_price(bp.region, "gp2")
                gp3 = _storage_price(bp.region, "gp3")
                if gp2 is not None and gp3 is not None and gp3 < gp2:
                    out.append(_rec(f"instances.{inst.name}", f"gp2 {vol.size_gb} GB", f"gp3 {vol.size_gb} GB",
                                    (gp2 - gp3) * vol.size_gb * inst.count, gp2 * vol.size_gb * inst.count,
                                    "gp3 costs less per GB and gives 3,000 IOPS at any size"))
    out += _database_commitments(bp)
    return sorted(out, key=lambda r: (-r["monthly_savings_usd"], r["resource"], r["proposed"]))


def _database_commitments(bp: Blueprint) -> list[dict[str, Any]]:
    """RDS reservations for databases that run all month (primary and replicas of the same class)."""
    out = []
    for db in bp.databases:
        if db.pricing != "on-demand" or db.hours_per_month < 730:
            continue
        deployment = "multi-az" if db.multi_az else "single-az"
        parts = [(deployment, 1), ("single-az", db.read_replicas)]
        for term, how in (("reserved-1y", "1 year, no upfront"), ("reserved-3y", "3 years, partial upfront amortised")):
            now = later = 0.0
            for dep, n in parts:
                if not n:
                    continue
                od = unit_price("rds", bp.region, f"{db.engine}/{db.instance_class}/{dep}")
                ri = unit_price("rds", bp.region, f"{db.engine}/{db.instance_class}/{dep}/{term}")
                if od is None or ri is None:
                    break
                now += od * n * db.hours_per_month
                later += ri * n * db.hours_per_month
            else:
                if later < now:
                    out.append(_rec(f"databases.{db.name}", "on-demand", term, now - later, now,
                                    f"runs all month: an RDS reservation ({how}) is cheaper"))
    return out


def _storage_price(region: str, volume_type: str) -> float | None:
    return unit_price("ebs", region, f"{volume_type}/storage")


def _rec(resource: str, current: str, proposed: str, savings: float, before: float, reason: str) -> dict[str, Any]:
    return {"resource": resource, "current": current, "proposed": proposed, "monthly_savings_usd": cents(savings),
            "savings_pct": round(savings / before * 100, 2) if before else None, "reason": reason}
