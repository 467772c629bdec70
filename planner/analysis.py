"""The input every stage after ``check`` reads: a valid blueprint, its plan and its static findings.

Stages import this type from here, not from :mod:`planner.pipeline`, which runs them: the
dependency points from the orchestrator to the stages, never back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.blueprint.loader import LoadedBlueprint
from planner.blueprint.schema import Blueprint
from planner.findings import Finding
from planner.plan import Plan


@dataclass
class Analysis:
    """A loaded blueprint, its derived plan, and the static findings (warnings and notes only)."""

    loaded: LoadedBlueprint
    plan: Plan
    findings: list[Finding] = field(default_factory=list)

    @property
    def blueprint(self) -> Blueprint:
        return self.loaded.blueprint
