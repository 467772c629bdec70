"""Kubernetes values the API server would reject: ``check`` reports each one at its YAML path and
``manifests`` writes nothing (exit 2).

Each case mutates the storefront workload of blueprints/shop-seoul.yaml (cluster version 1.35) with one
text replacement.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.checks.k8s_values import cron_problem, env_name, qualified_name
from planner.cli import main
from planner.errors import InvalidInput
from planner.pipeline import analyze_loaded
from planner.render.manifests import render_manifests
from tests.conftest import BLUEPRINTS

WL = "    image: nginxinc/nginx-unprivileged:1.27\n"
PORTS = "    ports: [8080]\n"


@dataclass
class Case:
    id: str
    old: str
    new: str
    path: str
    severity: str = "error"


CASES = [
    Case("container-port-zero", PORTS, "    ports: [0]\n", "workloads[0].ports[0]"),
    Case("container-port-high", PORTS, "    ports: [70000]\n", "workloads[0].ports[0]"),
    Case("sidecar-port-high", WL, WL + "    sidecars: [{name: log, image: busybox:1.36, ports: [65536]}]\n",
         "workloads[0].sidecars[0].ports[0]"),
    Case("probe-port-high", "liveness: {http: /healthz, port: 8080}", "liveness: {http: /healthz, port: 99999}",
         "workloads[0].probes.liveness.port"),
    Case("ingress-port-high", "tls_secret: shop-tls}", "tls_secret: shop-tls, port: 0}", "workloads[0].ingress.port"),
    Case("replicas-int32", "replicas: 3\n", "replicas: 2147483648\n", "workloads[0].replicas"),
    Case("autoscale-max-int32", "max: 10,", "max: 4294967296,", "workloads[0].autoscale.max"),
    Case("probe-period-int32", "liveness: {http: /healthz, port: 8080}",
         "liveness: {http: /healthz, port: 8080, period_seconds: 2147483648}",
         "workloads[0].probes.liveness.period_seconds"),
    Case("run-as-user-range", WL, WL + "    security: {run_as_user: 2147483648}\n", "workloads[0].security.run_as_user"),
    Case("ingress-host-empty", "host: shop.example.com", "host: ''", "workloads[0].ingress.host"),
    Case("ingress-host-not-dns", "host: shop.example.com", "host: Shop_Example.com", "workloads[0].ingress.host"),
    Case("ingress-host-ip", "host: shop.example.com", "host: 10.0.0.1", "workloads[0].ingress.host"),
    Case("duplicate-container-name", WL, WL + "    sidecars: [{name: storefront, image: busybox:1.36}]\n",
         "workloads[0].sidecars[0].name"),
    Case("duplicate-mount-path", "mount_path: /var/run}", "mount_path: /var/cache/nginx}",
         "workloads[0].volumes[1].mount_path"),
    Case("relative-mount-path", "mount_path: /var/run}", "mount_path: var/run}", "workloads[0].volumes[1].mount_path"),
    Case("max-surge-negative", "strategy: RollingUpdate\n", "strategy: RollingUpdate\n    max_surge: -1\n",
         "workloads[0].max_surge"),
    Case("max-surge-garbage", "strategy: RollingUpdate\n", "strategy: RollingUpdate\n    max_surge: lots\n",
         "workloads[0].max_surge"),
    Case("max-unavailable-over-100", "strategy: RollingUpdate\n",
         "strategy: RollingUpdate\n    max_unavailable: '150%'\n", "workloads[0].max_unavailable"),
    Case("env-name-equals", WL, WL + "    env: {'A=B': x}\n", "workloads[0].env[0].name"),
    Case("env-name-space-before-1.32", WL, WL + "    env: {'MY VAR': x}\n", "workloads[0].env[0].name"),
    Case("env-name-space-warns-from-1.32", WL, WL + "    env: {'MY VAR': x}\n", "workloads[0].env[0].name",
         severity="warning"),
    Case("taint-key-empty", "        disk_gb: 50\n", "        disk_gb: 50\n        taints: [{key: '', effect: NoSchedule}]\n",
         "clusters[0].node_groups[0].taints[0].key"),
    Case("toleration-key-invalid", WL, WL + "    tolerations: [{key: 'bad key', effect: NoSchedule}]\n",
         "workloads[0].tolerations[0].key"),
    Case("label-key-invalid", "labels: {disktype: ssd}", "labels: {disktype: ssd, 'disk type': ssd}",
         "clusters[0].node_groups[0].labels.disk type"),
    Case("label-value-invalid", "labels: {disktype: ssd}", "labels: {disktype: ssd, tier: 'a b'}",
         "clusters[0].node_groups[0].labels.tier"),
    Case("annotation-key-invalid", WL, WL + "    annotations: {'example.com/a/b': x}\n",
         "workloads[0].annotations.example.com/a/b"),
    Case("configmap-key-invalid", WL, WL + "    config: {'my key': x}\n", "workloads[0].config.my key"),
    Case("secret-name-invalid", WL, WL + "    env: [{name: PASSWORD, secret: DB_Creds/password}]\n",
         "workloads[0].env[0].secret"),
    Case("tls-secret-invalid", "tls_secret: shop-tls", "tls_secret: Shop_TLS", "workloads[0].ingress.tls_secret"),
    Case("cron-minute-61", "kind: Deployment", "kind: CronJob\n    schedule: '61 * * * *'", "workloads[0].schedule"),
    Case("exec-probe-empty", "liveness: {http: /healthz, port: 8080}", "liveness: {command: []}",
         "workloads[0].probes.liveness.command"),
    Case("probe-undeclared-port-name", "liveness: {http: /healthz, port: 8080}", "liveness: {http: /healthz, port: http}",
         "workloads[0].probes.liveness.port"),
    Case("port-name-invalid", WL, WL + "    port_names: {HTTP: 8080}\n", "workloads[0].port_names.HTTP"),
    Case("port-name-of-no-port", WL, WL + "    port_names: {admin: 9090}\n", "workloads[0].port_names.admin"),
    Case("target-port-names-nothing", "service: {type: ClusterIP, port: 80, target_port: 8080}",
         "service: {type: ClusterIP, port: 80, target_port: web}", "workloads[0].service.target_port"),
    Case("dangling-allow-from", WL, WL + "    allow_from: [checkout]\n", "workloads[0].allow_from[0]"),
    Case("service-without-target-port", PORTS + "    service: {type: ClusterIP, port: 80, target_port: 8080}",
         "    service: {type: ClusterIP, port: 80}", "workloads[0].service"),
    Case("deployment-restart-onfailure", WL, WL + "    restart_policy: OnFailure\n", "workloads[0].restart_policy"),
    Case("statefulset-recreate", "kind: Deployment", "kind: StatefulSet", "workloads[0].strategy"),
    Case("recreate-with-max-surge", "strategy: RollingUpdate\n", "strategy: Recreate\n    max_surge: 1\n",
         "workloads[0].max_surge"),
    Case("label-value-too-long", "name: storefront\n    cluster", "name: " + "s" * 60 + "\n    cluster",
         "workloads[0].name"),
]


def _text(case: Case) -> str:
    text = (BLUEPRINTS / "shop-seoul.yaml").read_text()
    if case.id == "statefulset-recreate":
        text = text.replace("strategy: RollingUpdate\n", "strategy: Recreate\n")
        text = text.replace("    autoscale: {min: 3, max: 10, cpu_percent: 70}\n", "")
    if case.id in ("replicas-int32", "cron-minute-61"):  # so that no other rule fires on today's main
        text = text.replace("    autoscale: {min: 3, max: 10, cpu_percent: 70}\n", "")
    if case.id == "cron-minute-61":
        text = text.replace("    strategy: RollingUpdate\n", "").replace("    replicas: 3\n", "")
    if case.id == "taint-key-empty":  # tolerated, so the pods stay schedulable
        text = text.replace(WL, WL + "    tolerations: [{key: '', effect: NoSchedule}]\n")
    if case.id == "env-name-space-before-1.32":
        text = text.replace('version: "1.35"', 'version: "1.31"')
    assert text.count(case.old) == 1, f"{case.id}: the mutation target must be unique"
    return text.replace(case.old, case.new)


def _findings(text: str) -> list:
    try:
        return analyze_loaded(load_blueprint_text(text, "shop.yaml"), raise_on_error=False).findings
    except InvalidInput as exc:
        return exc.problems


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_check_rejects_the_value_at_its_path(case: Case) -> None:
    findings = _findings(_text(case))
    matching = [f for f in findings if f.where == case.path and f.severity == case.severity]
    assert matching, f"expected an {case.severity} at {case.path}; got {[(f.code, f.where) for f in findings]}"
    assert matching[0].line is not None and matching[0].fix


@pytest.mark.parametrize("case", [c for c in CASES if c.severity == "error"], ids=lambda c: c.id)
def test_manifests_refuses_to_write(case: Case, tmp_path: Path) -> None:
    source = tmp_path / "shop.yaml"
    source.write_text(_text(case))
    with pytest.raises(SystemExit) as info:
        main(["manifests", str(source), "-o", str(tmp_path / "out")])
    assert info.value.code == 2
    assert not (tmp_path / "out").exists()


def test_env_name_with_space_is_accepted_from_1_32() -> None:
    assert env_name("MY VAR", "1.35") is None and env_name("MY VAR", "1.31") is not None
    assert env_name("A=B", "1.35") is not None and env_name("..x", "1.35") is not None


def test_system_namespace_warns_and_gets_no_default_deny() -> None:
    text = (BLUEPRINTS / "shop-seoul.yaml").read_text().replace("    namespace: shop\n", "    namespace: kube-system\n")
    analysis = analyze_loaded(load_blueprint_text(text, "shop.yaml"))
    assert [f.where for f in analysis.findings if f.severity == "warning"] == ["workloads[0].namespace"]
    files, _ = render_manifests(analysis)
    objects = list(yaml.safe_load_all(files["kubernetes/shop/kube-system.yaml"]))
    assert not [o for o in objects if o["metadata"]["name"] == "default-deny-ingress"]


@pytest.mark.parametrize("schedule", ["0 3 * * *", "*/15 * * * *", "0 0 1 jan,jul *", "0 9-17/2 * * mon-fri",
                                      "@hourly", "@every 1h30m", "5 4 ? * SUN", "0 0 31 12 6"])
def test_valid_cron_schedules_pass(schedule: str) -> None:
    assert cron_problem(schedule) is None


@pytest.mark.parametrize("schedule", ["61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7",
                                      "*/0 * * * *", "5-1 * * * *", "* * * *", "@sometimes", "CRON_TZ=UTC 0 3 * * *",
                                      "a * * * *"])
def test_invalid_cron_schedules_fail(schedule: str) -> None:
    assert cron_problem(schedule) is not None


@settings(max_examples=200, deadline=None)
@given(minute=st.integers(0, 59), hour=st.integers(0, 23), bad=st.integers(60, 10_000))
def test_cron_minute_range(minute: int, hour: int, bad: int) -> None:
    assert cron_problem(f"{minute} {hour} * * *") is None
    assert cron_problem(f"{bad} {hour} * * *") is not None


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A([a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?\.){0,2}[a-z0-9]{1,10}/[A-Za-z0-9]([-A-Za-z0-9_.]{0,30}"
                     r"[A-Za-z0-9])?\Z"))
def test_qualified_names_from_the_grammar_pass(key: str) -> None:
    assert qualified_name(key) is None
