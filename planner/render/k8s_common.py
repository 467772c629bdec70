"""What every Kubernetes object planner writes shares: its labels, selector and metadata."""

from __future__ import annotations

from typing import Any

from planner.analysis import Analysis
from planner.blueprint.schema import Workload

Obj = dict[str, Any]


def labels(analysis: Analysis, wl: Workload) -> dict[str, str]:
    """The workload's own labels, then planner's (which the selectors use; check refuses overriding them)."""
    return {**dict(sorted(wl.labels.items())), "app.kubernetes.io/name": wl.name, "app.kubernetes.io/instance": f"{analysis.blueprint.name}-{wl.name}",
            "app.kubernetes.io/part-of": analysis.blueprint.name, "app.kubernetes.io/managed-by": "planner"}


def selector(analysis: Analysis, wl: Workload) -> dict[str, str]:
    full = labels(analysis, wl)
    return {k: full[k] for k in ("app.kubernetes.io/name", "app.kubernetes.io/instance")}


def meta(name: str, namespace: str | None, lab: dict[str, str], annotations: dict[str, str] | None = None) -> Obj:
    meta: Obj = {"name": name}
    if namespace:
        meta["namespace"] = namespace
    meta["labels"] = dict(lab)
    if annotations:
        meta["annotations"] = dict(sorted(annotations.items()))
    return meta
