"""The plan's data: the facts ``build_plan`` derives, as plain data classes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from planner.findings import Finding

Add = Callable[[Finding], None]


@dataclass
class PlannedSubnet:
    name: str
    tier: str
    zone: str
    cidr: str
    prefix: int
    usable: int
    origin: str  # "carved" | "explicit"
    index: int  # position of the subnet in network.subnets

    @property
    def key(self) -> str:
        """``app-ap-northeast-2a``: how the dry-run, the eksctl config and --network-ids name one zone of a subnet."""
        return f"{self.name}-{self.zone}"


@dataclass
class ClusterCapacity:
    cluster: str
    kind: str
    subnet: str
    zones: list[str]
    nodes_max: int
    max_pods_per_node: dict[str, int]
    addresses_available: int
    addresses_needed: int
    pod_range: str | None = None
    pod_range_max_nodes: int | None = None

    @property
    def headroom(self) -> int:
        return self.addresses_available - self.addresses_needed


@dataclass
class Plan:
    provider: str
    region: str
    vpc_cidr: str | None
    zones: list[str]
    nat: str
    subnets: list[PlannedSubnet] = field(default_factory=list)
    nat_gateways: list[dict[str, str]] = field(default_factory=list)
    placements: dict[str, dict[str, int]] = field(default_factory=dict)
    address_demand: dict[str, int] = field(default_factory=dict)
    clusters: list[ClusterCapacity] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    def subnet_blocks(self, name: str) -> list[PlannedSubnet]:
        return [s for s in self.subnets if s.name == name]

    def subnet_zones(self, name: str) -> list[str]:
        return [s.zone for s in self.subnets if s.name == name]

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        for cap, raw in zip(self.clusters, data["clusters"], strict=True):
            raw["headroom"] = cap.headroom
        return data


def resolve_zone(provider: str, region: str, zone: str) -> str:
    """``a`` -> ``ap-northeast-2a`` (AWS) or ``us-central1-a`` (GCP); full names pass through."""
    if zone.startswith(region):
        return zone
    return f"{region}{zone}" if provider == "aws" else f"{region}-{zone}"
