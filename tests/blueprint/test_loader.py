"""Schema errors name file, line, YAML path and a fix, all of them in one run."""

from __future__ import annotations

import json

import pytest

from planner.blueprint import load_blueprint, load_blueprint_text
from planner.blueprint.jsonschema import blueprint_json_schema
from planner.errors import InvalidInput
from tests.conftest import EXAMPLES, REPO

BROKEN = """version: 1
name: Shop_x
provider: awz
region: us-east-1
netwrok: {}
network:
  cidr: 10.0.0.1/16
  zones: [a]
  subnets:
    - name: app
      tier: privat
      prefix: 24
security_groups:
  - name: web
    ingress:
      - {ports: "80-70", source: 0.0.0.0/0}
      - {ports: [80, {a: 1}], source: 0.0.0.0/0}
instances:
  - name: web
    typ: t3.large
    subnet: app
    count: -1
"""


def _problems(text: str) -> dict[str, tuple[int | None, str, str | None]]:
    with pytest.raises(InvalidInput) as info:
        load_blueprint_text(text, "t.yaml")
    return {p.where: (p.line, p.message, p.fix) for p in info.value.problems}


def test_every_problem_of_a_file_is_reported_once_with_its_line() -> None:
    problems = _problems(BROKEN)
    assert problems["name"][0] == 2
    assert problems["provider"] == (3, "'awz' is not one of: aws, gcp", "did you mean 'aws'?")
    assert problems["netwrok"] == (5, "unknown key 'netwrok'", "did you mean 'network'?")
    assert problems["network.cidr"][0] == 7 and "did you mean '10.0.0.0/16'" in str(problems["network.cidr"][2])
    assert problems["network.subnets[0].tier"][2] == "did you mean 'private'?"
    assert problems["security_groups[0].ingress[0].ports"][0] == 16
    assert problems["security_groups[0].ingress[1].ports[1]"][0] == 17
    assert problems["instances[0].typ"] == (20, "unknown key 'typ'", "did you mean 'type'?")
    assert problems["instances[0].type"][1] == "missing required key 'type'"
    assert problems["instances[0].count"][0] == 22
    assert len(problems) == 10


def test_a_document_that_is_not_a_mapping_is_refused() -> None:
    assert _problems("- 1\n- 2\n")["(document)"][1].startswith("a blueprint is a mapping")


def test_prefix_and_cidrs_are_exclusive() -> None:
    text = "version: 1\nname: x\nprovider: aws\nregion: us-east-1\nnetwork:\n  cidr: 10.0.0.0/16\n  zones: [a]\n" \
           "  subnets:\n    - {name: s, tier: public, prefix: 24, cidrs: [10.0.0.0/24]}\n"
    problems = _problems(text)
    assert "exactly one of 'prefix'" in problems["network.subnets[0]"][1]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_load_and_point_editors_at_the_schema(path) -> None:
    loaded = load_blueprint(path)
    assert loaded.blueprint.version == 1
    assert path.read_text().startswith("# yaml-language-server: $schema=../planner/blueprint/blueprint.schema.json")


def test_the_committed_json_schema_is_current() -> None:
    committed = json.loads((REPO / "planner" / "blueprint" / "blueprint.schema.json").read_text())
    assert committed == blueprint_json_schema(), "run: .venv/bin/planner schema > planner/blueprint/blueprint.schema.json"


def test_json_schema_accepts_the_examples() -> None:
    import jsonschema
    import yaml

    schema = blueprint_json_schema()
    for path in EXAMPLES:
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
