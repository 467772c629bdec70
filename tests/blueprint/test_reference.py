"""The format reference cannot drift: every field has a description and a valid example in the JSON
Schema, and docs/blueprint.md's "Every key" table is what the schema and the examples generate."""

from __future__ import annotations

import os
from typing import Any

import jsonschema
import pytest

from planner.blueprint.descriptions import DESCRIPTIONS
from planner.blueprint.field_examples import EXAMPLES
from planner.blueprint.jsonschema import blueprint_json_schema, schema_fields
from planner.blueprint.reference import END, START, key_reference, key_rows, replace_section
from tests.conftest import BLUEPRINTS, REPO

DOC = REPO / "docs" / "blueprint.md"
SCHEMA = blueprint_json_schema()


def test_every_field_of_the_json_schema_has_a_description() -> None:
    missing = [field for path, field, prop, _ in key_rows(SCHEMA) if not prop.get("description")]
    assert missing == []


def test_descriptions_and_examples_name_only_fields_that_exist() -> None:
    fields = schema_fields()
    assert set(DESCRIPTIONS) - fields == set()
    assert set(EXAMPLES) - fields == set()


def _property(field: str) -> dict[str, Any]:
    model, key = field.split(".", 1)
    node = SCHEMA if model == "Blueprint" else SCHEMA["$defs"][model]
    return {"$defs": SCHEMA["$defs"], **node["properties"][key]}


@pytest.mark.parametrize("field", sorted(EXAMPLES))
def test_every_schema_example_is_valid_for_its_field(field: str) -> None:
    jsonschema.validate(EXAMPLES[field], _property(field))


def test_every_key_has_a_type_a_default_and_an_example_in_the_table() -> None:
    table = key_reference(BLUEPRINTS)
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == len(list(key_rows(SCHEMA)))
    empty = [row.split(" | ")[0] for row in rows if any(not cell.strip() for cell in row.strip("|").split(" | "))]
    assert empty == []


def test_docs_blueprint_md_holds_the_generated_table() -> None:
    text = DOC.read_text()
    expected = replace_section(text, key_reference(BLUEPRINTS))
    if os.environ.get("UPDATE_GOLDEN"):
        DOC.write_text(expected)
        text = expected
    assert START in text and END in text, "run UPDATE_GOLDEN=1 .venv/bin/pytest tests/blueprint/test_reference.py"
    assert text == expected, "docs/blueprint.md is stale: UPDATE_GOLDEN=1 .venv/bin/pytest tests/blueprint/test_reference.py"
