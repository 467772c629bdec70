"""Typed model of blueprint format version 1 (``shared/blueprint-format.md``).

The keys are a public contract: new optional keys and enum values may be added, nothing is renamed.
Every model forbids unknown keys (the loader turns that into a "did you mean" error). Defaults here
are the documented defaults of the format (and of the cloud's own API where the format is silent);
``planner check --explain`` shows every value that was assumed.

Cross-field rules that need more than one section (references, zones, catalog lookups) live in
``planner.checks``, not here, so that one run reports all of them with their locations.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

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


# --------------------------------------------------------------------------------------- network
class Subnet(Model):
    name: Name
    tier: Tier | None = Field(None, description="required on AWS; defaults to private on GCP")
    prefix: int | None = Field(None, ge=0, le=32, description="carve one block of this size per zone")
    cidrs: list[Cidr] | None = Field(None, description="explicit blocks, one per zone, in zone order")
    zones: list[str] | None = Field(None, description="subset of network.zones (default: all of them)")
    secondary: dict[str, Cidr] | None = Field(None, description="GCP only: named secondary ranges")

    @model_validator(mode="after")
    def _prefix_or_cidrs(self) -> Subnet:
        if (self.prefix is None) == (self.cidrs is None):
            raise ValueError("give exactly one of 'prefix' (carved per zone) or 'cidrs' (explicit)")
        return self


class Network(Model):
    cidr: Cidr
    zones: list[str] = Field(min_length=1)
    nat: Literal["none", "single", "per-zone"] | None = Field(None, description="AWS only")
    subnets: list[Subnet] = Field(default_factory=list)


# ------------------------------------------------------------------------------ security groups
def _ports(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


_PORT = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 65535}, {"type": "string"}]}
_PORTS_SCHEMA: dict[str, Any] = {"anyOf": [_PORT, {"type": "array", "items": _PORT}],
                                 "description": '80 | "8000-8100" | [80, 443] | "all"'}


class Rule(Model):
    ports: Annotated[list[int | str], BeforeValidator(_ports), WithJsonSchema(_PORTS_SCHEMA)] = Field(
        min_length=1, description='80 | "8000-8100" | [80, 443] | "all"'
    )
    source: str | None = Field(None, description="CIDR or sg:NAME (ingress)")
    destination: str | None = Field(None, description="CIDR or sg:NAME (egress)")
    protocol: Literal["tcp", "udp", "icmp", "all"] = "tcp"
    description: str | None = None

    @field_validator("ports")
    @classmethod
    def _check_ports(cls, ports: list[int | str]) -> list[int | str]:
        for port in ports:
            port_range(port)
        return ports


def port_range(port: int | str) -> tuple[int, int]:
    """``80`` -> (80, 80); ``"8000-8100"`` -> (8000, 8100); ``"all"`` -> (0, 65535)."""
    if isinstance(port, bool):
        raise ValueError("a port is a number, a 'low-high' range or 'all'")  # noqa: TRY004 - pydantic reports ValueError as a validation error
    if isinstance(port, int):
        low = high = port
    elif port == "all":
        return (0, 65535)
    else:
        parts = str(port).split("-")
        if len(parts) not in (1, 2) or not all(p.strip().isdigit() for p in parts):
            raise ValueError(f"{port!r} is not a port, a 'low-high' range or 'all'")
        low, high = int(parts[0]), int(parts[-1])
    if not 0 <= low <= high <= 65535:
        raise ValueError(f"{port!r} is outside 0-65535 or the range is reversed")
    return (low, high)


class SecurityGroup(Model):
    name: Name
    description: str | None = None
    ingress: list[Rule] = Field(default_factory=list)
    egress: list[Rule] | None = Field(None, description="default: all traffic out, as on AWS")


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


class Bucket(Model):
    name: str
    storage_class: StorageClass = "STANDARD"
    size_gb: float = Field(0, ge=0, le=MAX_BUCKET_GB, description="0-1e9 GB (an exabyte)")
    monthly_growth_gb: float = Field(0, ge=0, le=MAX_MONTHLY_GB, description="0-1e9 GB a month")
    monthly_requests: Requests | None = None
    monthly_retrieval_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB, description="0-1e9 GB a month")
    average_object_kb: float | None = Field(None, gt=0, le=MAX_OBJECT_KB,
                                            description="up to 5368709120 KB (5 TiB, the S3 object maximum)")
    lifecycle: list[LifecycleRule] = Field(default_factory=list)
    public: bool = False
    versioning: bool = False
    encryption: Literal["none", "sse-s3", "sse-kms"] = "sse-s3"
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


# ----------------------------------------------------------------------------------- clusters
class Taint(Model):
    key: str
    value: str | None = None
    effect: Literal["NoSchedule", "PreferNoSchedule", "NoExecute"] = "NoSchedule"


class NodeGroup(Model):
    name: Name
    instance_type: str
    min_size: int = Field(ge=0, le=MAX_COUNT, description="0-2147483647")
    desired_size: int = Field(ge=0, le=MAX_COUNT, description="0-2147483647")
    max_size: int = Field(ge=0, le=MAX_COUNT, description="0-2147483647")
    disk_gb: int | None = Field(None, ge=1, le=MAX_DISK_GB, description="1-65536 GiB; default 20 on EKS, 100 on GKE")
    disk_type: VolumeType | None = Field(None, description="default gp3 on EKS, pd-balanced on GKE")
    capacity: Literal["on-demand", "spot"] = "on-demand"
    labels: dict[str, str] = Field(default_factory=dict)
    taints: list[Taint] = Field(default_factory=list)
    max_pods: int | None = Field(None, ge=8, le=256, description="default: VPC CNI limit (EKS) or 110 (GKE)")

    @property
    def pricing(self) -> str:
        """The price key's pricing model for this group's nodes."""
        return "spot" if self.capacity == "spot" else "on-demand"


class Cluster(Model):
    name: Name
    kind: Literal["eks", "gke"]
    version: Annotated[str, Field(pattern=r"^1\.\d{1,2}$")]
    subnet: str
    endpoint: Literal["public", "private", "public-and-private"] = "public"
    public_access_cidrs: list[Cidr] | None = None
    logging: list[Literal["api", "audit", "authenticator", "controllerManager", "scheduler"]] = Field(
        default_factory=list
    )
    secrets_encryption: bool = False
    mode: Literal["zonal", "regional", "autopilot"] | None = Field(None, description="GKE only")
    release_channel: Literal["rapid", "regular", "stable", "extended", "none"] | None = None
    node_groups: list[NodeGroup] = Field(default_factory=list)
    hours_per_month: float = Field(730, ge=0, le=744)


# ---------------------------------------------------------------------------------- workloads
Quantity = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, (int, float)) else v)]


INT32_MAX = 2**31 - 1  # Kubernetes int32 fields (replicas, probe periods, runAsUser as the runtimes accept)
Port = Annotated[int, Field(ge=1, le=65535)]  # IsValidPortNum


class ResourceAmounts(Model):
    cpu: Quantity | None = None
    memory: Quantity | None = None


class Resources(Model):
    requests: ResourceAmounts | None = None
    limits: ResourceAmounts | None = None


class Probe(Model):
    http: str | None = Field(None, description="HTTP GET path")
    tcp: bool = False
    command: list[str] | None = None
    port: Port | str | None = None
    initial_delay_seconds: int | None = Field(None, ge=0, le=INT32_MAX)
    period_seconds: int | None = Field(None, ge=1, le=INT32_MAX)
    timeout_seconds: int | None = Field(None, ge=1, le=INT32_MAX)
    failure_threshold: int | None = Field(None, ge=1, le=INT32_MAX)

    @model_validator(mode="after")
    def _one_handler(self) -> Probe:
        handlers = [self.http is not None, self.tcp, self.command is not None]
        if sum(handlers) != 1:
            raise ValueError("a probe has exactly one of 'http', 'tcp: true' or 'command'")
        if (self.http is not None or self.tcp) and self.port is None:
            raise ValueError("an http or tcp probe needs a 'port'")
        return self


class Probes(Model):
    liveness: Probe | None = None
    readiness: Probe | None = None
    startup: Probe | None = None


class Service(Model):
    type: Literal["ClusterIP", "NodePort", "LoadBalancer", "Headless", "ExternalName"] = "ClusterIP"
    port: int | None = Field(None, ge=1, le=65535)
    target_port: int | None = Field(None, ge=1, le=65535)
    node_port: int | None = Field(None, ge=30000, le=32767)
    external_name: str | None = None


class Ingress(Model):
    host: str
    path: str = "/"
    path_type: Literal["Prefix", "Exact", "ImplementationSpecific"] = "Prefix"
    tls_secret: str | None = None
    port: Port | None = None


class Autoscale(Model):
    min: int = Field(ge=1, le=INT32_MAX)
    max: int = Field(ge=1, le=INT32_MAX)
    cpu_percent: int | None = Field(None, ge=1, le=100)
    memory_percent: int | None = Field(None, ge=1, le=100)


class EnvVar(Model):
    name: str
    value: str | None = None
    secret: str | None = Field(None, description="'secret-name/key': read from a Secret")
    config: str | None = Field(None, description="key of this workload's ConfigMap")


def _env(value: Any) -> Any:
    if isinstance(value, dict):
        return [{"name": k, "value": None if v is None else str(v)} for k, v in value.items()]
    return value


_ENV_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
        {"type": "array", "items": EnvVar.model_json_schema()},
    ],
    "description": "NAME: value mapping, or a list of {name, value | secret | config}",
}


class WorkloadVolume(Model):
    name: Annotated[str, Field(pattern=K8S_NAME_PATTERN)]
    type: Literal["emptyDir", "hostPath", "pvc", "configMap", "secret"]
    mount_path: str
    read_only: bool = False
    medium: Literal["Memory"] | None = None
    size: str | None = None
    path: str | None = Field(None, description="hostPath: path on the node")
    storage_class: str | None = None
    access_mode: Literal["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] = "ReadWriteOnce"
    source: str | None = Field(None, description="configMap / secret name")


class Container(Model):
    name: Annotated[str, Field(pattern=K8S_NAME_PATTERN)]
    image: str
    command: list[str] | None = None
    args: list[str] | None = None
    ports: list[Port] = Field(default_factory=list)
    env: Annotated[list[EnvVar], BeforeValidator(_env), WithJsonSchema(_ENV_SCHEMA)] = Field(default_factory=list)
    resources: Resources | None = None
    mounts: list[str] = Field(default_factory=list, description="names of the workload's volumes")


class Lifecycle(Model):
    post_start: list[str] | str | None = None
    pre_stop: list[str] | str | None = None


class RbacRule(Model):
    api_groups: list[str] = Field(default_factory=lambda: [""])
    resources: list[str]
    verbs: list[str]
    resource_names: list[str] | None = None


class SecurityContext(Model):
    run_as_root: bool = False
    read_only_root_filesystem: bool = True
    privileged: bool = False
    run_as_user: int | None = Field(None, ge=0, le=INT32_MAX)


class Workload(Model):
    name: Annotated[str, Field(pattern=K8S_NAME_PATTERN)]
    cluster: str
    namespace: Annotated[str, Field(pattern=K8S_NAME_PATTERN)] = "default"
    kind: Literal["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"] = "Deployment"
    image: str
    command: list[str] | None = None
    args: list[str] | None = None
    replicas: int | None = Field(None, ge=0, le=INT32_MAX)
    ports: list[Port] = Field(default_factory=list)
    service: Service | None = None
    ingress: Ingress | None = None
    resources: Resources | None = None
    probes: Probes | None = None
    strategy: Literal["RollingUpdate", "Recreate"] = "RollingUpdate"
    max_surge: int | str | None = None
    max_unavailable: int | str | None = None
    autoscale: Autoscale | None = None
    node_selector: dict[str, str] = Field(default_factory=dict)
    tolerations: list[Taint] = Field(default_factory=list)
    env: Annotated[list[EnvVar], BeforeValidator(_env), WithJsonSchema(_ENV_SCHEMA)] = Field(default_factory=list)
    config: dict[str, str] = Field(default_factory=dict)
    secrets: list[str] = Field(default_factory=list, description="names of Secrets, never values")
    volumes: list[WorkloadVolume] = Field(default_factory=list)
    sidecars: list[Container] = Field(default_factory=list)
    init_containers: list[Container] = Field(default_factory=list)
    lifecycle: Lifecycle | None = None
    schedule: str | None = Field(None, description="CronJob schedule, e.g. '0 3 * * *'")
    restart_policy: Literal["Always", "OnFailure", "Never"] | None = None
    service_account: str | None = None
    rbac: list[RbacRule] = Field(default_factory=list)
    security: SecurityContext = Field(default_factory=SecurityContext)
    allow_from: list[str] = Field(default_factory=list, description="workload names allowed in (NetworkPolicy)")
    annotations: dict[str, str] = Field(default_factory=dict)


# ---------------------------------------------------------------------------------- the rest
class Skip(Model):
    id: str
    reason: str = Field(min_length=1)


class Review(Model):
    skip: list[Skip] = Field(default_factory=list)


class Usage(Model):
    data_transfer_out_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                                  description="0-1e9 GB a month (an exabyte: far past any estate)")
    nat_processed_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                              description="0-1e9 GB a month (an exabyte: far past any estate)")
    lb_processed_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                             description="0-1e9 GB a month (an exabyte: far past any estate)")
    inter_az_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                         description="0-1e9 GB a month (an exabyte: far past any estate)")
    inter_region_gb: float | None = Field(None, ge=0, le=MAX_MONTHLY_GB,
                                             description="0-1e9 GB a month (an exabyte: far past any estate)")


class Scenario(Model):
    name: Name
    description: str | None = None
    set: dict[str, Any] = Field(min_length=1)
    one_time_cost_usd: float = Field(0, ge=0, le=MAX_USD, description="0-1e9 USD")


def _version_not_boolean(value: Any) -> Any:
    """``version: true`` equals 1 in Python; YAML booleans are not numbers."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is a boolean, not the format version; write 'version: 1'")  # noqa: TRY004
    return value


class Blueprint(Model):
    """One environment: the root of a blueprint file."""

    version: Annotated[Literal[1], BeforeValidator(_version_not_boolean)]
    name: Name
    description: str | None = None
    provider: Provider
    region: str
    tags: dict[str, str] = Field(default_factory=dict)
    network: Network | None = None
    security_groups: list[SecurityGroup] = Field(default_factory=list)
    instances: list[Instance] = Field(default_factory=list)
    databases: list[Database] = Field(default_factory=list)
    buckets: list[Bucket] = Field(default_factory=list)
    load_balancers: list[LoadBalancer] = Field(default_factory=list)
    clusters: list[Cluster] = Field(default_factory=list)
    workloads: list[Workload] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    usage: Usage = Field(default_factory=Usage)
    scenarios: list[Scenario] = Field(default_factory=list)


SECTIONS = (
    "security_groups", "instances", "databases", "buckets", "load_balancers", "clusters", "workloads",
    "scenarios",
)
