"""Manifests: golden files, strict Kubernetes schemas, eksctl's schema, selectors that match.

Update the golden files after an intended change: UPDATE_GOLDEN=1 .venv/bin/pytest tests/manifests
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.cli import main
from planner.pipeline import analyze, analyze_loaded
from planner.render.manifests import render_manifests, schema_version
from tests.conftest import BLUEPRINTS, SHARED_DATA

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = ["shop-seoul", "gke-bootcamp", "classic-mistakes"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_manifests_match_golden_files(name: str) -> None:
    files, _ = render_manifests(analyze(BLUEPRINTS / f"{name}.yaml"))
    folder = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        for rel, text in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text)
    expected = {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert files == expected, "manifests changed: review, then UPDATE_GOLDEN=1 pytest tests/manifests"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_object_validates_strictly(name: str) -> None:
    analysis = analyze(BLUEPRINTS / f"{name}.yaml")
    files, _ = render_manifests(analysis, check=False)
    versions = {c.name: c.version for c in analysis.blueprint.clusters}
    objects = 0
    for rel, text in files.items():
        if rel.startswith("kubernetes/"):
            version = schema_version(versions[rel.split("/")[1]])
            for obj in yaml.safe_load_all(text):
                kubernetes_validate.validate(obj, version, strict=True)
                objects += 1
    assert objects > 0


EKSCTL_SCHEMA = SHARED_DATA / "eksctl-schema.json"


@pytest.mark.parametrize("name", [n for n in EXAMPLES if n != "gke-bootcamp"])
def test_eksctl_configs_match_eksctls_schema(name: str) -> None:
    if not EKSCTL_SCHEMA.exists():
        pytest.skip(f"eksctl's JSON Schema is not available: {EKSCTL_SCHEMA} (not shipped, it is eksctl's file)")
    files, _ = render_manifests(analyze(BLUEPRINTS / f"{name}.yaml"), check=False)
    configs = [text for rel, text in files.items() if rel.endswith(".eksctl.yaml")]
    assert configs, f"{name} renders an eksctl config"
    schema = json.loads(EKSCTL_SCHEMA.read_text())
    for text in configs:
        jsonschema.validate(yaml.safe_load(text), schema)


def _objects(files: dict[str, str]) -> list[dict]:
    return [o for rel, t in files.items() if rel.startswith("kubernetes/") for o in yaml.safe_load_all(t)]


def test_secure_defaults_and_consistent_labels() -> None:
    objs = _objects(render_manifests(analyze(BLUEPRINTS / "shop-seoul.yaml"))[0])
    deploy = next(o for o in objs if o["kind"] == "Deployment")
    pod = deploy["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"] == {"drop": ["ALL"]}
    assert {m["mountPath"] for m in container["volumeMounts"]} >= {"/tmp", "/var/cache/nginx"}
    assert container["resources"]["limits"]["memory"] == "512Mi"
    assert container["lifecycle"]["preStop"]["exec"]["command"] == ["sh", "-c", "sleep 5"]
    kinds = {o["kind"] for o in objs}
    assert {"Namespace", "NetworkPolicy", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler",
            "PodDisruptionBudget", "StorageClass"} <= kinds
    ingress = next(o for o in objs if o["kind"] == "Ingress")
    assert ingress["spec"]["ingressClassName"] == "alb" and ingress["spec"]["tls"][0]["secretName"] == "shop-tls"
    for o in objs:
        if o["kind"] not in ("Namespace", "NetworkPolicy", "StorageClass"):
            assert o["metadata"]["labels"]["app.kubernetes.io/managed-by"] == "planner"


def test_unpinned_images_warn() -> None:
    _, warnings = render_manifests(analyze(BLUEPRINTS / "classic-mistakes.yaml"))
    assert [w.where for w in warnings] == ["workloads[0].image"]


def test_output_is_deterministic() -> None:
    analysis = analyze(BLUEPRINTS / "shop-seoul.yaml")
    assert render_manifests(analysis)[0] == render_manifests(analysis)[0]


def test_gke_definition_and_gcloud_script() -> None:
    files, _ = render_manifests(analyze(BLUEPRINTS / "gke-bootcamp.yaml"))
    gke = yaml.safe_load(files["clusters/bootcamp.gke.yaml"])
    assert gke["location"] == "us-central1-a" and gke["nodePools"][0]["config"]["machineType"] == "n1-standard-1"
    assert gke["nodePools"][0]["initialNodeCount"] == 5
    assert gke["ipAllocationPolicy"]["clusterSecondaryRangeName"] == "pods"
    script = files["clusters/bootcamp.gcloud.sh"]
    assert "gcloud container clusters create gke-bootcamp-bootcamp" in script and "--num-nodes 5" in script
    assert "--zone us-central1-a" in script


KINDS = st.sampled_from(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"])
SERVICES = st.sampled_from([None, "ClusterIP", "NodePort", "LoadBalancer", "Headless"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=KINDS, service=SERVICES, replicas=st.integers(1, 5), port=st.integers(1024, 9000),
       pvc=st.booleans(), rbac=st.booleans(), config=st.booleans())
def test_any_valid_workload_renders_valid_objects_with_matching_selectors(kind: str, service: str | None,
                                                                           replicas: int, port: int, pvc: bool,
                                                                           rbac: bool, config: bool) -> None:
    wl = ["  - name: app", "    cluster: shop", "    namespace: gen", f"    kind: {kind}", "    image: nginx:1.27",
          f"    ports: [{port}]", "    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}"]
    if kind in ("Deployment", "StatefulSet"):
        wl.append(f"    replicas: {replicas}")
    if kind == "CronJob":
        wl.append("    schedule: '0 3 * * *'")
    if service and kind not in ("Job", "CronJob"):
        wl.append(f"    service: {{type: {service}}}")
    if pvc:
        wl.append("    volumes: [{name: data, type: pvc, size: 1Gi, mount_path: /data}]")
    if rbac:
        wl.append("    rbac: [{resources: [configmaps], verbs: [get, list]}]")
    if config:
        wl.append("    config: {MODE: prod}")
    base = (BLUEPRINTS / "shop-seoul.yaml").read_text()
    text = base[: base.index("workloads:")] + "workloads:\n" + "\n".join(wl) + "\n" + base[base.index("review:"):]
    analysis = analyze_loaded(load_blueprint_text(text, "gen.yaml"))
    files, _ = render_manifests(analysis)  # validates every object strictly
    objs = _objects(files)
    pods = [o for o in objs if o["kind"] in ("Deployment", "StatefulSet", "DaemonSet")]
    for svc in (o for o in objs if o["kind"] == "Service" and "selector" in o["spec"]):
        for pod in pods:
            labels = pod["spec"]["template"]["metadata"]["labels"]
            assert all(labels.get(k) == v for k, v in svc["spec"]["selector"].items())
    for pod in pods:
        assert pod["spec"]["selector"]["matchLabels"].items() <= pod["spec"]["template"]["metadata"]["labels"].items()


def test_cli_writes_into_the_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["manifests", str(BLUEPRINTS / "shop-seoul.yaml"), "-o", str(tmp_path / "out")])
    assert info.value.code in (0, None)
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == [".planner-output.json", "clusters/shop.deploy.sh", "clusters/shop.eksctl.yaml",
                       "clusters/shop.teardown.sh", "kubernetes/shop/_cluster.yaml",
                       "kubernetes/shop/shop.yaml"]


def test_our_cached_validator_is_strict_and_names_the_field() -> None:
    from planner.errors import InternalError
    from planner.render.manifests import validate

    good = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "b"}}
    validate(good, "1.35", "test")
    bad = {**good, "metadata": {"name": "x", "labelz": {}}}
    with pytest.raises(InternalError, match=r"ConfigMap x in test fails the Kubernetes 1\.35\.0 schema at metadata"):
        validate(bad, "1.35", "test")
    wrong_type = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
                  "spec": {"replicas": "two", "selector": {}, "template": {}}}
    with pytest.raises(InternalError, match="spec"):
        validate(wrong_type, "1.30", "test")


def test_validator_checks_the_int32_format() -> None:
    from planner.errors import InternalError
    from planner.render.manifests import validate

    big = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
           "spec": {"replicas": 2**31, "selector": {}, "template": {}}}
    with pytest.raises(InternalError, match=r"spec\.replicas: 2147483648 is not a 'int32'"):
        validate(big, "1.35", "test")
    validate({**big, "spec": {**big["spec"], "replicas": 2**31 - 1}}, "1.35", "test")


@pytest.mark.parametrize("path", sorted(BLUEPRINTS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_validates_with_formats(path: Path) -> None:
    render_manifests(analyze(path))  # raises InternalError on any schema, format or range violation


def test_no_default_deny_in_system_namespaces() -> None:
    text = (BLUEPRINTS / "shop-seoul.yaml").read_text().replace("    namespace: shop\n", "    namespace: kube-system\n")
    files, _ = render_manifests(analyze_loaded(load_blueprint_text(text, "shop.yaml")))
    names = [o["metadata"]["name"] for o in yaml.safe_load_all(files["kubernetes/shop/kube-system.yaml"])]
    assert "default-deny-ingress" not in names and "kube-system" in names
