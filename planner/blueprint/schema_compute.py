"""Blueprint models of compute and data services: instances and their volumes, databases, buckets and
load balancers.

Re-exported by :mod:`planner.blueprint.schema`; import from there.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from planner.blueprint.schema_base import (
    MAX_BUCKET_GB,
    MAX_COUNT,
    MAX_DISK_GB,
    MAX_IOPS,
    MAX_LIFECYCLE_DAYS,
    MAX_MONTHLY_GB,
    MAX_OBJECT_KB,
    MAX_RDS_STORAGE_GB,
    MAX_REQUESTS,
    MAX_THROUGHPUT_MBPS,
    MIN_OBJECT_KB,
    DbEngine,
    Model,
    Name,
    Pricing,
    StorageClass,
    VolumeType,
)


# ---------------------------------------------------------------------------------- instances
class Volume(Model):
    size_gb: int = Field(ge=1, le=MAX_DISK_GB, description="1-65536 GiB (gp3/io2 maximum; gp2/io1/st1/sc1: 16384)")
    type: VolumeType = "gp3"
    iops: int | None = Field(None, ge=0, le=MAX_IOPS, description="0-256000 (io2 Block Express maximum)")
    throughput_mbps: int | None = Field(None, ge=0, le=MAX_THROUGHPUT_MBPS, description="0-2000 MB/s")
    encrypted: bool = False
    snapshot_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                      description="monthly snapshot storage to price, 0-1e9 GB")


class Instance(Model):
    name: Name
    type: str
    count: int = Field(1, ge=0, le=MAX_COUNT, description="0-2147483647")
    subnet: str
    security_groups: list[str] = Field(default_factory=list)
    root_volume: Volume | None = None
    volumes: list[Volume] = Field(default_factory=list)
    pricing: Pricing = "on-demand"
    hours_per_month: float = Field(730, ge=0, le=744)
    public_ip: bool = False
    image: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)


# ---------------------------------------------------------------------------------- databases
class Database(Model):
    name: Name
    engine: DbEngine
    instance_class: str = Field(alias="class")
    engine_version: str | None = None
    storage_gb: int = Field(20, ge=0, le=MAX_RDS_STORAGE_GB, description="0-65536 GiB (RDS maximum)")
    storage_type: Literal["gp2", "gp3", "io1", "io2", "aurora"] = "gp3"
    iops: int | None = Field(None, ge=0, le=MAX_IOPS, description="0-256000 (io2 maximum)")
    multi_az: bool = False
    read_replicas: int = Field(0, ge=0, le=MAX_COUNT,
                               description="0-2147483647 (the per-engine RDS limit is a check)")
    subnet: str
    security_groups: list[str] = Field(default_factory=list)
    encrypted: bool = False
    backup_retention_days: int = Field(1, ge=0, le=35)
    publicly_accessible: bool = False
    pricing: Literal["on-demand", "reserved-1y", "reserved-3y"] = "on-demand"
    hours_per_month: float = Field(730, ge=0, le=744)
    read_heavy: bool = Field(False, description="most traffic is reads (review suggests replicas)")


# ------------------------------------------------------------------------------------ buckets
class LifecycleRule(Model):
    after_days: int = Field(ge=0, le=MAX_LIFECYCLE_DAYS, description="0-36500 days")
    storage_class: StorageClass | None = None
    expire: bool = False
    prefix: str | None = None

    @model_validator(mode="after")
    def _one_action(self) -> LifecycleRule:
        if (self.storage_class is None) == (not self.expire):
            raise ValueError("a lifecycle rule either moves objects (storage_class) or expires them (expire: true)")
        return self


class Requests(Model):
    put: int = Field(0, ge=0, le=MAX_REQUESTS, description="0-1e15 requests a month")
    get: int = Field(0, ge=0, le=MAX_REQUESTS, description="0-1e15 requests a month")


StringOrList = str | list[str]


class PolicyStatement(Model):
    """One statement of an IAM policy document, with IAM's own key names."""

    Sid: str | None = Field(None, description="statement id (letters and digits)")
    Effect: Literal["Allow", "Deny"] = Field(description="Allow or Deny")
    Principal: str | dict[str, StringOrList] | None = Field(None, description=(
        "who the statement is about: \"*\" (anyone) or {AWS: [arn...]}, {Service: [...]}"))
    NotPrincipal: dict[str, StringOrList] | None = Field(None, description="everyone except these principals")
    Action: StringOrList | None = Field(None, description="S3 actions, e.g. s3:GetObject or s3:*")
    NotAction: StringOrList | None = Field(None, description="every S3 action except these")
    Resource: StringOrList | None = Field(None, description=(
        "this bucket's ARN (arn:aws:s3:::<bucket>) or its objects (arn:aws:s3:::<bucket>/*)"))
    NotResource: StringOrList | None = Field(None, description="every resource of the bucket except these")
    Condition: dict[str, dict[str, StringOrList | bool]] | None = Field(None, description=(
        "operator -> {condition key: value}, e.g. {Bool: {aws:SecureTransport: false}}"))


class PolicyDocument(Model):
    """An IAM policy document (``Version`` and ``Statement``), written in the blueprint as YAML or JSON."""

    Version: Literal["2012-10-17", "2008-10-17"] = Field("2012-10-17", description="policy language version")
    Statement: list[PolicyStatement] = Field(min_length=1, description="the statements, at least one")


class Bucket(Model):
    name: str
    storage_class: StorageClass = "STANDARD"
    size_gb: float = Field(0, ge=0, le=MAX_BUCKET_GB, description="0-1e9 GB (an exabyte)")
    monthly_growth_gb: float = Field(0, ge=0, le=MAX_MONTHLY_GB, description="0-1e9 GB a month")
    monthly_requests: Requests | None = None
    monthly_retrieval_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB, description="0-1e9 GB a month")
    average_object_kb: float | None = Field(None, ge=MIN_OBJECT_KB, le=MAX_OBJECT_KB,
                                            description="1 byte (0.0009765625 KB) up to 5368709120 KB "
                                                        "(5 TiB, the S3 object maximum)")
    lifecycle: list[LifecycleRule] = Field(default_factory=list)
    public: bool = False
    versioning: bool = False
    encryption: Literal["none", "sse-s3", "sse-kms"] = "sse-s3"
    policy: PolicyDocument | None = Field(None, description=(
        "the bucket policy: an IAM policy document about this bucket (checked as S3 would)"))
    tags: dict[str, str] = Field(default_factory=dict)


# ----------------------------------------------------------------------------- load balancers
class Listener(Model):
    port: int = Field(ge=1, le=65535)
    protocol: Literal["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP"] = "HTTP"
    certificate: str | None = None
    target_port: int | None = Field(
        None, ge=1, le=65535,
        description="1-65535: the port on the targets that the listener forwards to. Default: the listener's "
                    "port, except HTTPS and TLS listeners, which end TLS at the load balancer and forward to 80.",
    )

    @property
    def effective_target_port(self) -> int:
        """The port traffic reaches the targets on: ``target_port``, else the documented default."""
        if self.target_port is not None:
            return self.target_port
        return 80 if self.protocol in ("HTTPS", "TLS") else self.port


class LoadBalancer(Model):
    name: Name
    type: Literal["application", "network"] = "application"
    subnet: str
    scheme: Literal["internet-facing", "internal"] = "internet-facing"
    security_groups: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    listeners: list[Listener] = Field(default_factory=list)
