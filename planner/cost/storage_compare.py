"""S3 storage classes against EBS volume types for the same data, side by side.

Costs come from the price snapshot; the qualitative columns (scope, durability, limits, how updates
work) from catalog facts (s3-storage-classes.csv, ebs-volume-types.csv) and the S3/EBS guides.
A class or type without a price in the region shows "—", never $0.
"""

from __future__ import annotations

from typing import Any

from planner import limits
from planner.cost.prices import price_table

S3_CLASSES = ["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"]
EBS_TYPES = ["gp3", "gp2", "io2", "io1", "st1", "sc1"]


def compare(size_gb: float, reads_gb_month: float, writes_k_month: float, region: str) -> list[dict[str, Any]]:
    table = price_table()
    here = table[(table.region == region) & (table.tier_from == 0) & table.service.isin(["s3", "ebs"])]
    price = {(r.service, r.key): float(r.usd) for r in here.itertuples()}
    classes = limits.s3_storage_classes()
    volumes = limits.ebs_volume_types()
    rows: list[dict[str, Any]] = []
    for cls in S3_CLASSES:
        storage = price.get(("s3", f"{cls}/storage"))
        retrieval = price.get(("s3", f"{cls}/retrieval"), 0.0 if cls in ("STANDARD", "INTELLIGENT_TIERING") else None)
        put = price.get(("s3", f"{cls}/put"))
        fact = classes.get(cls, {})
        rows.append({
            "option": f"S3 {cls}", "kind": "object storage",
            "storage_usd": None if storage is None else storage * size_gb,
            "retrieval_usd": None if retrieval is None else retrieval * reads_gb_month,
            "writes_usd": 0.0 if writes_k_month == 0 else None if put is None else put * writes_k_month,
            "scope": "one zone" if fact.get("availability_zones") == "1" else "region (3+ zones)",
            "durability": fact.get("durability", "—"), "min_storage_days": fact.get("min_storage_days", "—"),
            "max_size": "5 TB per object, unlimited objects",
            "updates": "whole-object rewrite", "attaches_to": "anything over HTTPS (no attachment)",
        })
    for vol in EBS_TYPES:
        storage = price.get(("ebs", f"{vol}/storage"))
        volume_fact = volumes.get(vol, {})
        high = volume_fact.get("max_size_gib")
        rows.append({
            "option": f"EBS {vol}", "kind": "block storage",
            "storage_usd": None if storage is None else storage * size_gb, "retrieval_usd": 0.0, "writes_usd": 0.0,
            "scope": "one zone (replicated inside it)", "durability": "99.8–99.9% (99.999% for io2)",
            "min_storage_days": "0", "max_size": f"{high:,.0f} GiB per volume" if isinstance(high, float) else "—",
            "updates": "block-level, in place", "attaches_to": "one EC2 instance in the same zone (io1/io2: Multi-Attach)",
        })
    for row in rows:
        parts = (row["storage_usd"], row["retrieval_usd"], row["writes_usd"])
        row["monthly_usd"] = None if any(p is None for p in parts) else sum(parts)  # type: ignore[arg-type]
    return rows
