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


@dataclass
class Month:
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


def simulate(bucket: Bucket, region: str, months: int, provider: str = "aws") -> list[Month]:
    """``months`` monthly figures for the bucket: S3 prices for AWS, Cloud Storage prices for GCP."""
    tiers = price_tiers("s3" if provider == "aws" else "gcs", region, provider)
    price = {key: rows[0][1] for key, rows in tiers.items()}  # first-tier unit prices
    min_days = {name: float(row.get("min_storage_days") or 0) for name, row in limits.s3_storage_classes().items()}
    objects_per_gb = (1024 * 1024 / bucket.average_object_kb) if bucket.average_object_kb else None
    cohorts = [(0, bucket.size_gb)] + [(m, bucket.monthly_growth_gb) for m in range(1, months)]
    out: list[Month] = []
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
                key = f"{after}/transition"
                if objects_per_gb is None or key not in price:
                    transition = None
                elif transition is not None:
                    transition += size * objects_per_gb / 1000 * price[key]
            left_on = min((float(r.after_days) for r in bucket.lifecycle if age_start < r.after_days <= age_end),
                          default=age_end)
            stayed = left_on - _entered_at(bucket, before)
            short = min_days.get(before, 0.0) - stayed
            if short > 0 and before != "STANDARD":
                key = f"{before}/storage"
                if key not in price:
                    early = None
                elif early is not None:
                    early += size * price[key] * short / DAYS_PER_MONTH
        storage: float | None = 0.0
        for cls, amount in gb.items():
            if f"{cls}/storage" not in price:
                storage = None
                break
            storage += tiered_cost(tiers[f"{cls}/storage"], amount)  # type: ignore[operator]
        out.append(Month(month + 1, dict(sorted(gb.items())), storage, transition, early))
    return out
