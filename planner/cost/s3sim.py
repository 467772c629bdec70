"""Month-by-month S3 lifecycle simulation: which share of a bucket sits in which class.

Data is tracked in monthly cohorts: the declared ``size_gb`` is one cohort written in month 0 (we
cannot know its real age, so it is assumed new), and ``monthly_growth_gb`` adds a cohort each month.
A cohort's class follows the lifecycle rules by age; expired cohorts leave. Storage is priced per
class from the catalog; a class the catalog does not price makes that month's figure unknown (None),
never a smaller number. Transition request charges need an object count, so they are only priced
when ``average_object_kb`` is given. Leaving a class before its minimum storage duration is charged
for the remaining days (early deletion).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner import limits
from planner.blueprint.schema import Bucket
from planner.cost.prices import price_tiers, tiered_cost
from planner.money import cents

DAYS_PER_MONTH = 365 / 12


@dataclass(frozen=True, slots=True)
class LifecycleMonth:
    """One simulated month of a bucket: GB per storage class and the month's charges (None: unknown)."""

    month: int
    gb_by_class: dict[str, float]
    storage_usd: float | None
    transition_usd: float | None
    early_deletion_usd: float | None

    @property
    def total_usd(self) -> float | None:
        """Storage + early deletion + transitions where known; None when storage itself is unpriced.

        An unknown transition charge (no object count) is reported as such in ``transition_usd``
        and left out of the total, like any other "depends on usage" charge.
        """
        if self.storage_usd is None or self.early_deletion_usd is None:
            return None
        return self.storage_usd + self.early_deletion_usd + (self.transition_usd or 0.0)

    def to_dict(self) -> dict[str, Any]:
        """The JSON view (``estimate --months N``), amounts rounded to cents."""
        return {"month": self.month, "gb_by_class": {k: round(v, 3) for k, v in self.gb_by_class.items()},
                "storage_usd": None if self.storage_usd is None else cents(self.storage_usd),
                "transition_usd": None if self.transition_usd is None else cents(self.transition_usd),
                "early_deletion_usd": None if self.early_deletion_usd is None else cents(self.early_deletion_usd),
                "total_usd": None if self.total_usd is None else cents(self.total_usd)}


def _class_at(bucket: Bucket, age_days: float) -> str | None:
    """The class a cohort of this age sits in; None once expired."""
    current: str | None = bucket.storage_class
    for rule in sorted(bucket.lifecycle, key=lambda r: r.after_days):
        if age_days >= rule.after_days:
            current = None if rule.expire else rule.storage_class
    return current


def _entered_at(bucket: Bucket, cls: str) -> float:
    days = [r.after_days for r in bucket.lifecycle if r.storage_class == cls]
    return float(days[0]) if days else 0.0


def simulate(bucket: Bucket, region: str, months: int, provider: str = "aws") -> list[LifecycleMonth]:
    """``months`` monthly figures for the bucket: S3 prices for AWS, Cloud Storage prices for GCP."""
    tiers = price_tiers("s3" if provider == "aws" else "gcs", region, provider)
    price = {key: rows[0][1] for key, rows in tiers.items()}  # first-tier unit prices
    min_days = {name: float(row.get("min_storage_days") or 0) for name, row in limits.s3_storage_classes().items()}
    objects_per_gb = (1024 * 1024 / bucket.average_object_kb) if bucket.average_object_kb else None
    cohorts = [(0, bucket.size_gb)] + [(m, bucket.monthly_growth_gb) for m in range(1, months)]
    out: list[LifecycleMonth] = []
    for month in range(months):
        gb: dict[str, float] = {}
        transition: float | None = 0.0
        early: float | None = 0.0
        for born, size in cohorts:
            if born > month or size <= 0:
                continue
            age_end = (month - born + 1) * DAYS_PER_MONTH
            age_start = (month - born) * DAYS_PER_MONTH
            before, after = _class_at(bucket, age_start), _class_at(bucket, age_end)
            during = _class_at(bucket, (age_start + age_end) / 2)  # where the data spends most of the month
            if during is not None:
                gb[during] = gb.get(during, 0.0) + size
            if before == after or before is None:
                continue
            if after is not None:
                transition = _plus(transition, _transition_usd(price, after, size, objects_per_gb))
            short = min_days.get(before, 0.0) - _days_stayed(bucket, before, age_start, age_end)
            if short > 0 and before != "STANDARD":
                early = _plus(early, _early_deletion_usd(price, before, size, short))
        out.append(LifecycleMonth(month + 1, dict(sorted(gb.items())), _storage_usd(tiers, gb), transition, early))
    return out


def _plus(total: float | None, amount: float | None) -> float | None:
    """A running charge plus one more part; unknown (None) once either is unknown."""
    if total is None or amount is None:
        return None
    return total + amount


def _transition_usd(price: dict[str, float], after: str, size: float, objects_per_gb: float | None) -> float | None:
    """The request charge for moving ``size`` GB into ``after``; None without an object count or a price."""
    key = f"{after}/transition"
    if objects_per_gb is None or key not in price:
        return None
    return size * objects_per_gb / 1000 * price[key]


def _days_stayed(bucket: Bucket, before: str, age_start: float, age_end: float) -> float:
    """Days a cohort spent in ``before`` when a rule moved it out during this month (age_start, age_end]."""
    left_on = min((float(r.after_days) for r in bucket.lifecycle if age_start < r.after_days <= age_end),
                  default=age_end)
    return left_on - _entered_at(bucket, before)


def _early_deletion_usd(price: dict[str, float], before: str, size: float, short: float) -> float | None:
    """The charge for the ``short`` days left of ``before``'s minimum storage duration; None without a price."""
    key = f"{before}/storage"
    if key not in price:
        return None
    return size * price[key] * short / DAYS_PER_MONTH


def _storage_usd(tiers: dict[str, list[tuple[float, float]]], gb: dict[str, float]) -> float | None:
    """The month's storage charge over every class; None as soon as one class has no price."""
    storage = 0.0
    for cls, amount in gb.items():
        if f"{cls}/storage" not in tiers:
            return None
        storage += tiered_cost(tiers[f"{cls}/storage"], amount)
    return storage
