"""Bucket policies that S3 accepts (PutBucketPolicy refuses the rest with MalformedPolicy or, under Block
Public Access, AccessDenied): a principal, S3 actions only, resources of this bucket only, known condition
operators, statement ids of letters and digits, at most 20 KB."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from planner.blueprint.schema import Bucket, PolicyStatement
from planner.checks.base import Context
from planner.findings import Finding

RULE = "CHK-S3-004"
MAX_POLICY_BYTES = 20 * 1024  # S3's bucket policy size limit
ACTION = re.compile(r"^(\*|s3:[A-Za-z*?]+)$")
# IAM condition operators (the IAM JSON policy reference, "Condition operators"); IfExists and the
# ForAllValues: / ForAnyValue: set qualifiers combine with them.
OPERATORS = frozenset({
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike",
    "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
    "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan",
    "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress",
    "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null"})


# Condition keys with which S3 Block Public Access does not count an Allow to everyone as public (S3 user
# guide, "The meaning of public": fixed values of these keys).
NON_PUBLIC_KEYS = frozenset({"aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceArn", "aws:SourceAccount",
                             "aws:SourceOwner", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:userid",
                             "s3:DataAccessPointArn", "s3:DataAccessPointAccount"})


def _listed(value: str | list[str] | None) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _operator_known(name: str) -> bool:
    base = name.split(":", 1)[1] if name.startswith(("ForAllValues:", "ForAnyValue:")) else name
    return base.removesuffix("IfExists") in OPERATORS


def bucket_policies(ctx: Context) -> Iterator[Finding]:
    for i, bucket in enumerate(ctx.bp.buckets):
        if bucket.policy is None:
            continue
        base = ("buckets", i, "policy")
        size = len(json.dumps(bucket.policy.model_dump(exclude_none=True)))
        if size > MAX_POLICY_BYTES:
            yield ctx.error(RULE, f"the policy is {size:,} bytes; S3 takes at most 20 KB", base,
                            "merge statements or move permissions to IAM roles")
        for k, statement in enumerate(bucket.policy.Statement):
            yield from _statement(ctx, bucket, statement, (*base, "Statement", k))


def _resources(ctx: Context, bucket: Bucket, st: PolicyStatement, path: tuple[str | int, ...]) -> Iterator[Finding]:
    if st.Resource is None and st.NotResource is None:
        yield ctx.error(RULE, "the statement names no Resource", path, f"add Resource: arn:aws:s3:::{bucket.name}/*")
    own = f"arn:aws:s3:::{bucket.name}"
    for key, values in (("Resource", st.Resource), ("NotResource", st.NotResource)):
        for arn in _listed(values):
            if arn != own and not arn.startswith(own + "/"):
                yield ctx.error(RULE, f"{arn!r} is not this bucket: a bucket policy covers only {own} and its objects",
                                (*path, key), f"write {own} or {own}/*")


def _statement(ctx: Context, bucket: Bucket, st: PolicyStatement, path: tuple[str | int, ...]) -> Iterator[Finding]:
    if st.Sid is not None and not re.match(r"^[A-Za-z0-9]*$", st.Sid):
        yield ctx.error(RULE, f"Sid {st.Sid!r} may hold letters and digits only", (*path, "Sid"), "write e.g. DenyHttp")
    if st.Principal is None and st.NotPrincipal is None:
        yield ctx.error(RULE, "a bucket policy statement needs a Principal", path,
                        'add Principal: "*" or Principal: {AWS: [arn:aws:iam::123456789012:role/reader]}')
    if st.Action is None and st.NotAction is None:
        yield ctx.error(RULE, "the statement names no Action", path, "add Action: s3:GetObject (or s3:*)")
    for key, values in (("Action", st.Action), ("NotAction", st.NotAction)):
        for action in _listed(values):
            if not ACTION.match(action):
                yield ctx.error(RULE, f"{action!r} is not an S3 action: a bucket policy grants S3 actions only",
                                (*path, key), "write s3:<Action>, e.g. s3:GetObject")
    yield from _resources(ctx, bucket, st, path)
    for operator in (st.Condition or {}):
        if not _operator_known(operator):
            yield ctx.error(RULE, f"{operator!r} is not an IAM condition operator", (*path, "Condition", operator),
                            "use e.g. Bool, StringEquals, IpAddress, ArnLike (with IfExists or ForAnyValue: if needed)")
    everyone = st.Principal == "*" or (isinstance(st.Principal, dict) and "*" in _listed(st.Principal.get("AWS")))
    narrowed = any(key in NON_PUBLIC_KEYS for values in (st.Condition or {}).values() for key in values)
    if st.Effect == "Allow" and everyone and not narrowed and not bucket.public:
        yield ctx.error(RULE, "the statement lets everyone in, and the bucket blocks public access: S3 refuses the "
                        "policy (AccessDenied)", (*path, "Principal"),
                        "name the principals, narrow it (e.g. Condition: {StringEquals: {aws:SourceVpce: vpce-...}}), "
                        "or set public: true on the bucket")
