"""Architecture diagrams with mingrammer/diagrams and Graphviz. The only module importing diagrams.

Why the detours around the package: it keeps global context state, names nodes with random uuids,
writes into the current folder and may open a viewer. We build the graph inside one ``Diagram``
context with ``show=False`` and node ids derived from blueprint names, take its DOT source, and run
Graphviz ourselves in a temporary folder. The SVG's icons (absolute paths into the installed
package) are embedded as data URIs so the picture stands alone. Same blueprint, same bytes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.analysis import Analysis
from planner.errors import EnvironmentProblem, InternalError
from planner.render.svg_embed import embed_images, normalise_icon_paths

TIER_COLOURS = {"public": "#E3F4E5", "private": "#E5EEFB", "isolated": "#ECEFF2"}
MAX_GROUPS_PER_SUBNET = 6
MAX_OUTSIDE = 5  # buckets drawn one by one; beyond that, one summary node
FORMATS = ("dot", "svg", "png")


# (kind, icon class, label, security groups, blueprint name[, what tells it from others of that name])
_NodeSpec = tuple[str, Any, str, list[str], str] | tuple[str, Any, str, list[str], str, str]


def _id(*parts: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", "_".join(parts))


class _Builder:
    """Walks the plan and adds nodes; remembers which node ids stand for which blueprint name."""

    def __init__(self, analysis: Analysis) -> None:
        import diagrams  # noqa: F401 - imported here so planner starts without Graphviz bindings

        self.analysis = analysis
        self.bp = analysis.blueprint
        self.members: dict[str, list[Any]] = {}  # security group -> nodes
        self.by_name: dict[str, list[Any]] = {}  # instance / cluster name -> nodes
        self.zone_entry: dict[str, Any] = {}  # private subnet zone -> a node that routes via NAT
        self.nat: dict[str, Any] = {}

    def icons(self) -> dict[str, Any]:
        if self.bp.provider == "aws":
            from diagrams.aws.compute import EC2, EKS
            from diagrams.aws.database import RDS
            from diagrams.aws.network import (
                ElbApplicationLoadBalancer,
                ElbNetworkLoadBalancer,
                InternetGateway,
                NATGateway,
            )
            from diagrams.aws.storage import SimpleStorageServiceS3

            return {"vm": EC2, "k8s": EKS, "nodes": EC2, "db": RDS, "alb": ElbApplicationLoadBalancer,
                    "nlb": ElbNetworkLoadBalancer, "igw": InternetGateway, "nat": NATGateway,
                    "bucket": SimpleStorageServiceS3}
        from diagrams.gcp.compute import ComputeEngine, KubernetesEngine
        from diagrams.gcp.database import SQL
        from diagrams.gcp.network import NAT, LoadBalancing, Router
        from diagrams.gcp.storage import GCS

        return {"vm": ComputeEngine, "k8s": KubernetesEngine, "nodes": ComputeEngine, "db": SQL,
                "alb": LoadBalancing, "nlb": LoadBalancing, "igw": Router, "nat": NAT, "bucket": GCS}

    def build(self, kubernetes: bool) -> str:
        from diagrams import Cluster, Diagram, Edge

        bp, plan = self.bp, self.analysis.plan
        icons = self.icons()
        title = f"{bp.name} — {bp.provider.upper()} {bp.region}"
        diagram = Diagram(title, show=False, outformat="dot", direction="TB",
                          graph_attr={"fontsize": "20", "pad": "0.4", "nodesep": "0.9", "ranksep": "0.8"})
        with _active(diagram):
            with Cluster(f"region {bp.region}"):
                igw = icons["igw"]("internet gateway", nodeid=_id("igw")) if any(
                    s.tier == "public" for s in plan.subnets) and bp.provider == "aws" else None
                if plan.vpc_cidr:
                    vpc_label = f"{'VPC' if bp.provider == 'aws' else 'VPC network'} {plan.vpc_cidr}"
                    with Cluster(vpc_label):
                        for zone in plan.zones:
                            with Cluster(f"zone {zone}"):
                                for sub in [s for s in plan.subnets if s.zone == zone]:
                                    name = sub.name if sub.name == sub.tier else f"{sub.name} ({sub.tier})"
                                    label = f"{name} · {sub.cidr} · {sub.usable} usable" + "".join(
                                        f" · ACL {a.name}" for a in (bp.network.acls if bp.network else [])
                                        if sub.name in a.subnets)
                                    with Cluster(label, graph_attr={"bgcolor": TIER_COLOURS.get(sub.tier, "#FFFFFF"),
                                                                    "style": "rounded" if sub.tier != "isolated"
                                                                    else "rounded,dashed"}):
                                        self._subnet_nodes(icons, sub.name, sub.tier, zone)
                self._outside_nodes(icons, kubernetes, Cluster)
            self._edges(Edge, igw)
            source: str = diagram.dot.source
        return source

    def _subnet_nodes(self, icons: dict[str, Any], subnet: str, tier: str, zone: str) -> None:
        short = zone.removeprefix(self.bp.region).lstrip("-")
        self._nat_nodes(icons, subnet, zone, short)
        nodes = (self._instance_nodes(icons, subnet, zone) + self._database_nodes(icons, subnet, zone)
                 + self._node_group_nodes(icons, subnet, zone))
        for kind, icon, label, groups, name, *part in _collapse_instances(icons, nodes):
            node = icon(label, nodeid=_id(kind, name or "more", *part, subnet, short))
            self._remember(node, groups, name)
            if tier == "private" and zone not in self.zone_entry:
                self.zone_entry[zone] = node

    def _nat_nodes(self, icons: dict[str, Any], subnet: str, zone: str, short: str) -> None:
        """Add the NAT gateways that sit in this subnet and zone."""
        for nat in self.analysis.plan.nat_gateways:
            if nat["subnet"] == subnet and nat["zone"] == zone:
                self.nat[zone] = icons["nat"](f"NAT gateway\n{zone}", nodeid=_id("nat", short))

    def _instance_nodes(self, icons: dict[str, Any], subnet: str, zone: str) -> list[_NodeSpec]:
        nodes: list[_NodeSpec] = []
        for inst in self.bp.instances:
            count = self.analysis.plan.placements.get(f"instances.{inst.name}", {}).get(zone, 0)
            if inst.subnet == subnet and count:
                nodes.append(("vm", icons["vm"], f"{inst.name}\n{inst.type} × {count}", inst.security_groups, inst.name))
        return nodes

    def _database_nodes(self, icons: dict[str, Any], subnet: str, zone: str) -> list[_NodeSpec]:
        plan = self.analysis.plan
        nodes: list[_NodeSpec] = []
        for db in self.bp.databases:
            copies = plan.placements.get(f"databases.{db.name}", {}).get(zone, 0)
            if db.subnet == subnet and copies:
                zones = plan.subnet_zones(subnet)
                role = _database_roles(db.multi_az, db.read_replicas, zones.index(zone), len(zones))
                nodes.append(("db", icons["db"], f"{db.name}\n{db.engine} {db.instance_class}\n{role}",
                              db.security_groups, db.name))
        return nodes

    def _node_group_nodes(self, icons: dict[str, Any], subnet: str, zone: str) -> list[_NodeSpec]:
        nodes: list[_NodeSpec] = []
        for cluster in self.bp.clusters:
            for group in cluster.node_groups:
                key = f"clusters.{cluster.name}.node_groups.{group.name}"
                count = self.analysis.plan.placements.get(key, {}).get(zone, 0)
                if cluster.subnet == subnet and count:
                    label = (f"{cluster.name}/{group.name}\n{group.instance_type} × {count}"
                             f"\n(min {group.min_size}, max {group.max_size})")
                    nodes.append(("nodes", icons["nodes"], label, [], f"cluster:{cluster.name}", group.name))
        return nodes

    def _remember(self, node: Any, groups: list[str], name: str) -> None:
        """Record the node under its security groups and its blueprint name (for the edges)."""
        for member_of in groups:
            self.members.setdefault(member_of, []).append(node)
        if name:
            self.by_name.setdefault(name, []).append(node)

    def _outside_nodes(self, icons: dict[str, Any], kubernetes: bool, cluster_ctx: Any) -> None:
        bp = self.bp
        for lb in bp.load_balancers:
            icon = icons["alb"] if lb.type == "application" else icons["nlb"]
            listeners = ", ".join(f"{ln.protocol}:{ln.port}" for ln in lb.listeners)
            node = icon(f"{lb.name}\n{lb.type} LB\n{listeners}", nodeid=_id("lb", lb.name))
            self.by_name.setdefault(f"lb:{lb.name}", []).append(node)
            for group in lb.security_groups:
                self.members.setdefault(group, []).append(node)
        shown = bp.buckets if len(bp.buckets) <= MAX_OUTSIDE else bp.buckets[:MAX_OUTSIDE - 1]
        if len(shown) < len(bp.buckets):
            rest = bp.buckets[len(shown):]
            icons["bucket"](f"+ {len(rest)} more buckets\n{sum(b.size_gb for b in rest):,.0f} GB",
                            nodeid=_id("bucket", "more"))
        for bucket in shown:
            rules = "".join(f"\n→ {r.storage_class or 'expire'} at {r.after_days} d" for r in bucket.lifecycle)
            label = f"{bucket.name}\n{bucket.storage_class}, {bucket.size_gb:,.0f} GB{rules}"
            icons["bucket"](label, nodeid=_id("bucket", bucket.name))
        for cluster in bp.clusters:
            kind = "EKS" if cluster.kind == "eks" else f"GKE {cluster.mode or ''}".strip()
            control = icons["k8s"](f"{cluster.name}\n{kind} {cluster.version}\nendpoint {cluster.endpoint}",
                                   nodeid=_id("k8s", cluster.name))
            self.by_name.setdefault(f"control:{cluster.name}", []).append(control)
            if kubernetes:
                self._workloads(cluster.name, cluster_ctx)

    def _workloads(self, cluster: str, cluster_ctx: Any) -> None:
        from diagrams.k8s.compute import STS, Cronjob, DaemonSet, Deploy, Job
        from diagrams.k8s.network import SVC, Ing
        from diagrams.k8s.storage import PVC

        kinds = {"Deployment": Deploy, "StatefulSet": STS, "DaemonSet": DaemonSet, "Job": Job, "CronJob": Cronjob}
        workloads = [w for w in self.bp.workloads if w.cluster == cluster]
        if not workloads:
            return
        with cluster_ctx(f"kubernetes {cluster}"):
            for wl in workloads:
                base = (cluster, wl.namespace, wl.name)
                pod = kinds[wl.kind](f"{wl.namespace}/{wl.name}\n{wl.kind} × {wl.replicas or 1}", nodeid=_id("wl", *base))
                if wl.service:
                    svc = SVC(f"{wl.name}\n{wl.service.type}", nodeid=_id("svc", *base))
                    svc >> pod
                    if wl.ingress:
                        Ing(f"{wl.ingress.host}{wl.ingress.path}", nodeid=_id("ing", *base)) >> svc
                for vol in wl.volumes:
                    if vol.type == "pvc":
                        pod >> PVC(f"{vol.name}\n{vol.size}", nodeid=_id("pvc", *base, vol.name))

    def _edges(self, edge: Any, igw: Any) -> None:
        for lb in self.bp.load_balancers:
            self._load_balancer_edges(edge, igw, lb)
        for group in self.bp.security_groups:
            for rule in group.ingress:
                if rule.source and rule.source.startswith("sg:"):
                    self._security_group_edges(edge, rule, group.name)
        self._nat_edges(edge, igw)

    def _load_balancer_edges(self, edge: Any, igw: Any, lb: Any) -> None:
        """Load balancer -> each target, and internet gateway -> an internet-facing load balancer."""
        sources = self.by_name.get(f"lb:{lb.name}", [])
        for source in sources:
            for target in lb.targets:
                for node in self._target_nodes(target):
                    source >> edge(color="#2f6fba") >> node
        if igw is not None and lb.scheme == "internet-facing":
            for source in sources:
                igw >> edge(color="#2f6fba") >> source

    def _target_nodes(self, target: str) -> list[Any]:
        """The nodes a load balancer target names: a cluster's control plane, then its node groups."""
        if target.startswith("cluster:"):
            return self.by_name.get(f"control:{target[8:]}", []) + self.by_name.get(target, [])
        return self.by_name.get(target, [])

    def _security_group_edges(self, edge: Any, rule: Any, group: str) -> None:
        """One dashed edge per member pair of an ``sg:`` ingress rule, except from load balancers."""
        ports = ",".join(str(p) for p in rule.ports)
        for src in self.members.get(rule.source[3:], []):
            for dst in self.members.get(group, []):
                if src.nodeid.split("_")[1] == "lb":
                    continue  # the load balancer -> target edge says it already
                src >> edge(label=f"{rule.protocol} {ports}", color="#8e5cb5", style="dashed") >> dst

    def _nat_edges(self, edge: Any, igw: Any) -> None:
        """Private zone -> its NAT gateway (or the first one), and each NAT gateway -> the internet gateway."""
        for zone, entry in self.zone_entry.items():
            nat = self.nat.get(zone) or next(iter(self.nat.values()), None)
            if nat is not None:
                entry >> edge(color="#6b7b8c", style="dotted") >> nat
        if igw is not None:
            for nat in self.nat.values():
                nat >> edge(color="#6b7b8c", style="dotted") >> igw


def _database_roles(multi_az: bool, read_replicas: int, zone_index: int, zones: int) -> str:
    """What the copies of a database in one zone are: the plan spreads primary, standby, replicas round-robin."""
    roles = ["primary"] + (["standby"] if multi_az else []) + ["read replica"] * read_replicas
    here = roles[zone_index::zones]
    counts = {role: here.count(role) for role in dict.fromkeys(here)}
    return " + ".join(role if n == 1 else f"{role} × {n}" for role, n in counts.items())


def _collapse_instances(icons: dict[str, Any], nodes: list[_NodeSpec]) -> list[_NodeSpec]:
    """Beyond MAX_GROUPS_PER_SUBNET instance groups, the last ones become one summary node.

    Only instance groups collapse; databases and node groups stay individually visible.
    """
    vms = [n for n in nodes if n[0] == "vm"]
    if len(vms) <= MAX_GROUPS_PER_SUBNET:
        return nodes
    hidden = vms[MAX_GROUPS_PER_SUBNET - 1:]
    return [n for n in nodes if n not in hidden] + [("vm", icons["vm"], f"+ {len(hidden)} more instance groups", [], "")]


@contextmanager
def _active(diagram: Any) -> Iterator[Any]:
    """Enter the package's global diagram context without its exit, which renders into the cwd."""
    from diagrams import setdiagram

    setdiagram(diagram)
    try:
        yield diagram
    finally:
        setdiagram(None)


@contextmanager
def _workdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="planner-diagram-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def dot_source(analysis: Analysis, kubernetes: bool = False) -> str:
    """The DOT source (icons referenced by absolute path, as the package writes them)."""
    try:
        return _Builder(analysis).build(kubernetes)
    except ImportError as exc:  # pragma: no cover - the package is a dependency
        raise EnvironmentProblem(f"the diagrams package is not installed ({exc}); run make setup") from exc


def render_diagram(analysis: Analysis, fmt: str, kubernetes: bool = False) -> bytes:
    """The diagram as ``dot`` (icon paths normalised), standalone ``svg`` or ``png`` bytes."""
    if fmt not in FORMATS:
        raise InternalError(f"unknown diagram format {fmt!r}")
    source = dot_source(analysis, kubernetes)
    if fmt == "dot":
        return normalise_icon_paths(source).encode()
    dot = shutil.which("dot")
    if dot is None:
        raise EnvironmentProblem("Graphviz is not installed (no 'dot' on PATH): run 'make setup' or "
                                 "'apt-get install graphviz'")
    with _workdir() as folder:
        (folder / "diagram.dot").write_text(source)
        try:
            done = subprocess.run([dot, f"-T{fmt}", "diagram.dot"], cwd=folder, capture_output=True, timeout=120,
                                  check=False)
        except subprocess.TimeoutExpired as exc:
            raise EnvironmentProblem("Graphviz took more than 120 s to lay out the diagram") from exc
    if done.returncode != 0:
        raise InternalError(f"Graphviz failed: {done.stderr.decode(errors='replace').strip()[:500]}")
    return embed_images(done.stdout) if fmt == "svg" else done.stdout


def write_diagram(analysis: Analysis, path: Path, kubernetes: bool = False) -> Path:
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise EnvironmentProblem(f"unsupported diagram format '.{fmt}': use .svg, .png or .dot")
    from planner.output import check_destination_file, write_file

    check_destination_file(path)  # a missing folder is exit 2 before Graphviz runs
    return write_file(path, render_diagram(analysis, fmt, kubernetes))
