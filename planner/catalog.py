"""Typed, cached access to instance specs, zones and offerings.

AWS specs and per-zone offerings come from the data that ships inside moto (the same tables its
``DescribeInstanceTypes`` and ``DescribeInstanceTypeOfferings`` answer from, recorded from the
real APIs), so the check and the dry-run agree. GCP machine types and zones come from
``catalog/*.csv`` with their sources. Prices live in :mod:`planner.cost.prices`.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from planner.datafiles import CATALOG_DIR
from planner.facts import GKE_DEFAULT_MAX_PODS


def user_data_dir() -> Path:
    """Where planner keeps data a user fetched (refreshed prices): ``$XDG_DATA_HOME/planner``, else
    ``~/.local/share/planner`` — never inside the installed package, which may be read-only."""
    base = os.environ.get("XDG_DATA_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "planner"


def refreshed_prices_dir() -> Path:
    """Snapshots written by ``planner catalog refresh``; they override the shipped prices."""
    return user_data_dir() / "prices" / "refreshed"

_TYPE_RE = re.compile(r"^(?P<cls>[a-z]+?)(?P<gen>\d+)(?P<attrs>[a-z-]*)\.(?P<size>[a-z0-9-]+)$")


@dataclass(frozen=True, slots=True)
class InstanceSpec:
    instance_type: str
    provider: str
    family: str
    instance_class: str
    generation: int | None
    vcpu: int
    memory_gib: float
    architecture: str
    enis: int
    ipv4_per_eni: int
    current_generation: bool
    gpus: int = 0

    @property
    def max_pods(self) -> int | None:
        """EKS VPC CNI pod limit: ``ENIs * (IPv4 per ENI - 1) + 2`` (GCP: GKE default 110)."""
        if self.provider == "gcp":
            return GKE_DEFAULT_MAX_PODS["standard"]
        return self.enis * (self.ipv4_per_eni - 1) + 2

    def as_row(self, region: str | None = None) -> dict[str, object]:
        row = asdict(self)
        row["max_pods"] = self.max_pods
        row["region"] = region
        return row


def parse_instance_type(name: str) -> tuple[str, str, int | None]:
    """``m6gd.large`` -> (family ``m6gd``, class ``m``, generation 6)."""
    match = _TYPE_RE.match(name)
    if not match:
        return (name.split(".")[0], name.split(".")[0], None)
    return (f"{match['cls']}{match['gen']}{match['attrs']}", match["cls"], int(match["gen"]))


def _moto_resource(*parts: str) -> bytes:
    ref = resources.files("moto").joinpath("ec2", "resources", *parts)
    return ref.read_bytes()


@cache
def eni_limits() -> dict[str, tuple[int, int]]:
    """Instance type -> (ENIs of the default network card, IPv4 per ENI) as EKS's node agent reads them
    (``catalog/eks-eni-limits.csv``, with its source); newer than moto's table for multi-card types."""
    return {r["instance_type"]: (int(r["default_card_enis"]), int(r["ipv4_per_eni"]))
            for r in _read_csv("eks-eni-limits.csv")}


def _moto_eni_limits(net: dict[str, Any]) -> tuple[int, int]:
    """ENIs of the default network card and IPv4 per ENI from moto's table (types EKS's list lacks)."""
    cards = net.get("NetworkCards") or []
    default_index = net.get("DefaultNetworkCardIndex", 0)
    card = next((c for c in cards if c.get("NetworkCardIndex") == default_index), None)
    enis = int(card["MaximumNetworkInterfaces"]) if card else int(net.get("MaximumNetworkInterfaces", 1))
    return enis, int(net.get("Ipv4AddressesPerInterface", 1))


@cache
def aws_instance_specs() -> dict[str, InstanceSpec]:
    raw = json.loads(gzip.decompress(_moto_resource("instance_types.json.gz")))
    published = eni_limits()
    specs: dict[str, InstanceSpec] = {}
    for name, info in raw.items():
        enis, ipv4_per_eni = published.get(name) or _moto_eni_limits(info.get("NetworkInfo", {}))
        family, cls, gen = parse_instance_type(name)
        archs = info.get("ProcessorInfo", {}).get("SupportedArchitectures") or ["x86_64"]
        gpus = sum(g.get("Count", 0) for g in info.get("GpuInfo", {}).get("Gpus", []))
        specs[name] = InstanceSpec(
            instance_type=name, provider="aws", family=family, instance_class=cls, generation=gen,
            vcpu=int(info.get("VCpuInfo", {}).get("DefaultVCpus", 0)),
            memory_gib=round(info.get("MemoryInfo", {}).get("SizeInMiB", 0) / 1024, 3),
            architecture="arm64" if "arm64" in archs else archs[0],
            enis=enis, ipv4_per_eni=ipv4_per_eni,
            current_generation=bool(info.get("CurrentGeneration", True)), gpus=gpus,
        )
    return specs


@cache
def aws_zone_offerings(region: str) -> dict[str, frozenset[str]]:
    """Zone name -> instance types offered there (empty when moto has no table for the region)."""
    try:
        raw = json.loads(gzip.decompress(
            _moto_resource("instance_type_offerings", "availability-zone", f"{region}.json.gz")))
    except FileNotFoundError:
        return {}
    zones: dict[str, set[str]] = {}
    for row in raw:
        zones.setdefault(row["Location"], set()).add(row["InstanceType"])
    return {zone: frozenset(types) for zone, types in sorted(zones.items())}


@cache
def aws_regions() -> tuple[str, ...]:
    folder = resources.files("moto").joinpath("ec2", "resources", "instance_type_offerings", "availability-zone")
    return tuple(sorted(p.name.removesuffix(".json.gz") for p in folder.iterdir() if p.name.endswith(".json.gz")))


def _read_csv(name: str) -> list[dict[str, str]]:
    path = CATALOG_DIR / name
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def gcp_machine_specs() -> dict[str, InstanceSpec]:
    specs: dict[str, InstanceSpec] = {}
    for row in _read_csv("gcp-machine-types.csv"):
        name = row["machine_type"]
        family = row.get("family") or name.split("-")[0]
        gen_match = re.search(r"\d+", family)
        specs[name] = InstanceSpec(
            instance_type=name, provider="gcp", family=family, instance_class=family.rstrip("0123456789d"),
            generation=int(gen_match.group()) if gen_match else None, vcpu=int(float(row["vcpu"])),
            memory_gib=float(row["memory_gib"]), architecture=row.get("architecture") or "x86_64",
            enis=0, ipv4_per_eni=0, current_generation=True,
        )
    return specs


@cache
def gce_sustained_use_tiers() -> dict[str, tuple[tuple[float, float, float], ...]]:
    """Machine family -> ((share of month from, to, rate of the base price), ...) for the families Google
    gives sustained-use discounts (``catalog/gcp-sustained-use.csv``); a family not listed gets none (E2)."""
    tiers: dict[str, list[tuple[float, float, float]]] = {}
    for row in _read_csv("gcp-sustained-use.csv"):
        tiers.setdefault(row["family"], []).append(
            (float(row["usage_from"]), float(row["usage_to"]), float(row["rate"])))
    return {family: tuple(sorted(rows)) for family, rows in tiers.items()}


@cache
def gcp_zones() -> dict[str, tuple[str, ...]]:
    zones: dict[str, list[str]] = {}
    for row in _read_csv("gcp-zones.csv"):
        zones.setdefault(row["region"], []).append(row["zone"])
    return {region: tuple(sorted(z)) for region, z in zones.items()}


def instance_specs(provider: str) -> dict[str, InstanceSpec]:
    return aws_instance_specs() if provider == "aws" else gcp_machine_specs()


def region_zones(provider: str, region: str) -> tuple[str, ...]:
    """Zone names of a region; empty when the catalog does not know the region."""
    if provider == "aws":
        return tuple(aws_zone_offerings(region))
    return gcp_zones().get(region, ())


def known_regions(provider: str) -> tuple[str, ...]:
    return aws_regions() if provider == "aws" else tuple(sorted(gcp_zones()))


def offered_in_zone(provider: str, region: str, zone: str, instance_type: str) -> bool | None:
    """Whether ``instance_type`` is offered in ``zone``; None when the catalog cannot tell."""
    if provider != "aws":
        return None
    offerings = aws_zone_offerings(region)
    if zone not in offerings:
        return None
    return instance_type in offerings[zone]
