"""Each resource kind declares its cost components: what is consumed, in what unit, under which
price key. Nothing here knows a price (the Infracost model); ``pricing.py`` joins them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner import limits
from planner.blueprint.schema import Bucket, Volume
from planner.cost.discounts import sustained_use_discount_hours, sustained_use_family
from planner.pipeline import Analysis
from planner.plan import cluster_zone_count, node_group_disk

HOURS = 730.0


@dataclass(frozen=True, slots=True)
class Component:
    address: str  # e.g. instances.web
    kind: str  # instance, volume, node_group, eks_cluster, nat_gateway, load_balancer, bucket, database, usage
    service: str  # price-table service
    name: str
    unit: str
    quantity: float | None  # None: usage-based and no usage given ("depends on usage")
    key: str
    usage_based: bool = False
    credit: bool = False  # priced like ``key`` but subtracted (e.g. a sustained-use discount)
    copies: int = 1  # price tiers apply to quantity / copies (per volume for io2 IOPS), then times copies


GKE_CREDIT_HOURS = 744.0  # $74.40 monthly credit / $0.10 per cluster-hour


def declare(analysis: Analysis, today: date | None = None) -> list[Component]:
    """Every cost component of the blueprint, in blueprint order."""
    bp = analysis.blueprint
    out: list[Component] = []
    aws = bp.provider == "aws"
    credit_used = False
    for inst in bp.instances:
        address = f"instances.{inst.name}"
        hours = inst.count * inst.hours_per_month
        service = "ec2" if aws else "gce"
        out.append(Component(address, "instance", service, f"compute ({inst.type}, {inst.pricing})", "hour", hours,
                             f"{inst.type}/{inst.pricing}"))
        if not aws and inst.pricing == "on-demand":
            out += _sustained_use(address, "instance", inst.type, inst.count, inst.hours_per_month)
        volumes = ([("root volume", inst.root_volume)] if inst.root_volume else []) + [
            (f"volume {i + 1}", v) for i, v in enumerate(inst.volumes)]
        for label, vol in volumes:
            out += _volume(address, label, vol, inst.count, aws)
    for cluster in bp.clusters:
        address = f"clusters.{cluster.name}"
        if cluster.kind == "eks":
            support = _eks_support(cluster.version, today or date.today())
            out.append(Component(address, "eks_cluster", "eks", f"control plane ({support} support)", "hour",
                                 cluster.hours_per_month, f"control-plane/{support}"))
        else:
            out.append(Component(address, "gke_cluster", "gke", "cluster management fee", "hour",
                                 cluster.hours_per_month, "management/hour"))
            if not credit_used and (cluster.mode or "zonal") in ("zonal", "autopilot"):
                # Google's free tier: $74.40 of credit a month per billing account, for one zonal or Autopilot
                # cluster, i.e. up to 744 hours of the fee. A separate line, so it can be ignored when the
                # account already spends it elsewhere.
                credit_used = True
                out.append(Component(address, "gke_cluster", "gke",
                                     "free tier credit (one zonal or Autopilot cluster per billing account)", "hour",
                                     min(cluster.hours_per_month, GKE_CREDIT_HOURS), "management/free-tier-credit"))
        zones = analysis.plan.subnet_zones(cluster.subnet)
        multiplier = cluster_zone_count(cluster, zones)
        for group in cluster.node_groups:
            nodes = group.desired_size * multiplier
            ng_address = f"{address}.node_groups.{group.name}"
            pricing = group.pricing
            out.append(Component(ng_address, "node_group", "ec2" if aws else "gce",
                                 f"{nodes} nodes ({group.instance_type}, {pricing})", "hour",
                                 nodes * cluster.hours_per_month, f"{group.instance_type}/{pricing}"))
            if not aws and pricing == "on-demand":
                out += _sustained_use(ng_address, "node_group", group.instance_type, nodes, cluster.hours_per_month)
            size, disk = node_group_disk(bp.provider, group)
            out.append(Component(ng_address, "node_group", "ebs" if aws else "pd", f"node disks ({disk})", "gb-month",
                                 float(nodes * size), f"{disk}/storage"))
    for nat in analysis.plan.nat_gateways:
        out.append(Component(f"network.nat.{nat['zone']}", "nat_gateway", "nat", "NAT gateway", "hour", HOURS,
                             "gateway/hour"))
    if analysis.plan.nat_gateways:
        out.append(Component("network.nat", "nat_gateway", "nat", "data processed", "gb", bp.usage.nat_processed_gb,
                             "gateway/processed", usage_based=True))
    for lb in bp.load_balancers:
        address = f"load_balancers.{lb.name}"
        out.append(Component(address, "load_balancer", "elb", f"{lb.type} load balancer", "hour", HOURS,
                             f"{lb.type}/hour"))
        unit, key = ("lcu-hour", "application/lcu") if lb.type == "application" else ("nlcu-hour", "network/nlcu")
        share = bp.usage.lb_processed_gb / len(bp.load_balancers) if bp.usage.lb_processed_gb is not None else None
        # One capacity unit covers 1 GB processed per hour, so processed GB equal unit-hours on that dimension.
        out.append(Component(address, "load_balancer", "elb", "capacity units (processed bytes)", unit, share, key,
                             usage_based=True))
    for bucket in bp.buckets:
        out += _bucket(bucket, aws)
    for db in bp.databases:
        address = f"databases.{db.name}"
        deployment = "multi-az" if db.multi_az else "single-az"
        copies = 1 + db.read_replicas
        term = "" if db.pricing == "on-demand" else f"/{db.pricing}"
        out.append(Component(address, "database", "rds", f"{db.instance_class} {db.engine} {deployment}"
                             f" ({db.pricing})", "hour", db.hours_per_month,
                             f"{db.engine}/{db.instance_class}/{deployment}{term}"))
        if db.read_replicas:
            out.append(Component(address, "database", "rds", f"{db.read_replicas} read replica(s) ({db.pricing})",
                                 "hour", db.read_replicas * db.hours_per_month,
                                 f"{db.engine}/{db.instance_class}/single-az{term}"))
        if db.storage_type != "aurora":
            # The Multi-AZ storage price covers the standby's copy; each read replica is a Single-AZ
            # instance with storage (and provisioned IOPS) of its own.
            replicas = f"{db.read_replicas} read replica(s)"
            if db.multi_az:
                parts = [("multi-az", 1, "primary and standby"), ("single-az", db.read_replicas, replicas)]
            else:
                parts = [("single-az", copies, f"primary and {replicas}" if db.read_replicas else "")]
            for dep, n, who in parts:
                if not n:
                    continue
                label = f"{db.storage_type}, {who}" if who else db.storage_type
                out.append(Component(address, "database", "rds", f"storage ({label})", "gb-month",
                                     float(db.storage_gb * n), f"storage/{db.storage_type}/{dep}"))
                if db.storage_type in ("io1", "io2") and db.iops:
                    out.append(Component(address, "database", "rds", f"provisioned IOPS ({label})", "iops-month",
                                         float(db.iops * n), f"iops/{db.storage_type}/{dep}"))
    usage = bp.usage
    out.append(Component("usage.data_transfer_out", "usage", "data-transfer", "data transfer out to the internet", "gb",
                         usage.data_transfer_out_gb, "internet-out", usage_based=True))
    if usage.inter_az_gb is not None:
        # AWS bills a GB that crosses zones twice: leaving one zone and entering the other.
        sides = 2 if aws else 1
        out.append(Component("usage.inter_az", "usage", "data-transfer",
                             "data transfer between zones" + (" (billed out and in)" if aws else ""), "gb",
                             usage.inter_az_gb * sides, "inter-az", usage_based=True))
    if usage.inter_region_gb is not None:
        out.append(Component("usage.inter_region", "usage", "data-transfer", "data transfer to other regions", "gb",
                             usage.inter_region_gb, "inter-region", usage_based=True))
    return out


def _sustained_use(address: str, kind: str, machine_type: str, count: int, hours: float) -> list[Component]:
    """Compute Engine's sustained-use discount as its own negative line, priced at the on-demand rate."""
    off = sustained_use_discount_hours(machine_type, hours)
    if off <= 0 or count <= 0:
        return []
    share = off / hours * 100
    return [Component(address, kind, "gce", f"sustained-use discount ({sustained_use_family(machine_type)}, "
                      f"{hours:g} h/month: {share:.2f}% off)", "hour", round(count * off, 6), f"{machine_type}/on-demand",
                      credit=True)]


def _volume(address: str, label: str, vol: Volume, count: int, aws: bool) -> list[Component]:
    service = "ebs" if aws else "pd"
    out = [Component(address, "volume", service, f"{label} storage ({vol.type})", "gb-month", float(vol.size_gb * count),
                     f"{vol.type}/storage")]
    if vol.type == "gp3" and vol.iops and vol.iops > 3000:
        out.append(Component(address, "volume", service, f"{label} IOPS above 3,000", "iops-month",
                             float((vol.iops - 3000) * count), "gp3/iops"))
    if vol.type == "gp3" and vol.throughput_mbps and vol.throughput_mbps > 125:
        out.append(Component(address, "volume", service, f"{label} throughput above 125 MB/s", "mbps-month",
                             float((vol.throughput_mbps - 125) * count), "gp3/throughput"))
    if vol.type in ("io1", "io2") and vol.iops:
        # io2 IOPS are tiered per volume (cheaper above 32,000 and 64,000), so tiers see one volume's IOPS.
        out.append(Component(address, "volume", service, f"{label} provisioned IOPS", "iops-month",
                             float(vol.iops * count), f"{vol.type}/iops", copies=max(count, 1)))
    if vol.snapshot_gb:
        out.append(Component(address, "volume", service, f"{label} snapshots", "gb-month", vol.snapshot_gb * count,
                             "snapshot/storage"))
    return out


def _bucket(bucket: Bucket, aws: bool) -> list[Component]:
    address = f"buckets.{bucket.name}"
    cls = bucket.storage_class
    service = "s3" if aws else "gcs"
    out = [Component(address, "bucket", service, f"storage ({cls}, month 1)", "gb-month",
                     bucket.size_gb, f"{cls}/storage")]
    requests = bucket.monthly_requests
    out.append(Component(address, "bucket", service, "PUT/COPY/POST/LIST requests", "1k-requests",
                         requests.put / 1000 if requests else None, f"{cls}/put", usage_based=True))
    out.append(Component(address, "bucket", service, "GET/SELECT requests", "1k-requests",
                         requests.get / 1000 if requests else None, f"{cls}/get", usage_based=True))
    if cls not in ("STANDARD", "INTELLIGENT_TIERING"):
        out.append(Component(address, "bucket", service, "retrieval", "gb", bucket.monthly_retrieval_gb,
                             f"{cls}/retrieval", usage_based=True))
    if cls == "INTELLIGENT_TIERING":
        objects = (bucket.size_gb * 1024 * 1024 / bucket.average_object_kb / 1000) if bucket.average_object_kb else None
        out.append(Component(address, "bucket", service, "monitoring and automation", "1k-objects-month", objects,
                             "INTELLIGENT_TIERING/monitoring", usage_based=True))
    return out


def _eks_support(version: str, today: date) -> str:
    row = limits.kubernetes_versions("eks").get(version)
    if row and row.get("end_of_standard_support") and today.isoformat() > row["end_of_standard_support"]:
        return "extended"
    return "standard"
