"""Common ground of the blueprint models: the :class:`Model` base, name patterns, shared type aliases,
the upper bounds of numeric fields and the CIDR block type.

Re-exported by :mod:`planner.blueprint.schema`; import from there.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

NAME_PATTERN = r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
K8S_NAME_PATTERN = r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"

Name = Annotated[str, Field(pattern=NAME_PATTERN, description="lower-case letters, digits and '-'")]
Provider = Literal["aws", "gcp"]
Tier = Literal["public", "private", "isolated"]
Pricing = Literal[
    "on-demand", "reserved-1y", "reserved-3y", "reserved-1y-all-upfront", "reserved-3y-all-upfront",
    "savings-plan-1y", "savings-plan-3y", "spot",
]
StorageClass = Literal[
    "STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE",
    "NEARLINE", "COLDLINE", "ARCHIVE",  # Cloud Storage classes (provider: gcp)
]
DbEngine = Literal["mysql", "postgres", "mariadb", "aurora-mysql", "aurora-postgresql", "oracle", "sqlserver"]
# Upper bounds of numeric fields: the cloud's own service limit where there is one, else a value far past
# any real estate, so that every figure planner computes from a blueprint stays a finite, printable number.
MAX_COUNT = 2**31 - 1  # int32, as the cloud APIs take counts
MAX_DISK_GB = 65_536  # EBS gp3/io2 and GCE PD maximum (gp2/io1/st1/sc1/standard: 16,384, checked per type)
MAX_IOPS = 256_000  # EBS io2 Block Express
MAX_THROUGHPUT_MBPS = 2_000  # EBS gp3 (2,000 MB/s) and io2 Block Express
MAX_RDS_STORAGE_GB = 65_536  # RDS maximum allocated storage (64 TiB)
MAX_LIFECYCLE_DAYS = 36_500  # a hundred years
MAX_MONTHLY_GB = 1e9  # a billion GB (an exabyte) a month: far past any estate
MAX_BUCKET_GB = 1e9  # a billion GB (an exabyte) stored
MAX_OBJECT_KB = 5 * 1024**3  # S3 maximum object size, 5 TiB, in KB
MIN_OBJECT_KB = 1 / 1024  # one byte: an average object is not smaller (an object count must stay finite)
MAX_REQUESTS = 10**15  # a quadrillion requests a month
MAX_USD = 1e9  # one-time cost of one scenario

VolumeType = Literal["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard", "pd-standard", "pd-balanced", "pd-ssd"]


class Model(BaseModel):
    """Base of every blueprint model: unknown keys are errors, values are validated on assignment.

    ``strict``: a YAML boolean is not a number (``count: true`` is an error) and a float is not a count
    (``count: 1.5`` and ``1e300`` are errors); YAML ints are still accepted for float fields.
    ``allow_inf_nan=False``: ``.inf`` and ``.nan`` are errors in every numeric field.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True, strict=True,
                              allow_inf_nan=False)


def _cidr(value: Any) -> Any:
    """Accept only a network address (``10.0.0.0/16``), not a host inside it."""
    if not isinstance(value, str):
        return value
    try:
        net = ipaddress.ip_network(value, strict=False)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a CIDR block like 10.0.0.0/16") from exc
    if net.version != 4:
        raise ValueError(f"{value!r} is IPv6; blueprint version 1 plans IPv4 ranges")
    if str(net) != value:
        raise ValueError(f"{value!r} has host bits set; did you mean {str(net)!r}?")
    return value


Cidr = Annotated[str, BeforeValidator(_cidr)]
