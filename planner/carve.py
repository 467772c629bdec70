"""Subnet carving, part of the plan stage: every subnet's blocks, per zone, and the findings about them.

Explicit ``cidrs`` are taken as given (one per zone); ``prefix`` subnets are carved in declaration
order from the free space of the network, around the explicit blocks.
"""

from __future__ import annotations

from planner.blueprint.loader import LoadedBlueprint
from planner.blueprint.schema import Blueprint, Subnet
from planner.network import Allocator, Block, usable_addresses
from planner.plan_model import Add, Plan, PlannedSubnet, resolve_zone

SUBNET_PREFIX_LIMITS = {"aws": (16, 28), "gcp": (8, 29)}

Explicit = tuple[Block, str, int]
"""An explicit subnet CIDR: its block, the subnet's name and the subnet's index."""


def carve(loaded: LoadedBlueprint, plan: Plan, vpc: Block, add: Add) -> None:
    """Place every subnet's blocks in ``plan.subnets``: explicit ``cidrs`` as given, ``prefix`` carved."""
    bp = loaded.blueprint
    assert bp.network is not None
    limits = SUBNET_PREFIX_LIMITS[bp.provider]
    zones_of, explicit = _declared_blocks(loaded, plan, vpc, limits, add)
    _check_explicit_overlaps(loaded, explicit, add)
    allocator = Allocator(vpc, [blk for blk, _, _ in explicit if vpc.contains(blk)])
    tier_default = "private" if bp.provider == "gcp" else None
    names_seen: set[str] = set()
    for i, sub in enumerate(bp.network.subnets):
        _check_unique_name(loaded, i, sub, names_seen, add)
        tier = _subnet_tier(loaded, i, sub, tier_default, add)
        if sub.prefix is None:
            _place_explicit(bp.provider, plan, i, sub, tier, zones_of[i])
        elif _prefix_allowed(loaded, vpc, limits, i, sub.prefix, add):
            _place_carved(loaded, plan, allocator, i, sub, tier, zones_of[i], add)
        else:
            continue  # a refused prefix skips the secondary-range checks of this subnet
        _check_secondary(loaded, plan, i, sub, add)


def _declared_blocks(loaded: LoadedBlueprint, plan: Plan, vpc: Block, limits: tuple[int, int],
                     add: Add) -> tuple[dict[int, list[str]], list[Explicit]]:
    """Each subnet's zones (by index) and every explicit CIDR, checking both as they are read."""
    bp = loaded.blueprint
    assert bp.network is not None
    explicit: list[Explicit] = []
    zones_of: dict[int, list[str]] = {}
    for i, sub in enumerate(bp.network.subnets):
        zones, unknown = _subnet_zones(bp, plan, sub)
        for j, zone in unknown:
            add(loaded.finding("zone", "error", f"zone {zone!r} is not in network.zones",
                               ("network", "subnets", i, "zones", j), "add it to network.zones or remove it"))
        zones_of[i] = zones
        if sub.cidrs is not None:
            _check_cidrs(loaded, vpc, limits, i, sub.cidrs, len(zones), add)
            explicit.extend((Block.parse(cidr), sub.name, i) for cidr in sub.cidrs)
    return zones_of, explicit


def _subnet_zones(bp: Blueprint, plan: Plan, sub: Subnet) -> tuple[list[str], list[tuple[int, str]]]:
    """The full zone names a subnet spans, and its listed zones (index, as written) not in network.zones."""
    if sub.zones is None:
        return list(plan.zones), []
    zones: list[str] = []
    unknown: list[tuple[int, str]] = []
    for j, zone in enumerate(sub.zones):
        full = resolve_zone(bp.provider, bp.region, zone)
        if full not in plan.zones:
            unknown.append((j, zone))
        else:
            zones.append(full)
    return zones, unknown


def _check_cidrs(loaded: LoadedBlueprint, vpc: Block, limits: tuple[int, int], i: int, cidrs: list[str],
                 zone_count: int, add: Add) -> None:
    """One CIDR per zone, each of an allowed size and inside the network."""
    if len(cidrs) != zone_count:
        add(loaded.finding("cidrs-count", "error",
                           f"{len(cidrs)} cidrs for {zone_count} zones", ("network", "subnets", i, "cidrs"),
                           "give exactly one CIDR per zone, in zone order"))
    low, high = limits
    for j, cidr in enumerate(cidrs):
        _check_block(loaded, Block.parse(cidr), vpc, low, high, ("network", "subnets", i, "cidrs", j), add)


def _check_explicit_overlaps(loaded: LoadedBlueprint, explicit: list[Explicit], add: Add) -> None:
    """Every pair of explicit CIDRs that overlap, reported at the later one."""
    for a in range(len(explicit)):  # explicit blocks are few; pairwise is fine and precise
        for b in range(a + 1, len(explicit)):
            if explicit[a][0].overlaps(explicit[b][0]):
                add(loaded.finding("overlap", "error",
                                   f"{explicit[b][0]} ({explicit[b][1]}) overlaps {explicit[a][0]} ({explicit[a][1]})",
                                   ("network", "subnets", explicit[b][2], "cidrs"), "choose ranges that do not overlap"))


def _check_unique_name(loaded: LoadedBlueprint, i: int, sub: Subnet, names_seen: set[str], add: Add) -> None:
    if sub.name in names_seen:
        add(loaded.finding("duplicate-name", "error", f"subnet name {sub.name!r} is used twice",
                           ("network", "subnets", i, "name"), "give every subnet its own name"))
    names_seen.add(sub.name)


def _subnet_tier(loaded: LoadedBlueprint, i: int, sub: Subnet, default: str | None, add: Add) -> str:
    """The subnet's tier; a missing one on AWS is an error, planned as private."""
    tier = sub.tier or default
    if tier is None:
        add(loaded.finding("tier", "error", "missing required key 'tier' (AWS subnets have no default tier)",
                           ("network", "subnets", i), "add 'tier: public | private | isolated'"))
        tier = "private"
    return tier


def _prefix_allowed(loaded: LoadedBlueprint, vpc: Block, limits: tuple[int, int], i: int, prefix: int,
                    add: Add) -> bool:
    """Whether a subnet ``prefix`` is within the provider's limits and not larger than the network."""
    low, high = limits
    if not low <= prefix <= high:
        add(loaded.finding("subnet-size", "error", f"subnet /{prefix} is outside /{low}–/{high}",
                           ("network", "subnets", i, "prefix"), f"use a prefix between {low} and {high}"))
        return False
    if prefix < vpc.prefix:
        add(loaded.finding("subnet-size", "error", f"a /{prefix} subnet is larger than the /{vpc.prefix} network",
                           ("network", "subnets", i, "prefix"), f"use a prefix of at least {vpc.prefix}"))
        return False
    return True


def _allocate(allocator: Allocator, prefix: int, zones: list[str]) -> tuple[list[tuple[str, Block]], str | None]:
    """One free ``/prefix`` block per zone, in zone order, and the first zone left without one (or None)."""
    blocks: list[tuple[str, Block]] = []
    for zone in zones:
        block = allocator.allocate(prefix)
        if block is None:
            return blocks, zone
        blocks.append((zone, block))
    return blocks, None


def _place_carved(loaded: LoadedBlueprint, plan: Plan, allocator: Allocator, i: int, sub: Subnet, tier: str,
                  zones: list[str], add: Add) -> None:
    bp = loaded.blueprint
    assert bp.network is not None and sub.prefix is not None
    blocks, full_at = _allocate(allocator, sub.prefix, zones)
    for zone, block in blocks:
        plan.subnets.append(PlannedSubnet(sub.name, tier, zone, str(block), block.prefix,
                                          usable_addresses(block.prefix, bp.provider), "carved", i))
    if full_at is not None:
        add(loaded.finding("subnet-fit", "error",
                           f"no free /{sub.prefix} left in {bp.network.cidr} for zone {full_at}",
                           ("network", "subnets", i, "prefix"),
                           "use a larger network.cidr, a longer prefix, or fewer subnets"))


def _place_explicit(provider: str, plan: Plan, i: int, sub: Subnet, tier: str, zones: list[str]) -> None:
    assert sub.cidrs is not None
    for zone, cidr in zip(zones, sub.cidrs, strict=False):
        block = Block.parse(cidr)
        plan.subnets.append(PlannedSubnet(sub.name, tier, zone, str(block), block.prefix,
                                          usable_addresses(block.prefix, provider), "explicit", i))


def _check_secondary(loaded: LoadedBlueprint, plan: Plan, i: int, sub: Subnet, add: Add) -> None:
    """GCP secondary ranges: not an AWS key, and clear of every subnet planned so far."""
    if loaded.blueprint.provider == "aws" and sub.secondary:
        add(loaded.finding("provider-key", "error", "'secondary' ranges are a GCP key",
                           ("network", "subnets", i, "secondary"), "remove it (AWS uses the VPC CNI for pod IPs)"))
    for key, cidr in (sub.secondary or {}).items():
        sec = Block.parse(cidr)
        for planned in plan.subnets:
            if sec.overlaps(Block.parse(planned.cidr)):
                add(loaded.finding("overlap", "error", f"secondary range {key} {cidr} overlaps subnet {planned.name} {planned.cidr}",
                                   ("network", "subnets", i, "secondary", key), "use a range outside the primary ranges"))
                break


def _check_block(loaded: LoadedBlueprint, block: Block, vpc: Block, low: int, high: int,
                 path: tuple[str | int, ...], add: Add) -> None:
    if not low <= block.prefix <= high:
        add(loaded.finding("subnet-size", "error", f"subnet {block} is outside /{low}–/{high}", path,
                           f"use a prefix between {low} and {high}"))
    if not vpc.contains(block):
        add(loaded.finding("subnet-outside", "error", f"subnet {block} is outside the network {vpc}", path,
                           "choose a range inside network.cidr"))
