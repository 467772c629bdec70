"""Tags, labels and deployed names that the provider would refuse are errors at ``check``, not
failures of a deployment (see :mod:`planner.naming` for the limits and their sources)."""

from __future__ import annotations

from collections.abc import Iterator

from planner import naming
from planner.checks.base import Context
from planner.findings import Finding, Path

TAG_RULE = "CHK-TAG-001"
NAME_RULE = "CHK-NAME-002"


def tags(ctx: Context) -> Iterator[Finding]:
    """Every tag (AWS) or label (GCP) valid, and every resource within the provider's count."""
    bp = ctx.bp
    aws = bp.provider == "aws"
    word = "tag" if aws else "label"
    tagged: list[tuple[Path, dict[str, str]]] = [(("tags",), bp.tags)]
    tagged += [(("instances", i, "tags"), inst.tags) for i, inst in enumerate(bp.instances)]
    tagged += [(("buckets", i, "tags"), b.tags) for i, b in enumerate(bp.buckets)]
    for path, mapping in tagged:
        for key, value in mapping.items():
            check = naming.aws_tag_problems if aws else naming.gcp_label_problems
            for message, fix in check(key, value):
                yield ctx.error(TAG_RULE, message, (*path, key), fix)
    limit = naming.AWS_MAX_TAGS if aws else naming.GCP_MAX_LABELS
    ours = len(naming.PLANNER_TAG_KEYS) if aws else 0
    for path, mapping in tagged:
        if path != ("tags",) and not set(mapping) - set(bp.tags):
            continue  # nothing beyond the blueprint's tags: reported once, at the blueprint's
        keys = set(bp.tags) | set(mapping)
        if len(keys) + ours > limit:
            what = "the blueprint's" if path == ("tags",) else "this resource's and the blueprint's"
            planner_part = f" and planner's {ours} ({', '.join(naming.PLANNER_TAG_KEYS)})" if ours else ""
            yield ctx.error(TAG_RULE, f"{len(keys)} {word}s ({what}){planner_part} exceed the "
                            f"{bp.provider.upper()} limit of {limit} per resource", path,
                            f"keep at most {limit - ours} {word}s on a resource")


def deployed_names(ctx: Context) -> Iterator[Finding]:
    """Load balancer, target group and RDS names as deployed (``<blueprint>-<name>``) fit AWS's rules."""
    bp = ctx.bp
    if bp.provider != "aws":
        return
    for i, lb in enumerate(bp.load_balancers):
        name = naming.deployed_name(bp.name, lb.name)
        problem = naming.elb_name_problem(name)
        if problem:
            yield _name_error(ctx, "load balancer", name, problem, ("load_balancers", i, "name"),
                              naming.ELB_NAME_MAX)
        for j, listener in enumerate(lb.listeners):
            group = naming.deployed_name(bp.name, lb.name, str(listener.port))
            problem = naming.elb_name_problem(group)
            if problem and not naming.elb_name_problem(name):
                yield _name_error(ctx, "target group", group, problem, ("load_balancers", i, "listeners", j, "port"),
                                  naming.ELB_NAME_MAX)
    for i, db in enumerate(bp.databases):
        name = naming.deployed_name(bp.name, db.name)
        longest = naming.deployed_name(bp.name, db.name, "replica", str(db.read_replicas))
        for kind, ident in (("RDS instance", name), ("RDS read replica", longest)):
            if kind == "RDS read replica" and not db.read_replicas:
                continue
            problem = naming.rds_identifier_problem(ident)
            if problem:
                yield _name_error(ctx, kind, ident, problem, ("databases", i, "name"), naming.RDS_IDENTIFIER_MAX)
                break


def _name_error(ctx: Context, kind: str, name: str, problem: str, path: Path, limit: int) -> Finding:
    return ctx.error(NAME_RULE, f"the {kind} is deployed as {name!r} (<blueprint>-<name>), which {problem}",
                     path, f"shorten the blueprint's or the resource's name so that the whole stays within "
                           f"{limit} characters")
