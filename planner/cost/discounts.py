"""Usage discounts that follow from how long a machine runs, not from a price row.

Compute Engine's sustained-use discount: each share of the month an N1/N2/N2D/C2 machine runs is
billed at a lower rate of its on-demand price (for N1: the first quarter at 100%, then 80%, 60%, 40%;
a machine that runs all month pays 70%). E2 and newer families get none. The rates are catalog facts
(``catalog/gcp-sustained-use.csv``); this module only turns hours into discounted hours.
"""

from __future__ import annotations

from planner.catalog import gce_sustained_use_tiers
from planner.facts import HOURS_PER_MONTH


def sustained_use_family(machine_type: str) -> str | None:
    """``n2-standard-4`` -> ``n2`` when Google gives that family a sustained-use discount."""
    family = machine_type.split("-", 1)[0]
    return family if family in gce_sustained_use_tiers() else None


def sustained_use_discount_hours(machine_type: str, hours: float) -> float:
    """On-demand hours Google takes off one machine that runs ``hours`` in a month (0 without a discount).

    The share of the month is ``hours / 730`` capped at 1, so a full 744-hour month earns the full-month
    rate on every hour, as Google's per-month calculation does."""
    family = sustained_use_family(machine_type)
    if family is None or hours <= 0:
        return 0.0
    share = min(hours / HOURS_PER_MONTH, 1.0)
    paid_share = sum(rate * max(0.0, min(share, to) - start) for start, to, rate in gce_sustained_use_tiers()[family])
    return hours * (1.0 - paid_share / share)
