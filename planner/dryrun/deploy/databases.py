"""The database family: an RDS subnet group per database, the instance and its read replicas."""

from __future__ import annotations

from typing import Any

from planner.dryrun.deploy.core import DeploymentCore


def create_databases(d: DeploymentCore) -> None:
    """Each database's subnet group, then (Aurora aside) its instance and read replicas."""
    rds = d.client("rds")
    for db in d.bp.databases:
        subnets = [d.ids[("subnet", f"{db.subnet}-{z}")] for z in d.plan.subnet_zones(db.subnet)
                   if ("subnet", f"{db.subnet}-{z}") in d.ids]
        group = d.aws_name(db.name, limit=255)
        if d.step("db_subnet_group", group, lambda group=group, subnets=subnets: rds.create_db_subnet_group(
                DBSubnetGroupName=group, DBSubnetGroupDescription=group, SubnetIds=subnets)) is None:
            continue
        d.created("db_subnet_group", group, group, lambda group=group: rds.delete_db_subnet_group(
            DBSubnetGroupName=group))
        ident = d.aws_name(db.name, limit=50, letter_first=True)  # room for "-replica-N"
        groups = [d.ids[("security_group", g)] for g in db.security_groups if ("security_group", g) in d.ids]
        if db.engine.startswith("aurora"):
            d.result.not_rehearsed.append({"kind": "db_instance", "name": db.name,
                                           "reason": "Aurora clusters are not rehearsed yet"})
            continue
        _instance(d, rds, db, ident, group, groups)


def _instance(d: DeploymentCore, rds: Any, db: Any, ident: str, group: str, groups: list[str]) -> None:
    """The database instance ``ident`` and, once it exists, its read replicas."""
    made = d.step("db_instance", ident, lambda db=db, ident=ident, group=group, groups=groups:
                  rds.create_db_instance(
                      DBInstanceIdentifier=ident, Engine=db.engine, DBInstanceClass=db.instance_class,
                      AllocatedStorage=db.storage_gb, StorageType=db.storage_type, MultiAZ=db.multi_az,
                      DBSubnetGroupName=group, VpcSecurityGroupIds=groups, StorageEncrypted=db.encrypted,
                      BackupRetentionPeriod=db.backup_retention_days, MasterUsername="planner",
                      MasterUserPassword="not-a-real-password-1"))
    if made is None:
        return
    d.created("db_instance", ident, ident, lambda ident=ident: rds.delete_db_instance(
        DBInstanceIdentifier=ident, SkipFinalSnapshot=True))
    for r in range(db.read_replicas):
        rid = f"{ident}-replica-{r + 1}"
        if d.step("db_instance", rid, lambda rid=rid, ident=ident: rds.create_db_instance_read_replica(
                DBInstanceIdentifier=rid, SourceDBInstanceIdentifier=ident)) is not None:
            d.created("db_instance", rid, rid, lambda rid=rid: rds.delete_db_instance(
                DBInstanceIdentifier=rid, SkipFinalSnapshot=True))
