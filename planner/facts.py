"""Domain facts every stage shares, in one place: billing conventions and planner's thresholds here,
instance-family relations as catalog data with sources (``catalog/instance-families.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from planner.datafiles import CATALOG_DIR

HOURS_PER_MONTH = 730.0
"""Hours in a billing month as AWS and GCP price calculators count them (8,760 / 12)."""
COMMITMENT_TERM_HOURS = {"1-year": 8760, "3-year": 26280}
"""Hours of a commitment term (365 and 3 x 365 days)."""
LARGE_BUCKET_GB = 1000
"""A Standard bucket this large, now or within LOOKAHEAD_MONTHS, deserves lifecycle rules (planner's threshold)."""
LOOKAHEAD_MONTHS = 12
"""How far ahead bucket growth is projected for the lifecycle advice (planner's threshold)."""
REPORT_SIMULATION_MONTHS = 24
"""Months of the report's month-by-month S3 lifecycle simulation."""
def outgrows_standard_storage(size_gb: float, monthly_growth_gb: float | None) -> bool:
    """A Standard bucket of this size, now or LOOKAHEAD_MONTHS from now, deserves lifecycle rules."""
    return size_gb + LOOKAHEAD_MONTHS * (monthly_growth_gb or 0) >= LARGE_BUCKET_GB


# Where Google Cloud load balancers' health checks and proxies (GFEs) connect from: they must stay allowed
# to reach the backends of a GKE Ingress (Cloud Load Balancing "Health checks overview", probe IP ranges;
# read 2026-12-04).
GOOGLE_LB_SOURCE_RANGES = ("35.191.0.0/16", "130.211.0.0/22")
GKE_LABEL_KEY = "planner-blueprint"  # the label naming a GKE cluster's blueprint (GCP labels allow no "/" or ":")
GKE_DEFAULT_MAX_PODS = {"standard": 110, "autopilot": 32}
"""Pods per node GKE allows by default (GKE docs, "Configure maximum Pods per node"; Autopilot: 32)."""


@dataclass(frozen=True, slots=True)
class InstanceFamily:
    """What an EC2 family relates to: its newer generation, its Graviton equivalents (same sizes,
    preferred first), and whether planner treats it as previous generation."""

    family: str
    newer_generation: str | None
    graviton: tuple[str, ...]
    previous_generation: bool
    source: str


@cache
def instance_families() -> dict[str, InstanceFamily]:
    """``catalog/instance-families.csv`` by family."""
    with (CATALOG_DIR / "instance-families.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {r["family"]: InstanceFamily(r["family"], r["newer_generation"] or None, tuple(r["graviton"].split()),
                                        r["previous_generation"] == "yes", r["source"]) for r in rows}


def graviton_families() -> dict[str, tuple[str, ...]]:
    """x86 family -> its Graviton families of the same shape, preferred first."""
    return {f.family: f.graviton for f in instance_families().values() if f.graviton}


def newer_generations() -> dict[str, str]:
    """family -> the next generation of the same shape."""
    return {f.family: f.newer_generation for f in instance_families().values() if f.newer_generation}


def previous_generation_families() -> frozenset[str]:
    """Families the review counts as previous generation."""
    return frozenset(f.family for f in instance_families().values() if f.previous_generation)
