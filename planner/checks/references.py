"""References between sections resolve, and names are unique where they must be."""

from __future__ import annotations

import difflib
import ipaddress
from collections.abc import Iterator

from planner.checks.base import Context
from planner.findings import Finding


def _hint(name: str, options: list[str], what: str) -> str:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.5)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"declare {what} {name!r}, or use one of: {', '.join(options)}" if options else f"declare {what} {name!r}"


def unique_names(ctx: Context) -> Iterator[Finding]:
    """Names are unique per section (buckets: within the file; they are global on the cloud)."""
    bp = ctx.bp
    for section in ("security_groups", "instances", "databases", "buckets", "load_balancers", "clusters",
                    "scenarios"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(bp, section)):
            if item.name in seen:
                yield ctx.error("CHK-NAME-001", f"{section} name {item.name!r} is used twice (first at "
                                f"{section}[{seen[item.name]}])", (section, i, "name"), "give each one its own name")
            seen.setdefault(item.name, i)
    seen_wl: dict[tuple[str, str, str], int] = {}
    for i, wl in enumerate(bp.workloads):
        key = (wl.cluster, wl.namespace, wl.name)
        if key in seen_wl:
            yield ctx.error("CHK-NAME-001", f"workload {wl.name!r} is declared twice in namespace {wl.namespace!r} "
                            f"of cluster {wl.cluster!r}", ("workloads", i, "name"), "rename one of them")
        seen_wl.setdefault(key, i)
    for ci, cluster in enumerate(bp.clusters):
        groups: set[str] = set()
        for gi, group in enumerate(cluster.node_groups):
            if group.name in groups:
                yield ctx.error("CHK-NAME-001", f"node group {group.name!r} is used twice",
                                ("clusters", ci, "node_groups", gi, "name"), "give each node group its own name")
            groups.add(group.name)


def subnet_references(ctx: Context) -> Iterator[Finding]:
    bp = ctx.bp
    subnets = [s.name for s in bp.network.subnets] if bp.network else []
    known = set(subnets)
    for section in ("instances", "databases", "load_balancers", "clusters"):
        for i, item in enumerate(getattr(bp, section)):
            if item.subnet not in known:
                if not subnets:
                    yield ctx.error("CHK-REF-001", f"subnet {item.subnet!r} is referenced but the blueprint has no "
                                    "network", (section, i, "subnet"), "add a network section with this subnet")
                else:
                    yield ctx.error("CHK-REF-001", f"unknown subnet {item.subnet!r}", (section, i, "subnet"),
                                    _hint(item.subnet, subnets, "a subnet"))


def security_group_references(ctx: Context) -> Iterator[Finding]:
    bp = ctx.bp
    groups = [g.name for g in bp.security_groups]
    known = set(groups)
    for section in ("instances", "databases", "load_balancers"):
        for i, item in enumerate(getattr(bp, section)):
            for j, name in enumerate(item.security_groups):
                if name not in known:
                    yield ctx.error("CHK-REF-002", f"unknown security group {name!r}",
                                    (section, i, "security_groups", j), _hint(name, groups, "a security group"))
    for gi, group in enumerate(bp.security_groups):
        for direction in ("ingress", "egress"):
            for ri, rule in enumerate(getattr(group, direction) or []):
                key = "source" if direction == "ingress" else "destination"
                peer = getattr(rule, key)
                path = ("security_groups", gi, direction, ri, key)
                if peer is None:
                    yield ctx.error("CHK-REF-002", f"an {direction} rule needs a {key!r}", path[:-1],
                                    f"add '{key}: 0.0.0.0/0' or '{key}: sg:NAME'")
                    continue
                if peer.startswith("sg:"):
                    name = peer[3:]
                    if name not in known:
                        yield ctx.error("CHK-REF-002", f"unknown security group {peer!r}", path,
                                        _hint(name, groups, "a security group"))
                else:
                    try:
                        ipaddress.IPv4Network(peer, strict=True)
                    except ValueError:
                        yield ctx.error("CHK-REF-002", f"{peer!r} is neither a CIDR block nor sg:NAME", path,
                                        "write a CIDR like 10.0.0.0/16 or sg:web")


def cluster_references(ctx: Context) -> Iterator[Finding]:
    clusters = [c.name for c in ctx.bp.clusters]
    known = set(clusters)
    for i, wl in enumerate(ctx.bp.workloads):
        if wl.cluster not in known:
            yield ctx.error("CHK-REF-003", f"unknown cluster {wl.cluster!r}", ("workloads", i, "cluster"),
                            _hint(wl.cluster, clusters, "a cluster"))


def load_balancer_targets(ctx: Context) -> Iterator[Finding]:
    bp = ctx.bp
    instances = [x.name for x in bp.instances]
    clusters = [c.name for c in bp.clusters]
    known_instances, known_clusters = set(instances), set(clusters)
    for i, lb in enumerate(bp.load_balancers):
        if not lb.listeners:
            yield ctx.warning("CHK-REF-004", "load balancer has no listeners", ("load_balancers", i),
                              "add listeners: [{port: 443, protocol: HTTPS, certificate: acm:NAME}]")
        for j, target in enumerate(lb.targets):
            path = ("load_balancers", i, "targets", j)
            if target.startswith("cluster:"):
                if target[8:] not in known_clusters:
                    yield ctx.error("CHK-REF-004", f"unknown cluster {target[8:]!r}", path,
                                    _hint(target[8:], clusters, "a cluster"))
            elif target not in known_instances:
                yield ctx.error("CHK-REF-004", f"unknown target {target!r}", path,
                                _hint(target, instances, "an instance group") + " (or cluster:NAME)")
        for j, listener in enumerate(lb.listeners):
            path = ("load_balancers", i, "listeners", j)
            if lb.type == "application" and listener.protocol not in ("HTTP", "HTTPS"):
                yield ctx.error("CHK-REF-004", f"an application load balancer listens on HTTP or HTTPS, not "
                                f"{listener.protocol}", (*path, "protocol"), "use type: network for TCP/TLS/UDP")
            if lb.type == "network" and listener.protocol in ("HTTP", "HTTPS"):
                yield ctx.error("CHK-REF-004", f"a network load balancer does not speak {listener.protocol}",
                                (*path, "protocol"), "use TCP or TLS, or type: application")
            if listener.protocol in ("HTTPS", "TLS") and not listener.certificate:
                yield ctx.error("CHK-REF-004", f"an {listener.protocol} listener needs a certificate", path,
                                "add certificate: acm:NAME")
