"""GKE: the cluster definition holds only GKE API fields, private nodes follow the subnet's tier and get
Cloud NAT, Dataplane V2 enforces the NetworkPolicies, tags become labels; and every command of the gcloud
script is accepted by the gcloud CLI's own parser (run up to the point where it asks for credentials)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from planner.blueprint import load_blueprint_text
from planner.pipeline import analyze_loaded
from planner.render.manifests import render_manifests
from tests.conftest import BLUEPRINTS

BOOTCAMP = (BLUEPRINTS / "gke-bootcamp.yaml").read_text()
GCLOUD = shutil.which("gcloud")
# The GKE API's Cluster fields planner writes (container.v1 Cluster; nodeCountNote was not one of them).
CLUSTER_FIELDS = {"name", "location", "initialClusterVersion", "releaseChannel", "network", "subnetwork",
                  "ipAllocationPolicy", "privateClusterConfig", "networkConfig", "resourceLabels", "nodePools",
                  "autopilot", "masterAuthorizedNetworksConfig"}
VARIANTS = {
    "example": BOOTCAMP,
    "public-nodes": BOOTCAMP.replace("      prefix: 20\n", "      prefix: 20\n      tier: public\n"),
    "regional-private": BOOTCAMP.replace("mode: zonal", "mode: regional").replace(
        "endpoint: public", "endpoint: private").replace("zones: [a]", "zones: [a, b]"),
    "autopilot": (BOOTCAMP[:BOOTCAMP.index("    node_groups:")] + BOOTCAMP[BOOTCAMP.index("\nworkloads:"):]).replace(
        "mode: zonal", "mode: autopilot").replace("zones: [a]", "zones: [a, b]"),
}


def _files(text: str) -> dict[str, str]:
    return render_manifests(analyze_loaded(load_blueprint_text(text, "t.yaml")))[0]


def test_only_api_fields_and_what_the_blueprint_says() -> None:
    files = _files(BOOTCAMP)
    gke = yaml.safe_load(files["clusters/bootcamp.gke.yaml"])
    assert set(gke) <= CLUSTER_FIELDS
    assert gke["privateClusterConfig"]["enablePrivateNodes"] is True  # GCP subnets default to private
    assert gke["networkConfig"] == {"datapathProvider": "ADVANCED_DATAPATH"}
    script = files["clusters/bootcamp.gcloud.sh"]
    assert "--enable-dataplane-v2" in script and "routers nats create" in script
    assert "--labels env=training,owner=platform-team,planner-blueprint=gke-bootcamp" in script
    assert "--secondary-range pods=10.20.0.0/14,services=10.24.0.0/20" in script
    assert script.index("networks create") < script.index("clusters create") < script.index("get-credentials") \
        < script.index("kubectl apply")


def test_public_nodes_are_not_private_and_need_no_nat() -> None:
    files = _files(VARIANTS["public-nodes"])
    assert yaml.safe_load(files["clusters/bootcamp.gke.yaml"])["privateClusterConfig"]["enablePrivateNodes"] is False
    script = files["clusters/bootcamp.gcloud.sh"]
    assert "--enable-private-nodes" not in script and "nats create" not in script


def test_autopilot_keeps_version_private_nodes_and_ranges() -> None:
    script = _files(VARIANTS["autopilot"])["clusters/bootcamp.gcloud.sh"]
    create = script[script.index("clusters create-auto"):script.index("get-credentials")]
    for flag in ("--cluster-version 1.35", "--enable-private-nodes", "--cluster-secondary-range-name pods",
                 "--services-secondary-range-name services", "--labels"):
        assert flag in create


SHIM = """#!/usr/bin/env bash
out=$("$REAL_GCLOUD" "$@" 2>&1)
printf '%s\\n=====\\n' "gcloud $* :: $out" >> "$LOG"
case "$*" in *" describe "*) exit 1;; esac  # nothing exists yet: the script creates it
exit 0
"""


@pytest.mark.skipif(GCLOUD is None, reason="the gcloud CLI is not installed (it parses the generated script)")
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_gcloud_command_passes_gclouds_parser(variant: str, tmp_path: Path) -> None:
    script = tmp_path / "clusters" / "bootcamp.gcloud.sh"
    script.parent.mkdir()
    script.write_text(_files(VARIANTS[variant])["clusters/bootcamp.gcloud.sh"])
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "gcloud").write_text(SHIM)
    (shims / "kubectl").write_text("#!/usr/bin/env bash\nexit 0\n")
    for shim in shims.iterdir():
        shim.chmod(0o755)
    log = tmp_path / "calls.log"
    env = {**os.environ, "PATH": f"{shims}:{os.environ['PATH']}", "REAL_GCLOUD": str(GCLOUD), "LOG": str(log),
           "PROJECT": "planner-test", "CLOUDSDK_CONFIG": str(tmp_path / "gcloud-config"),
           "CLOUDSDK_CORE_DISABLE_PROMPTS": "1", "CLOUDSDK_CORE_CHECK_GCE_METADATA": "false"}
    run = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    calls = [c for c in log.read_text().split("\n=====\n") if c.strip()]
    assert len(calls) >= 4
    for call in calls:
        assert "unrecognized arguments" not in call and "Invalid choice" not in call and "argument --" not in call, call
        assert "do not currently have an active account" in call, call  # parsed, stopped at credentials
