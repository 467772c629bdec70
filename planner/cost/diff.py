"""Per-resource monthly cost difference between two estimates (the CLI reads them from blueprints or
saved JSON; this module only compares)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.cost.results import Estimate, Unpriced
from planner.money import cents


@dataclass(frozen=True, slots=True)
class ResourceChange:
    """One resource whose monthly cost differs: ``added``, ``removed``, ``changed`` or ``unpriced`` on one side
    (then its delta is unknown, None)."""

    address: str
    status: str
    old_monthly_usd: float | None
    new_monthly_usd: float | None
    delta_monthly_usd: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "status": self.status, "old_monthly_usd": self.old_monthly_usd,
                "new_monthly_usd": self.new_monthly_usd, "delta_monthly_usd": self.delta_monthly_usd}


@dataclass(frozen=True, slots=True)
class EstimateDiff:
    """Two estimates compared. ``complete`` is False when either side leaves out an unpriced component: then the
    totals and their delta cover priced components only, and ``incomplete_resources`` names the resources whose
    amounts miss something."""

    old_total_monthly_usd: float
    new_total_monthly_usd: float
    resources: tuple[ResourceChange, ...]
    old_unpriced: tuple[Unpriced, ...]
    new_unpriced: tuple[Unpriced, ...]

    @property
    def delta_monthly_usd(self) -> float:
        return cents(self.new_total_monthly_usd - self.old_total_monthly_usd)

    @property
    def old_complete(self) -> bool:
        return not self.old_unpriced

    @property
    def new_complete(self) -> bool:
        return not self.new_unpriced

    @property
    def complete(self) -> bool:
        return self.old_complete and self.new_complete

    @property
    def newly_unpriced(self) -> list[Unpriced]:
        old_keys = {(u.address, u.key) for u in self.old_unpriced}
        return [u for u in self.new_unpriced if (u.address, u.key) not in old_keys]

    @property
    def incomplete_resources(self) -> list[str]:
        return sorted({u.address for u in self.old_unpriced} | {u.address for u in self.new_unpriced})

    def to_dict(self) -> dict[str, Any]:
        def short(items: tuple[Unpriced, ...]) -> list[dict[str, Any]]:
            return [{"address": u.address, "name": u.name, "key": u.key, "reason": u.reason} for u in items]

        return {"old_total_monthly_usd": self.old_total_monthly_usd, "new_total_monthly_usd": self.new_total_monthly_usd,
                "delta_monthly_usd": self.delta_monthly_usd, "resources": [r.to_dict() for r in self.resources],
                "newly_unpriced": [u.to_dict() for u in self.newly_unpriced], "complete": self.complete,
                "old_complete": self.old_complete, "new_complete": self.new_complete,
                "old_unpriced": short(self.old_unpriced), "new_unpriced": short(self.new_unpriced),
                "incomplete_resources": self.incomplete_resources}


def diff_estimates(old: Estimate, new: Estimate) -> EstimateDiff:
    """Per-resource changes and the two totals. A resource with no price on one side is ``unpriced`` there (its
    delta unknown, None), never "added" or "removed"."""
    before = {r.address: r.monthly_usd for r in old.resources}
    after = {r.address: r.monthly_usd for r in new.resources}
    unpriced_before, unpriced_after = old.incomplete_addresses(), new.incomplete_addresses()
    rows = []
    for address in sorted(set(before) | set(after)):
        a, b = before.get(address), after.get(address)
        if a == b:
            continue
        if (a is None and address in unpriced_before) or (b is None and address in unpriced_after):
            rows.append(ResourceChange(address, "unpriced", a, b, None))
            continue
        status = "added" if a is None else "removed" if b is None else "changed"
        rows.append(ResourceChange(address, status, a, b, cents((b or 0.0) - (a or 0.0))))
    return EstimateDiff(cents(old.total_monthly_usd), cents(new.total_monthly_usd), tuple(rows), old.unpriced,
                        new.unpriced)
