"""Automatic recommendations: cheaper equivalents the catalog prices on both sides.

Each finder proposes changed copies of the blueprint (another instance type, pricing model, volume type,
NAT layout); every copy goes through the same estimate as the blueprint (:mod:`planner.cost.variants`), and
the saving is the difference of the two estimates for that resource. A proposal is recommended only when
both sides are priced and it is cheaper; nothing is guessed. Finders:

* newer generation of the same size (t2 -> t3, m4 -> m5, m5 -> m6i, ...) for instances and node groups;
* Graviton (arm64) of the same size where the current type is x86;
* commitments for what runs all month: per term the cheapest of a standard RI without upfront, a
  standard RI paid all upfront (amortised) and a Compute Savings Plan; RDS reservations; Compute
  Engine committed use against the sustained-use-discounted on-demand price; for node groups only
  the ``min_size`` floor, which runs all month whatever the autoscaler does;
* gp2 -> gp3 volumes, one NAT gateway instead of one per zone (the cost side only; the review weighs
  the risk), and S3 lifecycle for large Standard buckets (priced by the month-by-month simulation).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner import facts
from planner.analysis import Analysis
from planner.blueprint.schema import Blueprint, Cluster, LifecycleRule, NodeGroup, Volume
from planner.catalog import aws_instance_specs, parse_instance_type
from planner.cost.estimate import Estimate, estimate
from planner.cost.prices import unit_price
from planner.cost.s3sim import simulate
from planner.cost.variants import FieldPath, Priced, Proposal, best_of_groups, price_proposals
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
DATABASE_TERMS = (("reserved-1y", "1 year, no upfront"), ("reserved-3y", "3 years, partial upfront amortised"))


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A cheaper equivalent of one resource: what it is now, what is proposed, the monthly saving and why."""

    resource: str
    current: str
    proposed: str
    monthly_savings_usd: float
    savings_pct: float | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"resource": self.resource, "current": self.current, "proposed": self.proposed,
                "monthly_savings_usd": self.monthly_savings_usd, "savings_pct": self.savings_pct,
                "reason": self.reason}


@dataclass(frozen=True)
class Machines:
    """Machines of one type that a resource runs: the unit the compute finders work on."""

    address: str
    path: FieldPath  # of the instance or node group in the blueprint
    type_field: str  # the field that holds the machine type
    machine_type: str
    count: int  # machines that run ``hours`` each
    hours: float  # per machine per month
    pricing: str
    steady: int  # of ``count``, how many run all month for sure (commitment candidates)


def recommendations(analysis: Analysis, today: date | None = None,
                    baseline: Estimate | None = None) -> list[Recommendation]:
    """Every recommendation, largest saving first. ``baseline``: the blueprint's estimate, when known."""
    bp = analysis.blueprint
    proposals: list[Proposal] = []
    for machines in _machines(analysis):
        if bp.provider == "aws":
            proposals += _swaps(machines)
        proposals += _commitments(bp.provider, machines)
    if bp.provider == "aws":
        proposals += _gp3(analysis)
        proposals += _database_commitments(bp)
        proposals += _single_nat(analysis)
    base = baseline or estimate(analysis, today)
    out = [_recommendation(p) for p in best_of_groups(price_proposals(analysis, base, proposals, today))]
    if bp.provider == "aws":
        out += _bucket_lifecycles(bp)
    return sorted(out, key=lambda r: (-r.monthly_savings_usd, r.resource, r.proposed))


def _recommendation(priced: Priced) -> Recommendation:
    """A priced proposal as a recommendation; one paid all upfront says how much is paid up front."""
    p = priced.proposal
    reason = p.reason
    if p.upfront is not None:
        key, hours, machines = p.upfront
        reason += f"; pays {usd((priced.unit_price(key) or 0.0) * hours * machines)} up front"
    return _rec(p.address, p.current, p.proposed, priced.saving, priced.before, reason)


def _node_groups(analysis: Analysis) -> Iterator[tuple[str, FieldPath, Cluster, NodeGroup, int]]:
    """(address, path, cluster, group, zones the group's size is multiplied by) for every billed node group."""
    for ci, cluster in enumerate(analysis.blueprint.clusters):
        if cluster.kind == "gke" and cluster.mode == "autopilot":
            continue  # Autopilot bills pods, not nodes
        zones = cluster_zone_count(cluster, analysis.plan.subnet_zones(cluster.subnet))
        for gi, group in enumerate(cluster.node_groups):
            yield (f"clusters.{cluster.name}.node_groups.{group.name}", ("clusters", ci, "node_groups", gi), cluster,
                   group, zones)


def _machines(analysis: Analysis) -> list[Machines]:
    out = [Machines(f"instances.{i.name}", ("instances", n), "type", i.type, i.count, i.hours_per_month, i.pricing,
                    i.count if i.hours_per_month >= HOURS_PER_MONTH else 0)
           for n, i in enumerate(analysis.blueprint.instances)]
    for address, path, cluster, group, zones in _node_groups(analysis):
        steady = group.min_size * zones if cluster.hours_per_month >= HOURS_PER_MONTH else 0
        out.append(Machines(address, path, "instance_type", group.instance_type, group.desired_size * zones,
                            cluster.hours_per_month, group.pricing, steady))
    return out


def _swaps(m: Machines) -> list[Proposal]:
    """Newer generation and Graviton of the same size, at the same pricing model."""
    if m.count == 0 or "." not in m.machine_type:
        return []
    specs = aws_instance_specs()
    family, _, _ = parse_instance_type(m.machine_type)
    size = m.machine_type.split(".", 1)[1]
    arm_note = ("the image must support arm64" if m.address.startswith("instances.")
                else "the node group moves to the arm64 AMI; every container image must be multi-arch")
    newer = (NEWER_GENERATION[family],) if family in NEWER_GENERATION else ()
    proposals = [("newer", newer, "newer generation of the same size"),
                 ("graviton", GRAVITON.get(family, ()), f"Graviton (arm64) of the same size: {arm_note}")]
    return [Proposal(m.address, (((*m.path, m.type_field), target),), m.machine_type, target, reason, (m.address, kind))
            for kind, families, reason in proposals for f in families if (target := f"{f}.{size}") in specs]


def _commitments(provider: str, m: Machines) -> list[Proposal]:
    """Per term, the commitment forms for the machines that run all month. On GCP the comparison is with
    on-demand after the sustained-use discount, which is what the estimate bills."""
    if m.pricing != "on-demand" or m.steady == 0:
        return []
    compared = " (compared with on-demand after the sustained-use discount)" if provider == "gcp" else ""
    scope = "" if m.steady == m.count else f" for the {m.steady} of {m.count} nodes that min_size keeps running"
    instance = m.type_field == "type"  # an instance states its pricing; a node group only its capacity
    return [Proposal(m.address, (((*m.path, "pricing"), key),) if instance else (), "on-demand", key,
                     f"runs all month: a {term} {how} is the cheapest commitment{scope}{compared}",
                     (m.address, term), share=m.steady / m.count, recommit=None if instance else key,
                     upfront=(f"{m.machine_type}/{key}", facts.COMMITMENT_TERM_HOURS[term], m.steady)
                     if key.endswith("all-upfront") else None)
            for term, forms in COMMITMENTS[provider].items() for key, how in forms]


def _gp3(analysis: Analysis) -> list[Proposal]:
    """gp2 -> gp3 of the same size, for instance volumes and node-group disks."""
    bp = analysis.blueprint
    reason = "gp3 costs less per GB and gives 3,000 IOPS and 125 MB/s at any size"
    out = []
    for n, inst in enumerate(bp.instances):
        volumes: list[tuple[FieldPath, Volume]] = ([(("instances", n, "root_volume"), inst.root_volume)]
                                                   if inst.root_volume else [])
        volumes += [(("instances", n, "volumes", i), v) for i, v in enumerate(inst.volumes)]
        for path, vol in volumes:
            if vol.type == "gp2":
                out.append(Proposal(f"instances.{inst.name}", (((*path, "type"), "gp3"),), f"gp2 {vol.size_gb} GB",
                                    f"gp3 {vol.size_gb} GB", reason, (f"instances.{inst.name}", *map(str, path))))
    for address, path, _, group, _ in _node_groups(analysis):
        size, disk = node_group_disk(bp.provider, group)
        if disk == "gp2":
            out.append(Proposal(address, (((*path, "disk_type"), "gp3"),), f"gp2 {size} GB node disks",
                                f"gp3 {size} GB node disks", reason, (address, "disk")))
    return out


def _bucket_lifecycles(bp: Blueprint) -> list[Recommendation]:
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


def _single_nat(analysis: Analysis) -> list[Proposal]:
    """One NAT gateway per zone versus one shared: the cost side only (the review weighs the risk).

    With one gateway, the other zones' egress crosses a zone boundary to reach it, billed out and in at
    the inter-zone rate (a charge the estimate does not model); with ``usage.nat_processed_gb`` that charge
    is subtracted from the saving, and without it the reason says the saving shrinks by it."""
    bp = analysis.blueprint
    nats = analysis.plan.nat_gateways
    if len(nats) < 2:
        return []
    reason = ("cost side only: a single NAT gateway is a single point of failure for the other zones' egress "
              "(REL10-BP03)")
    processed, inter_az = bp.usage.nat_processed_gb, unit_price("data-transfer", bp.region, "inter-az")
    crossing_usd = 0.0
    if processed is not None and inter_az is not None:
        crossing = processed * (len(nats) - 1) / len(nats)
        crossing_usd = crossing * 2 * inter_az
        reason += (f"; net of {crossing:,.0f} GB/month of the other zones' egress crossing zones to it "
                   f"(billed out and in at ${inter_az}/GB)")
    else:
        reason += "; the other zones' egress to it would be billed as cross-zone transfer (set usage.nat_processed_gb)"
    return [Proposal("network.nat", ((("network", "nat"), "single"),), f"{len(nats)} NAT gateways (one per zone)",
                     "1 NAT gateway", reason, ("network.nat",), children=True, basis="all", offset=crossing_usd,
                     replan=True)]


def _database_commitments(bp: Blueprint) -> list[Proposal]:
    """RDS reservations for databases that run all month (primary and replicas of the same class)."""
    return [Proposal(f"databases.{db.name}", ((("databases", n, "pricing"), term),), "on-demand", term,
                     f"runs all month: an RDS reservation ({how}) is cheaper", (f"databases.{db.name}", term))
            for n, db in enumerate(bp.databases) if db.pricing == "on-demand" and db.hours_per_month >= HOURS_PER_MONTH
            for term, how in DATABASE_TERMS]


def _rec(resource: str, current: str, proposed: str, savings: float, before: float, reason: str) -> Recommendation:
    return Recommendation(resource, current, proposed, cents(savings),
                          round(savings / before * 100, 2) if before else None, reason)
