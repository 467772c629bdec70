"""Kubernetes names and values the API server would reject, caught at ``check``.

The rules follow k8s.io/apimachinery ``pkg/util/validation`` and ``pkg/api/validate/content``
(IsDNS1123Label, IsDNS1123Subdomain, IsQualifiedName/IsLabelKey, IsLabelValue, IsEnvVarName,
IsRelaxedEnvVarName, IsConfigMapKey, IsValidPortName, IsValidPercent) and robfig/cron's standard
parser used by the CronJob controller. Env names: the strict rule applies before Kubernetes 1.32;
from 1.32 the RelaxedEnvironmentVariableValidation gate is on by default (beta 1.32, GA 1.34) and any
printable ASCII but '=' is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planner.blueprint.schema import Taint, Workload
from planner.checks.base import Context
from planner.findings import Finding, Path

RULE = "CHK-K8S-010"
DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
CONFIG_KEY = re.compile(r"^[-._a-zA-Z0-9]+$")
PERCENT = re.compile(r"^[0-9]+%$")
SYSTEM_NAMESPACES = ("kube-system", "kube-public", "kube-node-lease")


def dns1123_label(value: str) -> str | None:
    if len(value) > 63:
        return "must be no more than 63 characters"
    if not DNS1123_LABEL.match(value):
        return "must be lower-case letters, digits and '-', starting and ending with a letter or digit"
    return None


def dns1123_subdomain(value: str) -> str | None:
    if len(value) > 253:
        return "must be no more than 253 characters"
    if not DNS1123_SUBDOMAIN.match(value):
        return "must be a DNS subdomain: lower-case letters, digits, '-' and '.' (e.g. example.com)"
    return None


def qualified_name(value: str) -> str | None:
    """IsQualifiedName: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters."""
    parts = value.split("/")
    if len(parts) > 2:
        return "has more than one '/'"
    name = parts[-1]
    if len(parts) == 2:
        if not parts[0]:
            return "has an empty prefix before '/'"
        if (problem := dns1123_subdomain(parts[0])) is not None:
            return f"prefix {problem}"
    if not name:
        return "is empty" if len(parts) == 1 else "has an empty name after '/'"
    if len(name) > 63:
        return "name part must be no more than 63 characters"
    if not LABEL_NAME.match(name):
        return "name part must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
    return None


def label_value(value: str) -> str | None:
    if len(value) > 63:
        return "must be no more than 63 characters"
    if value and not LABEL_NAME.match(value):
        return "must be empty or letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
    return None


def env_name(value: str, version: str) -> str | None:
    relaxed = _minor(version) >= 32
    if not value:
        return "is empty"
    if relaxed:
        if any(not (32 <= ord(ch) < 127) or ch == "=" for ch in value):
            return "must be printable ASCII without '='"
    elif not ENV_NAME.match(value):
        return (f"must match {ENV_NAME.pattern} on Kubernetes {version} (any printable ASCII but '=' only "
                "from 1.32, RelaxedEnvironmentVariableValidation)")
    if value in (".", "..") or value.startswith(".."):
        return "must not be '.' or start with '..'"
    return None


def config_key(value: str) -> str | None:
    if len(value) > 253:
        return "must be no more than 253 characters"
    if not CONFIG_KEY.match(value):
        return "must be letters, digits, '-', '_' or '.'"
    if value in (".", "..") or value.startswith(".."):
        return "must not be '.' or start with '..'"
    return None


def port_name(value: str) -> str | None:
    """IsValidPortName (IANA_SVC_NAME)."""
    if len(value) > 15 or not re.match(r"^[-a-z0-9]+$", value) or not re.search("[a-z]", value) or "--" in value \
            or value.startswith("-") or value.endswith("-"):
        return "is not a port name (1-15 of a-z, 0-9, '-', at least one letter)"
    return None


def _minor(version: str) -> int:
    try:
        return int(version.split(".")[1])
    except (IndexError, ValueError):
        return 99


# ------------------------------------------------------------------------------------------ cron
_CRON_FIELDS: tuple[tuple[int, int, dict[str, int]], ...] = ((0, 59, {}), (0, 23, {}), (1, 31, {}),
                (1, 12, {m: i + 1 for i, m in enumerate(
                    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}),
                (0, 6, {d: i for i, d in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])}))
_CRON_NAMES = ("minute", "hour", "day of month", "month", "day of week")
_DESCRIPTORS = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
_DURATION = re.compile(r"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")


def cron_problem(schedule: str) -> str | None:
    """None when robfig/cron's standard parser (used by the CronJob controller) accepts ``schedule``."""
    text = schedule.strip()
    if "TZ" in text:
        return "a time zone in the schedule is not allowed (CRON_TZ/TZ); Kubernetes has spec.timeZone"
    if text.startswith("@"):
        if text in _DESCRIPTORS:
            return None
        if text.startswith("@every ") and _DURATION.match(text[7:].strip()):
            return None
        return f"unknown descriptor {text!r}"
    fields = text.split()
    if len(fields) != 5:
        return f"has {len(fields)} fields, a cron schedule has 5 (minute hour day month weekday)"
    for field, (low, high, names), what in zip(fields, _CRON_FIELDS, _CRON_NAMES, strict=True):
        for part in field.split(","):
            problem = _cron_part(part, low, high, names)
            if problem:
                return f"{what} {part!r}: {problem}"
    return None


def _cron_value(text: str, names: dict[str, int]) -> int | None:
    if text.lower() in names:
        return names[text.lower()]
    return int(text) if text.isdigit() else None


def _cron_part(part: str, low: int, high: int, names: dict[str, int]) -> str | None:
    rng, slash, step_text = part.partition("/")
    if slash and not step_text.isdigit():
        return "the step is not a number"
    if slash and int(step_text) == 0:
        return "the step must be positive"
    if rng in ("*", "?"):
        return None
    first_text, dash, last_text = rng.partition("-")
    first = _cron_value(first_text, names)
    last = _cron_value(last_text, names) if dash else first
    if first is None or last is None:
        return "not a number or name"
    if not (low <= first <= high and low <= last <= high):
        return f"outside {low}-{high}"
    if first > last:
        return "the range is reversed"
    return None


# ----------------------------------------------------------------------------------------- rules
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
    if not wl.image.strip() or wl.image != wl.image.strip():
        yield _err(ctx, (*path, "image"), "the image", "is empty or has surrounding spaces", "write image: nginx:1.27")
    # containers
    containers = [(wl.name, path, wl.ports, wl.env)] + [
        (c.name, (*path, part, j), c.ports, c.env) for part in ("init_containers", "sidecars")
        for j, c in enumerate(getattr(wl, part))]
    seen: set[str] = set()
    for name, cpath, ports, env in containers:
        if name in seen:
            yield _err(ctx, (*cpath, "name") if cpath != path else (*path, "name"), f"container name {name!r}",
                       "is used twice in the pod (the main container is named after the workload)", "rename one")
        seen.add(name)
        for k, port in enumerate(ports):
            if ports.index(port) != k:
                yield _err(ctx, (*cpath, "ports", k), f"port {port}", "is listed twice", "remove the duplicate")
        for k, var in enumerate(env):
            if (p := env_name(var.name, version)) is not None:
                yield _err(ctx, (*cpath, "env", k, "name"), f"env name {var.name!r}", p, "write names like LOG_LEVEL")
            elif not ENV_NAME.match(var.name):
                yield ctx.warning(RULE, f"env name {var.name!r} is accepted only from Kubernetes 1.32 and no shell "
                                  "can read it", (*cpath, "env", k, "name"), "write names like LOG_LEVEL")
            if var.secret:
                secret, _, key = var.secret.partition("/")
                if (p := dns1123_subdomain(secret)) is not None:
                    yield _err(ctx, (*cpath, "env", k, "secret"), f"Secret name {secret!r}", p, "write 'db-creds/PASSWORD'")
                if key and (p := config_key(key)) is not None:
                    yield _err(ctx, (*cpath, "env", k, "secret"), f"Secret key {key!r}", p, "write 'db-creds/PASSWORD'")
    # volumes and mounts
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
    for part in ("init_containers", "sidecars"):
        for j, c in enumerate(getattr(wl, part)):
            for k, mount in enumerate(c.mounts):
                if c.mounts.index(mount) != k:
                    yield _err(ctx, (*path, part, j, "mounts", k), f"volume {mount!r}", "is mounted twice",
                               "remove the duplicate")
    for k, secret_name in enumerate(wl.secrets):
        if (p := dns1123_subdomain(secret_name)) is not None:
            yield _err(ctx, (*path, "secrets", k), f"Secret name {secret_name!r}", p, "write a name like db-creds")
    for key in wl.config:
        if (p := config_key(key)) is not None:
            yield _err(ctx, (*path, "config", key), f"ConfigMap key {key!r}", p, "write keys like LOG_LEVEL or app.conf")
    if wl.service_account and (p := dns1123_subdomain(wl.service_account)) is not None:
        yield _err(ctx, (*path, "service_account"), f"service account {wl.service_account!r}", p, "write app-reader")
    # labels, annotations, tolerations
    yield from _labels(ctx, wl.node_selector, (*path, "node_selector"))
    for key in wl.annotations:
        if (p := qualified_name(key.lower())) is not None:
            yield _err(ctx, (*path, "annotations", key), f"annotation key {key!r}", p,
                       "write keys like example.com/owner")
    yield from _taints(ctx, wl.tolerations, (*path, "tolerations"))
    # rollout
    yield from _rollout(ctx, path, wl)
    if wl.schedule and (p := cron_problem(wl.schedule)) is not None:
        yield _err(ctx, (*path, "schedule"), f"schedule {wl.schedule!r}:", p, "write minute hour day month weekday, "
                   "e.g. '0 3 * * *'")
    # probes, services, ingress, network policy
    yield from _probes(ctx, path, wl)
    yield from _network(ctx, path, wl)


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
    names = {f"p{p}" for p in wl.ports}
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
                yield _err(ctx, (*ppath, "port"), f"probe port {probe.port!r}", "names no declared port (planner names "
                           f"ports p<number>: {', '.join(sorted(names)) or 'none'})", "write the port number")


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
    peers = {w.name for w in ctx.bp.workloads if w.cluster == wl.cluster and w.namespace == wl.namespace}
    for k, name in enumerate(wl.allow_from):
        if name not in peers:
            yield _err(ctx, (*path, "allow_from", k), f"allow_from {name!r}",
                       f"is no workload in namespace {wl.namespace} of cluster {wl.cluster}",
                       f"name one of: {', '.join(sorted(peers)) or 'none'}")
    if wl.namespace in SYSTEM_NAMESPACES:
        yield ctx.warning(RULE, f"namespace {wl.namespace} holds the cluster's own components: planner writes no "
                          "default-deny NetworkPolicy there", (*path, "namespace"),
                          "use a namespace of your own")
