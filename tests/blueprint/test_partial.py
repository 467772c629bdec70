"""One run lists every problem: schema errors in one part do not hide the semantic errors of the rest."""

from __future__ import annotations

import pytest

from planner.blueprint.yamlsource import parse_yaml
from planner.errors import InvalidInput
from planner.findings import Finding
from planner.pipeline import analyze_document
from tests.conftest import BLUEPRINTS

MINIMAL = (BLUEPRINTS / "minimal-vm.yaml").read_text()
ROOT = "    root_volume: {size_gb: 8, type: gp2, encrypted: true}\n"
MORE_GROUPS = ROOT + """  - name: bad
    type: t3.medium
    count: -1
    subnet: main
  - name: other
    type: t3.medium
    subnet: main
    security_groups: [nope]
"""
SHORT_LIFECYCLE = """buckets:
  - name: logs
    lifecycle:
      - {after_days: 10, storage_class: STANDARD_IA}
"""


def _problems(text: str) -> list[Finding]:
    with pytest.raises(InvalidInput) as info:
        analyze_document(parse_yaml(text, "t.yaml"))
    return list(info.value.problems)


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_schema_and_semantic_errors_of_one_file_come_in_one_run() -> None:
    text = MINIMAL.replace(ROOT, MORE_GROUPS) + SHORT_LIFECYCLE
    found = {(p.code, p.where, p.line) for p in _problems(text)}
    assert found == {
        ("schema", "instances[1].count", _line(text, "count: -1")),
        # located in the file, past the left-out group: instances[2], not the partial copy's [1]
        ("CHK-REF-002", "instances[2].security_groups[0]", _line(text, "security_groups: [nope]")),
        ("CHK-S3-003", "buckets[0].lifecycle[0].after_days", _line(text, "after_days: 10")),
    }


def test_findings_about_a_left_out_item_are_not_reported() -> None:
    # the subnet has a schema error, so the instance naming it is not told that 'main' is unknown
    text = MINIMAL.replace("{name: main, tier: public, prefix: 26}", "{name: main, tier: public, prefix: 99}")
    problems = _problems(text)
    assert [(p.code, p.where) for p in problems] == [("schema", "network.subnets[0].prefix")]


def test_a_broken_carrying_key_stops_the_semantic_checks() -> None:
    # without a valid provider no rule means anything: only the schema error, no guesses
    text = MINIMAL.replace("provider: aws", "provider: azure") + SHORT_LIFECYCLE
    problems = _problems(text)
    assert [p.where for p in problems] == ["provider"]


def test_a_bad_optional_top_level_key_is_left_out_and_the_rest_checked() -> None:
    text = MINIMAL.replace("tags: {owner: me, env: dev}", "tags: [owner]") + SHORT_LIFECYCLE
    assert {p.where for p in _problems(text)} == {"tags", "buckets[0].lifecycle[0].after_days"}


def test_the_error_count_in_the_summary_counts_every_problem() -> None:
    text = MINIMAL.replace(ROOT, MORE_GROUPS) + SHORT_LIFECYCLE
    with pytest.raises(InvalidInput, match=r"t\.yaml: 3 error\(s\)"):
        analyze_document(parse_yaml(text, "t.yaml"))
