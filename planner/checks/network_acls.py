"""Network ACLs that AWS accepts and that let the planned traffic through both ways: subnets that exist,
one ACL per subnet, unique rule numbers (each port of a rule is one entry: rule, rule + 1, ...), a source
on ingress and a destination on egress, and, because ACLs are stateless, a way back for every allowed
connection on the ephemeral ports (1024-65535)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from planner.blueprint.schema import AclRule, NetworkAcl, port_range
from planner.checks.base import Context
from planner.findings import Finding

RULE = "CHK-ACL-001"
EPHEMERAL = (1024, 65535)


def entry_numbers(rule: AclRule) -> list[int]:
    """The entry numbers one rule becomes: one per port or range, counting up from its rule number."""
    return [rule.rule + j for j in range(len(rule.ports))]


def network_acls(ctx: Context) -> Iterator[Finding]:
    net = ctx.bp.network
    if net is None:
        return
    names = {s.name for s in net.subnets}
    owner: dict[str, str] = {}
    for a, acl in enumerate(net.acls):
        path = ("network", "acls", a)
        for k, subnet in enumerate(acl.subnets):
            if subnet not in names:
                yield ctx.error(RULE, f"subnet {subnet!r} is not in network.subnets", (*path, "subnets", k),
                                f"name one of: {', '.join(sorted(names)) or 'none'}")
            elif subnet in owner:
                yield ctx.error(RULE, f"subnet {subnet!r} is already guarded by ACL {owner[subnet]!r}: a subnet has one "
                                "network ACL", (*path, "subnets", k), "keep it in one ACL")
            owner.setdefault(subnet, acl.name)
        yield from _rules(ctx, acl, path)
        yield from _return_paths(ctx, acl, path)


def _rules(ctx: Context, acl: NetworkAcl, path: tuple[str | int, ...]) -> Iterator[Finding]:
    for direction, rules, peer in (("ingress", acl.ingress, "source"), ("egress", acl.egress, "destination")):
        used: dict[int, int] = {}
        for r, rule in enumerate(rules):
            where = (*path, direction, r)
            if getattr(rule, peer) is None:
                yield ctx.error(RULE, f"an {direction} rule needs a {peer} CIDR", where, f"add {peer}: 10.0.0.0/16")
            other = "destination" if peer == "source" else "source"
            if getattr(rule, other) is not None:
                yield ctx.error(RULE, f"an {direction} rule has no {other}", (*where, other), f"use {peer}:")
            for number in entry_numbers(rule):
                if number in used:
                    yield ctx.error(RULE, f"entry number {number} is taken by {direction} rule {used[number] + 1} "
                                    "(a rule of several ports takes rule, rule + 1, ...)", (*where, "rule"),
                                    "space the rule numbers, e.g. 100, 110, 120")
                    break
                used[number] = r
            if max(entry_numbers(rule)) > 32766:
                yield ctx.error(RULE, "entry numbers run past 32766", (*where, "rule"), "use a lower rule number")
    if not acl.ingress:
        yield ctx.warning(RULE, f"ACL {acl.name!r} allows no inbound traffic (a custom ACL denies what it does not "
                          "allow)", (*path, "ingress"), "add the ingress rules the subnets need")


def _covers(rules: list[AclRule], peer: str, cidr: str, ports: tuple[int, int], protocol: str) -> bool:
    """Whether an allow rule lets ``cidr`` (or a network holding it) through on all of ``ports``."""
    want = ipaddress.ip_network(cidr, strict=False)
    for rule in rules:
        target = getattr(rule, peer)
        if rule.action != "allow" or target is None or rule.protocol not in (protocol, "all"):
            continue
        if not want.subnet_of(ipaddress.ip_network(target, strict=False)):  # type: ignore[arg-type]
            continue
        if any(port_range(p)[0] <= ports[0] and port_range(p)[1] >= ports[1] for p in rule.ports):
            return True
    return False


def _return_paths(ctx: Context, acl: NetworkAcl, path: tuple[str | int, ...]) -> Iterator[Finding]:
    for direction, rules, back, peer, back_peer in (("ingress", acl.ingress, acl.egress, "source", "destination"),
                                                    ("egress", acl.egress, acl.ingress, "destination", "source")):
        for r, rule in enumerate(rules):
            cidr = getattr(rule, peer)
            if rule.action != "allow" or cidr is None or rule.protocol not in ("tcp", "udp"):
                continue
            if any(port_range(p)[0] <= EPHEMERAL[0] and port_range(p)[1] >= EPHEMERAL[1] for p in rule.ports):
                continue  # it spans the ephemeral ports: it is (also) the way back of the other direction
            if not _covers(back, back_peer, cidr, EPHEMERAL, rule.protocol):
                other = "egress" if direction == "ingress" else "ingress"
                yield ctx.warning(RULE, f"{direction} rule {r + 1} allows {cidr}, but no {other} rule lets the replies "
                                  f"through on 1024-65535: network ACLs are stateless", (*path, direction, r),
                                  f"add an {other} rule: {{rule: 200, ports: 1024-65535, {back_peer}: {cidr}}}")
