"""The per-key reference of the blueprint format (docs/blueprint.md, "Every key"), generated from the
JSON Schema so that it cannot drift: every key with its type and range, default, description and an
example — taken from the shipped example blueprints where one uses the key, else from the schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from planner.blueprint.jsonschema import blueprint_json_schema
from planner.blueprint.yamlsource import read_yaml

START = ("<!-- every-key:start: generated from the JSON Schema and blueprints/ — do not edit; refresh with "
         "UPDATE_GOLDEN=1 .venv/bin/pytest tests/blueprint/test_reference.py -->")
END = "<!-- every-key:end -->"
Schema = dict[str, Any]


def key_rows(schema: Schema) -> Iterator[tuple[str, str, Schema, bool]]:
    """(dotted path, ``Model.field``, property schema, required) for every key, depth first, in
    declaration order."""
    defs = schema.get("$defs", {})

    def walk(node: Schema, owner: str, prefix: str, seen: tuple[str, ...]) -> Iterator[tuple[str, str, Schema, bool]]:
        required = set(node.get("required", []))
        for key, prop in node.get("properties", {}).items():
            path = f"{prefix}{key}"
            yield path, f"{owner}.{key}", prop, key in required
            for suffix, ref in _children(prop):
                if ref not in seen:
                    yield from walk(defs[ref], ref, f"{path}{suffix}.", (*seen, ref))

    yield from walk(schema, "Blueprint", "", ())


def _children(prop: Schema) -> Iterator[tuple[str, str]]:
    """The models a property holds: ('', Model) for a mapping, ('[]', Model) for a list of them."""
    if "$ref" in prop:
        yield "", _ref_name(prop["$ref"])
    for option in prop.get("anyOf", []):
        yield from _children(option)
    items = prop.get("items")
    if isinstance(items, dict):
        for suffix, ref in _children(items):
            yield f"[]{suffix}", ref
    extra = prop.get("additionalProperties")
    if isinstance(extra, dict):
        for suffix, ref in _children(extra):
            yield f".NAME{suffix}", ref


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_text(prop: Schema) -> str:
    """The type of a property in words: ``integer 1-65535``, ``list of string``, ``one of: a, b``."""
    if "$ref" in prop:
        return "mapping"
    if "enum" in prop:
        return "one of: " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
    if options:
        return " or ".join(dict.fromkeys(type_text(o) for o in options))
    kind = prop.get("type", "any")
    if isinstance(kind, list):
        return " or ".join(kind) + _range(prop)
    if kind == "array":
        return f"list of {type_text(prop.get('items', {}))}"
    if kind == "object":
        extra = prop.get("additionalProperties")
        return f"mapping of string to {type_text(extra)}" if isinstance(extra, dict) else "mapping"
    return str(kind) + _range(prop)


def _range(prop: Schema) -> str:
    low = prop.get("minimum", prop.get("exclusiveMinimum"))
    high = prop.get("maximum", prop.get("exclusiveMaximum"))
    if low is not None and high is not None:
        return f" {_num(low)}-{_num(high)}"
    if low is not None:
        return f" >= {_num(low)}" if "minimum" in prop else f" > {_num(low)}"
    if high is not None:
        return f" <= {_num(high)}"
    if "pattern" in prop:
        return f" matching `{prop['pattern']}`"
    if "minLength" in prop or "maxLength" in prop:
        return f" of {prop.get('minLength', 0)}-{prop.get('maxLength', '…')} characters"
    return ""


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def examples_from_blueprints(folder: Path) -> dict[str, Any]:
    """dotted key path (``instances[].type``) -> the first value an example blueprint gives it."""
    found: dict[str, Any] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                here = f"{path}{key}"
                found.setdefault(here, inner)
                walk(inner, f"{here}.")
        elif isinstance(value, list):
            for item in value:
                walk(item, f"{path[:-1]}[].")

    for file in sorted(folder.glob("*.yaml")):
        walk(read_yaml(file).data, "")  # the bounded safe loader every command uses
    return found


def _example(path: str, field: str, prop: Schema, seen: dict[str, Any]) -> str:
    """A short example: what an example blueprint uses at this path (or for this field elsewhere),
    else the schema's own example or a value it allows."""
    value = seen.get(path, seen.get(field))
    if value is None:
        value = _schema_example(prop)
    if value is None:
        return ""
    text = json.dumps(value, separators=(", ", ": "), ensure_ascii=False) if isinstance(value, (dict, list)) \
        else yaml.safe_dump(value, default_flow_style=True, width=10_000).strip().removesuffix("...").strip()
    return f"`{text[:60]}{'…' if len(text) > 60 else ''}`"


def _schema_example(prop: Schema) -> Any:
    if prop.get("examples"):
        return prop["examples"][0]
    if "enum" in prop:
        return prop["enum"][-1] if prop.get("default") == prop["enum"][0] and len(prop["enum"]) > 1 else prop["enum"][0]
    options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
    for option in options:
        value = _schema_example(option)
        if value is not None:
            return value
    kind = prop.get("type")
    if kind == "integer":
        return prop.get("minimum", 1) if prop.get("minimum", 0) > 0 else max(1, prop.get("minimum", 1))
    if kind == "number":
        return prop.get("minimum", 1)
    if kind == "boolean":
        return not prop.get("default", False)
    return None


def _default(prop: Schema, required: bool) -> str:
    if required:
        return "required"
    if "default" not in prop:  # a default factory: an empty list or mapping, or a model of defaults
        return "its keys' defaults" if "$ref" in prop else "empty"
    value = prop["default"]
    if value is None:
        return "none"
    if value in ([], {}):
        return "empty"
    return f"`{json.dumps(value) if not isinstance(value, str) else value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def key_reference(examples_folder: Path | None = None) -> str:
    """The Markdown table of every key (between the START and END markers)."""
    schema = blueprint_json_schema()
    rows = list(key_rows(schema))
    seen = examples_from_blueprints(examples_folder) if examples_folder else {}
    for path, field, _, _ in rows:
        if path in seen:
            seen.setdefault(field, seen[path])
    lines = [START, "", "| Key | Type | Default | Description | Example |", "|---|---|---|---|---|"]
    for path, field, prop, required in rows:
        lines.append("| " + " | ".join(_cell(c) for c in (
            f"`{path}`", type_text(prop), _default(prop, required), prop.get("description", ""),
            _example(path, field, prop, seen))) + " |")
    return "\n".join([*lines, "", END])


def replace_section(document: str, section: str) -> str:
    """``document`` with its generated section replaced by ``section`` (appended when missing)."""
    if START in document and END in document:
        head, rest = document.split(START, 1)
        return head + section + rest.split(END, 1)[1]
    return document.rstrip("\n") + "\n\n" + section + "\n"
