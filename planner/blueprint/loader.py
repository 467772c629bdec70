"""Load a blueprint file into a typed :class:`Blueprint`, or report every problem in it.

Errors name the file, the line, the YAML path and a fix; unknown keys get a "did you mean". All
schema problems of a file come back in one :class:`~planner.errors.InvalidInput`.
"""

from __future__ import annotations

import difflib
import math
import os
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.blueprint.schema import Blueprint
from planner.blueprint.yamlsource import SourceDocument, parse_yaml, read_yaml
from planner.errors import InvalidInput
from planner.findings import Finding, Path, sort_key


@dataclass
class LoadedBlueprint:
    """A validated blueprint plus where each of its values came from."""

    blueprint: Blueprint
    source: SourceDocument

    @property
    def file(self) -> str:
        return self.source.file

    def finding(self, code: str, severity: str, message: str, path: Path, fix: str | None = None,
                **extra: object) -> Finding:
        """A finding located at ``path`` in this blueprint's file."""
        return Finding(code, severity, message, path, fix, self.source.file,  # type: ignore[arg-type]
                       self.source.line_of(path), dict(extra))


def load_blueprint(path: str | os.PathLike[str], *, display_name: str | None = None) -> LoadedBlueprint:
    """Read and validate one blueprint file; raise :class:`InvalidInput` listing every problem."""
    return validate_document(read_yaml(path, display_name=display_name))


def load_blueprint_text(text: str, file: str = "<string>") -> LoadedBlueprint:
    """Like :func:`load_blueprint`, from text (tests, stdin)."""
    return validate_document(parse_yaml(text, file))


def validate_document(doc: SourceDocument) -> LoadedBlueprint:
    if not isinstance(doc.data, dict):
        problem = Finding("schema", "error", "a blueprint is a mapping of keys (version, name, provider, ...)",
                          (), "start from blueprints/minimal-vm.yaml", doc.file, doc.line_of(()))
        raise InvalidInput(problem.render(), [problem])
    try:
        blueprint = Blueprint.model_validate(doc.data)
    except ValidationError as exc:
        problems = sorted(_problems(exc, doc), key=sort_key)
        raise InvalidInput(f"{doc.file}: {len(problems)} problem(s)", problems) from None
    return LoadedBlueprint(blueprint, doc)


# ----------------------------------------------------------------------------- error translation
def _problems(exc: ValidationError, doc: SourceDocument) -> list[Finding]:
    seen: dict[tuple[Path, str], Finding] = {}
    union_groups: dict[Path, list[dict[str, Any]]] = {}
    errors: list[dict[str, Any]] = [dict(e) for e in exc.errors(include_url=False)]
    for error in errors:
        path, data_path_complete = _data_path(error["loc"], doc.data)
        if not data_path_complete:
            union_groups.setdefault(path, []).append(error)
            continue
        finding = _finding(error, path, doc)
        seen.setdefault((path, finding.message), finding)
    for path, errors in union_groups.items():
        # A value that fits none of a union's shapes: one message, not one per shape.
        value = _value_at(doc.data, path)
        finding = Finding("schema", "error", f"{value!r} is not a valid value here", path,
                          _union_fix(errors), doc.file, doc.line_of(path))
        seen.setdefault((path, finding.message), finding)
    return list(seen.values())


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Path, bool]:
    """Keep the parts of a pydantic location that index the input; flag union branch names."""
    path: list[str | int] = []
    node = data
    complete = True
    for part in loc:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_like_type(part):
            path.append(part)  # a missing or unknown key
            node = None
        else:
            complete = False  # a union member name such as 'int' or 'list[...]'
    return tuple(path), complete


def _looks_like_type(part: str) -> bool:
    return part in {"int", "str", "float", "bool", "list", "dict", "none"} or "[" in part or part.startswith(
        "function-"
    )


def _value_at(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _finding(error: dict[str, Any], path: Path, doc: SourceDocument) -> Finding:
    kind = error["type"]
    line = doc.line_of(path)
    message = str(error["msg"]).removeprefix("Value error, ")
    fix: str | None = None
    if kind == "extra_forbidden":
        key = path[-1] if path else "?"
        allowed = _allowed_keys(path[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        message = f"unknown key {key!r}"
        fix = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(sorted(allowed))}"
    elif kind == "missing":
        key = path[-1] if path else "?"
        message = f"missing required key {key!r}"
        fix = f"add '{key}: ...' here"
        line = doc.line_of(path[:-1])
    elif kind == "literal_error":
        value = error.get("input")
        expected = str(error.get("ctx", {}).get("expected", ""))
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        message = f"{value!r} is not one of: {', '.join(options)}"
        fix = f"did you mean {close[0]!r}?" if close else "use one of the listed values"
    elif kind == "string_pattern_mismatch":
        message = f"{error.get('input')!r} does not match the naming rule {error['ctx']['pattern']}"
        fix = "use lower-case letters, digits and '-', starting and ending with a letter or digit"
    elif kind in _NUMBER_TYPES and (number := _not_a_number(kind, error.get("input"))):
        message, fix = number
    elif kind in ("string_type", "int_type", "int_parsing", "float_type", "float_parsing", "bool_type",
                  "bool_parsing", "list_type", "dict_type", "model_type", "model_attributes_type"):
        message = f"{error.get('input')!r}: {message[0].lower()}{message[1:]}"
        fix = {"string_type": "quote the value", "list_type": "write a YAML list ([a, b] or '- a' lines)",
               "dict_type": "write a mapping of key: value", "model_type": "write a mapping of key: value",
               "model_attributes_type": "write a mapping of key: value"}.get(kind, "use a value of that type")
    elif kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        limit = _number(error.get("ctx", {}).get(key))
        message = f"{_number(error.get('input'))} is {word} {limit}"
        fix = f"use a value {_SYMBOL[kind]} {limit}"
    elif kind == "finite_number":
        value = error.get("input")
        shown = _yaml_float(value) if isinstance(value, float) else repr(value)
        message = f"{shown} is not a number"
        fix = ".inf/.nan are not numbers; give a finite value"
    elif kind.startswith(("greater", "less", "too_short", "too_long")):
        message = f"{error.get('input')!r}: {message[0].lower()}{message[1:]}"
        fix = "change the value to fit the limit"
    elif "did you mean" in message:
        message, _, hint = message.partition("; did you mean")
        fix = "did you mean" + hint
    else:
        fix = "see the blueprint format (planner schema)"
    return Finding("schema", "error", message, path, fix, doc.file, line)


_NUMBER_TYPES = ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing")


def _not_a_number(kind: str, value: Any) -> tuple[str, str] | None:
    """Message and fix for a value of the wrong kind where a number belongs, or None for the generic one."""
    whole = kind.startswith("int")
    example = "a whole number such as 2" if whole else "a number such as 2.5"
    if isinstance(value, bool):
        return f"{str(value).lower()} is a YAML boolean, not a number", f"write {example}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{_yaml_float(value)} is not a number", f"write {example} (.inf and .nan are not numbers)"
    if isinstance(value, float) and whole:
        return f"{_number(value)} is not a whole number", f"write {example}"
    if isinstance(value, str):
        hint = " (YAML reads 1e30 without a dot as text: write 1.0e+30)" if "e" in value.lower() and not whole else ""
        return f"{value!r} is text, not a number", f"write {example} without quotes{hint}"
    return None


_BOUNDS = {
    "less_than_equal": ("above the maximum", "le"), "less_than": ("not below the limit", "lt"),
    "greater_than_equal": ("below the minimum", "ge"), "greater_than": ("not above the limit", "gt"),
}
_SYMBOL = {"less_than_equal": "<=", "less_than": "<", "greater_than_equal": ">=", "greater_than": ">"}


def _number(value: Any) -> str:
    """A bound or value as a reader writes it: ``1000000000``, not ``1e9`` or ``1000000000.0``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _yaml_float(value: float) -> str:
    """``inf`` -> ``.inf``, ``-inf`` -> ``-.inf``, ``nan`` -> ``.nan``: as the blueprint spells them."""
    text = str(value)
    return ("-." + text[1:]) if text.startswith("-") else "." + text


def _union_fix(errors: list[dict[str, Any]]) -> str:
    kinds = sorted({e["loc"][-1] for e in errors if isinstance(e["loc"][-1], str)})
    return "expected " + " or ".join(kinds) if kinds else "see the blueprint format (planner schema)"


def _allowed_keys(path: Path) -> list[str]:
    """The keys the model at ``path`` accepts (aliases where a field has one)."""
    model: Any = Blueprint
    for part in path:
        if isinstance(part, int):
            continue
        fields = model.model_fields if _is_model(model) else {}
        field = next((f for n, f in fields.items() if (f.alias or n) == part), None)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    if not _is_model(model):
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Annotated,):
        return _inner_model(typing.get_args(annotation)[0])
    for arg in typing.get_args(annotation) if origin in (list, dict, typing.Union, types.UnionType) else ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
