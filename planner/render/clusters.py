"""GKE: the cluster definition (fields of the GKE API's ``Cluster`` only) and the gcloud script that builds
it with what it needs — the network, the subnet with the pod and service ranges, Cloud Router and Cloud
NAT for private nodes — then fetches credentials and applies the manifests (EKS: :mod:`planner.render.eks`).

Private nodes follow the subnet's tier (GCP subnets default to private); Dataplane V2 enforces the
NetworkPolicies planner writes; the blueprint's tags become ``--labels``.
"""

from __future__ import annotations

import shlex
from typing import Any

from planner.analysis import Analysis
from planner.blueprint.schema import Cluster
from planner.facts import GKE_LABEL_KEY
from planner.plan import cluster_zone_count, node_group_disk


def _private_nodes(analysis: Analysis, cluster: Cluster) -> bool:
    return any(s.tier != "public" for s in analysis.plan.subnets if s.name == cluster.subnet)


def _labels(analysis: Analysis) -> dict[str, str]:
    bp = analysis.blueprint
    return dict(sorted({**bp.tags, GKE_LABEL_KEY: bp.name}.items()))


def _secondary(analysis: Analysis, cluster: Cluster) -> dict[str, str]:
    bp = analysis.blueprint
    subnet = next((s for s in (bp.network.subnets if bp.network else []) if s.name == cluster.subnet), None)
    return dict(sorted((subnet.secondary or {}).items())) if subnet else {}


def gke_config(analysis: Analysis, cluster: Cluster) -> dict[str, Any]:
    bp, plan = analysis.blueprint, analysis.plan
    zones = plan.subnet_zones(cluster.subnet)
    regional = cluster.mode in ("regional", "autopilot")
    secondary = _secondary(analysis, cluster)
    definition: dict[str, Any] = {
        "name": f"{bp.name}-{cluster.name}", "location": bp.region if regional else (zones[0] if zones else bp.region),
        "initialClusterVersion": cluster.version,
        "releaseChannel": {"channel": (cluster.release_channel or "regular").upper()},
        "network": bp.name, "subnetwork": cluster.subnet,
        "ipAllocationPolicy": {"useIpAliases": True, **({"clusterSecondaryRangeName": "pods"} if "pods" in secondary else {}),
                               **({"servicesSecondaryRangeName": "services"} if "services" in secondary else {})},
        "privateClusterConfig": {"enablePrivateNodes": _private_nodes(analysis, cluster),
                                 "enablePrivateEndpoint": cluster.endpoint == "private"},
        "networkConfig": {"datapathProvider": "ADVANCED_DATAPATH"},  # Dataplane V2: NetworkPolicies enforced
        "resourceLabels": _labels(analysis),
    }
    if cluster.public_access_cidrs:
        definition["masterAuthorizedNetworksConfig"] = {"enabled": True, "cidrBlocks": [
            {"cidrBlock": c} for c in cluster.public_access_cidrs]}
    if cluster.mode == "autopilot":
        definition["autopilot"] = {"enabled": True}
        return definition
    pools: list[dict[str, Any]] = []
    definition["nodePools"] = pools
    for g in cluster.node_groups:
        size, disk = node_group_disk(bp.provider, g)
        pools.append({
            "name": g.name, "initialNodeCount": g.desired_size,
            "autoscaling": {"enabled": g.min_size != g.max_size, "minNodeCount": g.min_size, "maxNodeCount": g.max_size},
            "config": {"machineType": g.instance_type, "diskSizeGb": size, "diskType": disk,
                       "spot": g.capacity == "spot", "labels": dict(sorted(g.labels.items())),
                       "taints": [{"key": t.key, "value": t.value or "", "effect": _gke_effect(t.effect)} for t in g.taints]},
            "locations": zones if regional else zones[:1],
        })
    return definition


def _gke_effect(effect: str) -> str:
    return {"NoSchedule": "NO_SCHEDULE", "PreferNoSchedule": "PREFER_NO_SCHEDULE", "NoExecute": "NO_EXECUTE"}[effect]


def _command(args: list[str], indent: str = "") -> str:
    """One shell command, a flag and its value per line (``"$PROJECT"``-style words stay unquoted)."""
    out = ""
    for arg in args:
        quoted = arg if arg.startswith('"$') else shlex.quote(arg)
        out += (f" \\\n{indent}  " if arg.startswith("--") and out else " " if out else indent) + quoted
    return out


def _network_steps(analysis: Analysis, cluster: Cluster) -> list[str]:
    bp, plan = analysis.blueprint, analysis.plan
    net, sub = bp.name, cluster.subnet
    block = next(s.cidr for s in plan.subnets if s.name == sub)
    secondary = _secondary(analysis, cluster)
    create_subnet = ["gcloud", "compute", "networks", "subnets", "create", sub, "--project", '"$PROJECT"', "--network",
                     net, "--region", '"$REGION"', "--range", block, "--enable-private-ip-google-access"]
    if secondary:
        create_subnet += ["--secondary-range", ",".join(f"{k}={v}" for k, v in secondary.items())]
    lines = ["# 1. the network and its subnet with the pod and service ranges (created when missing)",
             f'if ! gcloud compute networks describe {shlex.quote(net)} --project "$PROJECT" >/dev/null 2>&1; then',
             _command(["gcloud", "compute", "networks", "create", net, "--project", '"$PROJECT"', "--subnet-mode",
                       "custom"], "  "), "fi",
             (f'if ! gcloud compute networks subnets describe {shlex.quote(sub)} --region "$REGION" --project "$PROJECT" '
             ">/dev/null 2>&1; then"), _command(create_subnet, "  "), "fi"]
    if _private_nodes(analysis, cluster):
        router = f"{net}-router"
        lines += ["# 2. Cloud Router and Cloud NAT: private nodes reach image registries (Docker Hub) through them",
                  (f'if ! gcloud compute routers describe {shlex.quote(router)} --region "$REGION" --project "$PROJECT" '
                  ">/dev/null 2>&1; then"),
                  _command(["gcloud", "compute", "routers", "create", router, "--project", '"$PROJECT"', "--network",
                            net, "--region", '"$REGION"'], "  "),
                  _command(["gcloud", "compute", "routers", "nats", "create", f"{net}-nat", "--project", '"$PROJECT"',
                            "--router", router, "--region", '"$REGION"', "--auto-allocate-nat-external-ips",
                            "--nat-all-subnet-ip-ranges"], "  "), "fi"]
    return lines


def _cluster_args(analysis: Analysis, cluster: Cluster, d: dict[str, Any], where: str) -> list[str]:
    auto = cluster.mode == "autopilot"
    args = ["gcloud", "container", "clusters", "create-auto" if auto else "create", d["name"], "--project",
            '"$PROJECT"', where, d["location"], "--release-channel", d["releaseChannel"]["channel"].lower(),
            "--cluster-version", cluster.version, "--network", d["network"], "--subnetwork", d["subnetwork"]]
    if not auto:
        args += ["--enable-ip-alias", "--enable-dataplane-v2"]
    if "clusterSecondaryRangeName" in d["ipAllocationPolicy"]:
        args += ["--cluster-secondary-range-name", "pods"]
    if "servicesSecondaryRangeName" in d["ipAllocationPolicy"]:
        args += ["--services-secondary-range-name", "services"]
    if d["privateClusterConfig"]["enablePrivateNodes"]:
        args.append("--enable-private-nodes")
    if d["privateClusterConfig"]["enablePrivateEndpoint"]:
        args.append("--enable-private-endpoint")
    if cluster.public_access_cidrs:
        args += ["--enable-master-authorized-networks", "--master-authorized-networks",
                 ",".join(cluster.public_access_cidrs)]
    args += ["--labels", ",".join(f"{k}={v}" for k, v in d["resourceLabels"].items())]
    return args


def gcloud_script(analysis: Analysis, cluster: Cluster, manifest_files: list[str] | None = None) -> str:
    d = gke_config(analysis, cluster)
    where = "--region" if cluster.mode in ("regional", "autopilot") else "--zone"
    zones = analysis.plan.subnet_zones(cluster.subnet)
    lines = ["#!/usr/bin/env bash", f"# Generated by planner from blueprint {analysis.blueprint.name}; review before running.",
             (f"# Node counts are per zone: this {cluster.mode or 'zonal'} cluster runs "
             f"{cluster_zone_count(cluster, zones)} zone(s)."),
             "set -euo pipefail", 'PROJECT="${PROJECT:?set PROJECT to the Google Cloud project id}"',
             f"REGION={shlex.quote(analysis.blueprint.region)}", 'HERE="$(cd "$(dirname "$0")" && pwd)"', ""]
    lines += _network_steps(analysis, cluster) + ["", "# 3. the cluster"]
    args = _cluster_args(analysis, cluster, d, where)
    pools = d.get("nodePools", [])
    if pools:
        args += _pool_args(pools[0])
    lines.append(_command(args))
    for pool in pools[1:]:
        lines.append(_command(["gcloud", "container", "node-pools", "create", pool["name"], "--project", '"$PROJECT"',
                               "--cluster", d["name"], where, d["location"], *_pool_args(pool)]))
    lines += ["", "# 4. kubectl's credentials, then the manifests (cluster-wide objects, then each namespace)",
              _command(["gcloud", "container", "clusters", "get-credentials", d["name"], "--project", '"$PROJECT"',
                       where, d["location"]])]
    lines += [f'kubectl apply -f "$HERE/../{path}"' for path in manifest_files or []]
    return "\n".join(lines) + "\n"


def _pool_args(pool: dict[str, Any]) -> list[str]:
    c = pool["config"]
    args = ["--machine-type", c["machineType"], "--num-nodes", str(pool["initialNodeCount"]),
            "--disk-size", str(c["diskSizeGb"]), "--disk-type", c["diskType"]]
    if pool["autoscaling"]["enabled"]:
        args += ["--enable-autoscaling", "--min-nodes", str(pool["autoscaling"]["minNodeCount"]),
                 "--max-nodes", str(pool["autoscaling"]["maxNodeCount"])]
    if c["labels"]:
        args += ["--node-labels", ",".join(f"{k}={v}" for k, v in c["labels"].items())]
    if c["taints"]:
        effects = {"NO_SCHEDULE": "NoSchedule", "PREFER_NO_SCHEDULE": "PreferNoSchedule", "NO_EXECUTE": "NoExecute"}
        args += ["--node-taints", ",".join(f"{t['key']}={t['value']}:{effects[t['effect']]}" for t in c["taints"])]
    if c["spot"]:
        args.append("--spot")
    return args
