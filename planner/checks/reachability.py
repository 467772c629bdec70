"""Reachability: a plan that deploys but cannot serve is a finding.

The analysis follows each path traffic must take through the plan and reports the first hop that
drops it, located at one end with the other end named (file and line of both):

- client -> listener: an application load balancer's security groups admit the listener port;
- listener -> target group -> target port -> the targets' security groups (CHK-NET-001);
- application -> database port (CHK-NET-003): some instance group or cluster of the blueprint
  reaches each database on its engine's port;
- node groups -> cluster endpoint (CHK-NET-004): EKS nodes reach the API server they join.

A security-group path is a sequence of hops (:data:`HOPS`): the source's egress, then the
destination's ingress. Network ACLs, when the format gains them, are one more hop in that tuple.

AWS only: on GCP, firewall rules select instances by network tag and the load balancers' proxies and
health checks come from Google's ranges, which the plan does not model. Targets ``cluster:NAME`` are
left out: the AWS Load Balancer Controller opens the node security groups it needs.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from planner.blueprint.schema import Blueprint, Listener, LoadBalancer, Rule, port_range
from planner.checks.base import Context
from planner.findings import Finding, Path

Net = ipaddress.IPv4Network

ENGINE_PORTS = {
    "mysql": 3306, "mariadb": 3306, "aurora-mysql": 3306,
    "postgres": 5432, "aurora-postgresql": 5432,
    "oracle": 1521, "sqlserver": 1433,
}
"""The port each RDS engine listens on by default (RDS user guide, "DB instance port")."""

DEFAULT_GROUP = ("has no security group, so AWS attaches the VPC's default group, which admits traffic only "
                 "from its own members")


@dataclass(frozen=True)
class Endpoint:
    """One end of a path: what it is (for messages), where it is declared, its groups and address blocks."""

    label: str
    path: Path
    groups: tuple[str, ...]
    blocks: tuple[Net, ...]
    managed: bool = False  # its security groups are managed by the service (EKS nodes), not by the blueprint
    cidr_hint: str = "the VPC's CIDR"  # the CIDR to suggest in a fix when no group can be named


@dataclass(frozen=True)
class Flow:
    """Traffic from ``source`` to ``destination`` on one port."""

    source: Endpoint
    destination: Endpoint
    port: int
    protocols: frozenset[str]


@dataclass(frozen=True)
class Blocked:
    """Why a hop drops a flow, where (the place to change), and the fix."""

    reason: str
    path: Path
    fix: str


Hop = Callable[[Blueprint, Flow], "Blocked | None"]


# ------------------------------------------------------------------------------------ hops
def _rule_matches(rule: Rule, flow: Flow) -> bool:
    if rule.protocol == "all":
        return True
    if rule.protocol not in flow.protocols:
        return False
    return any(low <= flow.port <= high for low, high in (port_range(p) for p in rule.ports))


def _peer_covers(peer: str | None, end: Endpoint) -> bool:
    """``sg:NAME`` names one of ``end``'s groups, or the CIDR contains every address block of ``end``."""
    if peer is None:
        return False
    if peer.startswith("sg:"):
        return peer[3:] in end.groups
    try:
        net = ipaddress.IPv4Network(peer, strict=True)
    except ValueError:
        return False  # CHK-REF-002 reports it
    return bool(end.blocks) and all(block.subnet_of(net) for block in end.blocks)


def _group_index(bp: Blueprint) -> dict[str, int]:
    return {g.name: i for i, g in enumerate(bp.security_groups)}


def source_egress(bp: Blueprint, flow: Flow) -> Blocked | None:
    """The source's security groups let the flow out (a group without ``egress`` allows all, as on AWS)."""
    index = _group_index(bp)
    groups = [g for g in flow.source.groups if g in index]
    if not groups or any(bp.security_groups[index[g]].egress is None for g in groups):
        return None
    for name in groups:
        for rule in bp.security_groups[index[name]].egress or []:
            if _rule_matches(rule, flow) and _peer_covers(rule.destination, flow.destination):
                return None
    first = index[groups[0]]
    return Blocked(f"the egress rules of {', '.join(groups)} do not let port {flow.port} out to "
                   f"{flow.destination.label}", ("security_groups", first, "egress"),
                   f"add an egress rule {{ports: {flow.port}, destination: "
                   f"{_suggested_peer(flow.destination)}}} to security group {groups[0]!r}")


def destination_ingress(bp: Blueprint, flow: Flow) -> Blocked | None:
    """The destination's security groups admit the flow from the source."""
    index = _group_index(bp)
    groups = [g for g in flow.destination.groups if g in index]
    if not groups:
        return Blocked(f"{flow.destination.label} {DEFAULT_GROUP}", flow.destination.path,
                       f"attach a security group that admits port {flow.port} from {_suggested_peer(flow.source)}")
    for name in groups:
        for rule in bp.security_groups[index[name]].ingress:
            if _rule_matches(rule, flow) and _peer_covers(rule.source, flow.source):
                return None
    first = index[groups[0]]
    return Blocked(f"no ingress rule of {', '.join(groups)} admits port {flow.port} from {flow.source.label}",
                   ("security_groups", first, "ingress"),
                   f"add {{ports: {flow.port}, source: {_suggested_peer(flow.source)}}} to the ingress of "
                   f"security group {groups[0]!r}")


HOPS: tuple[Hop, ...] = (source_egress, destination_ingress)
"""Every hop a flow crosses, in order; the first that blocks it is reported."""


def first_block(bp: Blueprint, flow: Flow) -> Blocked | None:
    for hop in HOPS:
        blocked = hop(bp, flow)
        if blocked is not None:
            return blocked
    return None


def _suggested_peer(end: Endpoint) -> str:
    return f"sg:{end.groups[0]}" if end.groups and not end.managed else end.cidr_hint


# ------------------------------------------------------------------------------- endpoints
def _blocks(ctx: Context, subnet: str) -> tuple[Net, ...]:
    return tuple(ipaddress.IPv4Network(s.cidr) for s in ctx.plan.subnet_blocks(subnet))


def _vpc(ctx: Context) -> str:
    return ctx.bp.network.cidr if ctx.bp.network else "the VPC's CIDR"


def _load_balancer(ctx: Context, i: int, lb: LoadBalancer) -> Endpoint:
    groups = tuple(lb.security_groups) if lb.type == "application" else ()
    return Endpoint(f"load balancer {lb.name!r}", ("load_balancers", i), groups, _blocks(ctx, lb.subnet),
                    cidr_hint=_vpc(ctx))


def _clients(ctx: Context) -> list[Endpoint]:
    """Everything in the blueprint that may open a connection to a database: instance groups and EKS nodes."""
    ends = [Endpoint(f"instance group {x.name!r}", ("instances", i), tuple(x.security_groups),
                     _blocks(ctx, x.subnet)) for i, x in enumerate(ctx.bp.instances) if x.count > 0]
    ends += [Endpoint(f"the nodes of cluster {c.name!r}", ("clusters", i), (), _blocks(ctx, c.subnet), managed=True,
                      cidr_hint=_vpc(ctx)) for i, c in enumerate(ctx.bp.clusters) if c.kind == "eks" and c.node_groups]
    return ends


def _protocols(listener: Listener) -> frozenset[str]:
    return {"UDP": frozenset({"udp"}), "TCP_UDP": frozenset({"tcp", "udp"})}.get(listener.protocol,
                                                                                  frozenset({"tcp"}))


# ---------------------------------------------------------------------------------- checks
def reachability(ctx: Context) -> Iterator[Finding]:
    """Every path the plan implies is open end to end."""
    bp = ctx.bp
    if bp.provider != "aws" or bp.network is None:
        return
    yield from _listener_paths(ctx)
    yield from _database_paths(ctx)
    yield from _endpoint_paths(ctx)


def _listener_paths(ctx: Context) -> Iterator[Finding]:
    bp = ctx.bp
    instances = {x.name: (i, x) for i, x in enumerate(bp.instances)}
    for li, lb in enumerate(bp.load_balancers):
        lb_end = _load_balancer(ctx, li, lb)
        for ni, listener in enumerate(lb.listeners):
            where = ("load_balancers", li, "listeners", ni)
            if lb.type == "application":
                yield from _client_to_listener(ctx, li, lb, ni, listener)
            port = listener.effective_target_port
            for ti, target in enumerate(lb.targets):
                if target not in instances or target.startswith("cluster:"):
                    continue  # unknown targets are CHK-REF-004's; cluster targets are the controller's
                xi, inst = instances[target]
                if inst.count == 0:
                    continue
                dest = Endpoint(f"instance group {inst.name!r}", ("instances", xi, "security_groups")
                                if inst.security_groups else ("instances", xi), tuple(inst.security_groups),
                                _blocks(ctx, inst.subnet))
                flow = Flow(lb_end, dest, port, _protocols(listener))
                blocked = first_block(bp, flow)
                if blocked is None:
                    continue
                stated = "" if listener.target_port is not None else (
                    " (target_port not given: an HTTPS or TLS listener forwards to 80)"
                    if listener.protocol in ("HTTPS", "TLS") else " (target_port not given: the listener's port)")
                yield ctx.warning_between(
                    "CHK-NET-001", f"listener {listener.port}/{listener.protocol} of load balancer {lb.name!r} "
                    f"forwards to {inst.name!r} on port {port}{stated}, but {blocked.reason}", blocked.path,
                    ("load_balancers", li, "targets", ti) if blocked.path[0] == "security_groups" and
                    blocked.path[2] == "egress" else where,
                    blocked.fix + (f", or set target_port on the listener to the port {inst.name!r} serves"
                                   if listener.target_port is None else ""))


def _client_to_listener(ctx: Context, li: int, lb: LoadBalancer, ni: int,
                        listener: Listener) -> Iterator[Finding]:
    """An application load balancer's own security groups admit its listener port from somewhere."""
    bp = ctx.bp
    index = _group_index(bp)
    where = ("load_balancers", li, "listeners", ni)
    groups = [g for g in lb.security_groups if g in index]
    if not lb.security_groups:
        yield ctx.warning("CHK-NET-002", f"load balancer {lb.name!r} {DEFAULT_GROUP}: no client reaches port "
                          f"{listener.port}", ("load_balancers", li),
                          f"add security_groups: [NAME] with an ingress rule {{ports: {listener.port}, source: "
                          f"{'0.0.0.0/0' if lb.scheme == 'internet-facing' else 'the clients CIDR'}}}")
        return
    probe = Flow(Endpoint("any client", (), (), ()), Endpoint(f"load balancer {lb.name!r}", where, tuple(groups), ()),
                 listener.port, _protocols(listener))
    for name in groups:
        for rule in bp.security_groups[index[name]].ingress:
            if _rule_matches(rule, probe):
                return
    if groups:
        yield ctx.warning_between(
            "CHK-NET-002", f"listener {listener.port}/{listener.protocol}: no ingress rule of "
            f"{', '.join(groups)} admits port {listener.port}, so no client reaches the load balancer",
            ("security_groups", index[groups[0]], "ingress"), where,
            f"add {{ports: {listener.port}, source: "
            f"{'0.0.0.0/0' if lb.scheme == 'internet-facing' else 'the clients CIDR'}}} to security group "
            f"{groups[0]!r}")


def _database_paths(ctx: Context) -> Iterator[Finding]:
    bp = ctx.bp
    clients = _clients(ctx)
    if not clients:
        return  # a blueprint without applications: nothing to reach the database from
    for di, db in enumerate(bp.databases):
        port = ENGINE_PORTS[db.engine]
        dest = Endpoint(f"database {db.name!r}", ("databases", di, "security_groups") if db.security_groups
                        else ("databases", di), tuple(db.security_groups), _blocks(ctx, db.subnet))
        blocks = [first_block(bp, Flow(c, dest, port, frozenset({"tcp"}))) for c in clients]
        if any(b is None for b in blocks):
            continue
        blocked = next(b for b in blocks if b is not None)
        names = ", ".join(c.label for c in clients)
        yield ctx.warning_between(
            "CHK-NET-003", f"no application reaches database {db.name!r} on {db.engine}'s port {port}: for "
            f"{clients[0].label}, {blocked.reason}", blocked.path, clients[0].path,
            f"{blocked.fix} (tried: {names})")


def _endpoint_paths(ctx: Context) -> Iterator[Finding]:
    bp = ctx.bp
    assert bp.network is not None
    tiers = {s.name: (i, s.tier) for i, s in enumerate(bp.network.subnets)}
    for ci, cluster in enumerate(bp.clusters):
        if cluster.kind != "eks" or cluster.endpoint != "public" or not cluster.node_groups:
            continue  # a private endpoint is reached inside the VPC
        if cluster.subnet not in tiers:
            continue
        si, tier = tiers[cluster.subnet]
        subnet_path = ("network", "subnets", si, "tier")
        fix = "set endpoint: public-and-private, so nodes join through the private endpoint in the VPC"
        if tier == "isolated" or (tier == "private" and ctx.plan.nat == "none"):
            yield ctx.warning_between(
                "CHK-NET-004", f"the nodes of cluster {cluster.name!r} are in {tier} subnet {cluster.subnet!r}, "
                "which has no route out, and the API server endpoint is public only: the nodes cannot join",
                ("clusters", ci, "endpoint"), subnet_path, fix)
            continue
        cidrs = cluster.public_access_cidrs
        if cidrs is None or "0.0.0.0/0" in cidrs:
            continue
        origin = "the NAT gateway's address" if tier == "private" else "their own public addresses"
        yield ctx.warning_between(
            "CHK-NET-004", f"the nodes of cluster {cluster.name!r} reach the public-only endpoint from {origin}, "
            f"which public_access_cidrs ({', '.join(cidrs)}) does not name, so they cannot join",
            ("clusters", ci, "public_access_cidrs"), subnet_path,
            fix + (", or add the NAT gateways' Elastic IPs to public_access_cidrs" if tier == "private" else ""))
