"""Teardown in few calls: neighbouring removals of one kind go in one bulk call, each still its own step (a
failed bulk call falls back to one removal at a time, so a failure names its own resource); a bucket is
deleted in one call unless something was written to it."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from planner.dryrun.backend import InProcessMoto
from planner.dryrun.deploy.core import BULK_LIMIT, DeploymentCore
from planner.dryrun.deploy.storage import _empty_and_delete
from planner.dryrun.model import DryRunResult
from planner.pipeline import analyze
from tests.conftest import BLUEPRINTS


def _core() -> DeploymentCore:
    return DeploymentCore(analyze(BLUEPRINTS / "minimal-vm.yaml"), lambda service: None, DryRunResult("test"))


def _refused(*_: Any) -> None:
    raise ClientError({"Error": {"Code": "InvalidInstanceID.NotFound", "Message": "gone"}}, "TerminateInstances")


def test_neighbouring_launches_are_removed_in_one_call_and_each_is_a_step() -> None:
    d, calls = _core(), []
    d.created("vpc", "net", "vpc-1", lambda: calls.append("vpc"))
    for n in range(3):
        d.removable("instance", f"web@{n}", [f"i-{n}a", f"i-{n}b"], lambda n=n: calls.append(f"one {n}"),
                    lambda ids: calls.append(ids))
    assert d.teardown() == []
    assert calls == [["i-2a", "i-2b", "i-1a", "i-1b", "i-0a", "i-0b"], "vpc"]
    assert [(s.action, s.kind, s.name, s.ok) for s in d.result.steps] == [
        ("teardown", "instance", "web@2", True), ("teardown", "instance", "web@1", True),
        ("teardown", "instance", "web@0", True), ("teardown", "vpc", "net", True)]


def test_a_failed_bulk_call_removes_one_by_one_and_names_what_is_left() -> None:
    d, calls = _core(), []
    for n in range(3):
        d.removable("instance", f"web@{n}", [f"i-{n}"], _refused if n == 1 else lambda n=n: calls.append(n),
                    _refused)
    assert d.teardown() == ["instance i-1"]
    assert calls == [2, 0]
    assert [(s.name, s.ok) for s in d.result.steps] == [("web@2", True), ("web@1", False), ("web@0", True)]
    assert d.result.findings[0].resource == "instance web@1"


def test_a_bulk_call_takes_at_most_the_limit_of_ids() -> None:
    d, sizes, alone = _core(), [], []
    part = BULK_LIMIT * 2 // 5
    for n in range(5):
        d.removable("instance", f"web@{n}", [f"i-{n}-{k}" for k in range(part)], lambda n=n: alone.append(n),
                    lambda ids: sizes.append(len(ids)))
    d.teardown()
    assert sizes == [2 * part, 2 * part] and alone == [0] and len(d.result.steps) == 5


def test_a_bucket_with_versions_and_delete_markers_is_emptied_then_deleted() -> None:
    backend = InProcessMoto()
    with backend.session("us-east-1") as session:
        s3 = backend.client(session, "s3")
        for name in ("empty", "written"):
            s3.create_bucket(Bucket=name)
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        for body in (b"one", b"two"):
            s3.put_object(Bucket="written", Key="k", Body=body)
        s3.delete_object(Bucket="written", Key="k")  # a delete marker
        for name in ("empty", "written"):
            _empty_and_delete(s3, name)
        assert s3.list_buckets()["Buckets"] == []
