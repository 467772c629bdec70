"""The dry-run's baseline: the bare boto3 create calls for the same resources, then the bare delete calls.

Straight-line calls in dependency order with no per-step bookkeeping, no offering checks and no
verification — what a throwaway script that builds the estate and removes it again would do. Instances
carry the same tags and launch with the same block devices as the dry-run's, so both create the same
resources; everything created is then deleted in reverse dependency order (node groups, cluster and
roles; listeners, target groups, load balancers and certificates; buckets; instances, with their
volumes; security groups; route tables; NAT gateways and addresses; the internet gateway; subnets; the
VPC). ``planner``'s dry-run over the same blueprint divided by this (create + delete) is the overhead of
ordering, bookkeeping, verification and the check that nothing remains.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from planner.dryrun.apply import block_devices, ip_permissions
from planner.dryrun.backend import InProcessMoto
from planner.pipeline import Analysis
from planner.plan import node_group_disk

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


@dataclass
class Created:
    """What the bare script created, kept only so that it can delete it again."""

    vpc: str = ""
    subnets: dict[tuple[str, str], str] = field(default_factory=dict)
    igw: str = ""
    nats: list[tuple[str, str]] = field(default_factory=list)  # (NAT gateway, its address allocation)
    route_tables: list[tuple[str, str]] = field(default_factory=list)  # (table, association)
    groups: dict[str, str] = field(default_factory=dict)
    instances: list[str] = field(default_factory=list)
    buckets: list[str] = field(default_factory=list)
    load_balancers: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    listeners: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    node_groups: list[tuple[str, str]] = field(default_factory=list)  # (cluster, node group)


def raw_floor(analysis: Analysis) -> None:
    """Create every AWS resource of the blueprint with plain boto3 calls, then delete them all."""
    backend = InProcessMoto()  # the same moto set-up (fake credentials, AMI list) as the dry-run
    with backend.session(analysis.blueprint.region) as session:
        clients = {s: backend.client(session, s) for s in ("ec2", "s3", "elbv2", "iam", "eks", "acm")}
        made = raw_create(analysis, clients)
        raw_delete(made, clients)


def raw_create(analysis: Analysis, clients: dict[str, Any]) -> Created:
    """Create every AWS resource of the blueprint with plain boto3 calls."""
    bp, plan = analysis.blueprint, analysis.plan
    ec2, s3, elb, iam, eks, acm = (clients[s] for s in ("ec2", "s3", "elbv2", "iam", "eks", "acm"))
    made = Created()
    vpc = made.vpc = ec2.create_vpc(CidrBlock=plan.vpc_cidr)["Vpc"]["VpcId"]
    subnets = made.subnets
    for sub in plan.subnets:
        subnets[(sub.name, sub.zone)] = ec2.create_subnet(VpcId=vpc, CidrBlock=sub.cidr,
                                                          AvailabilityZone=sub.zone)["Subnet"]["SubnetId"]
    igw = made.igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    nats = {}
    for nat in plan.nat_gateways:
        eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nats[nat["zone"]] = ec2.create_nat_gateway(SubnetId=subnets[(nat["subnet"], nat["zone"])],
                                                   AllocationId=eip)["NatGateway"]["NatGatewayId"]
        made.nats.append((nats[nat["zone"]], eip))
    for sub in plan.subnets:
        rtb = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        assoc = ec2.associate_route_table(RouteTableId=rtb, SubnetId=subnets[(sub.name, sub.zone)])["AssociationId"]
        made.route_tables.append((rtb, assoc))
        if sub.tier == "public":
            ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        elif sub.tier == "private" and nats:
            ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0",
                             NatGatewayId=nats.get(sub.zone) or next(iter(nats.values())))
    groups = made.groups
    for g in bp.security_groups:
        groups[g.name] = ec2.create_security_group(GroupName=f"{bp.name}-{g.name}", Description=g.name,
                                                   VpcId=vpc)["GroupId"]
    for g in bp.security_groups:
        for rule in g.ingress:
            perms = ip_permissions(rule, groups.__getitem__)
            ec2.authorize_security_group_ingress(GroupId=groups[g.name], IpPermissions=perms)
    image = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-2023*"]}])
    ami = image["Images"][0]["ImageId"] if image["Images"] else "ami-12c6146b"
    instance_ids: dict[str, list[str]] = {}
    tags = [{"Key": k, "Value": v} for k, v in sorted(bp.tags.items())] + [
        {"Key": "planner:blueprint", "Value": bp.name}]
    for inst in bp.instances:
        block = block_devices(inst)  # the same launch-time volumes (input shaping, not dry-run overhead)
        for zone, count in plan.placements.get(f"instances.{inst.name}", {}).items():
            if not count:
                continue
            launched = ec2.run_instances(ImageId=ami, InstanceType=inst.type, MinCount=count, MaxCount=count,
                                         SubnetId=subnets[(inst.subnet, zone)], BlockDeviceMappings=block,
                                         SecurityGroupIds=[groups[g] for g in inst.security_groups],
                                         TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                             {"Key": "Name", "Value": f"{bp.name}-{inst.name}"}, *tags]}])["Instances"]
            instance_ids.setdefault(inst.name, []).extend(i["InstanceId"] for i in launched)
            made.instances.extend(i["InstanceId"] for i in launched)
    for b in bp.buckets:
        config = {} if bp.region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": bp.region}}
        s3.create_bucket(Bucket=b.name, **config)
        made.buckets.append(b.name)
        if b.versioning:
            s3.put_bucket_versioning(Bucket=b.name, VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_encryption(Bucket=b.name, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
        s3.put_public_access_block(Bucket=b.name, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True})
        if b.lifecycle:
            transitions = [{"Days": r.after_days, "StorageClass": r.storage_class} for r in b.lifecycle
                           if r.storage_class]
            expiry = next((r.after_days for r in b.lifecycle if r.expire), None)
            rule: dict[str, Any] = {"ID": "lifecycle", "Status": "Enabled", "Filter": {"Prefix": ""}}
            if transitions:
                rule["Transitions"] = transitions
            if expiry is not None:
                rule["Expiration"] = {"Days": expiry}
            s3.put_bucket_lifecycle_configuration(Bucket=b.name, LifecycleConfiguration={"Rules": [rule]})
    for lb in bp.load_balancers:
        arn = elb.create_load_balancer(Name=f"{bp.name}-{lb.name}"[:32], Type=lb.type, Scheme=lb.scheme,
                                       Subnets=[subnets[(lb.subnet, z)] for z in plan.subnet_zones(lb.subnet)],
                                       **({"SecurityGroups": [groups[g] for g in lb.security_groups]}
                                          if lb.type == "application" else {}))["LoadBalancers"][0]["LoadBalancerArn"]
        made.load_balancers.append(arn)
        for ln in lb.listeners:
            tg = elb.create_target_group(Name=f"{bp.name}-{lb.name}-{ln.port}"[:32], VpcId=vpc,
                                         Protocol={"HTTPS": "HTTP", "TLS": "TCP"}.get(ln.protocol, ln.protocol),
                                         Port=ln.target_port or 80)["TargetGroups"][0]["TargetGroupArn"]
            made.target_groups.append(tg)
            targets = [{"Id": i} for t in lb.targets for i in instance_ids.get(t, [])]
            if targets:
                elb.register_targets(TargetGroupArn=tg, Targets=targets)
            certs = []
            if ln.certificate:
                made.certificates.append(acm.request_certificate(DomainName=f"x.{bp.name}.example.com")[
                    "CertificateArn"])
                certs = [{"CertificateArn": made.certificates[-1]}]
            made.listeners.append(elb.create_listener(
                LoadBalancerArn=arn, Protocol=ln.protocol, Port=ln.port, Certificates=certs,
                DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])["Listeners"][0]["ListenerArn"])
    for c in bp.clusters:
        made.roles.append(f"{bp.name}-{c.name}")
        role = iam.create_role(RoleName=made.roles[-1], AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
        cluster_subnets = [subnets[(c.subnet, z)] for z in plan.subnet_zones(c.subnet)]
        made.clusters.append(f"{bp.name}-{c.name}")
        eks.create_cluster(name=made.clusters[-1], version=c.version, roleArn=role,
                           resourcesVpcConfig={"subnetIds": cluster_subnets})
        for g in c.node_groups:
            eks.create_nodegroup(clusterName=made.clusters[-1], nodegroupName=g.name, nodeRole=role,
                                 scalingConfig={"minSize": g.min_size, "maxSize": g.max_size,
                                                "desiredSize": g.desired_size},
                                 diskSize=node_group_disk(bp.provider, g)[0], subnets=cluster_subnets,
                                 instanceTypes=[g.instance_type])
            made.node_groups.append((made.clusters[-1], g.name))
    return made


def raw_delete(made: Created, clients: dict[str, Any]) -> None:
    """Delete everything ``raw_create`` made, in reverse dependency order, with plain boto3 calls."""
    ec2, s3, elb, iam, eks, acm = (clients[s] for s in ("ec2", "s3", "elbv2", "iam", "eks", "acm"))
    for cluster, group in reversed(made.node_groups):
        eks.delete_nodegroup(clusterName=cluster, nodegroupName=group)
    for cluster in reversed(made.clusters):
        eks.delete_cluster(name=cluster)
    for role in reversed(made.roles):
        iam.delete_role(RoleName=role)
    for listener in reversed(made.listeners):
        elb.delete_listener(ListenerArn=listener)
    for tg in reversed(made.target_groups):
        elb.delete_target_group(TargetGroupArn=tg)
    for arn in reversed(made.load_balancers):
        elb.delete_load_balancer(LoadBalancerArn=arn)
    for cert in reversed(made.certificates):
        acm.delete_certificate(CertificateArn=cert)
    for bucket in reversed(made.buckets):
        s3.delete_bucket(Bucket=bucket)
    for chunk in range(0, len(made.instances), 1000):  # the volumes go with them (DeleteOnTermination)
        ec2.terminate_instances(InstanceIds=made.instances[chunk:chunk + 1000])
    for group in reversed(made.groups.values()):
        ec2.delete_security_group(GroupId=group)
    for rtb, assoc in reversed(made.route_tables):
        ec2.disassociate_route_table(AssociationId=assoc)
        ec2.delete_route_table(RouteTableId=rtb)
    for nat, eip in reversed(made.nats):
        ec2.delete_nat_gateway(NatGatewayId=nat)
        ec2.release_address(AllocationId=eip)
    ec2.detach_internet_gateway(InternetGatewayId=made.igw, VpcId=made.vpc)
    ec2.delete_internet_gateway(InternetGatewayId=made.igw)
    for subnet in reversed(made.subnets.values()):
        ec2.delete_subnet(SubnetId=subnet)
    ec2.delete_vpc(VpcId=made.vpc)
