"""NAT gateways and load balancers: hours and processed data."""

from __future__ import annotations

from datetime import date

from planner.analysis import Analysis
from planner.cost.declare.component import Component
from planner.cost.declare.kubernetes import processed_gb_per_load_balancer
from planner.facts import HOURS_PER_MONTH


def nat_gateways(analysis: Analysis, today: date) -> list[Component]:
    bp = analysis.blueprint
    out: list[Component] = []
    for nat in analysis.plan.nat_gateways:
        out.append(Component(f"network.nat.{nat['zone']}", "nat_gateway", "nat", "NAT gateway", "hour", HOURS_PER_MONTH,
                             "gateway/hour"))
    if analysis.plan.nat_gateways:
        out.append(Component("network.nat", "nat_gateway", "nat", "data processed", "gb", bp.usage.nat_processed_gb,
                             "gateway/processed", usage_based=True))
    return out


def load_balancers(analysis: Analysis, today: date) -> list[Component]:
    bp = analysis.blueprint
    out: list[Component] = []
    share = processed_gb_per_load_balancer(analysis)  # shared with the load balancers the clusters create
    for lb in bp.load_balancers:
        address = f"load_balancers.{lb.name}"
        out.append(Component(address, "load_balancer", "elb", f"{lb.type} load balancer", "hour", HOURS_PER_MONTH,
                             f"{lb.type}/hour"))
        unit, key = ("lcu-hour", "application/lcu") if lb.type == "application" else ("nlcu-hour", "network/nlcu")
        # One capacity unit covers 1 GB processed per hour, so processed GB equal unit-hours on that dimension.
        out.append(Component(address, "load_balancer", "elb", "capacity units (processed bytes)", unit, share, key,
                             usage_based=True))
    return out
