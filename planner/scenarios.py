"""Scenarios: a blueprint as one of its ``scenarios`` changes it, validated like the blueprint itself.

A scenario path reads ``KIND.NAME.FIELD`` (``instances.web.type``) or, for node groups,
``clusters.NAME.node_groups.NAME.FIELD``; top-level keys (``region``, ``usage``) are set directly.
``planner check`` and ``planner roi`` both use :func:`scenario_analysis`, so a scenario that ROI would
refuse is refused by ``check``, with the same message, located at the scenario.
"""

from __future__ import annotations

import difflib
from typing import Any

from planner.blueprint.loader import LoadedBlueprint, validate_document
from planner.blueprint.yamlsource import SourceDocument
from planner.checks import run_checks
from planner.errors import InvalidInput
from planner.findings import Finding, Path
from planner.plan import Plan, build_plan

FIXED_KEYS = {"version": "the format version", "name": "the blueprint's name (it names every resource)",
              "scenarios": "the scenarios themselves"}
"""Top-level keys a scenario must not change: it compares the same environment, changed."""


def apply_changes(loaded: LoadedBlueprint, changes: dict[str, Any], where: Path) -> LoadedBlueprint:
    """A re-validated copy of the blueprint with ``changes`` applied; InvalidInput names bad paths.

    Copy on write: only the mappings and lists on each changed path are copied, the rest is shared with
    the original (nothing here or in validation mutates it), so a scenario costs O(path), not O(blueprint).
    The copy has no scenarios of its own: a scenario changes the environment, not the comparison."""
    data = dict(loaded.source.data)
    data.pop("scenarios", None)
    problems: list[Finding] = []
    for path, value in changes.items():
        error = _set(data, path.split("."), value)
        if error:
            problems.append(loaded.finding("scenario", "error", f"scenario path {path!r}: {error[0]}",
                                           (*where, path), error[1]))
    if problems:
        raise InvalidInput(f"{loaded.file}: bad scenario path", problems)
    try:
        return validate_document(SourceDocument(data, loaded.file, loaded.source.lines))
    except InvalidInput as exc:
        raise InvalidInput(f"{loaded.file}: invalid scenario", _relocated(loaded, exc.problems, where)) from None


def scenario_analysis(loaded: LoadedBlueprint, index: int) -> tuple[LoadedBlueprint, Plan, list[Finding]]:
    """Scenario ``index`` applied: the changed blueprint, its plan and its findings (no errors).

    Raises InvalidInput, located at the scenario, when the change breaks the schema or any static rule."""
    where: Path = ("scenarios", index, "set")
    changed = apply_changes(loaded, loaded.blueprint.scenarios[index].set, where)
    plan, findings = build_plan(changed)
    findings += run_checks(changed, plan)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise InvalidInput(f"{loaded.file}: invalid scenario", _relocated(loaded, errors, where))
    return changed, plan, findings


def scenario_problems(loaded: LoadedBlueprint) -> list[Finding]:
    """Every error any scenario of the blueprint would raise in ``planner roi``."""
    problems: list[Finding] = []
    for i in range(len(loaded.blueprint.scenarios)):
        try:
            scenario_analysis(loaded, i)
        except InvalidInput as exc:
            problems += exc.problems
    return problems


def _relocated(loaded: LoadedBlueprint, problems: list[Finding], where: Path) -> list[Finding]:
    """The changed blueprint's problems, said of the scenario that caused them."""
    name = loaded.blueprint.scenarios[where[1]].name if isinstance(where[1], int) and where[1] < len(
        loaded.blueprint.scenarios) else "?"
    return [loaded.finding("scenario", "error", f"scenario {name!r} makes the blueprint invalid: {p.where}: "
                           f"{p.message}", where, p.fix) for p in problems]


def _set(data: Any, parts: list[str], value: Any) -> tuple[str, str] | None:
    if len(parts) == 1 and parts[0] in FIXED_KEYS:
        return (f"a scenario cannot change {FIXED_KEYS[parts[0]]}",
                "remove this path; a scenario changes resources, region or usage")
    node = data
    while len(parts) > 1:
        section, parts = parts[0], parts[1:]
        items = node.get(section) if isinstance(node, dict) else None
        if not isinstance(items, list):
            options = [k for k, v in node.items() if isinstance(v, list)] if isinstance(node, dict) else []
            close = difflib.get_close_matches(section, options, n=1)
            return (f"no list {section!r} here", f"did you mean {close[0]!r}?" if close else f"use one of {options}")
        if len(parts) < 2:
            return ("a path is KIND.NAME.FIELD", "e.g. instances.web.type")
        name, parts = parts[0], parts[1:]
        index = next((n for n, i in enumerate(items) if isinstance(i, dict) and i.get("name") == name), None)
        if index is None:
            names = [str(i.get("name")) for i in items if isinstance(i, dict)]
            close = difflib.get_close_matches(name, names, n=1)
            return (f"no {section} named {name!r}", f"did you mean {close[0]!r}?" if close else f"have: {names}")
        items = node[section] = list(items)
        node = items[index] = dict(items[index])
    node[parts[0]] = value
    return None
