"""The compute family: EC2 instances per group and zone, launched with their volumes."""

from __future__ import annotations

from typing import Any

from planner.catalog import aws_instance_specs
from planner.dryrun.deploy.core import DeploymentCore

ROOT_DEVICE = "/dev/xvda"


def create_instances(d: DeploymentCore) -> None:
    """Each instance group's planned count per zone, one launch (and one removal) per group and zone."""
    ec2 = d.client("ec2")
    images: dict[str, str] = {}
    specs = aws_instance_specs()
    for inst in d.bp.instances:
        arch = specs[inst.type].architecture if inst.type in specs else "x86_64"
        if arch not in images:
            images[arch] = _image(d, ec2, arch)
        image = images[arch]
        for zone, count in d.plan.placements.get(f"instances.{inst.name}", {}).items():
            subnet = d.ids.get(("subnet", f"{inst.subnet}-{zone}"))
            if not count or not subnet:
                continue
            _launch(d, ec2, inst, zone, count, subnet, image)


def _image(d: DeploymentCore, ec2: Any, arch: str) -> str:
    """The newest Amazon Linux 2023 image for ``arch`` (a fixed stand-in when none is found)."""
    # A narrow query: listing every Amazon image costs seconds against moto and real AWS alike.
    found = d.step("ami", f"lookup {arch}", lambda arch=arch: ec2.describe_images(
        Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-2023*"]},
                                    {"Name": "architecture", "Values": [arch]}])["Images"])
    return str(max(found, key=lambda i: i.get("CreationDate", ""))["ImageId"]) if found else "ami-12c6146b"


def _launch(d: DeploymentCore, ec2: Any, inst: Any, zone: str, count: int, subnet: str, image: str) -> None:
    """``count`` instances of ``inst`` in ``zone``, each recorded with its data volumes."""
    groups = [d.ids[("security_group", g)] for g in inst.security_groups if ("security_group", g) in d.ids]
    block = block_devices(inst)
    launched = d.step("instance", f"{inst.name}@{zone}", lambda inst=inst, subnet=subnet, count=count,
                      groups=groups, block=block, image=image: ec2.run_instances(
                          ImageId=image, InstanceType=inst.type, MinCount=count, MaxCount=count,
                          SubnetId=subnet, SecurityGroupIds=groups, BlockDeviceMappings=block,
                          TagSpecifications=d.tag_spec("instance", inst.name))["Instances"]) or []
    ids = [i["InstanceId"] for i in launched]
    for n, instance in enumerate(launched):
        d.created("instance", f"{inst.name}-{zone}-{n}", instance["InstanceId"])
        d.instance_group[instance["InstanceId"]] = inst.name
        for device in instance.get("BlockDeviceMappings", []):
            if device["DeviceName"] != ROOT_DEVICE and "Ebs" in device:
                d.created("volume", f"{inst.name}-{zone}-{n}:{device['DeviceName']}", device["Ebs"]["VolumeId"])
    if ids:
        # The volumes are launched with the instances (DeleteOnTermination), as a launch template
        # would, so terminating the instances removes them too. Neighbouring launches are terminated
        # in one call at teardown (each launch still its own step).
        d.removable("instance", f"{inst.name}@{zone}", ids, lambda ids=ids: ec2.terminate_instances(InstanceIds=ids),
                    lambda many: ec2.terminate_instances(InstanceIds=many))


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
