"""Kubernetes manifests from the blueprint's workloads: secure by default, deterministic.

Layout: ``kubernetes/<cluster>/<namespace>.yaml`` holds, in a fixed order, the Namespace, its
default-deny NetworkPolicy, and every object of every workload in that namespace;
``kubernetes/<cluster>/_cluster.yaml`` holds the cluster-wide StorageClass. Objects are plain dicts
in a fixed key order; the same blueprint gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from planner.analysis import Analysis
from planner.blueprint.schema import Cluster, Container, Probe, Workload
from planner.checks.rbac_scope import rule_is_cluster_wide
from planner.findings import Finding
from planner.render.k8s_common import Obj, labels, meta, selector
from planner.render.k8s_security import container_security, covered, pod_security, volume_name, writable_paths
from planner.render.k8s_services import services

STORAGE = {"eks": ("gp3", "ebs.csi.aws.com", {"type": "gp3", "encrypted": "true"}),
           "gke": ("pd-balanced", "pd.csi.storage.gke.io", {"type": "pd-balanced"})}


def _probe(probe: Probe) -> Obj:
    out: Obj = {}
    if probe.http is not None:
        out["httpGet"] = {"path": probe.http, "port": probe.port}
    elif probe.tcp:
        out["tcpSocket"] = {"port": probe.port}
    else:
        out["exec"] = {"command": list(probe.command or [])}
    for key, attr in (("initialDelaySeconds", "initial_delay_seconds"), ("periodSeconds", "period_seconds"),
                      ("timeoutSeconds", "timeout_seconds"), ("failureThreshold", "failure_threshold")):
        if getattr(probe, attr) is not None:
            out[key] = getattr(probe, attr)
    return out


def _hook(command: list[str] | str) -> Obj:
    return {"exec": {"command": command if isinstance(command, list) else ["sh", "-c", command]}}


def _env(wl: Workload, items: list[Any]) -> list[Obj]:
    out = []
    for e in items:
        if e.secret:
            name, _, key = e.secret.partition("/")
            out.append({"name": e.name, "valueFrom": {"secretKeyRef": {"name": name, "key": key}}})
        elif e.config:
            out.append({"name": e.name, "valueFrom": {"configMapKeyRef": {"name": f"{wl.name}-config", "key": e.config}}})
        else:
            out.append({"name": e.name, "value": e.value or ""})
    return out


def _resources(res: Any) -> Obj:
    out: Obj = {}
    for side in ("requests", "limits"):
        amounts = getattr(res, side) if res else None
        if amounts and (amounts.cpu or amounts.memory):
            out[side] = {k: v for k, v in (("cpu", amounts.cpu), ("memory", amounts.memory)) if v}
    return out


def _container(wl: Workload, c: Container | None, mounts: list[Obj]) -> Obj:
    """The main container when ``c`` is None, else a sidecar or init container."""
    out: Obj = _container_basics(wl, c)
    if c is None:
        out.update(_main_probes(wl))
        lifecycle = _main_lifecycle(wl)
        if lifecycle:
            out["lifecycle"] = lifecycle
    out["securityContext"] = container_security(wl.security, _image(wl) if c is None else c.image)
    if mounts:
        out["volumeMounts"] = mounts
    return out


def _container_basics(wl: Workload, c: Container | None) -> Obj:
    """Name, image, command, args, ports, env and resources, each key only when it has a value."""
    name, image = (wl.name, _image(wl)) if c is None else (c.name, c.image)
    out: Obj = {"name": name, "image": image}
    command, args = (wl.command, wl.args) if c is None else (c.command, c.args)
    if command:
        out["command"] = list(command)
    if args:
        out["args"] = list(args)
    ports = wl.ports if c is None else c.ports
    named = {port: name for name, port in wl.port_names.items()} if c is None else {}
    if ports:
        out["ports"] = [{"containerPort": p, "name": named.get(p, f"p{p}"), "protocol": "TCP"} for p in ports]
    env = _env(wl, wl.env if c is None else c.env)
    if env:
        out["env"] = env
    resources = _resources(wl.resources if c is None else c.resources)
    if resources:
        out["resources"] = resources
    return out


def _main_probes(wl: Workload) -> Obj:
    """The main container's ``livenessProbe``, ``readinessProbe`` and ``startupProbe``, those declared."""
    out: Obj = {}
    if wl.probes:
        for kind in ("liveness", "readiness", "startup"):
            probe = getattr(wl.probes, kind)
            if probe:
                out[f"{kind}Probe"] = _probe(probe)
    return out


def _main_lifecycle(wl: Workload) -> Obj:
    """The main container's ``postStart`` / ``preStop`` hooks; empty when neither is declared."""
    hooks: Obj = {}
    if wl.lifecycle and wl.lifecycle.post_start:
        hooks["postStart"] = _hook(wl.lifecycle.post_start)
    if wl.lifecycle and wl.lifecycle.pre_stop:
        hooks["preStop"] = _hook(wl.lifecycle.pre_stop)
    return hooks


def _volumes(wl: Workload) -> tuple[list[Obj], dict[str, Obj], list[Obj]]:
    """(pod volumes, mounts by volume name, StatefulSet claim templates)."""
    volumes: list[Obj] = []
    mounts: dict[str, Obj] = {}
    claims: list[Obj] = []
    for v in wl.volumes:
        mounts[v.name] = {"mountPath": v.mount_path, "name": v.name, **({"readOnly": True} if v.read_only else {})}
        if v.type == "emptyDir":
            volumes.append({"emptyDir": {"medium": v.medium} if v.medium else {}, "name": v.name})
        elif v.type == "hostPath":
            volumes.append({"hostPath": {"path": v.path}, "name": v.name})
        elif v.type == "configMap":
            volumes.append({"configMap": {"name": v.source or f"{wl.name}-config"}, "name": v.name})
        elif v.type == "secret":
            volumes.append({"name": v.name, "secret": {"secretName": v.source}})
        elif wl.kind == "StatefulSet":
            claims.append({"metadata": {"name": v.name}, "spec": {"accessModes": [v.access_mode], "resources": {
                "requests": {"storage": v.size}}, **({"storageClassName": v.storage_class} if v.storage_class else {})}})
        else:
            volumes.append({"name": v.name, "persistentVolumeClaim": {"claimName": f"{wl.name}-{v.name}"}})
    if wl.security.read_only_root_filesystem and not any(m["mountPath"] == "/tmp" for m in mounts.values()):
        volumes.append({"emptyDir": {}, "name": "tmp"})  # a writable /tmp under a read-only root filesystem
        mounts["tmp"] = {"mountPath": "/tmp", "name": "tmp"}
    for path in writable_paths(wl.security, _image(wl)):  # what a known image writes besides /tmp
        if not covered(path, [m["mountPath"] for m in mounts.values()]):
            volumes.append({"emptyDir": {}, "name": volume_name(path)})
            mounts[volume_name(path)] = {"mountPath": path, "name": volume_name(path)}
    return volumes, mounts, claims


def pod_template(analysis: Analysis, wl: Workload, cluster: Cluster) -> Obj:
    volumes, mounts, _ = _volumes(wl)
    image_paths = {volume_name(p) for p in writable_paths(wl.security, _image(wl))}
    main_mounts = [mounts[k] for k in sorted(mounts) if k in {v.name for v in wl.volumes} | image_paths or k == "tmp"]
    spec: Obj = {"automountServiceAccountToken": bool(wl.rbac or wl.service_account)}
    if wl.rbac or wl.service_account:
        spec["serviceAccountName"] = wl.service_account or wl.name
    images = [_image(wl)] + [c.image for c in (*wl.init_containers, *wl.sidecars)]
    spec["securityContext"] = pod_security(wl.security, images)
    if wl.init_containers:
        spec["initContainers"] = [_container(wl, c, [mounts[m] for m in c.mounts] + [mounts["tmp"]] * ("tmp" in mounts))
                                  for c in wl.init_containers]
    spec["containers"] = [_container(wl, None, main_mounts)] + [
        _container(wl, c, [mounts[m] for m in c.mounts] + [mounts["tmp"]] * ("tmp" in mounts)) for c in wl.sidecars]
    if wl.node_selector:
        spec["nodeSelector"] = dict(sorted(wl.node_selector.items()))
    tolerations = _tolerations(wl, cluster)
    if tolerations:
        spec["tolerations"] = tolerations
    spec.update(_placement(analysis, wl))
    if wl.termination_grace_period_seconds is not None:
        spec["terminationGracePeriodSeconds"] = wl.termination_grace_period_seconds
    if wl.kind in ("Job", "CronJob"):
        spec["restartPolicy"] = wl.restart_policy or "OnFailure"
    if volumes:
        spec["volumes"] = volumes
    return {"metadata": {"labels": labels(analysis, wl)}, "spec": spec}


SPREAD_KEYS = {"zone": ["topology.kubernetes.io/zone"], "node": ["kubernetes.io/hostname"],
               "zone-and-node": ["topology.kubernetes.io/zone", "kubernetes.io/hostname"]}


def _placement(analysis: Analysis, wl: Workload) -> Obj:
    """nodeAffinity, podAntiAffinity and topologySpreadConstraints; by default a replicated workload spreads
    over zones."""
    out: Obj = {}
    affinity = wl.affinity
    match = {"matchLabels": selector(analysis, wl)}
    rules: Obj = {}
    if affinity and affinity.nodes:
        rules["nodeAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{
            "matchExpressions": [{"key": k, "operator": "In", "values": list(v)} for k, v in sorted(affinity.nodes.items())]}]}}
    if affinity and affinity.anti_affinity == "required":
        rules["podAntiAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": match, "topologyKey": "kubernetes.io/hostname"}]}
    elif affinity and affinity.anti_affinity == "preferred":
        rules["podAntiAffinity"] = {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"podAffinityTerm": {"labelSelector": match, "topologyKey": "kubernetes.io/hostname"}, "weight": 100}]}
    if rules:
        out["affinity"] = rules
    spread = affinity.spread if affinity and affinity.spread else (
        "zone" if wl.kind in ("Deployment", "StatefulSet", "ReplicaSet") and _replicas(wl) > 1 else None)
    if spread:
        out["topologySpreadConstraints"] = [{"labelSelector": match, "maxSkew": 1, "topologyKey": key,
                                             "whenUnsatisfiable": "ScheduleAnyway"} for key in SPREAD_KEYS[spread]]
    return out


def _tolerations(wl: Workload, cluster: Cluster) -> list[Obj]:
    wanted = {(t.key, t.value, t.effect) for t in wl.tolerations}
    if wl.node_selector:
        for group in cluster.node_groups:
            if all(group.labels.get(k) == v for k, v in wl.node_selector.items()):
                wanted |= {(t.key, t.value, t.effect) for t in group.taints}
    return [{"effect": e, "key": k, "operator": "Equal", "value": v or ""} for k, v, e in sorted(
        wanted, key=lambda t: (t[0], t[1] or "", t[2]))]


def _replicas(wl: Workload) -> int:
    if wl.autoscale:
        return max(wl.autoscale.min, wl.replicas or 0)
    return 1 if wl.replicas is None else wl.replicas


def _rbac(wl: Workload, sa: str, lab: dict[str, str]) -> list[Obj]:
    """A Role and RoleBinding for namespaced rules; a ClusterRole and ClusterRoleBinding (named
    ``<namespace>-<workload>``) for rules on cluster-scoped resources such as nodes, which a Role cannot grant."""
    out: list[Obj] = []
    ns = wl.namespace
    subject = [{"kind": "ServiceAccount", "name": sa, "namespace": ns}]
    for kind, scoped in (("Role", False), ("ClusterRole", True)):
        rules = [{"apiGroups": list(r.api_groups), "resources": list(r.resources), "verbs": list(r.verbs),
                  **({"resourceNames": list(r.resource_names)} if r.resource_names else {})}
                 for r in wl.rbac if rule_is_cluster_wide(r) == scoped]
        if not rules:
            continue
        name = f"{ns}-{wl.name}" if scoped else wl.name
        where = None if scoped else ns
        out.append({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta(name, where, lab),
                    "rules": rules})
        out.append({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": f"{kind}Binding",
                    "metadata": meta(name, where, lab),
                    "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": name}, "subjects": subject})
    return out


def _image(wl: Workload) -> str:
    """The main container's image: only a workload with pods gets here (an ExternalName-only one has none)."""
    assert wl.image is not None, f"workload {wl.name} has no image"
    return wl.image


def workload_objects(analysis: Analysis, wl: Workload, cluster: Cluster) -> list[Obj]:
    if wl.image is None:  # only an ExternalName Service: no pods, no controller
        return services(analysis, wl, cluster)
    lab = labels(analysis, wl)
    ns = wl.namespace
    out: list[Obj] = []
    if wl.rbac or wl.service_account:
        sa = wl.service_account or wl.name
        out.append({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(sa, ns, lab),
                    "automountServiceAccountToken": bool(wl.rbac)})
        out += _rbac(wl, sa, lab)
    if wl.config:
        out.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(f"{wl.name}-config", ns, lab),
                    "data": dict(sorted(wl.config.items()))})
    if wl.kind != "StatefulSet":
        for v in wl.volumes:
            if v.type == "pvc":
                out.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                            "metadata": meta(f"{wl.name}-{v.name}", ns, lab),
                            "spec": {"accessModes": [v.access_mode], "resources": {"requests": {"storage": v.size}},
                                     "storageClassName": v.storage_class or STORAGE[cluster.kind][0]}})
    out.append(_controller(analysis, wl, cluster))
    out += services(analysis, wl, cluster)
    if wl.autoscale:
        metrics = [{"resource": {"name": name, "target": {"averageUtilization": pct, "type": "Utilization"}},
                    "type": "Resource"} for name, pct in (("cpu", wl.autoscale.cpu_percent),
                                                          ("memory", wl.autoscale.memory_percent)) if pct]
        out.append({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": meta(wl.name, ns, lab),
                    "spec": {"maxReplicas": wl.autoscale.max, "metrics": metrics, "minReplicas": wl.autoscale.min,
                             "scaleTargetRef": {"apiVersion": "apps/v1", "kind": wl.kind, "name": wl.name}}})
    if wl.kind in ("Deployment", "StatefulSet", "ReplicaSet") and _replicas(wl) > 1:
        out.append({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta(wl.name, ns, lab),
                    "spec": {"maxUnavailable": 1, "selector": {"matchLabels": selector(analysis, wl)}}})
    return out


def _controller(analysis: Analysis, wl: Workload, cluster: Cluster) -> Obj:
    lab, sel = labels(analysis, wl), {"matchLabels": selector(analysis, wl)}
    template = pod_template(analysis, wl, cluster)
    head = meta(wl.name, wl.namespace, lab, wl.annotations)
    if wl.kind == "Deployment":
        strategy: Obj = {"type": "Recreate"} if wl.strategy == "Recreate" else {"rollingUpdate": {
            "maxSurge": wl.max_surge if wl.max_surge is not None else "25%",
            "maxUnavailable": wl.max_unavailable if wl.max_unavailable is not None else 0}, "type": "RollingUpdate"}
        spec: Obj = {"replicas": _replicas(wl), "selector": sel, "strategy": strategy, "template": template}
        return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": head, "spec": spec}
    if wl.kind == "StatefulSet":
        _, _, claims = _volumes(wl)
        spec = {"replicas": _replicas(wl), "selector": sel, "serviceName": f"{wl.name}-headless", "template": template}
        if claims:
            spec["volumeClaimTemplates"] = claims
        return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": head, "spec": spec}
    if wl.kind == "ReplicaSet":
        return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": head,
                "spec": {"replicas": _replicas(wl), "selector": sel, "template": template}}
    if wl.kind == "Pod":
        head["labels"] = template["metadata"]["labels"]
        return {"apiVersion": "v1", "kind": "Pod", "metadata": head, "spec": template["spec"]}
    if wl.kind == "DaemonSet":
        return {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": head,
                "spec": {"selector": sel, "template": template, "updateStrategy": {"type": "RollingUpdate"}}}
    job = {"backoffLimit": 3, "template": template}
    if wl.kind == "Job":
        return {"apiVersion": "batch/v1", "kind": "Job", "metadata": head, "spec": job}
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": head,
            "spec": {"concurrencyPolicy": "Forbid", "jobTemplate": {"spec": job}, "schedule": wl.schedule}}


def image_warnings(analysis: Analysis) -> list[Finding]:
    found = []
    for i, wl in enumerate(analysis.blueprint.workloads):
        if wl.image is None:
            continue
        last = wl.image.rsplit("/", 1)[-1]
        if "@" not in wl.image and (":" not in last or last.endswith(":latest")):
            found.append(analysis.loaded.finding("MAN-IMAGE", "warning", f"image {wl.image!r} is not pinned",
                                                 ("workloads", i, "image"), "use an explicit version tag or digest"))
    return found
