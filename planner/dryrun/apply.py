"""Create the blueprint's AWS resources in dependency order, remembering how to remove each one.

Every call goes through :meth:`Deployment.step`: an AWS error becomes a finding naming the
blueprint resource, a crash inside the mock becomes a finding saying so, and a dead endpoint stops
the run as an environment problem (exit 3). Teardown runs the recorded removals in reverse.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

from planner.blueprint.schema import port_range
from planner.catalog import aws_instance_specs
from planner.dryrun.model import DryRunResult, Step
from planner.errors import EnvironmentProblem
from planner.pipeline import Analysis
from planner.plan import node_group_disk

EKS_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
NODE_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
TRANSITION = {"STANDARD_IA": "STANDARD_IA", "ONEZONE_IA": "ONEZONE_IA", "INTELLIGENT_TIERING": "INTELLIGENT_TIERING",
              "GLACIER_IR": "GLACIER_IR", "GLACIER": "GLACIER", "DEEP_ARCHIVE": "DEEP_ARCHIVE"}


class Deployment:
    def __init__(self, analysis: Analysis, client: Callable[[str], Any], result: DryRunResult,
                 progress: Callable[[Step], None] | None = None, run_id: str = "planner-00000000",
                 remote: bool = False) -> None:
        self.analysis = analysis
        self.bp = analysis.blueprint
        self.plan = analysis.plan
        self.client = client
        self.result = result
        self.progress = progress
        self.run_id = run_id  # "planner-<8 hex>": in every name and the planner:run-id tag
        self.remote = remote  # an endpoint over HTTP (a 5xx is then the server's failure, not the mock's)
        self.undo: list[tuple[str, str, str, Callable[[], Any]]] = []  # kind, name, id, remove
        self.ids: dict[tuple[str, str], str] = {}
        self.instance_group: dict[str, str] = {}  # instance id -> its instance group in the blueprint
        self.tags = [{"Key": k, "Value": v} for k, v in sorted(self.bp.tags.items())] + [
            {"Key": "planner:blueprint", "Value": self.bp.name}, {"Key": "planner:run-id", "Value": run_id}]

    def aws_name(self, *parts: str, limit: int = 63, letter_first: bool = False) -> str:
        """``<blueprint>-<parts>-<run hex>`` within ``limit`` characters, unique per run and resource.

        Too long a body is cut and a short hash of it added, so two long names never collide; double
        hyphens are collapsed (RDS refuses them) and ``letter_first`` prefixes ``p`` to a leading digit.
        """
        suffix = self.run_id.rsplit("-", 1)[-1]
        body = re.sub(r"-{2,}", "-", "-".join((self.bp.name, *parts)).strip("-"))
        if letter_first and not body[:1].isalpha():
            body = f"p{body}"
        room = limit - len(suffix) - 1
        if len(body) > room:
            digest = hashlib.sha256(body.encode()).hexdigest()[:6]
            body = f"{body[:room - 7].rstrip('-.')}-{digest}"
        return f"{body}-{suffix}"

    # ----------------------------------------------------------------------------- plumbing
    def record(self, action: str, kind: str, name: str, ok: bool, detail: str = "") -> None:
        step = Step(action, kind, name, ok, detail)
        self.result.steps.append(step)
        if self.progress:
            self.progress(step)

    def step(self, kind: str, name: str, call: Callable[[], Any], action: str = "apply") -> Any:
        try:
            value = call()
        except EndpointConnectionError as exc:
            raise EnvironmentProblem(f"the endpoint stopped answering ({action} {kind} {name}): {exc}; "
                                     "is the server running and listening on that port?") from exc
        except ClientError as exc:
            error = exc.response.get("Error", {})
            message = f"{error.get('Code', 'error')}: {error.get('Message', exc)}"
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
            if status >= 500 and self.remote:
                raise EnvironmentProblem(f"the endpoint failed with HTTP {status} ({action} {kind} {name}): "
                                         f"{message}; the server, not the blueprint, is at fault") from exc
            self.record(action, kind, name, False, message)
            self.result.findings.append({"resource": f"{kind} {name}", "message": message, "stage": action})
            return None
        except BotoCoreError as exc:
            raise EnvironmentProblem(f"the endpoint's answer could not be used ({action} {kind} {name}): {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - a crash inside the mock is reported, not raised
            message = f"internal error of the mock ({type(exc).__name__}: {exc})"
            self.record(action, kind, name, False, message)
            self.result.findings.append({"resource": f"{kind} {name}", "message": message, "stage": action})
            return None
        self.record(action, kind, name, True)
        return value

    def created(self, kind: str, name: str, ident: str, undo: Callable[[], Any] | None = None) -> None:
        """Record a resource; ``undo`` removes it (None: it goes with another resource's undo)."""
        self.ids[(kind, name)] = ident
        self.result.resources.append({"kind": kind, "name": name, "id": ident})
        if undo is not None:
            self.undo.append((kind, name, ident, undo))

    def tag_spec(self, resource_type: str, name: str) -> list[dict[str, Any]]:
        return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": self.aws_name(name, limit=255)}, *self.tags]}]

    # ------------------------------------------------------------------------------- apply
    def apply(self) -> None:
        self.network()
        self.security_groups()
        self.instances()
        self.buckets()
        self.databases()
        self.load_balancers()
        self.clusters()

    def network(self) -> None:
        if self.bp.network is None or self.plan.vpc_cidr is None:
            return
        ec2 = self.client("ec2")
        vpc = self.step("vpc", self.bp.name, lambda: ec2.create_vpc(
            CidrBlock=self.plan.vpc_cidr, TagSpecifications=self.tag_spec("vpc", "vpc"))["Vpc"]["VpcId"])
        if vpc is None:
            return
        self.created("vpc", self.bp.name, vpc, lambda: ec2.delete_vpc(VpcId=vpc))
        self._subnets(ec2, vpc)
        igw = self._internet_gateway(ec2, vpc)
        nat_by_zone = self._nat_gateways(ec2)
        self._route_tables(ec2, vpc, igw, nat_by_zone)

    def _subnets(self, ec2: Any, vpc: str) -> None:
        for sub in self.plan.subnets:
            name = f"{sub.name}-{sub.zone}"
            sid = self.step("subnet", name, lambda sub=sub, name=name: ec2.create_subnet(
                VpcId=vpc, CidrBlock=sub.cidr, AvailabilityZone=sub.zone,
                TagSpecifications=self.tag_spec("subnet", name))["Subnet"]["SubnetId"])
            if sid:
                self.created("subnet", name, sid, lambda sid=sid: ec2.delete_subnet(SubnetId=sid))

    def _internet_gateway(self, ec2: Any, vpc: str) -> str | None:
        """The internet gateway, attached, when any subnet is public."""
        igw = None
        if any(s.tier == "public" for s in self.plan.subnets):
            igw = self.step("internet_gateway", self.bp.name, lambda: ec2.create_internet_gateway(
                TagSpecifications=self.tag_spec("internet-gateway", "igw"))["InternetGateway"]["InternetGatewayId"])
            if igw:
                self.step("internet_gateway", self.bp.name, lambda: ec2.attach_internet_gateway(
                    InternetGatewayId=igw, VpcId=vpc))
                self.created("internet_gateway", self.bp.name, igw, lambda: (
                    ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc),
                    ec2.delete_internet_gateway(InternetGatewayId=igw)))
        return igw

    def _nat_gateways(self, ec2: Any) -> dict[str, str]:
        """Each planned NAT gateway with its Elastic IP; zone -> NAT gateway id."""
        nat_by_zone: dict[str, str] = {}
        for nat in self.plan.nat_gateways:
            subnet_id = self.ids.get(("subnet", f"{nat['subnet']}-{nat['zone']}"))
            eip = self.step("elastic_ip", nat["zone"], lambda nat=nat: ec2.allocate_address(
                Domain="vpc", TagSpecifications=self.tag_spec("elastic-ip", f"eip-{nat['zone']}"))["AllocationId"])
            if not (subnet_id and eip):
                continue
            self.created("elastic_ip", nat["zone"], eip, lambda eip=eip: ec2.release_address(AllocationId=eip))
            nid = self.step("nat_gateway", nat["zone"], lambda subnet_id=subnet_id, eip=eip: ec2.create_nat_gateway(
                SubnetId=subnet_id, AllocationId=eip, TagSpecifications=self.tag_spec("natgateway", "nat"))[
                "NatGateway"]["NatGatewayId"])
            if nid:
                nat_by_zone[nat["zone"]] = nid
                self.created("nat_gateway", nat["zone"], nid, lambda nid=nid: ec2.delete_nat_gateway(NatGatewayId=nid))
        return nat_by_zone

    def _route_tables(self, ec2: Any, vpc: str, igw: str | None, nat_by_zone: dict[str, str]) -> None:
        """One route table per subnet: public ones to the internet gateway, private ones to their zone's NAT."""
        for sub in self.plan.subnets:
            name = f"{sub.name}-{sub.zone}"
            sid = self.ids.get(("subnet", name))
            if not sid:
                continue
            rtb = self.step("route_table", name, lambda name=name: ec2.create_route_table(
                VpcId=vpc, TagSpecifications=self.tag_spec("route-table", name))["RouteTable"]["RouteTableId"])
            if not rtb:
                continue
            assoc = self.step("route_table", name, lambda rtb=rtb, sid=sid: ec2.associate_route_table(
                RouteTableId=rtb, SubnetId=sid)["AssociationId"])
            self.created("route_table", name, rtb, lambda rtb=rtb, assoc=assoc: (
                assoc and ec2.disassociate_route_table(AssociationId=assoc), ec2.delete_route_table(RouteTableId=rtb)))
            if sub.tier == "public" and igw:
                self.step("route", f"{name} -> igw", lambda rtb=rtb: ec2.create_route(
                    RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw))
            elif sub.tier == "private" and nat_by_zone:
                target = nat_by_zone.get(sub.zone) or next(iter(nat_by_zone.values()))
                self.step("route", f"{name} -> nat", lambda rtb=rtb, target=target: ec2.create_route(
                    RouteTableId=rtb, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=target))

    def security_groups(self) -> None:
        vpc = self.ids.get(("vpc", self.bp.name))
        if not vpc:
            return
        ec2 = self.client("ec2")
        for group in self.bp.security_groups:
            gid = self.step("security_group", group.name, lambda group=group: ec2.create_security_group(
                GroupName=self.aws_name(group.name, limit=255), Description=group.description or group.name, VpcId=vpc,
                TagSpecifications=self.tag_spec("security-group", group.name))["GroupId"])
            if gid:
                self.created("security_group", group.name, gid, lambda gid=gid: ec2.delete_security_group(GroupId=gid))
        for group in self.bp.security_groups:
            gid = self.ids.get(("security_group", group.name))
            if not gid:
                continue
            for rule in group.ingress:
                permissions = ip_permissions(rule, lambda name: self.ids.get(("security_group", name), ""))
                self.step("security_group", f"{group.name} ingress", lambda gid=gid, p=permissions:
                          ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=p))

    def instances(self) -> None:
        ec2 = self.client("ec2")
        images: dict[str, str] = {}
        specs = aws_instance_specs()
        for inst in self.bp.instances:
            arch = specs[inst.type].architecture if inst.type in specs else "x86_64"
            if arch not in images:
                # A narrow query: listing every Amazon image costs seconds against moto and real AWS alike.
                found = self.step("ami", f"lookup {arch}", lambda arch=arch: ec2.describe_images(
                    Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-2023*"]},
                                                {"Name": "architecture", "Values": [arch]}])["Images"])
                images[arch] = max(found, key=lambda i: i.get("CreationDate", ""))["ImageId"] if found \
                    else "ami-12c6146b"
            image = images[arch]
            for zone, count in self.plan.placements.get(f"instances.{inst.name}", {}).items():
                subnet = self.ids.get(("subnet", f"{inst.subnet}-{zone}"))
                if not count or not subnet:
                    continue
                groups = [self.ids[("security_group", g)] for g in inst.security_groups if ("security_group", g) in self.ids]
                block = block_devices(inst)
                launched = self.step("instance", f"{inst.name}@{zone}", lambda inst=inst, subnet=subnet, count=count,
                                     groups=groups, block=block, image=image: ec2.run_instances(
                                         ImageId=image, InstanceType=inst.type, MinCount=count, MaxCount=count,
                                         SubnetId=subnet, SecurityGroupIds=groups, BlockDeviceMappings=block,
                                         TagSpecifications=self.tag_spec("instance", inst.name))["Instances"]) or []
                ids = [i["InstanceId"] for i in launched]
                for n, instance in enumerate(launched):
                    self.created("instance", f"{inst.name}-{zone}-{n}", instance["InstanceId"])
                    self.instance_group[instance["InstanceId"]] = inst.name
                    for device in instance.get("BlockDeviceMappings", []):
                        if device["DeviceName"] != ROOT_DEVICE and "Ebs" in device:
                            self.created("volume", f"{inst.name}-{zone}-{n}:{device['DeviceName']}",
                                         device["Ebs"]["VolumeId"])
                if ids:
                    # One call per launch: the volumes are launched with the instances (DeleteOnTermination),
                    # as a launch template would, so terminating the batch removes them too.
                    self.undo.append(("instance", f"{inst.name}@{zone}", " ".join(ids),
                                      lambda ids=ids: ec2.terminate_instances(InstanceIds=ids)))

    def buckets(self) -> None:
        s3 = self.client("s3")
        region = self.bp.region
        for b in self.bp.buckets:
            real = self.bucket_name(b.name)
            config = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
            if self.step("bucket", b.name, lambda real=real, config=config: s3.create_bucket(
                    Bucket=real, **config)) is None:
                continue
            self.created("bucket", b.name, real, lambda real=real: _empty_and_delete(s3, real))
            if b.versioning:
                self.step("bucket", f"{b.name} versioning", lambda real=real: s3.put_bucket_versioning(
                    Bucket=real, VersioningConfiguration={"Status": "Enabled"}))
            if b.encryption != "none":
                algo = "aws:kms" if b.encryption == "sse-kms" else "AES256"
                self.step("bucket", f"{b.name} encryption", lambda real=real, algo=algo: s3.put_bucket_encryption(
                    Bucket=real, ServerSideEncryptionConfiguration={"Rules": [
                        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": algo}}]}))
            blocked = not b.public
            self.step("bucket", f"{b.name} public access block", lambda real=real, blocked=blocked:
                      s3.put_public_access_block(Bucket=real, PublicAccessBlockConfiguration={
                          "BlockPublicAcls": blocked, "IgnorePublicAcls": blocked, "BlockPublicPolicy": blocked,
                          "RestrictPublicBuckets": blocked}))
            if b.lifecycle:
                self.step("bucket", f"{b.name} lifecycle", lambda b=b, real=real: s3.put_bucket_lifecycle_configuration(
                    Bucket=real, LifecycleConfiguration={"Rules": [_lifecycle_rule(b)]}))

    def bucket_name(self, name: str) -> str:
        """The bucket's name for this run: ``<name>-<run hex>`` (bucket names are global, 3-63 chars)."""
        suffix = self.run_id.rsplit("-", 1)[-1]
        if len(name) + len(suffix) + 1 > 63:
            name = f"{name[:47].rstrip('-.')}-{hashlib.sha256(name.encode()).hexdigest()[:6]}"
        return f"{name}-{suffix}"

    def databases(self) -> None:
        rds = self.client("rds")
        for db in self.bp.databases:
            subnets = [self.ids[("subnet", f"{db.subnet}-{z}")] for z in self.plan.subnet_zones(db.subnet)
                       if ("subnet", f"{db.subnet}-{z}") in self.ids]
            group = self.aws_name(db.name, limit=255)
            if self.step("db_subnet_group", group, lambda group=group, subnets=subnets: rds.create_db_subnet_group(
                    DBSubnetGroupName=group, DBSubnetGroupDescription=group, SubnetIds=subnets)) is None:
                continue
            self.created("db_subnet_group", group, group, lambda group=group: rds.delete_db_subnet_group(
                DBSubnetGroupName=group))
            ident = self.aws_name(db.name, limit=50, letter_first=True)  # room for "-replica-N"
            groups = [self.ids[("security_group", g)] for g in db.security_groups if ("security_group", g) in self.ids]
            if db.engine.startswith("aurora"):
                self.result.not_rehearsed.append({"kind": "db_instance", "name": db.name,
                                                  "reason": "Aurora clusters are not rehearsed yet"})
                continue
            made = self.step("db_instance", ident, lambda db=db, ident=ident, group=group, groups=groups:
                             rds.create_db_instance(
                                 DBInstanceIdentifier=ident, Engine=db.engine, DBInstanceClass=db.instance_class,
                                 AllocatedStorage=db.storage_gb, StorageType=db.storage_type, MultiAZ=db.multi_az,
                                 DBSubnetGroupName=group, VpcSecurityGroupIds=groups, StorageEncrypted=db.encrypted,
                                 BackupRetentionPeriod=db.backup_retention_days, MasterUsername="planner",
                                 MasterUserPassword="not-a-real-password-1"))
            if made is None:
                continue
            self.created("db_instance", ident, ident, lambda ident=ident: rds.delete_db_instance(
                DBInstanceIdentifier=ident, SkipFinalSnapshot=True))
            for r in range(db.read_replicas):
                rid = f"{ident}-replica-{r + 1}"
                if self.step("db_instance", rid, lambda rid=rid, ident=ident: rds.create_db_instance_read_replica(
                        DBInstanceIdentifier=rid, SourceDBInstanceIdentifier=ident)) is not None:
                    self.created("db_instance", rid, rid, lambda rid=rid: rds.delete_db_instance(
                        DBInstanceIdentifier=rid, SkipFinalSnapshot=True))

    def load_balancers(self) -> None:
        elb = self.client("elbv2")
        vpc = self.ids.get(("vpc", self.bp.name))
        for lb in self.bp.load_balancers:
            subnets = [self.ids[("subnet", f"{lb.subnet}-{z}")] for z in self.plan.subnet_zones(lb.subnet)
                       if ("subnet", f"{lb.subnet}-{z}") in self.ids]
            groups = [self.ids[("security_group", g)] for g in lb.security_groups if ("security_group", g) in self.ids]
            name = self.aws_name(lb.name, limit=32)
            extra = {"SecurityGroups": groups} if lb.type == "application" else {}
            arn = self.step("load_balancer", lb.name, lambda lb=lb, name=name, subnets=subnets, extra=extra:
                            elb.create_load_balancer(Name=name, Subnets=subnets, Scheme=lb.scheme, Type=lb.type,
                                                     Tags=self.tags, **extra)["LoadBalancers"][0]["LoadBalancerArn"])
            if not arn:
                continue
            self.created("load_balancer", lb.name, arn, lambda arn=arn: elb.delete_load_balancer(LoadBalancerArn=arn))
            for ln in lb.listeners:
                protocol = {"HTTPS": "HTTP", "TLS": "TCP"}.get(ln.protocol, ln.protocol)
                tg_name = self.aws_name(lb.name, str(ln.port), limit=32)  # one target group per listener
                tg = self.step("target_group", tg_name, lambda ln=ln, tg_name=tg_name, protocol=protocol:
                               elb.create_target_group(Name=tg_name, Protocol=protocol, Port=ln.effective_target_port,
                                                       VpcId=vpc, TargetType="instance")["TargetGroups"][0][
                                   "TargetGroupArn"])
                if not tg:
                    continue
                self.created("target_group", tg_name, tg, lambda tg=tg: elb.delete_target_group(TargetGroupArn=tg))
                targets = [{"Id": r["id"]} for r in self.result.resources if r["kind"] == "instance"
                           and any(r["name"].startswith(f"{t}-") for t in lb.targets)]
                if targets:
                    self.step("target_group", f"{tg_name} targets", lambda tg=tg, targets=targets:
                              elb.register_targets(TargetGroupArn=tg, Targets=targets))
                certs = [{"CertificateArn": self._certificate(ln.certificate)}] if ln.certificate else []
                listener = self.step("listener", f"{lb.name}:{ln.port}", lambda arn=arn, ln=ln, tg=tg, certs=certs:
                                     elb.create_listener(LoadBalancerArn=arn, Protocol=ln.protocol, Port=ln.port,
                                                         Certificates=certs, DefaultActions=[
                                                             {"Type": "forward", "TargetGroupArn": tg}])[
                                         "Listeners"][0]["ListenerArn"])
                if listener:
                    self.created("listener", f"{lb.name}:{ln.port}", listener,
                                 lambda listener=listener: elb.delete_listener(ListenerArn=listener))

    def clusters(self) -> None:
        if not self.bp.clusters:
            return
        iam, eks = self.client("iam"), self.client("eks")
        for c in self.bp.clusters:
            role_name = self.aws_name(c.name, "cluster", limit=64)
            role = self.step("iam_role", role_name, lambda role_name=role_name: iam.create_role(
                RoleName=role_name, AssumeRolePolicyDocument=EKS_TRUST)["Role"]["Arn"])
            if not role:
                continue
            self.created("iam_role", role_name, role, lambda role_name=role_name: iam.delete_role(RoleName=role_name))
            subnets = [self.ids[("subnet", f"{c.subnet}-{z}")] for z in self.plan.subnet_zones(c.subnet)
                       if ("subnet", f"{c.subnet}-{z}") in self.ids]
            public = c.endpoint != "private"
            made = self.step("eks_cluster", c.name, lambda c=c, role=role, subnets=subnets, public=public:
                             eks.create_cluster(name=self.aws_name(c.name, limit=100), version=c.version, roleArn=role,
                                                resourcesVpcConfig={"subnetIds": subnets,
                                                                    "endpointPublicAccess": public,
                                                                    "endpointPrivateAccess": c.endpoint != "public"},
                                                logging={"clusterLogging": [{"types": c.logging, "enabled": True}]}
                                                if c.logging else {}))
            if made is None:
                continue
            cluster_name = self.aws_name(c.name, limit=100)
            self.created("eks_cluster", c.name, cluster_name, lambda cluster_name=cluster_name: eks.delete_cluster(
                name=cluster_name))
            node_role_name = self.aws_name(c.name, "nodes", limit=64)
            node_role = self.step("iam_role", node_role_name, lambda node_role_name=node_role_name: iam.create_role(
                RoleName=node_role_name, AssumeRolePolicyDocument=NODE_TRUST)["Role"]["Arn"])
            if node_role:
                self.created("iam_role", node_role_name, node_role,
                             lambda node_role_name=node_role_name: iam.delete_role(RoleName=node_role_name))
            for g in c.node_groups:
                size, _disk = node_group_disk(self.bp.provider, g)
                ng = self.step("eks_nodegroup", f"{c.name}/{g.name}", lambda g=g, size=size, cluster_name=cluster_name,
                               subnets=subnets, node_role=node_role, role=role:
                               eks.create_nodegroup(clusterName=cluster_name, nodegroupName=g.name,
                                                    scalingConfig={"minSize": g.min_size, "maxSize": g.max_size,
                                                                   "desiredSize": g.desired_size},
                                                    diskSize=size, subnets=subnets, instanceTypes=[g.instance_type],
                                                    nodeRole=node_role or role, labels=g.labels,
                                                    capacityType="SPOT" if g.capacity == "spot" else "ON_DEMAND"))
                if ng is not None:
                    self.created("eks_nodegroup", f"{c.name}/{g.name}", g.name,
                                 lambda g=g, cluster_name=cluster_name: eks.delete_nodegroup(
                                     clusterName=cluster_name, nodegroupName=g.name))

    def _certificate(self, reference: str) -> str:
        """A stand-in ACM certificate for ``acm:NAME`` (the real one exists outside the blueprint)."""
        name = reference.split(":", 1)[-1]
        if ("certificate", name) not in self.ids:
            acm = self.client("acm")
            arn = self.step("certificate", f"{name} (stand-in)", lambda: acm.request_certificate(
                DomainName=f"{name}.{self.bp.name}.example.com")["CertificateArn"])
            if arn:
                self.created("certificate", name, arn, lambda: acm.delete_certificate(CertificateArn=arn))
        return self.ids.get(("certificate", name), "")

    # ---------------------------------------------------------------------------- teardown
    def teardown(self) -> list[str]:
        """Remove what this run recorded, newest first; what could not be removed, as ``kind id``.

        Never raises for the endpoint: a failed removal is recorded and the next one tried; once the
        endpoint stops answering, everything not yet removed is listed without trying further.
        """
        left: list[str] = []
        reachable = True
        while self.undo:
            kind, name, ident, undo = self.undo.pop()
            if not reachable:
                left.append(f"{kind} {ident}")
                continue
            before = len(self.result.steps)
            try:
                self.step(kind, name, undo, action="teardown")
            except EnvironmentProblem as exc:
                self.record("teardown", kind, name, False, str(exc))
                reachable = not isinstance(exc.__cause__, EndpointConnectionError)
            if not (len(self.result.steps) > before and self.result.steps[-1].ok):
                left.append(f"{kind} {ident}")
        return left


ROOT_DEVICE = "/dev/xvda"


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


def block_devices(inst: Any) -> list[dict[str, Any]]:
    """Root and data volumes as launch-time block devices, each deleted with its instance."""
    out: list[dict[str, Any]] = []
    if inst.root_volume:
        out.append({"DeviceName": ROOT_DEVICE, "Ebs": {"VolumeSize": inst.root_volume.size_gb, "DeleteOnTermination": True,
                    "VolumeType": inst.root_volume.type, "Encrypted": inst.root_volume.encrypted}})
    for v, vol in enumerate(inst.volumes):
        ebs: dict[str, Any] = {"VolumeSize": vol.size_gb, "VolumeType": vol.type, "Encrypted": vol.encrypted,
                               "DeleteOnTermination": True}
        if vol.iops and vol.type in ("gp3", "io1", "io2"):
            ebs["Iops"] = vol.iops
        if vol.throughput_mbps and vol.type == "gp3":
            ebs["Throughput"] = vol.throughput_mbps
        out.append({"DeviceName": f"/dev/sd{chr(ord('f') + v)}", "Ebs": ebs})
    return out


def _lifecycle_rule(bucket: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {"ID": f"{bucket.name}-lifecycle", "Status": "Enabled", "Filter": {"Prefix": ""}}
    transitions = [{"Days": r.after_days, "StorageClass": TRANSITION[r.storage_class]}
                   for r in bucket.lifecycle if r.storage_class in TRANSITION]
    if transitions:
        rule["Transitions"] = transitions
    expiry = next((r.after_days for r in bucket.lifecycle if r.expire), None)
    if expiry is not None:
        rule["Expiration"] = {"Days": expiry}
    return rule


def _empty_and_delete(s3: Any, name: str) -> None:
    versions = s3.list_object_versions(Bucket=name)
    for item in versions.get("Versions", []) + versions.get("DeleteMarkers", []):
        s3.delete_object(Bucket=name, Key=item["Key"], VersionId=item["VersionId"])
    s3.delete_bucket(Bucket=name)
