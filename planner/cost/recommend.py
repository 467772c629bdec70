"""Automatic recommendations: cheaper equivalents the catalog prices on both sides.

Each finder is a pure function of the analysed blueprint and returns rows of
``resource, current, proposed, monthly_savings_usd, savings_pct, reason``. A swap is recommended only
when both prices are in the catalog and the proposal is cheaper; nothing is guessed. Finders:

* newer generation of the same size (t2 -> t3, m4 -> m5, m5 -> m6i, ...) for instances and node groups;
* Graviton (arm64) of the same size where the current type is x86;
* commitments for what runs all month: per term the cheapest of a standard RI without upfront, a
  standard RI paid all upfront (amortised) and a Compute Savings Plan; RDS reservations; Compute
  Engine committed use against the sustained-use-discounted on-demand price; for node groups only
  the ``min_size`` floor, which runs all month whatever the autoscaler does;
* gp2 -> gp3 volumes, S3 lifecycle for large Standard buckets, one NAT gateway instead of one per zone
  (the cost side only; the review weighs the risk).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planner import facts
from planner.analysis import Analysis
from planner.blueprint.schema import Blueprint, Cluster, LifecycleRule, NodeGroup, Volume
from planner.catalog import aws_instance_specs, parse_instance_type
from planner.cost.discounts import sustained_use_discount_hours
from planner.cost.prices import hourly_price, unit_price
from planner.cost.s3sim import simulate
from planner.facts import HOURS_PER_MONTH
from planner.money import cents, usd
from planner.plan import cluster_zone_count, node_group_disk

NEWER_GENERATION = facts.newer_generations()
# x86 family -> Graviton families of the same shape; the cheapest one the catalog prices is proposed.
GRAVITON = facts.graviton_families()
# Per term, the commitment forms compared; the cheapest priced one is recommended.
COMMITMENTS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {"aws": {
    "1-year": (("reserved-1y", "standard RI, no upfront"),
               ("reserved-1y-all-upfront", "standard RI, all upfront (amortised over 8,760 h)"),
               ("savings-plan-1y", "Compute Savings Plan, no upfront")),
    "3-year": (("reserved-3y", "standard RI, no upfront"),
               ("reserved-3y-all-upfront", "standard RI, all upfront (amortised over 26,280 h)"),
               ("savings-plan-3y", "Compute Savings Plan, no upfront")),
}, "gcp": {
    "1-year": (("reserved-1y", "resource commitment"),),
    "3-year": (("reserved-3y", "resource commitment"),),
}}


@dataclass(frozen=True)
class Machines:
    """Machines of one type that a resource runs: the unit the compute finders work on."""

    address: str
    machine_type: str
    count: int  # machines that run ``hours`` each
    hours: float  # per machine per month
    pricing: str
    steady: int  # of ``count``, how many run all month for sure (commitment candidates)


def recommendations(analysis: Analysis) -> list[dict[str, Any]]:
    """Every recommendation, largest saving first."""
    bp = analysis.blueprint
    out: list[dict[str, Any]] = []
    for machines in _machines(analysis):
        if bp.provider == "aws":
            out += _swaps(bp.region, machines)
        out += _commitments(bp.provider, bp.region, machines)
    if bp.provider == "aws":
        out += _gp3(analysis)
        out += _database_commitments(bp)
        out += _bucket_lifecycles(bp)
        out += _single_nat(analysis)
    return sorted(out, key=lambda r: (-r["monthly_savings_usd"], r["resource"], r["proposed"]))


def _node_groups(analysis: Analysis) -> Iterator[tuple[str, Cluster, NodeGroup, int]]:
    """(address, cluster, group, zones the group's size is multiplied by) for every billed node group."""
    for cluster in analysis.blueprint.clusters:
        if cluster.kind == "gke" and cluster.mode == "autopilot":
            continue  # Autopilot bills pods, not nodes
        zones = cluster_zone_count(cluster, analysis.plan.subnet_zones(cluster.subnet))
        for group in cluster.node_groups:
            yield f"clusters.{cluster.name}.node_groups.{group.name}", cluster, group, zones


def _machines(analysis: Analysis) -> list[Machines]:
    out = [Machines(f"instances.{i.name}", i.type, i.count, i.hours_per_month, i.pricing,
                    i.count if i.hours_per_month >= HOURS_PER_MONTH else 0) for i in analysis.blueprint.instances]
    for address, cluster, group, zones in _node_groups(analysis):
        steady = group.min_size * zones if cluster.hours_per_month >= HOURS_PER_MONTH else 0
        out.append(Machines(address, group.instance_type, group.desired_size * zones, cluster.hours_per_month,
                            group.pricing, steady))
    return out


def _swaps(region: str, m: Machines) -> list[dict[str, Any]]:
    """Newer generation and Graviton of the same size, at the same pricing model."""
    current = hourly_price("aws", region, m.machine_type, m.pricing)
    if current is None or m.count == 0 or "." not in m.machine_type:
        return []
    specs = aws_instance_specs()
    family, _, _ = parse_instance_type(m.machine_type)
    size = m.machine_type.split(".", 1)[1]
    hours = m.count * m.hours
    arm_note = ("the image must support arm64" if m.address.startswith("instances.")
                else "the node group moves to the arm64 AMI; every container image must be multi-arch")
    newer = (NEWER_GENERATION[family],) if family in NEWER_GENERATION else ()
    proposals = [(newer, "newer generation of the same size"),
                 (GRAVITON.get(family, ()), f"Graviton (arm64) of the same size: {arm_note}")]
    out = []
    for families, reason in proposals:
        priced = [(p, t) for f in families if (t := f"{f}.{size}") in specs
                  and (p := hourly_price("aws", region, t, m.pricing)) is not None and p < current]
        if priced:
            price, target = min(priced)
            out.append(_rec(m.address, m.machine_type, target, (current - price) * hours, current * hours, reason))
    return out


def _commitments(provider: str, region: str, m: Machines) -> list[dict[str, Any]]:
    """Per term, the cheapest priced commitment for the machines that run all month. On GCP the
    comparison is with on-demand after the sustained-use discount, which is what the estimate bills."""
    if m.pricing != "on-demand" or m.steady == 0:
        return []
    current = hourly_price(provider, region, m.machine_type)
    if current is None:
        return []
    compared = ""
    if provider == "gcp":
        current *= 1 - sustained_use_discount_hours(m.machine_type, m.hours) / m.hours
        compared = " (compared with on-demand after the sustained-use discount)"
    hours = m.steady * m.hours
    before = m.count * m.hours * current
    scope = "" if m.steady == m.count else f" for the {m.steady} of {m.count} nodes that min_size keeps running"
    out = []
    for term, forms in COMMITMENTS[provider].items():
        priced = [(p, key, how) for key, how in forms
                  if (p := hourly_price(provider, region, m.machine_type, key)) is not None and p < current]
        if not priced:
            continue
        price, key, how = min(priced)
        upfront = ""
        if key.endswith("all-upfront"):
            upfront = f"; pays {usd(price * facts.COMMITMENT_TERM_HOURS[term] * m.steady)} up front"
        out.append(_rec(m.address, "on-demand", key, (current - price) * hours, before,
                        f"runs all month: a {term} {how} is the cheapest commitment{scope}{compared}{upfront}"))
    return out


def _gp3(analysis: Analysis) -> list[dict[str, Any]]:
    """gp2 -> gp3 of the same size, for instance volumes and node-group disks."""
    bp = analysis.blueprint
    gp2, gp3 = unit_price("ebs", bp.region, "gp2/storage"), unit_price("ebs", bp.region, "gp3/storage")
    if gp2 is None or gp3 is None or gp3 >= gp2:
        return []
    reason = "gp3 costs less per GB and gives 3,000 IOPS and 125 MB/s at any size"
    out = []
    for inst in bp.instances:
        volumes: list[Volume] = ([inst.root_volume] if inst.root_volume else []) + list(inst.volumes)
        for vol in volumes:
            if vol.type == "gp2":
                gb = vol.size_gb * inst.count
                out.append(_rec(f"instances.{inst.name}", f"gp2 {vol.size_gb} GB", f"gp3 {vol.size_gb} GB",
                                (gp2 - gp3) * gb, gp2 * gb, reason))
    for address, _, group, zones in _node_groups(analysis):
        size, disk = node_group_disk(bp.provider, group)
        if disk == "gp2":
            gb = size * group.desired_size * zones
            out.append(_rec(address, f"gp2 {size} GB node disks", f"gp3 {size} GB node disks",
                            (gp2 - gp3) * gb, gp2 * gb, reason))
    return out


def _bucket_lifecycles(bp: Blueprint) -> list[dict[str, Any]]:
    """Large S3 Standard buckets with no lifecycle rules: what moving objects older than 30 days to
    Standard-IA saves, averaged over the first year of the month-by-month simulation (transition and
    early-deletion charges included when the object size is known)."""
    out = []
    for bucket in bp.buckets:
        if (bucket.storage_class != "STANDARD" or bucket.lifecycle
                or not facts.outgrows_standard_storage(bucket.size_gb, bucket.monthly_growth_gb)):
            continue
        rule = LifecycleRule(after_days=30, storage_class="STANDARD_IA")
        proposed = bucket.model_copy(update={"lifecycle": [rule]})
        simulated = simulate(proposed, bp.region, facts.LOOKAHEAD_MONTHS)
        now = [m.total_usd for m in simulate(bucket, bp.region, facts.LOOKAHEAD_MONTHS)]
        later = [m.total_usd for m in simulated]
        if any(v is None for v in now + later):
            continue  # a class or a charge without a price: no saving can be claimed
        before = sum(v for v in now if v is not None) / facts.LOOKAHEAD_MONTHS
        after = sum(v for v in later if v is not None) / facts.LOOKAHEAD_MONTHS
        reason = ("first-year average of the month-by-month simulation; reads from Standard-IA pay a retrieval "
                  "fee per GB")
        if any(m.transition_usd is None for m in simulated):
            reason += "; transition requests not included (set average_object_kb to price them)"
        if after < before:
            out.append(_rec(f"buckets.{bucket.name}", "STANDARD, no lifecycle", "STANDARD_IA after 30 days",
                            before - after, before, reason))
    return out


def _single_nat(analysis: Analysis) -> list[dict[str, Any]]:
    """One NAT gateway per zone versus one shared: the cost side only (the review weighs the risk).

    With one gateway, the other zones' egress crosses a zone boundary to reach it, billed out and in at
    the inter-zone rate; with ``usage.nat_processed_gb`` that charge is subtracted from the saving, and
    without it the reason says the saving shrinks by it."""
    bp = analysis.blueprint
    nats = analysis.plan.nat_gateways
    hourly = unit_price("nat", bp.region, "gateway/hour")
    if len(nats) < 2 or hourly is None:
        return []
    saved = (len(nats) - 1) * hourly * HOURS_PER_MONTH
    reason = ("cost side only: a single NAT gateway is a single point of failure for the other zones' egress "
              "(REL10-BP03)")
    processed, inter_az = bp.usage.nat_processed_gb, unit_price("data-transfer", bp.region, "inter-az")
    if processed is not None and inter_az is not None:
        crossing = processed * (len(nats) - 1) / len(nats)
        saved -= crossing * 2 * inter_az
        reason += (f"; net of {crossing:,.0f} GB/month of the other zones' egress crossing zones to it "
                   f"(billed out and in at ${inter_az}/GB)")
    else:
        reason += "; the other zones' egress to it would be billed as cross-zone transfer (set usage.nat_processed_gb)"
    if saved <= 0:
        return []
    return [_rec("network.nat", f"{len(nats)} NAT gateways (one per zone)", "1 NAT gateway", saved,
                 len(nats) * hourly * HOURS_PER_MONTH, reason)]


def _database_commitments(bp: Blueprint) -> list[dict[str, Any]]:
    """RDS reservations for databases that run all month (primary and replicas of the same class)."""
    out = []
    for db in bp.databases:
        if db.pricing != "on-demand" or db.hours_per_month < HOURS_PER_MONTH:
            continue
        deployment = "multi-az" if db.multi_az else "single-az"
        parts = [(deployment, 1), ("single-az", db.read_replicas)]
        for term, how in (("reserved-1y", "1 year, no upfront"), ("reserved-3y", "3 years, partial upfront amortised")):
            now = later = 0.0
            for dep, n in parts:
                if not n:
                    continue
                od = unit_price("rds", bp.region, f"{db.engine}/{db.instance_class}/{dep}")
                ri = unit_price("rds", bp.region, f"{db.engine}/{db.instance_class}/{dep}/{term}")
                if od is None or ri is None:
                    break
                now += od * n * db.hours_per_month
                later += ri * n * db.hours_per_month
            else:
                if later < now:
                    out.append(_rec(f"databases.{db.name}", "on-demand", term, now - later, now,
                                    f"runs all month: an RDS reservation ({how}) is cheaper"))
    return out


def _rec(resource: str, current: str, proposed: str, savings: float, before: float, reason: str) -> dict[str, Any]:
    return {"resource": resource, "current": current, "proposed": proposed, "monthly_savings_usd": cents(savings),
            "savings_pct": round(savings / before * 100, 2) if before else None, "reason": reason}
