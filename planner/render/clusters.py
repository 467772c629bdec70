"""Cluster definitions: an eksctl ClusterConfig for EKS, a GKE cluster definition plus gcloud script."""

from __future__ import annotations

import shlex
from typing import Any

from planner.analysis import Analysis
from planner.blueprint.schema import Cluster
from planner.plan import cluster_zone_count, node_group_disk

NAT_MODES = {"none": "Disable", "single": "Single", "per-zone": "HighlyAvailable"}


def eksctl_config(analysis: Analysis, cluster: Cluster) -> dict[str, Any]:
    bp, plan = analysis.blueprint, analysis.plan
    node_subnets = {s.zone: s for s in plan.subnets if s.name == cluster.subnet}
    subnets: dict[str, dict[str, Any]] = {"private": {}, "public": {}}
    for s in plan.subnets:
        if s.name == cluster.subnet or s.tier == "public":
            side = "public" if s.tier == "public" else "private"
            subnets[side][f"{s.name}-{s.zone}"] = {"az": s.zone, "cidr": s.cidr}
    private_nodes = any(s.tier != "public" for s in node_subnets.values())
    vpc: dict[str, Any] = {"cidr": plan.vpc_cidr, "nat": {"gateway": NAT_MODES[plan.nat]},
                           "clusterEndpoints": {"publicAccess": cluster.endpoint != "private",
                                                "privateAccess": cluster.endpoint != "public"},
                           "subnets": {k: v for k, v in subnets.items() if v}}
    if cluster.public_access_cidrs:
        vpc["publicAccessCIDRs"] = list(cluster.public_access_cidrs)
    node_groups: list[dict[str, Any]] = []
    config: dict[str, Any] = {
        "apiVersion": "eksctl.io/v1alpha5",
        "kind": "ClusterConfig",
        "metadata": {"name": f"{bp.name}-{cluster.name}", "region": bp.region, "version": cluster.version,
                     "tags": dict(sorted({**bp.tags, "planner/blueprint": bp.name}.items()))},
        "iam": {"withOIDC": True},
        "vpc": vpc,
        "managedNodeGroups": node_groups,
    }
    if cluster.logging:
        config["cloudWatch"] = {"clusterLogging": {"enableTypes": list(cluster.logging)}}
    for g in cluster.node_groups:
        size, disk = node_group_disk(bp.provider, g)
        group: dict[str, Any] = {"name": g.name, "instanceType": g.instance_type, "minSize": g.min_size,
                                 "desiredCapacity": g.desired_size, "maxSize": g.max_size, "volumeSize": size,
                                 "volumeType": disk, "volumeEncrypted": True, "privateNetworking": private_nodes,
                                 "subnets": sorted(f"{cluster.subnet}-{z}" for z in node_subnets)}
        if g.labels:
            group["labels"] = dict(sorted(g.labels.items()))
        if g.taints:
            group["taints"] = [{"key": t.key, "value": t.value or "", "effect": t.effect} for t in g.taints]
        if g.capacity == "spot":
            group["spot"] = True
        if g.max_pods:
            group["maxPodsPerNode"] = g.max_pods
        node_groups.append(group)
    return config


def gke_config(analysis: Analysis, cluster: Cluster) -> dict[str, Any]:
    bp, plan = analysis.blueprint, analysis.plan
    zones = plan.subnet_zones(cluster.subnet)
    regional = cluster.mode in ("regional", "autopilot")
    location = bp.region if regional else (zones[0] if zones else bp.region)
    subnet = next((s for s in (bp.network.subnets if bp.network else []) if s.name == cluster.subnet), None)
    secondary = sorted((subnet.secondary or {}).keys()) if subnet else []
    definition: dict[str, Any] = {
        "name": f"{bp.name}-{cluster.name}", "location": location, "initialClusterVersion": cluster.version,
        "releaseChannel": {"channel": (cluster.release_channel or "regular").upper()},
        "network": bp.name, "subnetwork": cluster.subnet,
        "ipAllocationPolicy": {"useIpAliases": True, **({"clusterSecondaryRangeName": "pods"} if "pods" in secondary else {}),
                               **({"servicesSecondaryRangeName": "services"} if "services" in secondary else {})},
        "privateClusterConfig": {"enablePrivateNodes": True, "enablePrivateEndpoint": cluster.endpoint == "private"},
        "resourceLabels": dict(sorted({**bp.tags, "planner-blueprint": bp.name}.items())),
    }
    if cluster.mode == "autopilot":
        definition["autopilot"] = {"enabled": True}
        return definition
    pools: list[dict[str, Any]] = []
    definition["nodePools"] = pools
    for g in cluster.node_groups:
        size, disk = node_group_disk(bp.provider, g)
        pool: dict[str, Any] = {
            "name": g.name, "initialNodeCount": g.desired_size,
            "autoscaling": {"enabled": g.min_size != g.max_size, "minNodeCount": g.min_size, "maxNodeCount": g.max_size},
            "config": {"machineType": g.instance_type, "diskSizeGb": size, "diskType": disk,
                       "spot": g.capacity == "spot", "labels": dict(sorted(g.labels.items())),
                       "taints": [{"key": t.key, "value": t.value or "", "effect": _gke_effect(t.effect)} for t in g.taints]},
            "locations": zones if regional else zones[:1],
        }
        pools.append(pool)
    definition["nodeCountNote"] = (f"node counts are per zone; this {cluster.mode} cluster runs "
                                   f"{cluster_zone_count(cluster, zones)} zone(s)")
    return definition


def _gke_effect(effect: str) -> str:
    return {"NoSchedule": "NO_SCHEDULE", "PreferNoSchedule": "PREFER_NO_SCHEDULE", "NoExecute": "NO_EXECUTE"}[effect]


def gcloud_script(analysis: Analysis, cluster: Cluster) -> str:
    d = gke_config(analysis, cluster)
    where = "--region" if cluster.mode in ("regional", "autopilot") else "--zone"
    lines = ["#!/usr/bin/env bash", f"# Generated by planner from blueprint {analysis.blueprint.name}; review before running.",
             "set -euo pipefail", ""]
    if cluster.mode == "autopilot":
        args = ["gcloud", "container", "clusters", "create-auto", d["name"], where, d["location"],
                "--release-channel", d["releaseChannel"]["channel"].lower(), "--network", d["network"],
                "--subnetwork", d["subnetwork"]]
        return "\n".join(lines + [" ".join(shlex.quote(a) for a in args)]) + "\n"
    pools = d["nodePools"]
    first = pools[0] if pools else None
    args = ["gcloud", "container", "clusters", "create", d["name"], where, d["location"],
            "--release-channel", d["releaseChannel"]["channel"].lower(), "--cluster-version", cluster.version,
            "--network", d["network"], "--subnetwork", d["subnetwork"], "--enable-ip-alias", "--enable-private-nodes"]
    if "clusterSecondaryRangeName" in d["ipAllocationPolicy"]:
        args += ["--cluster-secondary-range-name", "pods"]
    if "servicesSecondaryRangeName" in d["ipAllocationPolicy"]:
        args += ["--services-secondary-range-name", "services"]
    if first:
        args += _pool_args(first)
    lines.append(_command(args))
    for pool in pools[1:]:
        lines.append(_command(["gcloud", "container", "node-pools", "create", pool["name"], "--cluster", d["name"],
                               where, d["location"], *_pool_args(pool)]))
    return "\n".join(lines) + "\n"


def _command(args: list[str]) -> str:
    """One shell command, a flag and its value per line."""
    out = ""
    for arg in args:
        quoted = shlex.quote(arg)
        out += (" \\\n  " if arg.startswith("--") and out else " " if out else "") + quoted
    return out


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
