"""Per-resource monthly cost difference between two estimates (the CLI reads them from blueprints or
saved JSON; this module only compares)."""

from __future__ import annotations

from typing import Any

from planner.cost.completeness import addresses, is_complete
from planner.money import cents


def _unpriced(est: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"address": u["address"], "name": u["name"], "key": u.get("key", ""), "reason": u.get("reason", "")}
            for u in est.get("unpriced") or []]


def diff_estimates(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Per-resource changes and the two totals. ``complete`` is False when either side leaves out an unpriced
    component: then the totals and their delta cover priced components only, and ``incomplete_resources``
    names the resources whose amounts miss something. A resource with no price on one side is ``unpriced``
    there (its delta unknown, None), never "added" or "removed"."""
    before = {r["address"]: r["monthly_usd"] for r in old["resources"]}
    after = {r["address"]: r["monthly_usd"] for r in new["resources"]}
    old_unpriced, new_unpriced = _unpriced(old), _unpriced(new)
    unpriced_before, unpriced_after = addresses(old_unpriced), addresses(new_unpriced)
    rows = []
    for address in sorted(set(before) | set(after)):
        a, b = before.get(address), after.get(address)
        if a == b:
            continue
        if (a is None and address in unpriced_before) or (b is None and address in unpriced_after):
            rows.append({"address": address, "status": "unpriced", "old_monthly_usd": a, "new_monthly_usd": b,
                         "delta_monthly_usd": None})
            continue
        status = "added" if a is None else "removed" if b is None else "changed"
        rows.append({"address": address, "status": status, "old_monthly_usd": a, "new_monthly_usd": b,
                     "delta_monthly_usd": cents((b or 0.0) - (a or 0.0))})
    old_keys = {(u["address"], u["key"]) for u in old_unpriced}
    newly_unpriced = [u for u in new.get("unpriced", []) if (u["address"], u["key"]) not in old_keys]
    old_complete, new_complete = is_complete(old), is_complete(new)
    return {"old_total_monthly_usd": old["total_monthly_usd"], "new_total_monthly_usd": new["total_monthly_usd"],
            "delta_monthly_usd": cents(new["total_monthly_usd"] - old["total_monthly_usd"]), "resources": rows,
            "newly_unpriced": newly_unpriced, "complete": old_complete and new_complete,
            "old_complete": old_complete, "new_complete": new_complete,
            "old_unpriced": old_unpriced, "new_unpriced": new_unpriced,
            "incomplete_resources": sorted(unpriced_before | unpriced_after)}
