"""Assemble every manifest file of a blueprint and validate each Kubernetes object strictly."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from planner.analysis import Analysis
from planner.errors import InternalError
from planner.findings import Finding
from planner.render.clusters import gcloud_script, gke_config
from planner.render.eks import NetworkIds, eksctl_config
from planner.render.eks_scripts import deploy_script, teardown_script
from planner.render.k8s import image_warnings
from planner.render.k8s_namespace import namespace_objects, storage_class

SCHEMA_VERSIONS = tuple(f"1.{m}" for m in range(25, 38))  # shipped by kubernetes-validate, strict variants


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(objects: list[dict[str, Any]]) -> str:
    return "".join("---\n" + yaml.dump(o, Dumper=DUMPER, sort_keys=False, default_flow_style=False, width=120)
                   for o in objects)


def schema_version(version: str) -> str:
    """The shipped schema nearest to the cluster's version (the version itself when shipped)."""
    minor = int(version.split(".")[1])
    nearest = min(SCHEMA_VERSIONS, key=lambda v: abs(int(v.split(".")[1]) - minor))
    return f"{nearest}.0"


@cache
def _validator(kind: str, api_version: str, version: str) -> Any:
    """The strict Draft 2020-12 validator of one kind at one schema version, built once per process.

    Same schema files and resolution as ``kubernetes_validate.validate``, which re-reads and parses
    the JSON schema (and the ~1 MB definitions file) for every object: 4.6 s of a 6.9 s render at
    500 groups.
    """
    import jsonschema
    import kubernetes_validate.utils as kv
    from referencing import Registry, Resource

    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    schema_dir = f"v{version}-local-strict"
    try:
        schema = kv.schema_contents(f"kubernetes-json-schema/{schema_dir}/{kind.lower()}-{group_version}.json", version)
    except FileNotFoundError as exc:
        raise InternalError(f"no Kubernetes {version} schema for {api_version} {kind}") from exc
    definitions = _definitions(schema_dir, version)
    registry: Registry = Resource.from_contents(schema) @ Registry()
    registry = definitions @ registry
    return jsonschema.validators.Draft202012Validator(schema, registry=registry, format_checker=_formats())


@cache
def _formats() -> Any:
    """The OpenAPI formats of the Kubernetes schemas, checked: int32 and int64 ranges, base64 bytes, date-time."""
    import base64
    import binascii

    import jsonschema

    checker = jsonschema.FormatChecker()

    def _int_range(bits: int) -> Any:
        def check(value: object) -> bool:
            return not isinstance(value, int) or isinstance(value, bool) or -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)
        return check

    def _byte(value: object) -> bool:
        if not isinstance(value, str):
            return True
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return False
        return True

    checker.checks("int32")(_int_range(32))
    checker.checks("int64")(_int_range(64))
    checker.checks("byte")(_byte)
    return checker


@cache
def _definitions(schema_dir: str, version: str) -> Any:
    import kubernetes_validate.utils as kv
    from referencing import Resource

    return Resource.from_contents(kv.schema_contents(f"kubernetes-json-schema/{schema_dir}/_definitions.json", version))


def validate(obj: dict[str, Any], version: str, where: str) -> None:
    import jsonschema

    shipped = schema_version(version)
    try:
        _validator(obj["kind"], obj["apiVersion"], shipped).validate(obj)
    except jsonschema.ValidationError as exc:
        path = ".".join(str(p) for p in exc.absolute_path)
        raise InternalError(f"generated {obj['kind']} {obj['metadata'].get('name')} in {where} fails the Kubernetes "
                            f"{shipped} schema at {path or '(root)'}: {exc.message}") from exc


def render_manifests(analysis: Analysis, check: bool = True,
                     network: NetworkIds | None = None) -> tuple[dict[str, str], list[Finding]]:
    """``{relative path: text}`` for kubernetes/ and clusters/, plus warnings (unpinned images)."""
    bp = analysis.blueprint
    files: dict[str, str] = {}
    for cluster in bp.clusters:
        workloads = [w for w in bp.workloads if w.cluster == cluster.name]
        objects_by_file: dict[str, list[dict[str, Any]]] = {f"kubernetes/{cluster.name}/_cluster.yaml": [
            storage_class(cluster)]}
        for ns in sorted({w.namespace for w in workloads} | {n.name for n in cluster.namespaces}):
            members = sorted((w for w in workloads if w.namespace == ns), key=lambda w: w.name)
            objects_by_file[f"kubernetes/{cluster.name}/{ns}.yaml"] = namespace_objects(analysis, cluster, ns, members)
        for path, objects in objects_by_file.items():
            if check:
                for obj in objects:
                    validate(obj, cluster.version, path)
            files[path] = dump(objects)
        ordered = list(objects_by_file)  # _cluster.yaml first, then the namespaces
        if cluster.kind == "eks":
            files[f"clusters/{cluster.name}.eksctl.yaml"] = dump([eksctl_config(analysis, cluster, network)])
            files[f"clusters/{cluster.name}.deploy.sh"] = deploy_script(analysis, cluster, ordered, network)
            files[f"clusters/{cluster.name}.teardown.sh"] = teardown_script(analysis, cluster, ordered)
        else:
            files[f"clusters/{cluster.name}.gke.yaml"] = dump([gke_config(analysis, cluster)])
            files[f"clusters/{cluster.name}.gcloud.sh"] = gcloud_script(analysis, cluster, ordered)
    return dict(sorted(files.items())), image_warnings(analysis)
