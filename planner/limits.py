"""Service limits read from ``catalog/`` (each file names its sources): EBS volume types, S3 storage
classes, RDS engines and instance classes, Kubernetes version calendars."""

from __future__ import annotations

import csv
from functools import cache

from planner.datafiles import CATALOG_DIR


def _rows(name: str) -> list[dict[str, str]]:
    path = CATALOG_DIR / name
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _num(value: str | None) -> float | None:
    if value is None or value.strip() == "":
        return None
    try:
        return float(value)
    except ValueError:
        return None


@cache
def ebs_volume_types() -> dict[str, dict[str, float | None | str]]:
    table: dict[str, dict[str, float | None | str]] = {}
    for row in _rows("ebs-volume-types.csv"):
        table[row["volume_type"]] = {k: (_num(v) if k not in ("volume_type", "bootable", "source", "read_on", "note")
                                         else v) for k, v in row.items()}
    return table


@cache
def s3_storage_classes() -> dict[str, dict[str, str]]:
    return {row["storage_class"]: row for row in _rows("s3-storage-classes.csv")}


@cache
def rds_engines() -> dict[str, dict[str, str]]:
    return {row["engine"]: row for row in _rows("rds-engines.csv")}


@cache
def rds_instance_classes() -> dict[str, dict[str, str]]:
    return {row["instance_class"]: row for row in _rows("rds-instance-classes.csv")}


@cache
def kubernetes_versions(distribution: str) -> dict[str, dict[str, str]]:
    return {row["version"]: row for row in _rows("kubernetes-versions.csv") if row["distribution"] == distribution}
