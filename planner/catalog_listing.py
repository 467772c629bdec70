"""What ``planner catalog`` lists: instance types with their specs and price, and price rows by filter.

Pure functions over the shipped catalog; the CLI only validates the options and picks a writer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from planner import catalog as cat
from planner.cost.prices import price_table


@dataclass(frozen=True)
class InstanceRow:
    """One instance type offered in a region: specs, EKS max pods and the on-demand hourly price."""

    instance_type: str
    family: str
    generation: int | None
    vcpu: int
    memory_gib: float
    architecture: str
    max_pods: int | None
    region: str
    hourly_usd: float | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def on_demand_hourly(provider: str, region: str) -> dict[str, float]:
    """Instance type -> on-demand hourly USD in ``region`` from the price snapshot."""
    table = price_table()
    service = "ec2" if provider == "aws" else "gce"
    on_demand = table[(table.service == service) & (table.region == region) & table.key.str.endswith("/on-demand")]
    return dict(zip(on_demand.key.str.removesuffix("/on-demand"), on_demand.usd, strict=True))


def _offered(provider: str, region: str) -> set[str] | None:
    """The AWS types offered in some zone of ``region``; None when every type counts as offered."""
    if provider == "aws" and cat.region_zones(provider, region):
        return set().union(*cat.aws_zone_offerings(region).values())
    return None


def instance_rows(provider: str, region: str, family: str | None, min_vcpu: int) -> list[InstanceRow]:
    """The instance types of ``provider`` offered in ``region``, by family (or class letter) and vCPUs."""
    offered = _offered(provider, region)
    hourly = on_demand_hourly(provider, region)
    rows: list[InstanceRow] = []
    for name, spec in sorted(cat.instance_specs(provider).items()):
        if offered is not None and name not in offered:
            continue
        if family and family not in (spec.family, spec.instance_class):
            continue
        if spec.vcpu < min_vcpu:
            continue
        rows.append(InstanceRow(name, spec.family, spec.generation, spec.vcpu, spec.memory_gib, spec.architecture,
                                spec.max_pods, region, hourly.get(name)))
    return rows


def price_rows(service: str | None, region: str | None, key_contains: str | None) -> pd.DataFrame:
    """The price snapshot's rows of one service, region and key fragment (each filter optional)."""
    table = price_table()
    if service:
        table = table[table.service == service]
    if region:
        table = table[table.region == region]
    if key_contains:
        table = table[table.key.str.contains(key_contains, regex=False)]
    return table
