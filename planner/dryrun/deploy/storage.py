"""The storage family: S3 buckets with versioning, encryption, public access block and lifecycle."""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from planner.dryrun.deploy.core import DeploymentCore

TRANSITION = {"STANDARD_IA": "STANDARD_IA", "ONEZONE_IA": "ONEZONE_IA", "INTELLIGENT_TIERING": "INTELLIGENT_TIERING",
              "GLACIER_IR": "GLACIER_IR", "GLACIER": "GLACIER", "DEEP_ARCHIVE": "DEEP_ARCHIVE"}


def create_buckets(d: DeploymentCore) -> None:
    """Every bucket, named for this run, then its settings (each one step)."""
    s3 = d.client("s3")
    region = d.bp.region
    for b in d.bp.buckets:
        real = d.bucket_name(b.name)
        config = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        if d.step("bucket", b.name, lambda real=real, config=config: s3.create_bucket(
                Bucket=real, **config)) is None:
            continue
        d.created("bucket", b.name, real, lambda real=real: _empty_and_delete(s3, real))
        _configure(d, s3, b, real)


def _configure(d: DeploymentCore, s3: Any, b: Any, real: str) -> None:
    """The bucket's versioning, encryption, public access block and lifecycle, in that order."""
    if b.versioning:
        d.step("bucket", f"{b.name} versioning", lambda real=real: s3.put_bucket_versioning(
            Bucket=real, VersioningConfiguration={"Status": "Enabled"}))
    if b.encryption != "none":
        algo = "aws:kms" if b.encryption == "sse-kms" else "AES256"
        d.step("bucket", f"{b.name} encryption", lambda real=real, algo=algo: s3.put_bucket_encryption(
            Bucket=real, ServerSideEncryptionConfiguration={"Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": algo}}]}))
    blocked = not b.public
    d.step("bucket", f"{b.name} public access block", lambda real=real, blocked=blocked:
           s3.put_public_access_block(Bucket=real, PublicAccessBlockConfiguration={
               "BlockPublicAcls": blocked, "IgnorePublicAcls": blocked, "BlockPublicPolicy": blocked,
               "RestrictPublicBuckets": blocked}))
    if b.policy is not None:
        document = json.dumps(b.policy.model_dump(exclude_none=True)).replace(
            f"arn:aws:s3:::{b.name}", f"arn:aws:s3:::{real}")  # the policy names the bucket of this run
        d.step("bucket", f"{b.name} policy", lambda real=real, document=document: s3.put_bucket_policy(
            Bucket=real, Policy=document))
    if b.lifecycle:
        d.step("bucket", f"{b.name} lifecycle", lambda b=b, real=real: s3.put_bucket_lifecycle_configuration(
            Bucket=real, LifecycleConfiguration={"Rules": [_lifecycle_rule(b)]}))


def _lifecycle_rule(bucket: Any) -> dict[str, Any]:
    """The bucket's lifecycle as one S3 rule: its transitions and its expiry."""
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
    """Delete the bucket; when it is not empty, remove every object version and delete marker first."""
    try:
        s3.delete_bucket(Bucket=name)  # the run writes no objects: one call in the usual case
        return
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "BucketNotEmpty":
            raise
    versions = s3.list_object_versions(Bucket=name)
    for item in versions.get("Versions", []) + versions.get("DeleteMarkers", []):
        s3.delete_object(Bucket=name, Key=item["Key"], VersionId=item["VersionId"])
    s3.delete_bucket(Bucket=name)
