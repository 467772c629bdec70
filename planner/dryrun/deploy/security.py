"""The security-group family: every group of the blueprint, then every group's ingress rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.blueprint.schema import port_range
from planner.dryrun.deploy.core import DeploymentCore


def create_security_groups(d: DeploymentCore) -> None:
    """All groups first (a rule may name any group as its source), then their ingress rules."""
    vpc = d.ids.get(("vpc", d.bp.name))
    if not vpc:
        return
    ec2 = d.client("ec2")
    for group in d.bp.security_groups:
        gid = d.step("security_group", group.name, lambda group=group: ec2.create_security_group(
            GroupName=d.aws_name(group.name, limit=255), Description=group.description or group.name, VpcId=vpc,
            TagSpecifications=d.tag_spec("security-group", group.name))["GroupId"])
        if gid:
            d.created("security_group", group.name, gid, lambda gid=gid: ec2.delete_security_group(GroupId=gid))
    for group in d.bp.security_groups:
        gid = d.ids.get(("security_group", group.name))
        if not gid:
            continue
        for rule in group.ingress:
            permissions = ip_permissions(rule, lambda name: d.ids.get(("security_group", name), ""))
            d.step("security_group", f"{group.name} ingress", lambda gid=gid, p=permissions:
                   ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=p))


def ip_permissions(rule: Any, group_id: Callable[[str], str]) -> list[dict[str, Any]]:
    """One ingress rule as EC2 IpPermissions; ``group_id`` maps a blueprint group name to its id."""
    permissions = []
    for spec in rule.ports:
        low, high = port_range(spec)
        entry: dict[str, Any] = {"IpProtocol": "-1" if rule.protocol == "all" else rule.protocol,
                                 "FromPort": low, "ToPort": high}
        if rule.source and rule.source.startswith("sg:"):
            entry["UserIdGroupPairs"] = [{"GroupId": group_id(rule.source[3:])}]
        else:
            entry["IpRanges"] = [{"CidrIp": rule.source}]
        permissions.append(entry)
    return permissions
