"""EBS volume limits, S3 bucket names and lifecycle rules, RDS sanity."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from planner import limits
from planner.blueprint.schema import Bucket, Database, LifecycleRule, Volume
from planner.checks.base import Context
from planner.findings import Finding, Path

# The S3 lifecycle "waterfall": objects only move to colder classes (AWS S3 user guide,
# "Transitioning objects using Amazon S3 Lifecycle"). ONEZONE_IA sits beside STANDARD_IA: either may
# follow STANDARD or INTELLIGENT_TIERING, and STANDARD_IA may move to ONEZONE_IA but not back.
S3_RANK = {"STANDARD": 0, "INTELLIGENT_TIERING": 1, "STANDARD_IA": 2, "ONEZONE_IA": 3, "GLACIER_IR": 4,
           "GLACIER": 5, "DEEP_ARCHIVE": 6}
GCS_RANK = {"STANDARD": 0, "NEARLINE": 1, "COLDLINE": 2, "ARCHIVE": 3}
IA_CLASSES = {"STANDARD_IA", "ONEZONE_IA"}
IA_MIN_AGE_DAYS = 30  # S3 refuses transitions to the IA classes for objects younger than 30 days
EbsSpec = dict[str, float | None | str]  # one row of limits.ebs_volume_types()

_BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_IP_RE = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
_BAD_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_BAD_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def bucket_name_problem(name: str, provider: str = "aws") -> str | None:
    """Why ``name`` is not a valid bucket name, or None (S3 general-purpose bucket rules)."""
    if not _BUCKET_RE.match(name):
        return ("must be 3-63 characters of lower-case letters, digits, '.' and '-', starting and ending "
                "with a letter or digit")
    if ".." in name:
        return "must not contain two adjacent periods"
    if _IP_RE.match(name):
        return "must not look like an IP address"
    if provider == "aws":
        if name.startswith(_BAD_PREFIXES):
            return f"must not start with {', '.join(_BAD_PREFIXES)}"
        if name.endswith(_BAD_SUFFIXES):
            return f"must not end with {', '.join(_BAD_SUFFIXES)}"
    elif name.startswith("goog") or "google" in name:
        return "must not start with 'goog' or contain 'google'"
    return None


def bucket_names(ctx: Context) -> Iterator[Finding]:
    for i, bucket in enumerate(ctx.bp.buckets):
        problem = bucket_name_problem(bucket.name, ctx.bp.provider)
        if problem:
            yield ctx.error("CHK-S3-001", f"bucket name {bucket.name!r} {problem}", ("buckets", i, "name"),
                            "rename the bucket, e.g. 'shop-assets-prod'")


def lifecycle_rules(ctx: Context) -> Iterator[Finding]:
    """Transitions only go colder, respect minimum ages, and expiry does not precede them."""
    rank = S3_RANK if ctx.bp.provider == "aws" else GCS_RANK
    classes = limits.s3_storage_classes()
    for i, bucket in enumerate(ctx.bp.buckets):
        if bucket.storage_class not in rank:
            yield ctx.error("CHK-S3-002", f"{bucket.storage_class} is not a {ctx.bp.provider} storage class",
                            ("buckets", i, "storage_class"), f"use one of: {', '.join(rank)}")
            continue
        yield from _lifecycle_walk(ctx, i, bucket, rank, classes)
        yield from _same_day_rules(ctx, i, bucket)


def _lifecycle_walk(ctx: Context, i: int, bucket: Bucket, rank: dict[str, int],
                    classes: dict[str, dict[str, str]]) -> Iterator[Finding]:
    """Follow the bucket's rules in day order, tracking the class objects are in and since which day."""
    current, since = bucket.storage_class, 0
    ordered = sorted(enumerate(bucket.lifecycle), key=lambda pair: pair[1].after_days)
    expired_at: int | None = None
    for j, rule in ordered:
        path = ("buckets", i, "lifecycle", j)
        if expired_at is not None:
            yield ctx.error("CHK-S3-003", f"this rule acts after objects expire on day {expired_at}", path,
                            "remove it, or move the expiry later")
            continue
        min_days = _min_days(classes, current)
        if rule.expire:
            expired_at = rule.after_days
            if min_days and rule.after_days - since < min_days:
                yield ctx.warning("CHK-S3-004", f"objects expire {rule.after_days - since} days after entering "
                                  f"{current}, before its {min_days}-day minimum: an early-deletion charge "
                                  "applies", (*path, "after_days"), f"expire at day {since + min_days} or later")
            continue
        target = rule.storage_class
        assert target is not None
        wrong_target = _wrong_target(ctx, path, current, target, rank)
        if wrong_target is not None:
            yield wrong_target
            continue
        yield from _transition_age(ctx, path, rule, target, current, since, min_days)
        current, since = target, rule.after_days


def _wrong_target(ctx: Context, path: Path, current: str, target: str, rank: dict[str, int]) -> Finding | None:
    """The error when ``target`` is no storage class of the provider or is not colder than ``current``."""
    if target not in rank:
        return ctx.error("CHK-S3-002", f"{target} is not a {ctx.bp.provider} storage class",
                         (*path, "storage_class"), f"use one of: {', '.join(rank)}")
    if rank[target] <= rank[current]:
        return ctx.error("CHK-S3-003", f"lifecycle rules only move objects to colder classes; {current} -> "
                         f"{target} goes the wrong way", (*path, "storage_class"),
                         "order the transitions from warm to cold")
    return None


def _transition_age(ctx: Context, path: Path, rule: LifecycleRule, target: str, current: str, since: int,
                    min_days: int) -> Iterator[Finding]:
    """A move from ``current`` (entered on day ``since``) to ``target`` respects the IA ages and minimum storage."""
    if ctx.bp.provider == "aws" and target in IA_CLASSES and rule.after_days < IA_MIN_AGE_DAYS:
        yield ctx.error("CHK-S3-003", f"S3 moves objects to {target} no earlier than {IA_MIN_AGE_DAYS} days "
                        f"after creation (got {rule.after_days})", (*path, "after_days"),
                        f"set after_days to {IA_MIN_AGE_DAYS} or more")
    elif ctx.bp.provider == "aws" and current in IA_CLASSES and rule.after_days - since < IA_MIN_AGE_DAYS:
        yield ctx.error("CHK-S3-003", f"objects must stay {IA_MIN_AGE_DAYS} days in {current} before moving "
                        f"to {target} (got {rule.after_days - since})", (*path, "after_days"),
                        f"set after_days to {since + IA_MIN_AGE_DAYS} or more")
    elif min_days and rule.after_days - since < min_days and current != "STANDARD":
        yield ctx.warning("CHK-S3-004", f"objects leave {current} after {rule.after_days - since} days, "
                          f"before its {min_days}-day minimum: an early-deletion charge applies",
                          (*path, "after_days"), f"transition at day {since + min_days} or later")


def _same_day_rules(ctx: Context, i: int, bucket: Bucket) -> Iterator[Finding]:
    days = [r.after_days for r in bucket.lifecycle]
    for j, rule in enumerate(bucket.lifecycle):
        if days.count(rule.after_days) > 1 and days.index(rule.after_days) != j:
            yield ctx.error("CHK-S3-003", f"two lifecycle rules act on day {rule.after_days}",
                            ("buckets", i, "lifecycle", j, "after_days"), "give each rule its own day")


def _min_days(classes: dict[str, dict[str, str]], storage_class: str) -> int:
    value = classes.get(storage_class, {}).get("min_storage_days") or "0"
    try:
        return int(float(value))
    except ValueError:
        return 0


def _volume_problems(ctx: Context, volume: Volume, path: tuple[str | int, ...], root: bool) -> Iterator[Finding]:
    provider = ctx.bp.provider
    is_pd = volume.type.startswith("pd-")
    if (provider == "aws") == is_pd:
        kinds = "gp2, gp3, io1, io2, st1, sc1, standard" if provider == "aws" else "pd-standard, pd-balanced, pd-ssd"
        yield ctx.error("CHK-EBS-001", f"{volume.type} is not a {provider} disk type", (*path, "type"), f"use one of: {kinds}")
        return
    spec = limits.ebs_volume_types().get(volume.type)
    if provider != "aws" or spec is None:
        return
    low, high = spec.get("min_size_gib"), spec.get("max_size_gib")
    if isinstance(low, float) and isinstance(high, float) and not low <= volume.size_gb <= high:
        yield ctx.error("CHK-EBS-001", f"a {volume.type} volume is {low:g}–{high:g} GiB (got {volume.size_gb})",
                        (*path, "size_gb"), "change the size or the volume type")
    if root and str(spec.get("bootable", "true")).lower() == "false":
        yield ctx.error("CHK-EBS-001", f"{volume.type} cannot be a boot volume", (*path, "type"), "use gp3 for the root volume")
    yield from _ebs_iops(ctx, volume, path, spec)
    yield from _ebs_throughput(ctx, volume, path, spec)


def _ebs_iops(ctx: Context, volume: Volume, path: Path, spec: EbsSpec) -> Iterator[Finding]:
    """Provisioned IOPS: required on io1/io2, only allowed on gp3/io1/io2, within the type's limits."""
    max_iops, per_gib, min_iops = spec.get("max_iops"), spec.get("max_iops_per_gib"), spec.get("min_iops")
    if volume.type in ("io1", "io2") and volume.iops is None:
        yield ctx.error("CHK-EBS-002", f"a {volume.type} volume needs provisioned iops", path, "add iops: 3000 (for example)")
    if volume.iops is None:
        return
    if volume.type not in ("gp3", "io1", "io2"):
        yield ctx.error("CHK-EBS-002", f"iops cannot be set on {volume.type}", (*path, "iops"),
                        "remove iops, or use gp3/io1/io2")
        return
    if isinstance(min_iops, float) and volume.iops < min_iops:
        yield ctx.error("CHK-EBS-002", f"{volume.type} iops start at {min_iops:g} (got {volume.iops})",
                        (*path, "iops"), f"set iops to at least {min_iops:g}")
    if isinstance(max_iops, float) and volume.iops > max_iops:
        yield ctx.error("CHK-EBS-002", f"{volume.type} allows at most {max_iops:g} iops (got {volume.iops})",
                        (*path, "iops"), f"set iops to {max_iops:g} or less")
    if isinstance(per_gib, float) and volume.iops > per_gib * volume.size_gb and volume.iops > 3000:
        yield ctx.error("CHK-EBS-002", f"{volume.type} allows {per_gib:g} iops per GiB: {volume.size_gb} GiB "
                        f"allows {per_gib * volume.size_gb:g} (got {volume.iops})", (*path, "iops"),
                        f"grow the volume to {int(-(-volume.iops // per_gib))} GiB or lower iops")


def _ebs_throughput(ctx: Context, volume: Volume, path: Path, spec: EbsSpec) -> Iterator[Finding]:
    """Provisioned throughput: gp3 only, within its baseline, maximum and per-IOPS limit."""
    if volume.throughput_mbps is None:
        return
    if volume.type != "gp3":
        yield ctx.error("CHK-EBS-003", f"throughput can only be set on gp3 (this is {volume.type})",
                        (*path, "throughput_mbps"), "remove throughput_mbps, or use gp3")
        return
    base, top = spec.get("baseline_throughput_mbps"), spec.get("max_throughput_mbps")
    per_iops = spec.get("max_throughput_per_iops")
    if isinstance(base, float) and volume.throughput_mbps < base:
        yield ctx.error("CHK-EBS-003", f"gp3 throughput starts at {base:g} MB/s", (*path, "throughput_mbps"),
                        f"set it to {base:g} or more")
    if isinstance(top, float) and volume.throughput_mbps > top:
        yield ctx.error("CHK-EBS-003", f"gp3 throughput is at most {top:g} MB/s", (*path, "throughput_mbps"),
                        f"set it to {top:g} or less")
    iops = volume.iops or 3000
    if isinstance(per_iops, float) and volume.throughput_mbps > 125 and volume.throughput_mbps > per_iops * iops:
        yield ctx.error("CHK-EBS-003", f"gp3 allows {per_iops:g} MB/s per provisioned IOPS: {iops} IOPS "
                        f"allow {per_iops * iops:g} MB/s (got {volume.throughput_mbps})",
                        (*path, "throughput_mbps"), "raise iops or lower throughput_mbps")


def volumes(ctx: Context) -> Iterator[Finding]:
    for i, inst in enumerate(ctx.bp.instances):
        if inst.root_volume:
            yield from _volume_problems(ctx, inst.root_volume, ("instances", i, "root_volume"), True)
        for j, vol in enumerate(inst.volumes):
            yield from _volume_problems(ctx, vol, ("instances", i, "volumes", j), False)
    for ci, cluster in enumerate(ctx.bp.clusters):
        for gi, group in enumerate(cluster.node_groups):
            if group.disk_type or group.disk_gb:
                vol = Volume(size_gb=group.disk_gb or 20, type=group.disk_type or ("gp3" if ctx.bp.provider == "aws"
                                                                                   else "pd-balanced"))
                yield from _volume_problems(ctx, vol, ("clusters", ci, "node_groups", gi), True)


GCP_ENGINES = {"mysql", "postgres", "sqlserver"}


def databases(ctx: Context) -> Iterator[Finding]:
    engines = limits.rds_engines()
    classes = limits.rds_instance_classes()
    for i, db in enumerate(ctx.bp.databases):
        path = ("databases", i)
        if ctx.bp.provider == "gcp":
            if db.engine not in GCP_ENGINES:
                yield ctx.error("CHK-RDS-001", f"engine {db.engine} is not available on GCP (Cloud SQL)", (*path, "engine"),
                                f"use one of: {', '.join(sorted(GCP_ENGINES))}")
            continue
        yield from _rds_class(ctx, path, db, classes)
        yield from _rds_storage_type(ctx, path, db)
        spec = engines.get(db.engine)
        if spec:
            yield from _rds_engine_limits(ctx, path, db, spec)
        if db.read_replicas and db.backup_retention_days == 0:
            yield ctx.error("CHK-RDS-004", "read replicas need automated backups (backup_retention_days > 0)",
                            (*path, "backup_retention_days"), "set backup_retention_days to 1 or more")


def _rds_class(ctx: Context, path: Path, db: Database, classes: dict[str, dict[str, str]]) -> Iterator[Finding]:
    """The instance class is an RDS class ('db.' prefix) the catalog knows."""
    if not db.instance_class.startswith("db."):
        yield ctx.error("CHK-RDS-002", f"RDS classes start with 'db.' (got {db.instance_class!r})", (*path, "class"),
                        f"did you mean 'db.{db.instance_class}'?")
    elif classes and db.instance_class not in classes:
        close = difflib.get_close_matches(db.instance_class, list(classes), n=1, cutoff=0.7)
        yield ctx.warning("CHK-RDS-002", f"DB instance class {db.instance_class!r} is not in the catalog",
                          (*path, "class"), f"did you mean {close[0]!r}?" if close else "check the class name")


def _rds_storage_type(ctx: Context, path: Path, db: Database) -> Iterator[Finding]:
    """Aurora storage goes with Aurora engines only, and io1/io2 storage has provisioned iops."""
    aurora = db.engine.startswith("aurora")
    if aurora and db.storage_type != "aurora":
        yield ctx.error("CHK-RDS-003", "Aurora manages its own storage", (*path, "storage_type"),
                        "set storage_type: aurora (storage_gb is then the expected data size)")
    if not aurora and db.storage_type == "aurora":
        yield ctx.error("CHK-RDS-003", f"storage_type aurora needs an aurora engine (got {db.engine})",
                        (*path, "storage_type"), "use gp3")
    if db.storage_type in ("io1", "io2") and db.iops is None:
        yield ctx.error("CHK-RDS-003", f"{db.storage_type} storage needs iops", path, "add iops: 3000 (for example)")


def _rds_engine_limits(ctx: Context, path: Path, db: Database, spec: dict[str, str]) -> Iterator[Finding]:
    """The engine's storage range (not for Aurora) and its maximum number of read replicas."""
    low, high = float(spec.get("min_storage_gib") or 0), float(spec.get("max_storage_gib") or 0)
    if not db.engine.startswith("aurora") and high and not low <= db.storage_gb <= high:
        yield ctx.error("CHK-RDS-003", f"{db.engine} storage is {low:g}–{high:g} GiB (got {db.storage_gb})",
                        (*path, "storage_gb"), "change storage_gb")
    replicas = int(float(spec.get("max_read_replicas") or 0))
    if replicas and db.read_replicas > replicas:
        yield ctx.error("CHK-RDS-004", f"{db.engine} allows at most {replicas} read replicas "
                        f"(got {db.read_replicas})", (*path, "read_replicas"), f"use {replicas} or fewer")
