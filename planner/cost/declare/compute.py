"""Instances: compute hours, GCE sustained-use discounts, and their volumes."""

from __future__ import annotations

from datetime import date

from planner.analysis import Analysis
from planner.blueprint.schema import Volume
from planner.cost.declare.component import Component
from planner.cost.discounts import sustained_use_discount_hours, sustained_use_family


def instances(analysis: Analysis, today: date) -> list[Component]:
    bp = analysis.blueprint
    out: list[Component] = []
    aws = bp.provider == "aws"
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
