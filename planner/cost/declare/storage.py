"""Buckets: storage in month 1, requests, retrievals and Intelligent-Tiering monitoring."""

from __future__ import annotations

from datetime import date

from planner.analysis import Analysis
from planner.blueprint.schema import Bucket
from planner.cost.declare.component import Component


def buckets(analysis: Analysis, today: date) -> list[Component]:
    aws = analysis.blueprint.provider == "aws"
    return [c for bucket in analysis.blueprint.buckets for c in _bucket(bucket, aws)]


def _bucket(bucket: Bucket, aws: bool) -> list[Component]:
    address = f"buckets.{bucket.name}"
    cls = bucket.storage_class
    service = "s3" if aws else "gcs"
    out = [Component(address, "bucket", service, f"storage ({cls}, month 1)", "gb-month",
                     bucket.size_gb, f"{cls}/storage")]
    requests = bucket.monthly_requests
    out.append(Component(address, "bucket", service, "PUT/COPY/POST/LIST requests", "1k-requests",
                         requests.put / 1000 if requests else None, f"{cls}/put", usage_based=True))
    out.append(Component(address, "bucket", service, "GET/SELECT requests", "1k-requests",
                         requests.get / 1000 if requests else None, f"{cls}/get", usage_based=True))
    if cls not in ("STANDARD", "INTELLIGENT_TIERING"):
        out.append(Component(address, "bucket", service, "retrieval", "gb", bucket.monthly_retrieval_gb,
                             f"{cls}/retrieval", usage_based=True))
    if cls == "INTELLIGENT_TIERING":
        objects = (bucket.size_gb * 1024 * 1024 / bucket.average_object_kb / 1000) if bucket.average_object_kb else None
        out.append(Component(address, "bucket", service, "monitoring and automation", "1k-objects-month", objects,
                             "INTELLIGENT_TIERING/monitoring", usage_based=True))
    return out
