"""Each resource kind declares its cost components, one module per kind (as Infracost keeps one file
per resource): what is consumed, in what unit, under which price key. Nothing here knows a price;
``planner.cost.pricing`` joins them all at once. A new resource kind adds a module and a line in
:data:`DECLARERS`, which also fixes the order of the estimate's lines (blueprint order by kind).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from planner.analysis import Analysis
from planner.cost.declare.clusters import clusters
from planner.cost.declare.component import Component
from planner.cost.declare.compute import instances
from planner.cost.declare.databases import databases
from planner.cost.declare.kubernetes import kubernetes_objects
from planner.cost.declare.network import load_balancers, nat_gateways
from planner.cost.declare.storage import buckets
from planner.cost.declare.usage import usage

Declarer = Callable[[Analysis, date], list[Component]]

DECLARERS: tuple[Declarer, ...] = (instances, clusters, kubernetes_objects, nat_gateways, load_balancers, buckets,
                                   databases, usage)


def declare(analysis: Analysis, today: date | None = None) -> list[Component]:
    """Every cost component of the blueprint, in blueprint order."""
    when = today or date.today()
    return [component for declarer in DECLARERS for component in declarer(analysis, when)]


__all__ = ["DECLARERS", "Component", "Declarer", "declare"]
