"""S3 storage classes against EBS volume types for the same data, side by side.

Costs come from the price snapshot (storage through its tiers); the qualitative columns (scope,
durability, first-byte latency, limits, how updates work) from catalog facts (s3-storage-classes.csv,
ebs-volume-types.csv) and the S3/EBS guides. A class or type without a price in the region shows
"—", never $0. Charges that need an object count (Intelligent-Tiering monitoring, the minimum billable
object size) are priced when ``average_object_kb`` is given and named in ``note`` otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from planner import limits
from planner.cost.prices import price_tiers, tiered_cost

S3_CLASSES = ["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"]
EBS_TYPES = ["gp3", "gp2", "io2", "io1", "st1", "sc1"]
KB_PER_GB = 1024 * 1024
IT_MONITORED_FROM_KB = 128  # S3 user guide: smaller objects stay in the frequent tier, unmonitored (see catalog note)


@dataclass(frozen=True, slots=True)
class StorageOption:
    """One S3 class or EBS volume type for the data: its monthly charges (None: no price) and its qualities."""

    option: str
    kind: str
    storage_usd: float | None
    retrieval_usd: float | None
    writes_usd: float | None
    scope: str
    durability: str
    first_byte: str
    min_storage_days: str
    max_size: str
    updates: str
    attaches_to: str
    note: str

    @property
    def monthly_usd(self) -> float | None:
        """Storage + retrieval + writes; None when any of them has no price."""
        parts = (self.storage_usd, self.retrieval_usd, self.writes_usd)
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)

    def to_dict(self) -> dict[str, Any]:
        return {"option": self.option, "kind": self.kind, "storage_usd": self.storage_usd,
                "retrieval_usd": self.retrieval_usd, "writes_usd": self.writes_usd, "scope": self.scope,
                "durability": self.durability, "first_byte": self.first_byte,
                "min_storage_days": self.min_storage_days, "max_size": self.max_size, "updates": self.updates,
                "attaches_to": self.attaches_to, "note": self.note, "monthly_usd": self.monthly_usd}


def compare(size_gb: float, reads_gb_month: float, writes_k_month: float, region: str,
            average_object_kb: float | None = None) -> list[StorageOption]:
    return _s3_rows(size_gb, reads_gb_month, writes_k_month, region, average_object_kb) + _ebs_rows(size_gb, region)


Tiers = dict[str, list[tuple[float, float]]]


def _s3_rows(size_gb: float, reads_gb_month: float, writes_k_month: float, region: str,
             average_object_kb: float | None) -> list[StorageOption]:
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
            storage = _with_monitoring(tiers, storage, objects, average_object_kb, notes)
        retrieval = 0.0 if cls in ("STANDARD", "INTELLIGENT_TIERING") else _first(tiers, f"{cls}/retrieval")
        put = _first(tiers, f"{cls}/put")
        rows.append(StorageOption(
            f"S3 {cls}", "object storage", storage,
            None if retrieval is None else retrieval * reads_gb_month,
            0.0 if writes_k_month == 0 else None if put is None else put * writes_k_month,
            "one zone" if fact.get("availability_zones") == "1" else "region (3+ zones)",
            fact.get("durability", "—"), fact.get("first_byte_latency", "—"), fact.get("min_storage_days", "—"),
            "5 TB per object, unlimited objects", "whole-object rewrite", "anything over HTTPS (no attachment)",
            "; ".join(notes)))
    return rows


def _with_monitoring(tiers: Tiers, storage: float | None, objects: float | None, average_object_kb: float | None,
                     notes: list[str]) -> float | None:
    """Intelligent-Tiering storage plus its monitoring fee when the object count is known (``notes`` say how)."""
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
    return storage


def _ebs_rows(size_gb: float, region: str) -> list[StorageOption]:
    tiers = price_tiers("ebs", region, "aws")
    volumes = limits.ebs_volume_types()
    rows = []
    for vol in EBS_TYPES:
        fact = volumes.get(vol, {})
        high = fact.get("max_size_gib")
        needed = math.ceil(size_gb / high) if isinstance(high, float) and high else 1
        note = f"needs {needed} volumes (at most {high:,.0f} GiB each)" if needed > 1 else ""
        rows.append(StorageOption(
            f"EBS {vol}", "block storage", _tiered(tiers, f"{vol}/storage", size_gb), 0.0, 0.0,
            "one zone (replicated inside it)", "99.999%" if vol == "io2" else "99.8–99.9%",
            "milliseconds (HDD)" if vol in ("st1", "sc1") else "sub-millisecond", "0",
            f"{high:,.0f} GiB per volume" if isinstance(high, float) else "—", "block-level, in place",
            "EC2 instances in the same zone (Multi-Attach)" if vol in ("io1", "io2")
            else "one EC2 instance in the same zone",
            note))
    return rows


def _tiered(tiers: Tiers, key: str, quantity: float) -> float | None:
    return tiered_cost(tiers[key], quantity) if key in tiers else None


def _first(tiers: Tiers, key: str) -> float | None:
    return tiers[key][0][1] if key in tiers else None
