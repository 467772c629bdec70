"""JSON Schema export of the blueprint format, for editors (yaml-language-server) and CI."""

from __future__ import annotations

from typing import Any

from planner.blueprint.schema import Blueprint

SCHEMA_ID = "https://planner.invalid/blueprint/v1.schema.json"


def blueprint_json_schema() -> dict[str, Any]:
    schema = Blueprint.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "planner blueprint, format version 1"
    return schema
