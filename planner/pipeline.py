"""Runs the stages in order and returns one result; no printing, no exiting.

``analyze`` is the front half every command shares: load -> plan -> static checks, scenarios and
``review.skip`` ids. It raises :class:`InvalidInput` (with every problem) when the blueprint has
errors, so later stages only ever see a blueprint that is safe to use. When the schema rejects part
of a file, the parts it accepts are still checked (:mod:`planner.blueprint.partial`), so one run
lists every problem that can be known.
"""

from __future__ import annotations

import os

from planner.analysis import Analysis
from planner.blueprint.loader import LoadedBlueprint, validate_document
from planner.blueprint.partial import partial_blueprint
from planner.blueprint.yamlsource import SourceDocument, read_yaml
from planner.checks import run_checks
from planner.errors import InvalidInput
from planner.findings import Finding, sort_key
from planner.plan import Plan, build_plan
from planner.review.skips import skip_problems
from planner.scenarios import scenario_problems


def semantic_findings(loaded: LoadedBlueprint) -> tuple[Plan, list[Finding]]:
    """The plan and every finding past the schema: network plan, static rules, scenarios, skip ids."""
    plan, findings = build_plan(loaded)
    findings += run_checks(loaded, plan)
    findings += scenario_problems(loaded)
    findings += skip_problems(loaded)
    return plan, findings


def analyze_loaded(loaded: LoadedBlueprint, *, raise_on_error: bool = True) -> Analysis:
    plan, findings = semantic_findings(loaded)
    findings.sort(key=sort_key)
    errors = [f for f in findings if f.severity == "error"]
    if errors and raise_on_error:
        raise InvalidInput(f"{loaded.file}: {len(errors)} error(s)", findings)
    return Analysis(loaded, plan, findings)


def analyze_document(doc: SourceDocument, *, raise_on_error: bool = True) -> Analysis:
    """Validate, plan and check one parsed document; schema errors come with the findings of the rest."""
    try:
        loaded = validate_document(doc)
    except InvalidInput as exc:
        problems = list(exc.problems)
        partial = partial_blueprint(doc, problems)
        if partial is not None:
            _, more = semantic_findings(partial.loaded)
            problems += [f for f in (partial.relocate(m) for m in more) if f is not None]
        problems.sort(key=sort_key)
        errors = sum(1 for p in problems if p.severity == "error")
        raise InvalidInput(f"{doc.file}: {errors} error(s)", problems) from None
    return analyze_loaded(loaded, raise_on_error=raise_on_error)


def analyze(path: str | os.PathLike[str], *, raise_on_error: bool = True) -> Analysis:
    """Load, plan and check one blueprint file."""
    return analyze_document(read_yaml(path), raise_on_error=raise_on_error)


__all__ = ["Analysis", "analyze", "analyze_document", "analyze_loaded", "semantic_findings"]
