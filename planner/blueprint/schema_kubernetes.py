"""Blueprint models of Kubernetes: clusters with their node groups, and the workloads that run on them
(containers, probes, services, ingress, autoscaling, volumes, RBAC, security context).

Re-exported by :mod:`planner.blueprint.schema`; import from there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from planner.blueprint.schema_base import (
    K8S_NAME_PATTERN,
    MAX_COUNT,
    MAX_DISK_GB,
    Cidr,
    Model,
    Name,
    VolumeType,
)


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


INT32_MAX = 2**31 - 1  # Kubernetes int32 fields (replicas, probe periods, runAsUser as the runtimes accept)
Quantity = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, (int, float)) else v)]


class NamespaceQuota(Model):
    requests_cpu: Quantity | None = Field(None, description="total CPU the namespace's pods may request, e.g. 4")
    requests_memory: Quantity | None = Field(None, description="total memory they may request, e.g. 8Gi")
    limits_cpu: Quantity | None = None
    limits_memory: Quantity | None = None
    pods: int | None = Field(None, ge=0, le=INT32_MAX, description="most pods in the namespace")


class NamespaceDefaults(Model):
    cpu: Quantity | None = None
    memory: Quantity | None = None


class NamespacePolicy(Model):
    name: Annotated[str, Field(pattern=K8S_NAME_PATTERN)]
    quota: NamespaceQuota | None = Field(None, description="a ResourceQuota for the namespace")
    default_request: NamespaceDefaults | None = Field(None, description=(
        "a LimitRange: what a container that states no request gets"))
    default_limit: NamespaceDefaults | None = Field(None, description=(
        "a LimitRange: what a container that states no limit gets"))


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
    namespaces: list[NamespacePolicy] = Field(default_factory=list, description=(
        "per-namespace ResourceQuota and LimitRange; namespaces named here are created even without workloads"))
    node_groups: list[NodeGroup] = Field(default_factory=list)
    hours_per_month: float = Field(730, ge=0, le=744)


# ---------------------------------------------------------------------------------- workloads


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
    target_port: Port | str | None = Field(None, description=(
        "the pods' port the Service forwards to: a number, or a name from the workload's port_names; default "
        "the workload's first port"))
    node_port: int | None = Field(None, ge=30000, le=32767)
    external_name: str | None = None
    session_affinity: Literal["None", "ClientIP"] | None = Field(None, description=(
        "ClientIP sends a client's connections to the same pod (sessionAffinity); default None"))


class Ingress(Model):
    class_name: Literal["alb", "gce", "nginx"] | None = Field(None, description=(
        "the ingress controller (ingressClassName): alb on EKS and gce on GKE by default, or nginx "
        "(ingress-nginx, installed separately)"))
    host: str
    group: Annotated[str, Field(pattern=K8S_NAME_PATTERN)] | None = Field(None, description=(
        "EKS: Ingresses of one group share one ALB (alb.ingress.kubernetes.io/group.name); default: an ALB "
        "per Ingress"))
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
    scope: Literal["namespace", "cluster"] | None = Field(None, description=(
        "namespace (Role) or cluster (ClusterRole); default: cluster when a resource is cluster-scoped, such "
        "as nodes or namespaces"))
    api_groups: list[str] = Field(default_factory=lambda: [""])
    resources: list[str]
    verbs: list[str]
    resource_names: list[str] | None = None


Capability = Literal[
    "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN",
    "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE",
    "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
    "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT",
    "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME",
    "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM"]  # Linux capabilities (capabilities(7)), without CAP_


class SecurityContext(Model):
    run_as_root: bool = False
    read_only_root_filesystem: bool = True
    privileged: bool = False
    run_as_user: int | None = Field(None, ge=0, le=INT32_MAX)
    add_capabilities: list[Capability] = Field(default_factory=list)


class Affinity(Model):
    nodes: dict[str, list[str]] = Field(default_factory=dict, description=(
        "node labels the pods require, each to one of the values (nodeAffinity), e.g. {disktype: [ssd]}"))
    spread: Literal["zone", "node", "zone-and-node"] | None = Field(None, description=(
        "spread the replicas evenly over zones, nodes or both (topologySpreadConstraints); default: zones when "
        "there is more than one replica"))
    anti_affinity: Literal["preferred", "required"] | None = Field(None, description=(
        "keep two replicas off one node: preferred (scheduled anyway when impossible) or required"))


class Workload(Model):
    name: Annotated[str, Field(pattern=K8S_NAME_PATTERN)]
    cluster: str
    namespace: Annotated[str, Field(pattern=K8S_NAME_PATTERN)] = "default"
    kind: Literal["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"] = "Deployment"
    image: str | None = Field(None, description=(
        "container image of the main container, e.g. nginx:1.27 (pin a tag or digest, not latest); required "
        "unless the workload is only an ExternalName Service"))
    labels: dict[str, str] = Field(default_factory=dict, description=(
        "labels of the workload's objects and pods, besides planner's app.kubernetes.io ones"))
    affinity: Affinity | None = None
    termination_grace_period_seconds: int | None = Field(None, ge=0, le=INT32_MAX, description=(
        "seconds a pod gets to stop after SIGTERM (terminationGracePeriodSeconds); Kubernetes' default is 30"))
    command: list[str] | None = None
    args: list[str] | None = None
    replicas: int | None = Field(None, ge=0, le=INT32_MAX)
    ports: list[Port] = Field(default_factory=list)
    port_names: dict[str, Port] = Field(default_factory=dict, description=(
        "names for the main container's ports (containerPort name, default p<port>), e.g. {http: 8080}, for "
        "probes (port: http) and the Service (target_port: http)"))
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
    allow_from: list[str] = Field(default_factory=list, description=(
        "who may connect to the workload's ports past the namespace's default-deny NetworkPolicy: web (a "
        "workload of this namespace), shop/web (a workload of another namespace, also a third-party one such as "
        "ingress-nginx/ingress-nginx) or monitoring/* (every pod of a namespace); the load balancer and ingress "
        "controller are always let in"))
    annotations: dict[str, str] = Field(default_factory=dict)
