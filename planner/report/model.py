"""The one report model: a versioned, JSON-ready dict every writer (HTML, Markdown, JSON) renders from.

Money appears twice: as a number (``*_usd``, rounded to cents) for scripts, and as the display string
(``$1,234.56``) that every writer prints verbatim, so the figures are identical across formats.
Built by a pure function of the stage results; nothing here reads the clock or the disk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from planner import __version__
from planner.cost.completeness import incomplete_note, subtotal_label, total_label
from planner.cost.results import PricedComponent, ResourceCost
from planner.cost.roi import Scenario
from planner.cost.s3sim import LifecycleMonth
from planner.money import cents, quantity, usd, usd_rate
from planner.pipeline import RunResult
from planner.review.model import PILLARS

SCHEMA = "planner.report/v1"
STATUS_ORDER = {"FAIL": 0, "SKIPPED": 1, "PASS": 2, "MANUAL": 3}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def _money(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    """Add the display string next to each ``<name>_usd`` number: ``monthly_usd`` -> ``monthly``."""
    out = dict(row)
    for key in keys:
        out[key.removesuffix("_usd")] = usd(row.get(key))
    return out


def short_source(source: str) -> str:
    """``repo:path`` and the data date of a price source, for tables; the full text stays in ``source``."""
    where = re.split(r" \(|; |@", source, maxsplit=1)[0]
    where = where if len(where) <= 90 else where[:89] + "…"
    read = re.search(r"\(read (\d{4}-\d{2}-\d{2})\)$", source)
    return f"{where} · {read.group(1)}" if read else where


def _component(c: PricedComponent) -> dict[str, Any]:
    return _money({"name": c.name, "quantity": c.quantity, "unit": c.unit, "unit_price_usd": c.unit_price_usd,
                   "monthly_usd": c.monthly_usd, "service": c.service, "source": c.price_source,
                   "source_short": short_source(c.price_source), "estimate": c.estimate,
                   "usage_based": c.usage_based, "quantity_text": quantity(c.quantity),
                   "unit_price": usd_rate(c.unit_price_usd)}, "monthly_usd")


def _resource(res: ResourceCost, complete: bool) -> dict[str, Any]:
    return _money({"address": res.address, "kind": res.kind, "monthly_usd": res.monthly_usd,
                   "components": [_component(c) for c in res.components], "complete": complete,
                   "monthly_label": subtotal_label(res.monthly_usd, complete)}, "monthly_usd")


def _lifecycle(months: Sequence[LifecycleMonth]) -> list[dict[str, Any]]:
    return [_money(m.to_dict(), "total_usd", "storage_usd", "transition_usd", "early_deletion_usd") for m in months]


def _cost(results: RunResult) -> dict[str, Any] | None:
    est = results.estimate
    if est is None:
        return None
    incomplete = est.incomplete_addresses()
    unpriced = len(est.unpriced)
    total = cents(est.total_monthly_usd)
    return {
        "total_monthly_usd": total, "total_monthly": usd(total),
        "complete": est.complete, "unpriced_count": unpriced,
        "total_monthly_label": total_label(total, unpriced),
        "incomplete_note": incomplete_note(unpriced) if unpriced else "",
        "currency": "USD",
        "by_service": [{**_money(s.to_dict(), "monthly_usd"), "monthly_label": subtotal_label(s.monthly_usd, s.complete)}
                       for s in est.by_service()],
        "resources": [_resource(r, r.address not in incomplete) for r in est.resources],
        "unpriced": [{"address": u.address, "name": u.name, "key": u.key, "reason": u.reason} for u in est.unpriced],
        "depends_on_usage": [{"address": d.address, "name": d.name, "unit": d.unit, "unit_price_usd": d.unit_price_usd,
                              "unit_price": usd_rate(d.unit_price_usd)} for d in est.depends_on_usage],
        "estimated_prices": [_money(e.to_dict(), "monthly_usd") for e in est.estimated_prices()],
        "assumptions": list(est.assumptions),
        "hours_note": est.assumptions[0] if est.assumptions else "",
        "lifecycle": {bucket: _lifecycle(months) for bucket, months in sorted(results.lifecycle.items())},
    }


def _scenario(s: Scenario) -> dict[str, Any]:
    row = _money(s.to_dict(), "monthly_usd", "monthly_savings_usd", "one_time_cost_usd", "npv_usd")
    row["savings_pct_text"] = "—" if s.savings_pct is None else f"{s.savings_pct:.1f}%"
    row["complete"] = s.complete
    row["monthly_label"] = subtotal_label(s.monthly_usd, s.complete)
    row["monthly_savings_label"] = subtotal_label(s.monthly_savings_usd, s.complete)
    row["payback"] = ("never" if s.monthly_savings_usd is not None and s.payback_months is None
                      else "—" if s.payback_months is None
                      else "immediate" if s.payback_months == 0 else f"{s.payback_months:.1f} months")
    return row


def _roi(results: RunResult) -> dict[str, Any] | None:
    roi = results.roi
    if roi is None:
        return None
    recs = []
    for r in roi.recommendations:
        row = _money(r.to_dict(), "monthly_savings_usd")
        row["savings_pct_text"] = f"{r.savings_pct:.1f}%"
        recs.append(row)
    baseline = cents(roi.baseline_monthly_usd)
    return {"baseline_monthly_usd": baseline, "baseline_monthly": usd(baseline),
            "baseline_complete": roi.baseline_complete,
            "baseline_monthly_label": total_label(baseline, roi.baseline_unpriced),
            "horizon_months": roi.horizon_months, "discount_rate": roi.discount_rate,
            "scenarios": [_scenario(s) for s in roi.scenarios], "recommendations": recs}


def _allocation(results: RunResult) -> list[dict[str, Any]]:
    """Per cluster: node cost, idle, each workload's share by its requests (desired and maximum), per namespace."""
    out = []
    for c in results.allocation:
        out.append({"cluster": c.cluster, "node_monthly": usd(c.node_monthly_usd), "idle_monthly": usd(c.idle_monthly_usd),
                    "node_monthly_usd": c.node_monthly_usd, "idle_monthly_usd": c.idle_monthly_usd,
                    "namespaces": [{"namespace": ns, "monthly": usd(now), "monthly_max": usd(top)}
                                   for ns, (now, top) in c.namespaces().items()],
                    "workloads": [{"namespace": w.namespace, "workload": w.workload,
                                   "requests": f"{w.cpu_millicores:.0f}m CPU, {w.memory_mib:.0f}Mi",
                                   "replicas": f"{w.desired}" + (f"-{w.maximum}" if w.maximum != w.desired else ""),
                                   "monthly_usd": w.monthly_usd, "monthly": usd(w.monthly_usd),
                                   "monthly_max_usd": w.monthly_max_usd, "monthly_max": usd(w.monthly_max_usd)}
                                  for w in c.workloads]})
    return out


def _review(results: RunResult) -> dict[str, Any] | None:
    if results.review is None:
        return None
    summary = results.review.summary()
    findings = results.review.findings
    by_pillar = []
    for pillar in PILLARS:
        items = sorted((f for f in findings if f.category == pillar),
                       key=lambda f: (STATUS_ORDER[f.status or "MANUAL"], f.code, f.resource or ""))
        by_pillar.append({"pillar": pillar, **summary[pillar], "findings": [f.review_dict() for f in items]})
    failures = sorted((f for f in findings if f.status == "FAIL"),
                      key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.resource or ""))
    return {"summary": summary, "by_pillar": by_pillar, "failures": [f.review_dict() for f in failures],
            "manual": sum(1 for f in findings if f.status == "MANUAL")}


def _dry_run(results: RunResult) -> dict[str, Any] | None:
    if results.dry_run is None:
        return None
    d = results.dry_run.to_dict()
    return {"ok": d["ok"], "backend": d["backend"], "resources": d["resources"], "findings": d["findings"],
            "not_rehearsed": d["not_rehearsed"], "teardown": d["teardown"], "steps": len(d["steps"]),
            "failed_steps": sum(1 for s in d["steps"] if not s["ok"])}


def _dry_run_label(results: RunResult) -> str:
    outcome = results.outcome("dry-run")
    if outcome.status != "ok" or results.dry_run is None:
        return outcome.status
    if not results.dry_run.ok:
        return "findings"
    return "clean"


def build_report(results: RunResult, files: list[dict[str, str]], today: date) -> dict[str, Any]:
    """The report model for one blueprint; ``files`` lists every file written beside it."""
    analysis = results.analysis
    bp = analysis.blueprint
    cost = _cost(results)
    review = _review(results)
    total = cost["total_monthly_usd"] if cost else None
    pillars = ([{"pillar": p["pillar"], "pass": p["pass"], "fail": p["fail"], "manual": p["manual"],
                 "skipped": p["skipped"], "score": p["score"]} for p in review["by_pillar"]] if review else [])
    warnings = [f for f in analysis.findings if f.severity == "warning"]
    return {
        "schema": SCHEMA,
        "planner_version": __version__,
        "generated_on": today.isoformat(),
        "blueprint": {"name": bp.name, "description": bp.description or "", "file": analysis.loaded.file,
                      "provider": bp.provider, "region": bp.region},
        "total_monthly_usd": total,
        "total_monthly": usd(total),
        # False when a component is unpriced (or there is no estimate): the total leaves something out.
        "complete": bool(cost and cost["complete"]),
        "total_monthly_label": cost["total_monthly_label"] if cost else usd(total),
        "summary": {
            "unpriced": len(cost["unpriced"]) if cost else 0,
            "review_failures": len(review["failures"]) if review else 0,
            "review_high": sum(1 for f in review["failures"] if f["severity"] == "high") if review else 0,
            "review_manual": review["manual"] if review else 0,
            "dry_run": _dry_run_label(results),
            "check_warnings": len(warnings),
            "pillars": pillars,
        },
        "stages": [{"name": o.name, "status": o.status, "reason": o.reason} for o in results.outcomes],
        "skipped_stages": [{"name": o.name, "reason": o.reason} for o in results.skipped],
        "checks": [{"severity": f.severity, "code": f.code, "message": f.render()} for f in analysis.findings],
        "network": analysis.plan.to_dict(),
        "cost": cost,
        "roi": _roi(results),
        "allocation": _allocation(results),
        "review": review,
        "dry_run": _dry_run(results),
        "manifests": {"files": sorted(results.manifests), "warnings": list(results.manifest_warnings)},
        "files": files,
    }
