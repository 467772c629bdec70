"""The root :class:`Blueprint` model and its cross-cutting sections: review skips, usage volumes and
what-if scenarios; ``SECTIONS`` lists the list-valued top-level keys.

Re-exported by :mod:`planner.blueprint.schema`; import from there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from planner.blueprint.schema_base import MAX_MONTHLY_GB, MAX_USD, Model, Name, Provider
from planner.blueprint.schema_compute import Bucket, Database, Instance, LoadBalancer
from planner.blueprint.schema_kubernetes import Cluster, Workload
from planner.blueprint.schema_network import Network, SecurityGroup


# ------------------------------------------------------------------- review, usage and scenarios
class Skip(Model):
    id: str
    reason: str = Field(min_length=1)


class Review(Model):
    skip: list[Skip] = Field(default_factory=list)


class Usage(Model):
    data_transfer_out_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                                  description="0-1e9 GB a month (an exabyte: far past any estate)")
    nat_processed_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                              description="0-1e9 GB a month (an exabyte: far past any estate)")
    lb_processed_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                             description="0-1e9 GB a month (an exabyte: far past any estate)")
    inter_az_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                         description="0-1e9 GB a month (an exabyte: far past any estate)")
    inter_region_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                             description="0-1e9 GB a month (an exabyte: far past any estate)")


class Scenario(Model):
    name: Name
    description: str | None = None
    set: dict[str, Any] = Field(min_length=1)
    one_time_cost_usd: float = Field(0, ge=0, le=MAX_USD, description="0-1e9 USD")


def _version_not_boolean(value: Any) -> Any:
    """``version: true`` equals 1 in Python; YAML booleans are not numbers."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is a boolean, not the format version; write 'version: 1'")  # noqa: TRY004
    return value


class Blueprint(Model):
    """One environment: the root of a blueprint file."""

    version: Annotated[Literal[1], BeforeValidator(_version_not_boolean)]
    name: Name
    description: str | None = None
    provider: Provider
    region: str
    tags: dict[str, str] = Field(default_factory=dict)
    network: Network | None = None
    security_groups: list[SecurityGroup] = Field(default_factory=list)
    instances: list[Instance] = Field(default_factory=list)
    databases: list[Database] = Field(default_factory=list)
    buckets: list[Bucket] = Field(default_factory=list)
    load_balancers: list[LoadBalancer] = Field(default_factory=list)
    clusters: list[Cluster] = Field(default_factory=list)
    workloads: list[Workload] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    usage: Usage = Field(default_factory=Usage)
    scenarios: list[Scenario] = Field(default_factory=list)


SECTIONS = (
    "security_groups", "instances", "databases", "buckets", "load_balancers", "clusters", "workloads",
    "scenarios",
)
