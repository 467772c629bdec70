"""The dry-run's baseline: the bare boto3 create calls for the same resources, against the same moto.

Straight-line calls in dependency order with no per-step bookkeeping, no offering checks, no
verification and no teardown — what a throwaway script would do. Instances carry the same tags and
launch with the same block devices as the dry-run's, so both create the same resources. ``planner``'s dry-run over the
same blueprint divided by this is the overhead of ordering, verification and teardown.
"""

from __future__ import annotations

import json
from typing import Any

from planner.dryrun.apply import block_devices, ip_permissions
from planner.dryrun.backend import InProcessMoto
from planner.pipeline import Analysis
from planner.plan import node_group_disk

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def raw_create(analysis: Analysis) -> None:
    """Create every AWS resource of the blueprint with plain boto3 calls."""
    bp, plan = analysis.blueprint, analysis.plan
    backend = InProcessMoto()  # the same moto set-up (fake credentials, AMI list) as the dry-run
    with backend.session(bp.region) as session:
        ec2, s3, elb, iam, eks, acm = (backend.client(session, s) for s in ("ec2", "s3", "elbv2", "iam", "eks", "acm"))
        vpc = ec2.create_vpc(CidrBlock=plan.vpc_cidr)["Vpc"]["VpcId"]
        subnets = {}
        for sub in plan.subnets:
            subnets[(sub.name, sub.zone)] = ec2.create_subnet(VpcId=vpc, CidrBlock=sub.cidr,
                                                              AvailabilityZone=sub.zone)["Subnet"]["SubnetId"]
        igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        nats = {}
        for nat in plan.nat_gateways:
            eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
            nats[nat["zone"]] = ec2.create_nat_gateway(SubnetId=subnets[(nat["subnet"], nat["zone"])],
                                                       AllocationId=eip)["NatGateway"]["NatGatewayId"]
        for sub in plan.subnets:
            rtb = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
            ec2.associate_route_table(RouteTableId=rtb, SubnetId=subnets[(sub.name, sub.zone)])
            if sub.tier == "public":
                ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
            elif sub.tier == "private" and nats:
                ec2.create_route(RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0",
                                 NatGatewayId=nats.get(sub.zone) or next(iter(nats.values())))
        groups = {g.name: ec2.create_security_group(GroupName=f"{bp.name}-{g.name}", Description=g.name,
                                                    VpcId=vpc)["GroupId"] for g in bp.security_groups}
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
                made = ec2.run_instances(ImageId=ami, InstanceType=inst.type, MinCount=count, MaxCount=count,
                                         SubnetId=subnets[(inst.subnet, zone)], BlockDeviceMappings=block,
                                         SecurityGroupIds=[groups[g] for g in inst.security_groups],
                                         TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                             {"Key": "Name", "Value": f"{bp.name}-{inst.name}"}, *tags]}])["Instances"]
                instance_ids.setdefault(inst.name, []).extend(i["InstanceId"] for i in made)
        for b in bp.buckets:
            config = {} if bp.region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": bp.region}}
            s3.create_bucket(Bucket=b.name, **config)
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
            for ln in lb.listeners:
                tg = elb.create_target_group(Name=f"{bp.name}-{lb.name}-{ln.port}"[:32], VpcId=vpc,
                                             Protocol={"HTTPS": "HTTP", "TLS": "TCP"}.get(ln.protocol, ln.protocol),
                                             Port=ln.target_port or 80)["TargetGroups"][0]["TargetGroupArn"]
                targets = [{"Id": i} for t in lb.targets for i in instance_ids.get(t, [])]
                if targets:
                    elb.register_targets(TargetGroupArn=tg, Targets=targets)
                certs = [{"CertificateArn": acm.request_certificate(DomainName=f"x.{bp.name}.example.com")[
                    "CertificateArn"]}] if ln.certificate else []
                elb.create_listener(LoadBalancerArn=arn, Protocol=ln.protocol, Port=ln.port, Certificates=certs,
                                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
        for c in bp.clusters:
            role = iam.create_role(RoleName=f"{bp.name}-{c.name}", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
            cluster_subnets = [subnets[(c.subnet, z)] for z in plan.subnet_zones(c.subnet)]
            eks.create_cluster(name=f"{bp.name}-{c.name}", version=c.version, roleArn=role,
                               resourcesVpcConfig={"subnetIds": cluster_subnets})
            for g in c.node_groups:
                eks.create_nodegroup(clusterName=f"{bp.name}-{c.name}", nodegroupName=g.name, nodeRole=role,
                                     scalingConfig={"minSize": g.min_size, "maxSize": g.max_size,
                                                    "desiredSize": g.desired_size},
                                     diskSize=node_group_disk(bp.provider, g)[0], subnets=cluster_subnets,
                                     instanceTypes=[g.instance_type])
