"""The network family: the VPC, its subnets, the internet gateway, NAT gateways and route tables."""

from __future__ import annotations

from typing import Any

from planner.dryrun.deploy.acls import create_network_acls
from planner.dryrun.deploy.core import DeploymentCore


def create_network(d: DeploymentCore) -> None:
    """The planned VPC and everything inside it, in dependency order (nothing without a network)."""
    if d.bp.network is None or d.plan.vpc_cidr is None:
        return
    ec2 = d.client("ec2")
    vpc = d.step("vpc", d.bp.name, lambda: ec2.create_vpc(
        CidrBlock=d.plan.vpc_cidr, TagSpecifications=d.tag_spec("vpc", "vpc"))["Vpc"]["VpcId"])
    if vpc is None:
        return
    d.created("vpc", d.bp.name, vpc, lambda: ec2.delete_vpc(VpcId=vpc))
    _subnets(d, ec2, vpc)
    igw = _internet_gateway(d, ec2, vpc)
    nat_by_zone = _nat_gateways(d, ec2)
    _route_tables(d, ec2, vpc, igw, nat_by_zone)
    create_network_acls(d, ec2, vpc)


def _subnets(d: DeploymentCore, ec2: Any, vpc: str) -> None:
    """Every planned subnet, named ``<subnet>-<zone>``."""
    for sub in d.plan.subnets:
        name = f"{sub.name}-{sub.zone}"
        sid = d.step("subnet", name, lambda sub=sub, name=name: ec2.create_subnet(
            VpcId=vpc, CidrBlock=sub.cidr, AvailabilityZone=sub.zone,
            TagSpecifications=d.tag_spec("subnet", name))["Subnet"]["SubnetId"])
        if sid:
            d.created("subnet", name, sid, lambda sid=sid: ec2.delete_subnet(SubnetId=sid))


def _internet_gateway(d: DeploymentCore, ec2: Any, vpc: str) -> str | None:
    """The internet gateway, attached, when any subnet is public."""
    igw = None
    if any(s.tier == "public" for s in d.plan.subnets):
        igw = d.step("internet_gateway", d.bp.name, lambda: ec2.create_internet_gateway(
            TagSpecifications=d.tag_spec("internet-gateway", "igw"))["InternetGateway"]["InternetGatewayId"])
        if igw:
            d.step("internet_gateway", d.bp.name, lambda: ec2.attach_internet_gateway(
                InternetGatewayId=igw, VpcId=vpc))
            d.created("internet_gateway", d.bp.name, igw, lambda: (
                ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc),
                ec2.delete_internet_gateway(InternetGatewayId=igw)))
    return igw


def _nat_gateways(d: DeploymentCore, ec2: Any) -> dict[str, str]:
    """Each planned NAT gateway with its Elastic IP; zone -> NAT gateway id."""
    nat_by_zone: dict[str, str] = {}
    for nat in d.plan.nat_gateways:
        subnet_id = d.ids.get(("subnet", f"{nat['subnet']}-{nat['zone']}"))
        eip = d.step("elastic_ip", nat["zone"], lambda nat=nat: ec2.allocate_address(
            Domain="vpc", TagSpecifications=d.tag_spec("elastic-ip", f"eip-{nat['zone']}"))["AllocationId"])
        if not (subnet_id and eip):
            continue
        d.created("elastic_ip", nat["zone"], eip, lambda eip=eip: ec2.release_address(AllocationId=eip))
        nid = d.step("nat_gateway", nat["zone"], lambda subnet_id=subnet_id, eip=eip: ec2.create_nat_gateway(
            SubnetId=subnet_id, AllocationId=eip, TagSpecifications=d.tag_spec("natgateway", "nat"))[
            "NatGateway"]["NatGatewayId"])
        if nid:
            nat_by_zone[nat["zone"]] = nid
            d.created("nat_gateway", nat["zone"], nid, lambda nid=nid: ec2.delete_nat_gateway(NatGatewayId=nid))
    return nat_by_zone


def _route_tables(d: DeploymentCore, ec2: Any, vpc: str, igw: str | None, nat_by_zone: dict[str, str]) -> None:
    """One route table per subnet: public ones to the internet gateway, private ones to their zone's NAT."""
    for sub in d.plan.subnets:
        name = f"{sub.name}-{sub.zone}"
        sid = d.ids.get(("subnet", name))
        if not sid:
            continue
        rtb = d.step("route_table", name, lambda name=name: ec2.create_route_table(
            VpcId=vpc, TagSpecifications=d.tag_spec("route-table", name))["RouteTable"]["RouteTableId"])
        if not rtb:
            continue
        assoc = d.step("route_table", name, lambda rtb=rtb, sid=sid: ec2.associate_route_table(
            RouteTableId=rtb, SubnetId=sid)["AssociationId"])
        d.created("route_table", name, rtb, lambda rtb=rtb, assoc=assoc: (
            assoc and ec2.disassociate_route_table(AssociationId=assoc), ec2.delete_route_table(RouteTableId=rtb)))
        if sub.tier == "public" and igw:
            d.step("route", f"{name} -> igw", lambda rtb=rtb: ec2.create_route(
                RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw))
        elif sub.tier == "private" and nat_by_zone:
            target = nat_by_zone.get(sub.zone) or next(iter(nat_by_zone.values()))
            d.step("route", f"{name} -> nat", lambda rtb=rtb, target=target: ec2.create_route(
                RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=target))
