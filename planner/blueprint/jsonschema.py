"""JSON Schema export of the blueprint format, for editors (yaml-language-server) and CI.

Every property carries a description (from ``Field(description=...)`` in :mod:`planner.blueprint.schema`,
else from :mod:`planner.blueprint.descriptions`), so editors show help on hover; fields that no shipped
example blueprint uses carry ``examples`` (:mod:`planner.blueprint.field_examples`).
"""

from __future__ import annotations

from typing import Any

from planner.blueprint.descriptions import DESCRIPTIONS
from planner.blueprint.field_examples import EXAMPLES
from planner.blueprint.schema import Blueprint

SCHEMA_ID = "https://planner.invalid/blueprint/v1.schema.json"


def blueprint_json_schema() -> dict[str, Any]:
    schema = Blueprint.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "planner blueprint, format version 1"
    for model, node in [("Blueprint", schema), *schema.get("$defs", {}).items()]:
        for key, prop in node.get("properties", {}).items():
            field = f"{model}.{key}"
            if "description" not in prop and field in DESCRIPTIONS:
                prop["description"] = DESCRIPTIONS[field]
            if field in EXAMPLES:
                prop["examples"] = [EXAMPLES[field]]
    return schema


def schema_fields() -> set[str]:
    """Every ``Model.field`` of the blueprint format."""
    schema = Blueprint.model_json_schema(by_alias=True, mode="validation")
    fields = {f"Blueprint.{key}" for key in schema.get("properties", {})}
    for model, node in schema.get("$defs", {}).items():
        fields |= {f"{model}.{key}" for key in node.get("properties", {})}
    return fields
