"""What a cost component is: a quantity of something consumed, in a unit, under a price key."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Component:
    address: str  # e.g. instances.web
    kind: str  # instance, volume, node_group, eks_cluster, nat_gateway, load_balancer, bucket, database, usage
    service: str  # price-table service
    name: str
    unit: str
    quantity: float | None  # None: usage-based and no usage given ("depends on usage")
    key: str
    usage_based: bool = False
    credit: bool = False  # priced like ``key`` but subtracted (e.g. a sustained-use discount)
    copies: int = 1  # price tiers apply to quantity / copies (per volume for io2 IOPS), then times copies
