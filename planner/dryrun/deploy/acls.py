"""Network ACLs: each ACL with its entries (one per port of a rule, numbered rule, rule + 1, ...), then
swapped in for the VPC's default ACL on each of its subnets; teardown swaps the default back first."""

from __future__ import annotations

from typing import Any

from planner.blueprint.schema import AclRule, NetworkAcl, port_range
from planner.checks.network_acls import entry_numbers
from planner.dryrun.deploy.core import DeploymentCore

PROTOCOLS = {"tcp": "6", "udp": "17", "icmp": "1", "all": "-1"}


def create_network_acls(d: DeploymentCore, ec2: Any, vpc: str) -> None:
    net = d.bp.network
    for acl in net.acls if net else []:
        acl_id = d.step("network_acl", acl.name, lambda acl=acl: ec2.create_network_acl(
            VpcId=vpc, TagSpecifications=d.tag_spec("network-acl", acl.name))["NetworkAcl"]["NetworkAclId"])
        if not acl_id:
            continue
        d.created("network_acl", acl.name, acl_id, lambda acl_id=acl_id: ec2.delete_network_acl(NetworkAclId=acl_id))
        _entries(d, ec2, acl, acl_id)
        _associate(d, ec2, acl, acl_id)


def _entries(d: DeploymentCore, ec2: Any, acl: NetworkAcl, acl_id: str) -> None:
    for egress, rules in ((False, acl.ingress), (True, acl.egress)):
        for rule in rules:
            for number, port in zip(entry_numbers(rule), rule.ports, strict=True):
                d.step("network_acl", f"{acl.name} {'egress' if egress else 'ingress'} {number}",
                       lambda rule=rule, number=number, port=port, egress=egress: ec2.create_network_acl_entry(
                           NetworkAclId=acl_id, **_entry(rule, number, port, egress)))


def _entry(rule: AclRule, number: int, port: int | str, egress: bool) -> dict[str, Any]:
    low, high = port_range(port)
    entry: dict[str, Any] = {"RuleNumber": number, "Protocol": PROTOCOLS[rule.protocol], "RuleAction": rule.action,
                             "Egress": egress, "CidrBlock": rule.destination if egress else rule.source}
    if rule.protocol in ("tcp", "udp"):
        entry["PortRange"] = {"From": low, "To": high}
    elif rule.protocol == "icmp":
        entry["IcmpTypeCode"] = {"Type": -1, "Code": -1}
    return entry


def _associate(d: DeploymentCore, ec2: Any, acl: NetworkAcl, acl_id: str) -> None:
    """Swap the ACL in for the default one on every zone of its subnets."""
    for sub in d.plan.subnets:
        sid = d.ids.get(("subnet", sub.key))
        if sub.name not in acl.subnets or not sid:
            continue
        current = d.step("network_acl", f"{acl.name} -> {sub.key}", lambda sid=sid: next(
            (a["NetworkAclAssociationId"], n["NetworkAclId"]) for n in ec2.describe_network_acls(
                Filters=[{"Name": "association.subnet-id", "Values": [sid]}])["NetworkAcls"]
            for a in n["Associations"] if a["SubnetId"] == sid), action="check")
        if not current:
            continue
        old_association, default_acl = current
        new = d.step("network_acl", f"{acl.name} -> {sub.key}", lambda old=old_association:
                     ec2.replace_network_acl_association(AssociationId=old, NetworkAclId=acl_id)["NewAssociationId"])
        if new:
            d.created("network_acl_association", f"{acl.name} -> {sub.key}", new,
                      lambda new=new, default_acl=default_acl: ec2.replace_network_acl_association(
                          AssociationId=new, NetworkAclId=default_acl))
