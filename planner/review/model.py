"""What a review rule is, what it returns, and the review result with its summary."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from planner.analysis import Analysis
from planner.blueprint.schema import Blueprint
from planner.cost.results import Estimate
from planner.findings import Finding

PILLARS = ("operational-excellence", "security", "reliability", "performance-efficiency", "cost-optimization",
           "sustainability")
SEVERITIES = ("high", "medium", "low")
ReviewSeverity = Literal["high", "medium", "low"]
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Hit:
    """One resource a rule looked at: ``failed`` or not, with the YAML path that locates it."""

    resource: str
    path: tuple[str | int, ...]
    failed: bool
    detail: str = ""


@dataclass
class Context:
    analysis: Analysis
    today: date
    cost: Estimate | None = None

    @property
    def bp(self) -> Blueprint:
        return self.analysis.blueprint


@dataclass(frozen=True)
class Rule:
    id: str
    pillar: str
    best_practice: str
    severity: ReviewSeverity
    kinds: tuple[str, ...]
    title: str
    remediation: str
    check: Callable[[Context], Iterable[Hit]]


@dataclass
class ReviewResult:
    blueprint: str
    file: str
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> dict[str, dict[str, int]]:
        out = {p: {"pass": 0, "fail": 0, "manual": 0, "skipped": 0} for p in PILLARS}
        for f in self.findings:
            out[f.category][(f.status or "").lower()] += 1
        for counts in out.values():
            decided = counts["pass"] + counts["fail"]
            counts["score"] = round(100 * counts["pass"] / decided) if decided else 100
        return out

    def failures(self, at_least: str = "low") -> list[Finding]:
        limit = SEVERITIES.index(at_least)
        return [f for f in self.findings if f.status == "FAIL" and SEVERITIES.index(f.severity) <= limit]

    def to_dict(self) -> dict[str, Any]:
        return {"blueprint": self.blueprint, "file": self.file, "summary": self.summary(),
                "findings": [f.review_dict() for f in self.findings]}


@cache
def best_practices() -> dict[str, dict[str, str]]:
    with (HERE / "best_practices.csv").open(newline="") as handle:
        return {row["bp_id"]: row for row in csv.DictReader(handle)}


@cache
def questions() -> dict[str, dict[str, str]]:
    with (HERE / "questions.csv").open(newline="") as handle:
        return {row["question_id"]: row for row in csv.DictReader(handle)}
