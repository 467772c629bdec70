"""Read ``planner manifests --network-ids FILE``: the ids of the blueprint's VPC and subnets.

Two shapes are accepted: the JSON of ``planner dry-run --keep --format json`` against a server (its
``resources`` list the VPC and each subnet as ``<subnet>-<zone>`` with its id), or a mapping written by
hand or from ``terraform output -json``: ``{"vpc": "vpc-...", "subnets": {"app-ap-northeast-2a": "subnet-..."}}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner.analysis import Analysis
from planner.errors import InvalidInput
from planner.render.eks import NetworkIds, cluster_subnets


def _mapping(data: Any) -> tuple[str | None, dict[str, str]]:
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        rows = [r for r in data["resources"] if isinstance(r, dict)]
        vpcs = [str(r.get("id")) for r in rows if r.get("kind") == "vpc"]
        return (vpcs[0] if vpcs else None), {str(r.get("name")): str(r.get("id")) for r in rows
                                              if r.get("kind") == "subnet"}
    if isinstance(data, dict) and isinstance(data.get("subnets", {}), dict):
        vpc = data.get("vpc")
        return (str(vpc) if isinstance(vpc, str) else None), {str(k): str(v) for k, v in data.get("subnets", {}).items()}
    return None, {}


def load_network_ids(path: Path, analysis: Analysis) -> NetworkIds:
    """The ids for every EKS cluster's subnets; invalid input names what is missing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"--network-ids {path}: not readable JSON ({exc})") from None
    vpc, subnets = _mapping(data)
    problems = [] if vpc and vpc.startswith("vpc-") else ["no VPC id (\"vpc\": \"vpc-...\")"]
    wanted = sorted({s.key for c in analysis.blueprint.clusters if c.kind == "eks"
                     for s in cluster_subnets(analysis, c)})
    missing = [key for key in wanted if not subnets.get(key, "").startswith("subnet-")]
    if missing:
        problems.append("no subnet id for " + ", ".join(missing))
    if problems:
        raise InvalidInput(f"--network-ids {path}: " + "; ".join(problems) + " — give the JSON of planner dry-run "
                           "--keep --format json, or {\"vpc\": \"vpc-...\", \"subnets\": {\"<subnet>-<zone>\": \"subnet-...\"}}")
    assert vpc is not None
    return NetworkIds(vpc, {key: subnets[key] for key in wanted})
