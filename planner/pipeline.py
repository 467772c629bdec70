"""Runs the stages in order and returns one result; no printing, no exiting.

``analyze`` is the front half every command shares: load -> plan -> static checks. It raises
:class:`InvalidInput` (with every problem) when the blueprint has errors, so later stages only ever
see a blueprint that is safe to use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from planner.blueprint.loader import LoadedBlueprint, load_blueprint
from planner.checks import run_checks
from planner.errors import InvalidInput
from planner.findings import Finding, sort_key
from planner.plan import Plan, build_plan


@dataclass
class Analysis:
    """A loaded blueprint, its derived plan, and the static findings (warnings and notes only)."""

    loaded: LoadedBlueprint
    plan: Plan
    findings: list[Finding] = field(default_factory=list)

    @property
    def blueprint(self):
        return self.loaded.blueprint


def analyze_loaded(loaded: LoadedBlueprint, *, raise_on_error: bool = True) -> Analysis:
    plan, findings = build_plan(loaded)
    findings += run_checks(loaded, plan)
    findings.sort(key=sort_key)
    errors = [f for f in findings if f.severity == "error"]
    if errors and raise_on_error:
        raise InvalidInput(f"{loaded.file}: {len(errors)} error(s)", findings)
    return Analysis(loaded, plan, findings)


def analyze(path: str | os.PathLike[str], *, raise_on_error: bool = True) -> Analysis:
    """Load, plan and check one blueprint file."""
    return analyze_loaded(load_blueprint(path), raise_on_error=raise_on_error)
