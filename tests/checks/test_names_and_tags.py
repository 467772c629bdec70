"""Tags, labels and deployed names AWS or GCP would refuse are rejected by `check`, located."""

from __future__ import annotations

import pytest

from planner.blueprint import load_blueprint_text
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.pipeline import analyze_loaded
from tests.conftest import BLUEPRINTS

MINIMAL = (BLUEPRINTS / "minimal-vm.yaml").read_text()
SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()
GKE = (BLUEPRINTS / "gke-bootcamp.yaml").read_text()


def _errors(text: str) -> list[Finding]:
    try:
        analysis = analyze_loaded(load_blueprint_text(text, "t.yaml"))
    except InvalidInput as exc:
        return [p for p in exc.problems if p.severity == "error"]
    return [f for f in analysis.findings if f.severity == "error"]


def _tags(text: str, tags: str) -> str:
    assert "tags: {owner: me, env: dev}" in text
    return text.replace("tags: {owner: me, env: dev}", f"tags: {tags}")


@pytest.mark.parametrize(("tags", "where", "words"), [
    ("{owner: '" + "x" * 257 + "'}", "tags.owner", "value of 257 characters; AWS allows at most 256"),
    ("{'" + "k" * 129 + "': v}", "tags." + "k" * 129, "129 characters; AWS allows at most 128"),
    ("{'aws:cost': v}", "tags.aws:cost", "starts with 'aws:'"),
    ("{'AWS:cost': v}", "tags.AWS:cost", "starts with 'aws:'"),
    ("{owner: \"a\\x07b\"}", "tags.owner", "control characters (U+0007)"),
    ("{'planner:run-id': x}", "tags.planner:run-id", "set by planner"),
])
def test_an_aws_tag_aws_would_refuse_is_an_error(tags: str, where: str, words: str) -> None:
    (error,) = _errors(_tags(MINIMAL, tags))
    assert error.code == "CHK-TAG-001"
    assert error.where == where
    assert words in error.message


def test_the_fifty_tag_limit_counts_planners_own_three() -> None:
    many = "{" + ", ".join(f"k{i}: v" for i in range(47)) + "}"
    assert _errors(_tags(MINIMAL, many)) == []
    one_more = "{" + ", ".join(f"k{i}: v" for i in range(48)) + "}"
    (error,) = _errors(_tags(MINIMAL, one_more))
    assert error.where == "tags"
    assert "48 tags" in error.message and "planner's 3" in error.message and "limit of 50" in error.message


def test_resource_tags_add_to_the_blueprint_tags() -> None:
    own = "{" + ", ".join(f"r{i}: v" for i in range(46)) + "}"
    text = MINIMAL.replace("    subnet: main\n", f"    subnet: main\n    tags: {own}\n", 1)
    (error,) = _errors(text)
    assert error.where == "instances[0].tags"
    assert "48 tags" in error.message


def test_gcp_labels_must_be_lower_case_and_short() -> None:
    old = "tags: {owner: platform-team, env: training}"
    assert old in GKE
    text = GKE.replace(old, "tags: {Owner: me, team: 'Data Team', env: '" + "d" * 64 + "', ok: fine_1}")
    errors = {(e.where, e.code) for e in _errors(text)}
    assert errors == {("tags.Owner", "CHK-TAG-001"), ("tags.team", "CHK-TAG-001"), ("tags.env", "CHK-TAG-001")}


def _deployed_name_errors(text: str) -> list[Finding]:
    return [e for e in _errors(text) if e.code == "CHK-NAME-002"]


def _lb_named(name: str, port: int = 443) -> str:
    old = "  - name: web\n    type: application"
    assert old in SEOUL
    text = SEOUL.replace(old, f"  - name: {name}\n    type: application")
    return text.replace("listeners: [{port: 443,", f"listeners: [{{port: {port},")


def test_an_alb_name_over_32_characters_after_the_blueprint_prefix_is_an_error() -> None:
    assert _deployed_name_errors(_lb_named("a" * 17)) == []  # shop-seoul-<17> = 28, -443 = 32
    (error,) = _deployed_name_errors(_lb_named("a" * 22))  # shop-seoul-<22> = 33
    assert error.where == "load_balancers[0].name"
    assert "'shop-seoul-" + "a" * 22 + "'" in error.message and "at most 32" in error.message


def test_a_target_group_name_counts_the_listener_port() -> None:
    (error,) = _deployed_name_errors(_lb_named("b" * 17, port=8443))  # shop-seoul-<17>-8443 = 33
    assert error.where == "load_balancers[0].listeners[0].port"
    assert "target group" in error.message and "'shop-seoul-" + "b" * 17 + "-8443'" in error.message


def _db_named(name: str) -> str:
    text = SEOUL.replace("  - name: orders\n    engine: mysql", f"  - name: {name}\n    engine: mysql")
    assert text != SEOUL
    return text


def test_an_rds_identifier_counts_the_prefix_and_the_replica_suffix() -> None:
    # one read replica: shop-seoul-<name>-replica-1 must stay within 63
    fits = "d" * (63 - len("shop-seoul-") - len("-replica-1"))
    assert _deployed_name_errors(_db_named(fits)) == []
    (error,) = _deployed_name_errors(_db_named(fits + "x"))
    assert error.where == "databases[0].name"
    assert "RDS read replica" in error.message and "at most 63" in error.message


def test_the_examples_have_no_name_or_tag_errors() -> None:
    for example in sorted(BLUEPRINTS.glob("*.yaml")):
        errors = [e for e in _errors(example.read_text()) if e.code in ("CHK-TAG-001", "CHK-NAME-002")]
        assert errors == [], example.name
