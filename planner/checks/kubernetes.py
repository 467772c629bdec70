"""Workloads: sizes, autoscaling, services, volumes and scheduling make sense."""

from __future__ import annotations

from collections.abc import Iterator

from planner import catalog
from planner.blueprint.schema import NodeGroup, Workload
from planner.checks.base import Context
from planner.checks.rbac_scope import cluster_scoped
from planner.findings import Finding
from planner.quantities import parse_quantity


def requests_and_limits(ctx: Context) -> Iterator[Finding]:
    for i, wl in enumerate(ctx.bp.workloads):
        containers = [((), wl.resources)] + [
            ((part, j), c.resources) for part in ("sidecars", "init_containers")
            for j, c in enumerate(getattr(wl, part))
        ]
        for prefix, res in containers:
            if res is None:
                continue
            base = ("workloads", i, *prefix, "resources")
            values: dict[tuple[str, str], float] = {}
            for side in ("requests", "limits"):
                amounts = getattr(res, side)
                for key in ("cpu", "memory"):
                    raw = getattr(amounts, key) if amounts else None
                    if raw is None:
                        continue
                    try:
                        values[(side, key)] = parse_quantity(raw)
                    except ValueError as exc:
                        yield ctx.error("CHK-K8S-001", str(exc), (*base, side, key),
                                        "write cpu as 250m or 0.5, memory as 256Mi or 1Gi")
            for key in ("cpu", "memory"):
                req, lim = values.get(("requests", key)), values.get(("limits", key))
                if req is not None and lim is not None and req > lim:
                    yield ctx.error("CHK-K8S-001", f"{key} request exceeds its limit", (*base, "requests", key),
                                    f"lower requests.{key} or raise limits.{key}")


def _autoscale_requests(ctx: Context, i: int, wl: Workload) -> Iterator[Finding]:
    """A utilisation target is a share of the request: every container needs a request of that resource, or
    the HorizontalPodAutoscaler cannot compute it (FailedGetResourceMetric: missing request) and never scales."""
    assert wl.autoscale is not None
    containers = [(wl.name, wl.resources, ("workloads", i, "resources"))] + [
        (c.name, c.resources, ("workloads", i, "sidecars", j, "resources")) for j, c in enumerate(wl.sidecars)]
    for resource, target in (("cpu", wl.autoscale.cpu_percent), ("memory", wl.autoscale.memory_percent)):
        if target is None:
            continue
        for name, res, where in containers:
            if not (res and res.requests and getattr(res.requests, resource)):
                yield ctx.warning("CHK-K8S-002", f"autoscale on {resource} {target}% but container {name!r} has no "
                                  f"{resource} request: the autoscaler cannot compute utilisation and never scales",
                                  where if res else ("workloads", i, "autoscale"),
                                  f"add resources: {{requests: {{{resource}: "
                                  f"{'250m' if resource == 'cpu' else '256Mi'}}}}} to {name!r}")


def replicas_and_autoscale(ctx: Context) -> Iterator[Finding]:
    for i, wl in enumerate(ctx.bp.workloads):
        path = ("workloads", i)
        if wl.autoscale:
            if wl.autoscale.min > wl.autoscale.max:
                yield ctx.error("CHK-K8S-002", f"autoscale min {wl.autoscale.min} is above max {wl.autoscale.max}",
                                (*path, "autoscale"), "set min <= max")
            elif wl.replicas is not None and not wl.autoscale.min <= wl.replicas <= wl.autoscale.max:
                yield ctx.error("CHK-K8S-002", f"replicas {wl.replicas} is outside the autoscale range "
                                f"{wl.autoscale.min}-{wl.autoscale.max}", (*path, "replicas"),
                                "set replicas within the autoscale range (or drop it)")
            if wl.kind not in ("Deployment", "StatefulSet", "ReplicaSet"):
                yield ctx.error("CHK-K8S-002", f"a {wl.kind} cannot be autoscaled", (*path, "autoscale"),
                                "remove autoscale, or use a Deployment, StatefulSet or ReplicaSet")
            if wl.autoscale.cpu_percent is None and wl.autoscale.memory_percent is None:
                yield ctx.error("CHK-K8S-002", "autoscale needs a target", (*path, "autoscale"),
                                "add cpu_percent: 70 (or memory_percent)")
            yield from _autoscale_requests(ctx, i, wl)
        if wl.kind == "DaemonSet" and wl.replicas is not None:
            yield ctx.error("CHK-K8S-002", "a DaemonSet runs one pod per node; replicas does not apply",
                            (*path, "replicas"), "remove replicas")
        if wl.kind == "CronJob" and not wl.schedule:
            yield ctx.error("CHK-K8S-003", "a CronJob needs a schedule", path, "add schedule: '0 3 * * *'")
        if wl.schedule and wl.kind != "CronJob":
            yield ctx.error("CHK-K8S-003", f"schedule only applies to a CronJob (this is a {wl.kind})",
                            (*path, "schedule"), "set kind: CronJob or remove schedule")
        if wl.schedule and len(wl.schedule.split()) != 5:
            yield ctx.error("CHK-K8S-003", f"{wl.schedule!r} is not a five-field cron schedule", (*path, "schedule"),
                            "write minute hour day month weekday, e.g. '0 3 * * *'")
        if wl.kind in ("Job", "CronJob") and wl.restart_policy == "Always":
            yield ctx.error("CHK-K8S-003", f"a {wl.kind} restarts OnFailure or Never", (*path, "restart_policy"),
                            "use OnFailure or Never")


CLUSTER_CLASSES = {"eks": ("alb", "nginx"), "gke": ("gce", "nginx")}
PLANNER_LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/part-of",
                  "app.kubernetes.io/managed-by")


def _image_and_kind(ctx: Context, i: int, wl: Workload) -> Iterator[Finding]:
    """An image unless the workload is only an ExternalName Service; what a Pod, labels and ingress class allow."""
    path = ("workloads", i)
    external_only = wl.service is not None and wl.service.type == "ExternalName"
    if wl.image is None and not external_only:
        yield ctx.error("CHK-K8S-004", "the workload has no image", path,
                        "add image: (e.g. nginx:1.27), or make it only an ExternalName Service")
    if wl.image is not None and external_only:
        yield ctx.warning("CHK-K8S-004", "an ExternalName Service needs no pods: the image runs a workload nothing "
                          "routes to", (*path, "image"), "remove image: (and its ports and resources)")
    if wl.kind == "Pod" and (wl.replicas or 1) > 1:
        yield ctx.error("CHK-K8S-002", f"a Pod runs once; replicas {wl.replicas} needs a controller",
                        (*path, "replicas"), "use kind: ReplicaSet or Deployment, or remove replicas")
    for key in sorted(set(wl.labels) & set(PLANNER_LABELS)):
        yield ctx.error("CHK-K8S-004", f"label {key} is planner's: the selectors use it", (*path, "labels", key),
                        "use another key, e.g. app.example.com/tier")
    clusters = {c.name: c.kind for c in ctx.bp.clusters}
    if wl.ingress and wl.ingress.class_name and wl.ingress.class_name not in CLUSTER_CLASSES.get(
            clusters.get(wl.cluster, ""), ("alb", "gce", "nginx")):
        kind = clusters.get(wl.cluster)
        yield ctx.error("CHK-K8S-004", f"ingress class {wl.ingress.class_name} does not run on {kind}",
                        (*path, "ingress", "class_name"), f"use {' or '.join(CLUSTER_CLASSES[kind or 'eks'])}")
    for k, rule in enumerate(wl.rbac):
        if rule.scope == "namespace" and any(cluster_scoped(r) for r in rule.resources):
            yield ctx.error("CHK-K8S-004", "a Role cannot grant cluster-scoped resources ("
                            + ", ".join(r for r in rule.resources if cluster_scoped(r)) + ")",
                            (*path, "rbac", k, "scope"), "set scope: cluster (a ClusterRole) or remove those resources")


def services_and_ingress(ctx: Context) -> Iterator[Finding]:
    for i, wl in enumerate(ctx.bp.workloads):
        path = ("workloads", i)
        svc = wl.service
        yield from _image_and_kind(ctx, i, wl)
        if svc:
            if svc.type == "ExternalName" and not svc.external_name:
                yield ctx.error("CHK-K8S-004", "an ExternalName service needs external_name", (*path, "service"),
                                "add external_name: db.example.com")
            if svc.type != "ExternalName" and not (wl.ports or svc.port):
                yield ctx.error("CHK-K8S-004", "a service needs a port", (*path, "service"),
                                "add ports: [8080] to the workload or port: to the service")
            if svc.node_port is not None and svc.type not in ("NodePort", "LoadBalancer"):
                yield ctx.error("CHK-K8S-004", f"node_port applies to NodePort services (this is {svc.type})",
                                (*path, "service", "node_port"), "set type: NodePort or remove node_port")
            if wl.kind in ("Job", "CronJob"):
                yield ctx.warning("CHK-K8S-004", f"a {wl.kind} behind a service is unusual", (*path, "service"),
                                  "remove the service unless clients really reach the job")
        if wl.ingress:
            if not svc or svc.type in ("ExternalName", "Headless"):
                yield ctx.error("CHK-K8S-004", "an ingress routes to a service: this workload has none it can use",
                                (*path, "ingress"), "add service: {type: ClusterIP}")
            if not wl.ingress.path.startswith("/"):
                yield ctx.error("CHK-K8S-004", "an ingress path starts with '/'", (*path, "ingress", "path"),
                                f"use '/{wl.ingress.path}'")
        for name in ("liveness", "readiness", "startup"):
            probe = getattr(wl.probes, name) if wl.probes else None
            if probe and isinstance(probe.port, int) and wl.ports and probe.port not in wl.ports:
                yield ctx.warning("CHK-K8S-005", f"{name} probe port {probe.port} is not one of the workload's ports "
                                  f"{wl.ports}", (*path, "probes", name, "port"), "probe a port the container listens on")


def volumes_and_mounts(ctx: Context) -> Iterator[Finding]:
    for i, wl in enumerate(ctx.bp.workloads):
        names = [v.name for v in wl.volumes]
        yield from _volume_definitions(ctx, i, wl, names)
        yield from _unknown_mounts(ctx, i, wl, names)
        yield from _env_sources(ctx, i, wl)


def _volume_definitions(ctx: Context, i: int, wl: Workload, names: list[str]) -> Iterator[Finding]:
    """Each volume has a unique name and the fields its type needs (size, node path, Secret name)."""
    for j, vol in enumerate(wl.volumes):
        path = ("workloads", i, "volumes", j)
        if names.count(vol.name) > 1 and names.index(vol.name) != j:
            yield ctx.error("CHK-K8S-006", f"volume name {vol.name!r} is used twice", (*path, "name"), "rename one")
        if vol.type == "pvc" and not vol.size:
            yield ctx.error("CHK-K8S-006", "a pvc volume needs a size", path, "add size: 10Gi")
        if vol.size:
            try:
                parse_quantity(vol.size)
            except ValueError as exc:
                yield ctx.error("CHK-K8S-006", str(exc), (*path, "size"), "write sizes like 10Gi")
        if vol.type == "hostPath" and not vol.path:
            yield ctx.error("CHK-K8S-006", "a hostPath volume needs the node path", path, "add path: /var/log")
        if vol.type in ("configMap", "secret") and not vol.source and vol.type == "secret":
            yield ctx.error("CHK-K8S-006", "a secret volume needs source (the Secret's name)", path,
                            "add source: my-secret")


def _unknown_mounts(ctx: Context, i: int, wl: Workload, names: list[str]) -> Iterator[Finding]:
    """Sidecars and init containers mount only volumes the workload declares."""
    for part in ("sidecars", "init_containers"):
        for j, container in enumerate(getattr(wl, part)):
            for k, mount in enumerate(container.mounts):
                if mount not in names:
                    yield ctx.error("CHK-K8S-006", f"unknown volume {mount!r}", ("workloads", i, part, j, "mounts", k),
                                    f"declare it under volumes (have: {', '.join(names) or 'none'})")


def _env_sources(ctx: Context, i: int, wl: Workload) -> Iterator[Finding]:
    """Each env var has exactly one source, and secret and config references are well formed."""
    for j, env in enumerate(wl.env):
        if env.secret and "/" not in env.secret:
            yield ctx.error("CHK-K8S-007", "a secret reference is 'secret-name/key'", ("workloads", i, "env", j, "secret"),
                            f"write '{env.secret}/KEY'")
        if sum(x is not None for x in (env.value, env.secret, env.config)) != 1:
            yield ctx.error("CHK-K8S-007", "an env var has exactly one of value, secret or config",
                            ("workloads", i, "env", j), "keep one of them")
        if env.config and env.config not in wl.config:
            yield ctx.error("CHK-K8S-007", f"config key {env.config!r} is not in the workload's config",
                            ("workloads", i, "env", j, "config"), "add it under config")


def scheduling(ctx: Context) -> Iterator[Finding]:
    """Pods fit on some node group: node selectors match labels, requests fit the largest node."""
    clusters = {c.name: c for c in ctx.bp.clusters}
    specs = catalog.instance_specs(ctx.bp.provider)
    # Many workloads share a selector: memoise the matching node groups, so the rule stays linear
    # in workloads rather than workloads x node groups.
    matching: dict[tuple[str, tuple[tuple[str, str], ...]], list[NodeGroup]] = {}
    for i, wl in enumerate(ctx.bp.workloads):
        cluster = clusters.get(wl.cluster)
        if cluster is None or not cluster.node_groups or cluster.mode == "autopilot":
            continue
        path = ("workloads", i)
        key = (cluster.name, tuple(sorted(wl.node_selector.items())))
        if key not in matching:
            matching[key] = [g for g in cluster.node_groups
                             if all(g.labels.get(k) == v for k, v in wl.node_selector.items())]
        candidates = matching[key]
        if not candidates:
            yield ctx.error("CHK-K8S-008", f"no node group of cluster {cluster.name!r} has the labels "
                            f"{wl.node_selector}: the pods can never be scheduled", (*path, "node_selector"),
                            "add the labels to a node group or change node_selector")
            continue
        tolerated = {(t.key, t.effect) for t in wl.tolerations}
        schedulable = [g for g in candidates
                       if all((t.key, t.effect) in tolerated for t in g.taints if t.effect != "PreferNoSchedule")]
        if not schedulable:
            yield ctx.error("CHK-K8S-008", "every matching node group is tainted and the workload tolerates none "
                            "of the taints", (*path, "tolerations"), "add tolerations for the node group's taints")
            continue
        req = wl.resources.requests if wl.resources else None
        if req is None:
            continue
        try:
            cpu = parse_quantity(req.cpu) if req.cpu else 0.0
            mem = parse_quantity(req.memory) / 2**30 if req.memory else 0.0
        except ValueError:
            continue
        fits = [g for g in schedulable if (s := specs.get(g.instance_type)) is None or (cpu <= s.vcpu and mem <= s.memory_gib)]
        if not fits:
            yield ctx.error("CHK-K8S-008", f"a pod requests {req.cpu} CPU / {req.memory} memory, more than any "
                            "node of its node groups has", (*path, "resources", "requests"),
                            "lower the requests or use a larger instance type")
