"""Databases: instance hours, read replicas, storage and provisioned IOPS."""

from __future__ import annotations

from datetime import date

from planner.analysis import Analysis
from planner.cost.declare.component import Component


def databases(analysis: Analysis, today: date) -> list[Component]:
    bp = analysis.blueprint
    out: list[Component] = []
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
    return out
