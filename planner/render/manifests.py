"""Assemble every manifest file of a blueprint and validate each Kubernetes object strictly."""

from __future__ import annotations

from typing import Any

import yaml

from planner.errors import InternalError
from planner.findings import Finding
from planner.pipeline import Analysis
from planner.render.clusters import eksctl_config, gcloud_script, gke_config
from planner.render.k8s import image_warnings, namespace_objects, storage_class

SCHEMA_VERSIONS = tuple(f"1.{m}" for m in range(25, 38))  # shipped by kubernetes-validate, strict variants


def dump(objects: list[dict[str, Any]]) -> str:
    return "".join("---\n" + yaml.safe_dump(o, sort_keys=False, default_flow_style=False, width=120) for o in objects)


def schema_version(version: str) -> str:
    """The shipped schema nearest to the cluster's version (the version itself when shipped)."""
    minor = int(version.split(".")[1])
    nearest = min(SCHEMA_VERSIONS, key=lambda v: abs(int(v.split(".")[1]) - minor))
    return f"{nearest}.0"


def validate(obj: dict[str, Any], version: str, where: str) -> None:
    import kubernetes_validate

    try:
        kubernetes_validate.validate(obj, schema_version(version), strict=True)
    except kubernetes_validate.ValidationError as exc:
        path = ".".join(str(p) for p in exc.path)
        raise InternalError(f"generated {obj['kind']} {obj['metadata'].get('name')} in {where} fails the Kubernetes "
                            f"{schema_version(version)} schema at {path or '(root)'}: {exc.message}") from exc


def render_manifests(analysis: Analysis, check: bool = True) -> tuple[dict[str, str], list[Finding]]:
    """``{relative path: text}`` for kubernetes/ and clusters/, plus warnings (unpinned images)."""
    bp = analysis.blueprint
    files: dict[str, str] = {}
    for cluster in bp.clusters:
        workloads = [w for w in bp.workloads if w.cluster == cluster.name]
        objects_by_file: dict[str, list[dict[str, Any]]] = {f"kubernetes/{cluster.name}/_cluster.yaml": [
            storage_class(cluster)]}
        for ns in sorted({w.namespace for w in workloads}):
            members = sorted((w for w in workloads if w.namespace == ns), key=lambda w: w.name)
            objects_by_file[f"kubernetes/{cluster.name}/{ns}.yaml"] = namespace_objects(analysis, cluster, ns, members)
        for path, objects in objects_by_file.items():
            if check:
                for obj in objects:
                    validate(obj, cluster.version, path)
            files[path] = dump(objects)
        if cluster.kind == "eks":
            files[f"clusters/{cluster.name}.eksctl.yaml"] = dump([eksctl_config(analysis, cluster)])
        else:
            files[f"clusters/{cluster.name}.gke.yaml"] = dump([gke_config(analysis, cluster)])
            files[f"clusters/{cluster.name}.gcloud.sh"] = gcloud_script(analysis, cluster)
    return dict(sorted(files.items())), image_warnings(analysis)
