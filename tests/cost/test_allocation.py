"""Cost allocation before deployment: a workload's share of its cluster's node cost by its requests, at
the replicas it starts with and at its autoscaler's maximum; what no request claims is idle."""

from __future__ import annotations

from datetime import date

import pytest

from planner.blueprint import load_blueprint_text
from planner.cost import estimate
from planner.cost.allocation import allocate
from planner.pipeline import RunOptions, analyze_loaded, run_pipeline
from planner.report.bundle import build_bundle
from tests.conftest import BLUEPRINTS

TODAY = date(2026, 12, 2)
SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()


def _allocation(text: str = SEOUL):  # type: ignore[no-untyped-def]
    analysis = analyze_loaded(load_blueprint_text(text, "t.yaml"))
    return allocate(analysis, estimate(analysis, TODAY))


def test_a_workload_pays_its_requests_at_the_nodes_unit_prices() -> None:
    (shop,) = _allocation()
    assert shop.node_monthly_usd == 272.10  # three m6i.large nodes with their disks (the estimate)
    # Each m6i.large offers 1930m CPU and 8192 - (11 x 29 + 255) - 100 = 7518 MiB after the reservations; half
    # the node cost prices 3 x 1930m, half 3 x 7518 MiB.
    cpu_unit, mem_unit = 272.10 / 2 / (3 * 1930), 272.10 / 2 / (3 * 7518)
    per_pod = 250 * cpu_unit + 256 * mem_unit
    (web,) = shop.workloads
    assert (web.desired, web.maximum) == (3, 10)  # autoscale min 3, max 10
    assert web.monthly_usd == pytest.approx(round(3 * per_pod, 2)) and web.monthly_max_usd == pytest.approx(
        round(10 * per_pod, 2))
    assert shop.idle_monthly_usd == pytest.approx(round(272.10 - web.monthly_usd, 2))
    assert dict(shop.namespaces()) == {"shop": (web.monthly_usd, web.monthly_max_usd)}


def test_a_daemonset_runs_one_pod_per_node() -> None:
    text = SEOUL.replace("\nreview:", """
  - name: agent
    cluster: shop
    namespace: ops
    kind: DaemonSet
    image: nginxinc/nginx-unprivileged:1.27
    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}

review:""")
    (shop,) = _allocation(text)
    agent = next(w for w in shop.workloads if w.workload == "agent")
    assert (agent.desired, agent.maximum) == (3, 6)  # desired_size 3, max_size 6
    assert set(shop.namespaces()) == {"ops", "shop"}


def test_the_report_shows_the_allocation_table() -> None:
    analysis = analyze_loaded(load_blueprint_text(SEOUL, "t.yaml"))
    bundle = build_bundle(run_pipeline(analysis, RunOptions(today=TODAY, with_dry_run=False)), TODAY)
    assert bundle.model["allocation"][0]["workloads"][0]["workload"] == "storefront"
    markdown = str(bundle.files["report.md"])
    assert "## Cost allocation: cluster shop" in markdown and "| shop | `storefront` | 250m CPU, 256Mi | 3-10 |" in markdown
    assert 'id="allocation-shop"' in str(bundle.files["index.html"])
