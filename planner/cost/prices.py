"""The shipped price snapshot (``catalog/prices/*.csv``, package data) overlaid by the user's refreshed
snapshots (``$XDG_DATA_HOME/planner/prices/refreshed``), every row with its source and date."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from planner.catalog import refreshed_prices_dir
from planner.datafiles import CATALOG_DIR
from planner.errors import EnvironmentProblem

COLUMNS = ["provider", "service", "region", "key", "unit", "usd", "tier_from", "source", "read_on", "estimate", "note"]


KEY = ["provider", "service", "region", "key", "tier_from"]


def load_price_table(folder: Path, refreshed: Path | None = None) -> pd.DataFrame:
    """``folder/*.csv`` (the shipped snapshot) overlaid by ``refreshed/*.csv`` (written by
    ``planner catalog refresh``; default ``folder/refreshed``): a refreshed row replaces the shipped
    row with the same key, and of two refreshed rows the one read last wins. Raises
    EnvironmentProblem when malformed or empty."""
    shipped = sorted(folder.glob("*.csv"))
    if not shipped:
        raise EnvironmentProblem(f"no price files in {folder}")
    overlay = refreshed if refreshed is not None else folder / "refreshed"
    frames = [_read(path) for path in [*shipped, *sorted(overlay.glob("*.csv"))]]
    table = pd.concat(frames, ignore_index=True)
    table["usd"] = pd.to_numeric(table["usd"])
    table["tier_from"] = pd.to_numeric(table["tier_from"]).astype(float)
    if len(frames) > len(shipped):
        table = table.drop_duplicates(subset=KEY, keep="last")
    return table.sort_values(["provider", "service", "region", "key", "tier_from"], ignore_index=True)


def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"key": str, "region": str, "note": str}, keep_default_na=False)
    if list(frame.columns) != COLUMNS:
        raise EnvironmentProblem(f"{path.name}: columns must be {','.join(COLUMNS)}")
    return frame


@cache
def price_table() -> pd.DataFrame:
    """All price rows, one frame (see :func:`load_price_table`): the shipped snapshot and the
    user's refreshed snapshots."""
    return load_price_table(CATALOG_DIR / "prices", refreshed_prices_dir())


@cache
def first_tier_prices() -> dict[tuple[str, str, str], float]:
    """(service, region, key) -> first-tier price: point lookups without scanning the frame each time."""
    table = price_table()
    first = table[table.tier_from == 0]
    return dict(zip(zip(first.service, first.region, first.key, strict=True), first.usd.astype(float), strict=True))


def unit_price(service: str, region: str, key: str) -> float | None:
    return first_tier_prices().get((service, region, key))


def hourly_price(provider: str, region: str, instance_type: str, pricing: str = "on-demand") -> float | None:
    return unit_price("ec2" if provider == "aws" else "gce", region, f"{instance_type}/{pricing}")


def tiered_cost(rows: list[tuple[float, float]], quantity: float) -> float:
    """Cost of ``quantity`` under ``(tier_from, unit price)`` rows sorted by ``tier_from`` (as
    :func:`price_tiers` returns them): each tier prices what falls in it."""
    total = 0.0
    for (start, usd), (end, _) in zip(rows, [*rows[1:], (float("inf"), 0.0)], strict=True):
        total += max(0.0, min(quantity, end) - start) * usd
    return total


@cache
def price_tiers(service: str, region: str, provider: str) -> dict[str, list[tuple[float, float]]]:
    """key -> sorted ``(tier_from, usd)`` rows of one service in one region (cached: callers only read it)."""
    table = price_table()
    rows = table[(table.provider == provider) & (table.service == service) & (table.region == region)]
    tiers: dict[str, list[tuple[float, float]]] = {}
    for key, start, usd in zip(rows.key, rows.tier_from, rows.usd, strict=True):
        tiers.setdefault(key, []).append((float(start), float(usd)))
    return {key: sorted(values) for key, values in tiers.items()}
