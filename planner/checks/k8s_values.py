"""Kubernetes names and values the API server would reject, caught at ``check``.

The name and value rules themselves live in :mod:`planner.checks.k8s_formats`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planner.blueprint.schema import EnvVar, Taint, Workload
from planner.checks.base import Context
from planner.checks.k8s_formats import (
    ENV_NAME,
    PERCENT,
    config_key,
    cron_problem,
    dns1123_subdomain,
    env_name,
    label_value,
    port_name,
    qualified_name,
)
from planner.findings import Finding, Path

# The validators are re-exported: callers and tests import them from here.
__all__ = ["RULE", "SYSTEM_NAMESPACES", "cron_problem", "env_name", "kubernetes_values", "qualified_name"]

RULE = "CHK-K8S-010"
SYSTEM_NAMESPACES = ("kube-system", "kube-public", "kube-node-lease")


def kubernetes_values(ctx: Context) -> Iterator[Finding]:
    versions = {c.name: c.version for c in ctx.bp.clusters}
    for i, wl in enumerate(ctx.bp.workloads):
        yield from _workload(ctx, i, wl, versions.get(wl.cluster, "1.99"))
    for c, cluster in enumerate(ctx.bp.clusters):
        for g, group in enumerate(cluster.node_groups):
            base: Path = ("clusters", c, "node_groups", g)
            yield from _labels(ctx, group.labels, (*base, "labels"))
            yield from _taints(ctx, group.taints, (*base, "taints"))


def _err(ctx: Context, path: Path, what: str, problem: str, fix: str) -> Finding:
    return ctx.error(RULE, f"{what} {problem}", path, fix)


def _labels(ctx: Context, labels: dict[str, str], path: Path) -> Iterator[Finding]:
    for key, value in labels.items():
        if (p := qualified_name(key)) is not None:
            yield _err(ctx, (*path, key), f"label key {key!r}", p, "write keys like disktype or example.com/tier")
        if (p := label_value(value)) is not None:
            yield _err(ctx, (*path, key), f"label value {value!r}", p, "shorten or simplify the value")


def _taints(ctx: Context, taints: list[Taint], path: Path) -> Iterator[Finding]:
    for t, taint in enumerate(taints):
        if (p := qualified_name(taint.key)) is not None:
            yield _err(ctx, (*path, t, "key"), f"taint key {taint.key!r}", p, "write a key like dedicated")
        if taint.value and (p := label_value(taint.value)) is not None:
            yield _err(ctx, (*path, t, "value"), f"taint value {taint.value!r}", p, "write a value like gpu")


def _workload(ctx: Context, i: int, wl: Workload, version: str) -> Iterator[Finding]:
    path: Path = ("workloads", i)
    yield from _workload_names(ctx, path, wl)
    yield from _containers(ctx, path, wl, version)
    yield from _volumes(ctx, path, wl)
    yield from _container_mounts(ctx, path, wl)
    yield from _references(ctx, path, wl)
    # labels, annotations, tolerations
    yield from _labels(ctx, wl.node_selector, (*path, "node_selector"))
    yield from _labels(ctx, wl.labels, (*path, "labels"))
    if wl.affinity:
        yield from _labels(ctx, {k: v for k, values in wl.affinity.nodes.items() for v in values},
                           (*path, "affinity", "nodes"))
    yield from _annotations(ctx, path, wl)
    yield from _taints(ctx, wl.tolerations, (*path, "tolerations"))
    # rollout
    yield from _rollout(ctx, path, wl)
    if wl.schedule and (p := cron_problem(wl.schedule)) is not None:
        yield _err(ctx, (*path, "schedule"), f"schedule {wl.schedule!r}:", p, "write minute hour day month weekday, "
                   "e.g. '0 3 * * *'")
    # probes, services, ingress, network policy
    yield from _probes(ctx, path, wl)
    yield from _network(ctx, path, wl)


def _workload_names(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    """Names derived from the workload (instance label, CronJob, StatefulSet, Service) and its image."""
    instance = f"{ctx.bp.name}-{wl.name}"
    if len(instance) > 63:
        yield _err(ctx, (*path, "name"), f"the label app.kubernetes.io/instance {instance!r}",
                   "is longer than 63 characters", "shorten the workload or blueprint name")
    if wl.kind == "CronJob" and len(wl.name) > 52:
        yield _err(ctx, (*path, "name"), "a CronJob name", "must be no more than 52 characters", "shorten the name")
    if wl.kind == "StatefulSet" and len(wl.name) > 63 - len("-headless"):
        yield _err(ctx, (*path, "name"), "a StatefulSet name", "leaves no room for its '-headless' Service "
                   "(63 characters at most)", "shorten the name to 54 characters")
    if wl.service and not wl.name[0].isalpha():
        yield _err(ctx, (*path, "name"), f"a Service name {wl.name!r}", "must start with a letter (DNS-1035)",
                   "rename the workload")
    if wl.image is not None and (not wl.image.strip() or wl.image != wl.image.strip()):
        yield _err(ctx, (*path, "image"), "the image", "is empty or has surrounding spaces", "write image: nginx:1.27")


def _containers(ctx: Context, path: Path, wl: Workload, version: str) -> Iterator[Finding]:
    """Every container of the pod (main, init, sidecars): unique names, ports listed once, valid env."""
    containers = [(wl.name, path, wl.ports, wl.env)] + [
        (c.name, (*path, part, j), c.ports, c.env) for part in ("init_containers", "sidecars")
        for j, c in enumerate(getattr(wl, part))]
    seen: set[str] = set()
    for name, cpath, ports, env in containers:
        if name in seen:
            yield _err(ctx, (*cpath, "name"), f"container name {name!r}",
                       "is used twice in the pod (the main container is named after the workload)", "rename one")
        seen.add(name)
        for k, port in enumerate(ports):
            if ports.index(port) != k:
                yield _err(ctx, (*cpath, "ports", k), f"port {port}", "is listed twice", "remove the duplicate")
        for k, var in enumerate(env):
            yield from _env_var(ctx, (*cpath, "env", k), var, version)


def _env_var(ctx: Context, path: Path, var: EnvVar, version: str) -> Iterator[Finding]:
    """One env var: its name for the cluster's version, and the Secret it reads from."""
    if (p := env_name(var.name, version)) is not None:
        yield _err(ctx, (*path, "name"), f"env name {var.name!r}", p, "write names like LOG_LEVEL")
    elif not ENV_NAME.match(var.name):
        yield ctx.warning(RULE, f"env name {var.name!r} is accepted only from Kubernetes 1.32 and no shell "
                          "can read it", (*path, "name"), "write names like LOG_LEVEL")
    if var.secret:
        secret, _, key = var.secret.partition("/")
        if (p := dns1123_subdomain(secret)) is not None:
            yield _err(ctx, (*path, "secret"), f"Secret name {secret!r}", p, "write 'db-creds/PASSWORD'")
        if key and (p := config_key(key)) is not None:
            yield _err(ctx, (*path, "secret"), f"Secret key {key!r}", p, "write 'db-creds/PASSWORD'")


def _volumes(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    """The pod's volumes: absolute, distinct mount paths and valid source and storage class names."""
    mount_paths: dict[str, int] = {}
    for j, vol in enumerate(wl.volumes):
        vpath = (*path, "volumes", j)
        if not vol.mount_path.startswith("/"):
            yield _err(ctx, (*vpath, "mount_path"), f"mount path {vol.mount_path!r}", "is not absolute",
                       f"write '/{vol.mount_path}'")
        if vol.mount_path in mount_paths:
            yield _err(ctx, (*vpath, "mount_path"), f"mount path {vol.mount_path!r}", "is used by two volumes",
                       "give each volume its own path")
        mount_paths.setdefault(vol.mount_path, j)
        if vol.name == "tmp" and vol.mount_path != "/tmp" and wl.security.read_only_root_filesystem:
            yield _err(ctx, (*vpath, "name"), "volume name 'tmp'", "is reserved for the writable /tmp planner adds",
                       "rename the volume")
        if vol.source and (p := dns1123_subdomain(vol.source)) is not None:
            yield _err(ctx, (*vpath, "source"), f"{vol.type} name {vol.source!r}", p, "write a name like app-config")
        if vol.storage_class and (p := dns1123_subdomain(vol.storage_class)) is not None:
            yield _err(ctx, (*vpath, "storage_class"), f"storage class {vol.storage_class!r}", p, "write gp3")


def _container_mounts(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    """Init containers and sidecars mount each volume at most once."""
    for part in ("init_containers", "sidecars"):
        for j, c in enumerate(getattr(wl, part)):
            for k, mount in enumerate(c.mounts):
                if c.mounts.index(mount) != k:
                    yield _err(ctx, (*path, part, j, "mounts", k), f"volume {mount!r}", "is mounted twice",
                               "remove the duplicate")


def _references(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    """Names the workload refers to: its Secrets, ConfigMap keys and service account."""
    for k, secret_name in enumerate(wl.secrets):
        if (p := dns1123_subdomain(secret_name)) is not None:
            yield _err(ctx, (*path, "secrets", k), f"Secret name {secret_name!r}", p, "write a name like db-creds")
    for key in wl.config:
        if (p := config_key(key)) is not None:
            yield _err(ctx, (*path, "config", key), f"ConfigMap key {key!r}", p, "write keys like LOG_LEVEL or app.conf")
    if wl.service_account and (p := dns1123_subdomain(wl.service_account)) is not None:
        yield _err(ctx, (*path, "service_account"), f"service account {wl.service_account!r}", p, "write app-reader")


def _annotations(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    for key in wl.annotations:
        if (p := qualified_name(key.lower())) is not None:
            yield _err(ctx, (*path, "annotations", key), f"annotation key {key!r}", p,
                       "write keys like example.com/owner")


def _rollout(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    if wl.kind in ("Deployment", "StatefulSet", "DaemonSet") and wl.restart_policy not in (None, "Always"):
        yield _err(ctx, (*path, "restart_policy"), f"a {wl.kind}", f"only restarts Always, not {wl.restart_policy}",
                   "remove restart_policy, or use a Job")
    explicit = wl.model_fields_set
    if "strategy" in explicit and wl.kind != "Deployment" and not (
            wl.kind in ("StatefulSet", "DaemonSet") and wl.strategy == "RollingUpdate"):
        yield _err(ctx, (*path, "strategy"), f"strategy {wl.strategy}", f"does not apply to a {wl.kind}",
                   "remove strategy (Recreate is a Deployment strategy)")
    for key in ("max_surge", "max_unavailable"):
        value = getattr(wl, key)
        if value is None:
            continue
        if wl.kind != "Deployment" or wl.strategy != "RollingUpdate":
            yield _err(ctx, (*path, key), key, "applies to a Deployment with strategy RollingUpdate", f"remove {key}")
        elif isinstance(value, bool) or (isinstance(value, int) and value < 0):
            yield _err(ctx, (*path, key), f"{key} {value!r}", "must be a non-negative number or a percentage",
                       "write 1 or '25%'")
        elif isinstance(value, str) and not PERCENT.match(value):
            yield _err(ctx, (*path, key), f"{key} {value!r}", "is not a number or a percentage like '25%'",
                       "write 1 or '25%'")
        elif key == "max_unavailable" and isinstance(value, str) and int(value[:-1]) > 100:
            yield _err(ctx, (*path, key), f"{key} {value!r}", "is over 100%", "write at most '100%'")
    surge = wl.max_surge if wl.max_surge is not None else "25%"
    unavailable = wl.max_unavailable if wl.max_unavailable is not None else 0
    if wl.kind == "Deployment" and wl.strategy == "RollingUpdate" and str(surge) in ("0", "0%") \
            and str(unavailable) in ("0", "0%"):
        yield _err(ctx, (*path, "max_surge"), "max_surge and max_unavailable", "are both 0: the rollout cannot move",
                   "set max_surge: 1")


def _probes(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    names = {f"p{p}" for p in wl.ports if p not in wl.port_names.values()} | set(wl.port_names)
    for name, number in wl.port_names.items():
        if (p := port_name(name)) is not None:
            yield _err(ctx, (*path, "port_names", name), f"port name {name!r}", p, "write e.g. http")
        elif number not in wl.ports:
            yield _err(ctx, (*path, "port_names", name), f"port name {name!r}", f"names {number}, which is not in "
                       f"ports {wl.ports}", f"add {number} to ports or name a declared port")
    svc = wl.service
    if svc and isinstance(svc.target_port, str) and svc.target_port not in wl.port_names:
        yield _err(ctx, (*path, "service", "target_port"), f"target_port {svc.target_port!r}", "names no port of "
                   f"the workload (port_names: {', '.join(sorted(wl.port_names)) or 'none'})",
                   "name the port in port_names or write its number")
    for kind in ("liveness", "readiness", "startup"):
        probe = getattr(wl.probes, kind) if wl.probes else None
        if probe is None:
            continue
        ppath = (*path, "probes", kind)
        if probe.command is not None and not [c for c in probe.command if c.strip()]:
            yield _err(ctx, (*ppath, "command"), "an exec probe", "has an empty command", "write command: [cat, /tmp/ok]")
        if isinstance(probe.port, str):
            if (p := port_name(probe.port)) is not None:
                yield _err(ctx, (*ppath, "port"), f"probe port {probe.port!r}", p, "write the port number, e.g. 8080")
            elif probe.port not in names:
                yield _err(ctx, (*ppath, "port"), f"probe port {probe.port!r}", "names no declared port (names: "
                           f"{', '.join(sorted(names)) or 'none'}; port_names adds others)", "write the port number")


def _network(ctx: Context, path: Path, wl: Workload) -> Iterator[Finding]:
    svc = wl.service
    if svc and svc.type != "ExternalName" and not wl.ports and svc.target_port is None:
        yield _err(ctx, (*path, "service"), "the service", "has no target port: the workload declares no ports",
                   "add ports: [8080] to the workload or target_port: to the service")
    if svc and svc.external_name and (p := dns1123_subdomain(svc.external_name.rstrip("."))) is not None:
        yield _err(ctx, (*path, "service", "external_name"), f"external name {svc.external_name!r}", p,
                   "write db.example.com")
    if wl.ingress:
        host = wl.ingress.host
        bare = host.removeprefix("*.")
        if not host:
            yield _err(ctx, (*path, "ingress", "host"), "the ingress host", "is empty", "write host: shop.example.com")
        elif (p := dns1123_subdomain(bare)) is not None or re.match(r"^[0-9.]+$", bare):
            yield _err(ctx, (*path, "ingress", "host"), f"ingress host {host!r}",
                       p or "is an IP address, not a DNS name", "write host: shop.example.com")
        if wl.ingress.tls_secret and (p := dns1123_subdomain(wl.ingress.tls_secret)) is not None:
            yield _err(ctx, (*path, "ingress", "tls_secret"), f"Secret name {wl.ingress.tls_secret!r}", p,
                       "write shop-tls")
        exposed = (svc.port if svc and svc.port else (wl.ports[0] if wl.ports else None))
        if wl.ingress.port is not None and wl.ingress.port != exposed:
            yield _err(ctx, (*path, "ingress", "port"), f"ingress port {wl.ingress.port}",
                       f"is not the service's port {exposed}", "remove ingress.port or match the service port")
    if wl.namespace in SYSTEM_NAMESPACES:
        yield ctx.warning(RULE, f"namespace {wl.namespace} holds the cluster's own components: planner writes no "
                          "default-deny NetworkPolicy there", (*path, "namespace"),
                          "use a namespace of your own")
