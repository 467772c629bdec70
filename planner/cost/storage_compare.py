"""S3 storage classes against EBS volume types for the same data, side by side.

Costs come from the price snapshot (storage through its tiers); the qualitative columns (scope,
durability, first-byte latency, limits, how updates work) from catalog facts (s3-storage-classes.csv,
ebs-volume-types.csv) and the S3/EBS guides. A class or type without a price in the region shows
"—", never $0. Charges that need an object count (Intelligent-Tiering monitoring, the minimum billable
object size) are priced when ``average_object_kb`` is given and named in ``note`` otherwise.
"""

from __future__ import annotations

import math
from typing import Any

from planner import limits
from planner.cost.prices import price_tiers, tiered_cost

S3_CLASSES = ["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"]
EBS_TYPES = ["gp3", "gp2", "io2", "io1", "st1", "sc1"]
KB_PER_GB = 1024 * 1024
IT_MONITORED_FROM_KB = 128  # S3 user guide: smaller objects stay in the frequent tier, unmonitored (see catalog note)


def compare(size_gb: float, reads_gb_month: float, writes_k_month: float, region: str,
            average_object_kb: float | None = None) -> list[dict[str, Any]]:
    return _s3_rows(size_gb, reads_gb_month, writes_k_month, region, average_object_kb) + _ebs_rows(size_gb, region)


def _s3_rows(size_gb: float, reads_gb_month: float, writes_k_month: float, region: str,
             average_object_kb: float | None) -> list[dict[str, Any]]:
    tiers = price_tiers("s3", region, "aws")
    classes = limits.s3_storage_classes()
    objects = size_gb * KB_PER_GB / average_object_kb if average_object_kb else None
    rows = []
    for cls in S3_CLASSES:
        fact = classes.get(cls, {})
        notes: list[str] = []
        billed_gb = size_gb
        minimum_kb = float(fact.get("min_billable_object_kb") or 0)
        if minimum_kb and (average_object_kb is None or average_object_kb < minimum_kb):
            notes.append(f"objects under {minimum_kb:.0f} KB are billed as {minimum_kb:.0f} KB")
            if average_object_kb is not None:
                billed_gb = size_gb * minimum_kb / average_object_kb
        storage = _tiered(tiers, f"{cls}/storage", billed_gb)
        if cls == "INTELLIGENT_TIERING":
            monitoring = _first(tiers, "INTELLIGENT_TIERING/monitoring")
            notes.append("priced in the frequent-access tier")
            if average_object_kb is not None and average_object_kb < IT_MONITORED_FROM_KB:
                notes.append(f"objects under {IT_MONITORED_FROM_KB} KB are not monitored (no fee, never tiered)")
            elif objects is not None and monitoring is not None and storage is not None:
                storage += objects / 1000 * monitoring
                notes.append(f"includes monitoring of {objects:,.0f} objects")
            elif monitoring is not None:
                notes.append(f"plus ${monitoring} per 1,000 objects monitored (give --average-object-kb)")
            else:
                storage = None
        retrieval = 0.0 if cls in ("STANDARD", "INTELLIGENT_TIERING") else _first(tiers, f"{cls}/retrieval")
        put = _first(tiers, f"{cls}/put")
        rows.append({
            "option": f"S3 {cls}", "kind": "object storage",
            "storage_usd": storage,
            "retrieval_usd": None if retrieval is None else retrieval * reads_gb_month,
            "writes_usd": 0.0 if writes_k_month == 0 else None if put is None else put * writes_k_month,
            "scope": "one zone" if fact.get("availability_zones") == "1" else "region (3+ zones)",
            "durability": fact.get("durability", "—"), "first_byte": fact.get("first_byte_latency", "—"),
            "min_storage_days": fact.get("min_storage_days", "—"),
            "max_size": "5 TB per object, unlimited objects",
            "updates": "whole-object rewrite", "attaches_to": "anything over HTTPS (no attachment)",
            "note": "; ".join(notes),
        })
    return _totals(rows)


def _ebs_rows(size_gb: float, region: str) -> list[dict[str, Any]]:
    tiers = price_tiers("ebs", region, "aws")
    volumes = limits.ebs_volume_types()
    rows = []
    for vol in EBS_TYPES:
        fact = volumes.get(vol, {})
        high = fact.get("max_size_gib")
        needed = math.ceil(size_gb / high) if isinstance(high, float) and high else 1
        note = f"needs {needed} volumes (at most {high:,.0f} GiB each)" if needed > 1 else ""
        rows.append({
            "option": f"EBS {vol}", "kind": "block storage",
            "storage_usd": _tiered(tiers, f"{vol}/storage", size_gb), "retrieval_usd": 0.0, "writes_usd": 0.0,
            "scope": "one zone (replicated inside it)",
            "durability": "99.999%" if vol == "io2" else "99.8–99.9%",
            "first_byte": "milliseconds (HDD)" if vol in ("st1", "sc1") else "sub-millisecond",
            "min_storage_days": "0", "max_size": f"{high:,.0f} GiB per volume" if isinstance(high, float) else "—",
            "updates": "block-level, in place",
            "attaches_to": "EC2 instances in the same zone (Multi-Attach)" if vol in ("io1", "io2")
            else "one EC2 instance in the same zone",
            "note": note,
        })
    return _totals(rows)


def _totals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        parts = (row["storage_usd"], row["retrieval_usd"], row["writes_usd"])
        row["monthly_usd"] = None if any(p is None for p in parts) else sum(parts)
    return rows


def _tiered(tiers: dict[str, list[tuple[float, float]]], key: str, quantity: float) -> float | None:
    return tiered_cost(tiers[key], quantity) if key in tiers else None


def _first(tiers: dict[str, list[tuple[float, float]]], key: str) -> float | None:
    return tiers[key][0][1] if key in tiers else None
