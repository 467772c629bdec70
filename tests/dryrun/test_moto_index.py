"""In-process moto's indexed lookups answer exactly as moto's own scans, and are moto's own again after."""

from __future__ import annotations

import pytest

from planner.dryrun.backend import InProcessMoto
from planner.dryrun.moto_index import REPLACEMENTS, indexed_lookups


def _originals() -> dict[str, object]:
    from moto.ec2.models import EC2Backend

    return {name: getattr(EC2Backend, name) for name in REPLACEMENTS}


def _estate(session: object) -> tuple[object, list[str], list[str]]:
    """Three launches (the last without block devices) and a tagged VPC; the backend, instance and volume ids."""
    from moto.backends import get_backend

    ec2 = InProcessMoto().client(session, "ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "v"}, {"Key": "team", "Value": "a"}]}])["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24")["Subnet"]["SubnetId"]
    block = [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, "DeleteOnTermination": True}},
             {"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 20, "DeleteOnTermination": True}}]
    ids: list[str] = []
    for n, devices in enumerate((block, block, None)):
        extra = {"BlockDeviceMappings": devices} if devices else {}
        ids += [i["InstanceId"] for i in ec2.run_instances(
            ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=2, MaxCount=2, SubnetId=subnet,
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "n", "Value": str(n)}]}], **extra)[
            "Instances"]]
    backend = get_backend("ec2")["123456789012"]["us-east-1"]
    return backend, [vpc, *ids], list(backend.volumes)


def test_indexed_lookups_answer_as_moto_does_and_moto_is_restored_after() -> None:
    from moto.ec2.exceptions import InvalidInstanceIdError, InvalidVolumeIdError

    own = _originals()
    with InProcessMoto().session("us-east-1") as session:
        fast = _originals()
        assert all(fast[name] is not own[name] for name in REPLACEMENTS), "nothing was replaced"
        backend, ids, volumes = _estate(session)
        backend.__dict__.pop("_planner_instance_index", None)  # older instances: found by indexing them all
        for instance_id in ids[1:]:
            assert fast["get_instance"](backend, instance_id) is own["get_instance"](backend, instance_id)
        for resource_id in [*ids, *volumes, "vpc-00000000", "i-0*"]:
            filters = {"resource-id": [resource_id]}
            assert fast["describe_tags"](backend, filters) == own["describe_tags"](backend, filters)
        assert fast["describe_tags"](backend, {"key": ["n"]}) == own["describe_tags"](backend, {"key": ["n"]})
        for volume_id in volumes:
            assert fast["describe_volumes"](backend, [volume_id]) == own["describe_volumes"](backend, [volume_id])
        with pytest.raises(InvalidInstanceIdError):
            fast["get_instance"](backend, "i-00000000000000000")
        with pytest.raises(InvalidVolumeIdError):
            fast["describe_volumes"](backend, ["vol-00000000000000000"])
    assert _originals() == own


def test_sessions_share_the_lookups_until_the_last_one_closes() -> None:
    own = _originals()
    with indexed_lookups():
        replaced = _originals()
        with indexed_lookups():
            assert _originals() == replaced
        assert _originals() == replaced != own
    assert _originals() == own
