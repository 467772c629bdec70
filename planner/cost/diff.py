"""Per-resource monthly cost difference between two estimates (from blueprints or saved JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.cost.estimate import estimate
from planner.errors import InvalidInput
from planner.money import cents
from planner.pipeline import analyze


def load_estimate(path: str) -> dict[str, Any]:
    """An estimate dict from a blueprint (.yaml/.yml) or a saved ``planner estimate --format json``."""
    if Path(path).suffix.lower() == ".json":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InvalidInput(f"{path}: not a readable estimate JSON ({exc})") from exc
        if not isinstance(data, dict) or "resources" not in data or "total_monthly_usd" not in data:
            raise InvalidInput(f"{path}: not an estimate (expected the output of planner estimate --format json)")
        return data
    return estimate(analyze(path)).to_dict()


def diff_estimates(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    before = {r["address"]: r["monthly_usd"] for r in old["resources"]}
    after = {r["address"]: r["monthly_usd"] for r in new["resources"]}
    rows = []
    for address in sorted(set(before) | set(after)):
        a, b = before.get(address), after.get(address)
        if a == b:
            continue
        status = "added" if a is None else "removed" if b is None else "changed"
        rows.append({"address": address, "status": status, "old_monthly_usd": a, "new_monthly_usd": b,
                     "delta_monthly_usd": cents((b or 0.0) - (a or 0.0))})
    old_unpriced = {(u["address"], u["key"]) for u in old.get("unpriced", [])}
    new_unpriced = [u for u in new.get("unpriced", []) if (u["address"], u["key"]) not in old_unpriced]
    return {"old_total_monthly_usd": old["total_monthly_usd"], "new_total_monthly_usd": new["total_monthly_usd"],
            "delta_monthly_usd": cents(new["total_monthly_usd"] - old["total_monthly_usd"]), "resources": rows,
            "newly_unpriced": new_unpriced}
