"""Reachability: listener -> target port -> target security groups, app -> database, nodes -> endpoint.

Each test mutates the default example (which is reachable end to end) and asserts the finding, its
place, and the other end it names with its line.
"""

from __future__ import annotations

import json

import pytest

from planner.blueprint import load_blueprint_text
from planner.blueprint.schema import Listener
from planner.checks import reachability
from planner.cli import main
from planner.findings import Finding
from planner.pipeline import analyze_loaded
from tests.conftest import BLUEPRINTS

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()


def _net(text: str) -> list[Finding]:
    findings = analyze_loaded(load_blueprint_text(text, "bp.yaml"), raise_on_error=False).findings
    return [f for f in findings if f.code.startswith("CHK-NET-")]


def _seoul(*replacements: tuple[str, str]) -> str:
    text = SEOUL
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _line(text: str, fragment: str) -> int:
    return text.count("\n", 0, text.index(fragment)) + 1


def test_the_default_example_is_reachable_end_to_end() -> None:
    assert _net(SEOUL) == []


@pytest.mark.parametrize(("protocol", "port", "expected"), [
    ("HTTP", 8080, 8080), ("HTTPS", 443, 80), ("TCP", 5432, 5432), ("TLS", 443, 80), ("UDP", 53, 53),
    ("TCP_UDP", 53, 53),
])
def test_default_target_port_is_stated_in_one_place(protocol: str, port: int, expected: int) -> None:
    assert Listener(port=port, protocol=protocol).effective_target_port == expected  # type: ignore[arg-type]
    assert Listener(port=port, protocol=protocol, target_port=9000).effective_target_port == 9000  # type: ignore[arg-type]


def test_schema_and_explain_state_the_default_target_port(capsys: pytest.CaptureFixture[str]) -> None:
    description = Listener.model_json_schema()["properties"]["target_port"]["description"]
    assert "HTTPS and TLS" in description and "80" in description and "listener's port" in description
    with pytest.raises(SystemExit) as info:
        main(["check", "--explain", str(BLUEPRINTS / "shop-seoul.yaml")])
    assert info.value.code in (0, None)
    assert "load_balancers[0].listeners[0].target_port not given: 80" in capsys.readouterr().out


def test_target_security_group_closed_on_the_target_port_names_both_ends() -> None:
    text = _seoul(("{ports: 80, source: sg:alb}", "{ports: 8080, source: sg:alb}"))
    [finding] = _net(text)
    assert finding.code == "CHK-NET-001" and finding.severity == "warning"
    assert finding.where == "security_groups[1].ingress"
    assert finding.line == _line(text, "ingress:\n      - {ports: 8080")
    assert finding.related_path == ("load_balancers", 0, "listeners", 0)
    assert finding.related_line == _line(text, "listeners: [{port: 443")
    assert "port 80" in finding.message and "target_port not given" in finding.message
    assert f"(other end: line {finding.related_line}, load_balancers[0].listeners[0])" in finding.render()
    assert json.loads(json.dumps(finding.to_dict()))["related"] == {
        "path": "load_balancers[0].listeners[0]", "line": finding.related_line}


def test_an_explicit_target_port_is_followed() -> None:
    listener = "listeners: [{port: 443, protocol: HTTPS, certificate: acm:shop-cert}]"
    closed = _seoul((listener, listener[:-2] + ", target_port: 8080}]"))
    assert [f.code for f in _net(closed)] == ["CHK-NET-001"]
    opened = _seoul((listener, listener[:-2] + ", target_port: 8080}]"),
                    ("{ports: 80, source: sg:alb}", "{ports: 8080, source: sg:alb}"))
    assert _net(opened) == []


def test_a_target_without_security_groups_gets_the_default_group() -> None:
    text = _seoul(("    security_groups: [web]\n    root_volume", "    root_volume"))
    [finding] = [f for f in _net(text) if f.code == "CHK-NET-001"]
    assert finding.where == "instances[0]" and "default group" in finding.message


def test_cidr_sources_must_cover_every_load_balancer_subnet() -> None:
    vpc = _seoul(("{ports: 80, source: sg:alb}", "{ports: 80, source: 10.0.0.0/16}"))
    assert _net(vpc) == []
    one_zone = _seoul(("{ports: 80, source: sg:alb}", "{ports: 80, source: 10.0.0.0/24}"))
    assert [f.code for f in _net(one_zone)] == ["CHK-NET-001"]


def test_restricted_egress_of_the_load_balancer_blocks_the_target_port() -> None:
    text = _seoul(("      - {ports: 443, source: 0.0.0.0/0}\n",
                   "      - {ports: 443, source: 0.0.0.0/0}\n    egress:\n      - {ports: 443, destination: 0.0.0.0/0}\n"))
    [finding] = _net(text)
    assert finding.code == "CHK-NET-001" and finding.where == "security_groups[0].egress"
    assert finding.related_path == ("load_balancers", 0, "targets", 0)
    assert "destination: sg:web" in (finding.fix or "")


def test_a_udp_listener_needs_a_udp_rule() -> None:
    text = _seoul(("    type: application\n", "    type: network\n"),
                  ("listeners: [{port: 443, protocol: HTTPS, certificate: acm:shop-cert}]",
                   "listeners: [{port: 53, protocol: UDP}]"),
                  ("{ports: 80, source: sg:alb}", "{ports: 53, source: 10.0.0.0/16}"))
    assert [f.code for f in _net(text)] == ["CHK-NET-001"]
    fixed = text.replace("{ports: 53, source: 10.0.0.0/16}", "{ports: 53, protocol: udp, source: 10.0.0.0/16}")
    assert _net(fixed) == []


def test_an_application_load_balancer_without_groups_reaches_no_client() -> None:
    text = _seoul(("    security_groups: [alb]\n", ""),
                  ("{ports: 80, source: sg:alb}", "{ports: 80, source: 10.0.0.0/16}"))
    [finding] = _net(text)
    assert finding.code == "CHK-NET-002" and finding.where == "load_balancers[0]"
    assert "0.0.0.0/0" in (finding.fix or "")


def test_database_port_must_be_open_to_some_application() -> None:
    text = _seoul(("{ports: 3306, source: sg:web}", "{ports: 5432, source: sg:web}"))
    [finding] = _net(text)
    assert finding.code == "CHK-NET-003" and finding.where == "security_groups[2].ingress"
    assert "3306" in finding.message and finding.related_path == ("instances", 0)
    postgres = text.replace("engine: mysql", "engine: postgres")
    assert _net(postgres) == []


def test_database_rule_naming_a_group_nobody_holds_is_unreachable() -> None:
    text = _seoul(("  - name: db\n    ingress:\n      - {ports: 3306, source: sg:web}",
                   "  - name: db\n    ingress:\n      - {ports: 3306, source: sg:batch}\n  - name: batch"))
    assert [f.code for f in _net(text)] == ["CHK-NET-003"]


def test_cluster_nodes_reach_a_database_through_a_vpc_cidr_rule() -> None:
    text = _seoul(("{ports: 3306, source: sg:web}", "{ports: 3306, source: 10.0.0.0/16}"))
    assert _net(text) == []


def test_nodes_in_an_isolated_subnet_cannot_reach_a_public_endpoint() -> None:
    text = _seoul(("    subnet: app\n    endpoint: private", "    subnet: data\n    endpoint: public"))
    [finding] = [f for f in _net(text) if f.code == "CHK-NET-004"]
    assert finding.where == "clusters[0].endpoint"
    assert finding.related_path == ("network", "subnets", 2, "tier")
    assert finding.related_line == _line(text, "tier: isolated")


def test_nodes_behind_nat_need_the_endpoint_open_to_the_nat_address() -> None:
    open_to_all = _seoul(("    endpoint: private", "    endpoint: public"))
    assert _net(open_to_all) == []
    narrowed = _seoul(("    endpoint: private", "    endpoint: public\n    public_access_cidrs: [203.0.113.0/24]"))
    [finding] = _net(narrowed)
    assert finding.code == "CHK-NET-004" and "NAT gateway" in finding.message
    both = _seoul(("    endpoint: private", "    endpoint: public-and-private\n    public_access_cidrs: [203.0.113.0/24]"))
    assert _net(both) == []


def test_hops_are_pluggable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A further hop (network ACLs, when the format has them) is one more function in HOPS."""
    def deny_all(bp: object, flow: reachability.Flow) -> reachability.Blocked:
        return reachability.Blocked("a network ACL denies it", ("network",), "allow it in the ACL")

    monkeypatch.setattr(reachability, "HOPS", (*reachability.HOPS, deny_all))
    codes = sorted(f.code for f in _net(SEOUL))
    assert codes == ["CHK-NET-001", "CHK-NET-003"]


def test_gcp_blueprints_are_not_analysed() -> None:
    text = (BLUEPRINTS / "gke-bootcamp.yaml").read_text()
    assert _net(text) == []
