"""Findings: the data every stage returns instead of raising — one type for check, dry-run and review.

A finding names where in the blueprint it applies (file, line, YAML path), what is wrong and how
to fix it, so one run can report every problem and each one reads
``FILE:LINE: PATH: problem — fix``.

The same type carries what each stage adds: ``category`` says which stage and topic it belongs to
(``check``, ``dry-run`` or a Well-Architected pillar), ``resource`` the resource it is about, and a
review finding also its ``status`` (PASS, FAIL, MANUAL, SKIPPED), best practice and title. Each
stage keeps its own JSON view (``to_dict`` for check, ``review_dict``, ``dry_run_dict``), so the
published JSON does not change; SARIF, JUnit and the report read the fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info", "high", "medium", "low"]  # check and dry-run; review
ReviewStatus = Literal["PASS", "FAIL", "MANUAL", "SKIPPED"]
CHECK = "check"
DRY_RUN = "dry-run"
PathPart = str | int
Path = tuple[PathPart, ...]


def format_path(path: Path) -> str:
    """Render ``("instances", 1, "type")`` as ``instances[1].type``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or note) about one place in a blueprint."""

    code: str
    severity: Severity
    message: str
    path: Path = ()
    fix: str | None = None
    file: str | None = None
    line: int | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    related_path: Path | None = field(default=None, compare=False, hash=False)
    """The other end of a problem that spans two places (a path's source and destination)."""
    related_line: int | None = field(default=None, compare=False, hash=False)
    category: str = CHECK
    """``check``, ``dry-run`` or the Well-Architected pillar of a review finding."""
    resource: str | None = None
    status: ReviewStatus | None = None
    best_practice: str = ""
    title: str = ""
    stage: str = ""
    """The dry-run step that found it: apply, verify, teardown or check."""

    @property
    def where(self) -> str:
        return format_path(self.path)

    def render(self) -> str:
        loc = self.file or "<blueprint>"
        if self.line is not None:
            loc += f":{self.line}"
        text = f"{loc}: {self.where}: {self.message}"
        if self.related_path is not None:
            other = f"line {self.related_line}, " if self.related_line is not None else ""
            text += f" (other end: {other}{format_path(self.related_path)})"
        if self.fix:
            text += f" — {self.fix}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "path": self.where,
            "message": self.message,
            "fix": self.fix,
            "related": None if self.related_path is None else {
                "path": format_path(self.related_path), "line": self.related_line},
        }


    def review_dict(self) -> dict[str, object]:
        """The review's JSON view of a finding (``planner review --format json``, report.json)."""
        return {"id": self.code, "pillar": self.category, "best_practice": self.best_practice,
                "severity": self.severity, "status": self.status, "resource": self.resource, "title": self.title,
                "detail": self.message, "remediation": self.fix, "file": self.file, "line": self.line}

    def dry_run_dict(self) -> dict[str, object]:
        """The dry-run's JSON view of a finding (``planner dry-run --format json``, report.json)."""
        return {"resource": self.resource, "message": self.message, "stage": self.stage}


RANK = {"error": 0, "high": 0, "warning": 1, "medium": 1, "info": 2, "low": 2}


def sort_key(finding: Finding) -> tuple[int, int, str, str]:
    """Errors first, then by line, so output reads top to bottom."""
    return (RANK[finding.severity], finding.line or 0, finding.where, finding.code)


def dry_run_finding(resource: str, message: str, stage: str, file: str | None = None) -> Finding:
    """What the rehearsal found about one resource (a refused call, a read-back that differs)."""
    return Finding(f"DRY-{stage.upper()}", "error", message, file=file, category=DRY_RUN, resource=resource,
                   stage=stage)
