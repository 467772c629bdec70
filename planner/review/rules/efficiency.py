"""Performance efficiency, cost optimisation, sustainability and operations: sizing and upkeep."""

from __future__ import annotations

from collections.abc import Iterator

from planner import catalog, facts, limits
from planner.quantities import parse_quantity
from planner.review.model import Context, Hit, Rule

PREVIOUS = facts.previous_generation_families()
GRAVITON = {family: arm[0] for family, arm in facts.graviton_families().items()}


def _instance_types(ctx: Context) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    for i, inst in enumerate(ctx.bp.instances):
        yield f"instances.{inst.name}", ("instances", i, "type"), inst.type
    for ci, c in enumerate(ctx.bp.clusters):
        for gi, g in enumerate(c.node_groups):
            yield (f"clusters.{c.name}.node_groups.{g.name}", ("clusters", ci, "node_groups", gi, "instance_type"),
                   g.instance_type)


def previous_generation(ctx: Context) -> Iterator[Hit]:
    if ctx.bp.provider == "aws":
        for resource, path, itype in _instance_types(ctx):
            family = catalog.parse_instance_type(itype)[0]
            yield Hit(resource, path, family in PREVIOUS, f"{itype} is a previous-generation family")


def graviton(ctx: Context) -> Iterator[Hit]:
    if ctx.bp.provider == "aws":
        for resource, path, itype in _instance_types(ctx):
            family = catalog.parse_instance_type(itype)[0]
            yield Hit(resource, path, family in GRAVITON,
                      f"{itype} has an arm64 (Graviton) counterpart: {GRAVITON.get(family, '')}")


def requests_limits(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        r = w.resources
        missing = not (r and r.requests and r.requests.cpu and r.requests.memory and r.limits and r.limits.memory)
        yield Hit(f"workloads.{w.name}", ("workloads", i, "resources"), missing, "missing CPU/memory requests or memory limit")


def autoscaling(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        if w.kind == "Deployment" and (w.replicas or 1) >= 2:
            yield Hit(f"workloads.{w.name}", ("workloads", i), w.autoscale is None, "fixed replica count, no autoscale")


def gp2_volumes(ctx: Context) -> Iterator[Hit]:
    for i, inst in enumerate(ctx.bp.instances):
        vols = ([inst.root_volume] if inst.root_volume else []) + list(inst.volumes)
        if vols:
            yield Hit(f"instances.{inst.name}", ("instances", i), any(v.type == "gp2" for v in vols),
                      "gp2 volumes: gp3 costs less per GB with a 3,000 IOPS baseline")


def bucket_lifecycle(ctx: Context) -> Iterator[Hit]:
    for i, b in enumerate(ctx.bp.buckets):
        if b.storage_class == "STANDARD" and facts.outgrows_standard_storage(b.size_gb, b.monthly_growth_gb):
            yield Hit(f"buckets.{b.name}", ("buckets", i, "lifecycle"), not b.lifecycle,
                      f"{b.size_gb:,.0f} GB in STANDARD with no lifecycle rule")


def commitments(ctx: Context) -> Iterator[Hit]:
    if ctx.bp.provider == "aws":
        for i, inst in enumerate(ctx.bp.instances):
            if inst.hours_per_month >= facts.HOURS_PER_MONTH:
                yield Hit(f"instances.{inst.name}", ("instances", i, "pricing"), inst.pricing == "on-demand",
                          "runs all month on on-demand pricing")


def idle_nodes(ctx: Context) -> Iterator[Hit]:
    specs = catalog.instance_specs(ctx.bp.provider)
    for ci, c in enumerate(ctx.bp.clusters):
        if not c.node_groups:
            continue
        capacity = sum(g.desired_size * (specs[g.instance_type].vcpu if g.instance_type in specs else 0)
                       for g in c.node_groups)
        requested = 0.0
        for w in ctx.bp.workloads:
            if w.cluster == c.name and w.resources and w.resources.requests and w.resources.requests.cpu:
                try:
                    requested += parse_quantity(w.resources.requests.cpu) * (w.replicas or 1)
                except ValueError:
                    continue
        if capacity and requested:
            yield Hit(f"clusters.{c.name}", ("clusters", ci, "node_groups"), capacity > 4 * requested,
                      f"{capacity} vCPU of nodes for {requested:g} vCPU of requests")


def fixed_node_groups(ctx: Context) -> Iterator[Hit]:
    for ci, c in enumerate(ctx.bp.clusters):
        for gi, g in enumerate(c.node_groups):
            yield Hit(f"clusters.{c.name}.node_groups.{g.name}", ("clusters", ci, "node_groups", gi),
                      g.min_size == g.max_size, f"min_size = max_size = {g.max_size}: the group cannot shrink or grow")


def endless_growth(ctx: Context) -> Iterator[Hit]:
    for i, b in enumerate(ctx.bp.buckets):
        if b.monthly_growth_gb > 0:
            yield Hit(f"buckets.{b.name}", ("buckets", i, "lifecycle"), not any(r.expire for r in b.lifecycle),
                      f"grows {b.monthly_growth_gb:,.0f} GB a month and nothing ever expires")


def kubernetes_support(ctx: Context) -> Iterator[Hit]:
    for i, c in enumerate(ctx.bp.clusters):
        row = limits.kubernetes_versions(c.kind).get(c.version)
        if row:
            past = ctx.today.isoformat() > row["end_of_standard_support"]
            yield Hit(f"clusters.{c.name}", ("clusters", i, "version"), past,
                      f"{c.kind.upper()} {c.version} left standard support on {row['end_of_standard_support']}")


def owner_tags(ctx: Context) -> Iterator[Hit]:
    tags = {k.lower() for k in ctx.bp.tags}
    missing = [t for t in ("owner", "env") if t not in tags and not (t == "env" and "environment" in tags)]
    yield Hit("tags", ("tags",), bool(missing), f"missing tags: {', '.join(missing)}")


def recreate_strategy(ctx: Context) -> Iterator[Hit]:
    for i, w in enumerate(ctx.bp.workloads):
        if w.kind == "Deployment":
            yield Hit(f"workloads.{w.name}", ("workloads", i, "strategy"), w.strategy == "Recreate",
                      "Recreate stops every pod before starting new ones")


R = Rule
RULES = (
    R("PLN-PERF-001", "performance-efficiency", "PERF02-BP01", "medium", ("instance", "node_group"),
      "Instances use current-generation families", "Move to the current generation (t2 -> t3, m4 -> m5/m6i, c4 -> c5).",
      previous_generation),
    R("PLN-PERF-002", "performance-efficiency", "PERF02-BP04", "medium", ("workload",),
      "Workloads declare requests and limits", "Set resources.requests (cpu, memory) and limits.memory.", requests_limits),
    R("PLN-PERF-003", "performance-efficiency", "PERF02-BP05", "low", ("workload",), "Replicated services autoscale",
      "Add autoscale: {min, max, cpu_percent}.", autoscaling),
    R("PLN-COST-001", "cost-optimization", "COST06-BP02", "medium", ("volume",), "Volumes use gp3 rather than gp2",
      "Change type: gp2 to gp3 (same size, lower price).", gp2_volumes),
    R("PLN-COST-002", "cost-optimization", "COST04-BP05", "medium", ("bucket",), "Large Standard buckets have lifecycle rules",
      "Add lifecycle transitions (e.g. STANDARD_IA at 30 days, GLACIER at 180).", bucket_lifecycle),
    R("PLN-COST-003", "cost-optimization", "COST07-BP01", "low", ("instance",), "Steady instances use a commitment",
      "Consider reserved-1y/3y or a savings plan (see planner roi).", commitments),
    R("PLN-COST-004", "cost-optimization", "COST06-BP02", "medium", ("cluster",), "Node groups fit the workloads' requests",
      "Lower desired_size or use smaller instance types.", idle_nodes),
    R("PLN-COST-005", "cost-optimization", "COST03-BP02", "medium", ("blueprint",), "Resources carry owner and environment tags",
      "Add tags: {owner: ..., env: ...} at the top of the blueprint.", owner_tags),
    R("PLN-SUS-001", "sustainability", "SUS05-BP02", "low", ("instance", "node_group"), "Graviton is considered",
      "Where the software runs on arm64, the Graviton family uses less energy for the same work.", graviton),
    R("PLN-SUS-002", "sustainability", "SUS02-BP01", "low", ("node_group",), "Node groups can scale with demand",
      "Give node groups a min_size below max_size and run the cluster autoscaler.", fixed_node_groups),
    R("PLN-SUS-003", "sustainability", "SUS02-BP03", "low", ("bucket",), "Growing data eventually expires",
      "Add an expire rule once the data is no longer needed.", endless_growth),
    R("PLN-OPS-001", "operational-excellence", "OPS05-BP05", "medium", ("cluster",),
      "Kubernetes versions are in standard support", "Upgrade the cluster; extended support costs more per hour.",
      kubernetes_support),
    R("PLN-OPS-002", "operational-excellence", "OPS05-BP09", "low", ("workload",), "Deployments roll out gradually",
      "Use strategy: RollingUpdate unless the application cannot run two versions at once.", recreate_strategy),
)
