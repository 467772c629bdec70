"""Findings: the data every stage returns instead of raising.

A finding names where in the blueprint it applies (file, line, YAML path), what is wrong and how
to fix it, so one run can report every problem and each one reads
``FILE:LINE: PATH: problem — fix``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
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


def sort_key(finding: Finding) -> tuple[int, int, str, str]:
    """Errors first, then by line, so output reads top to bottom."""
    rank = {"error": 0, "warning": 1, "info": 2}[finding.severity]
    return (rank, finding.line or 0, finding.where, finding.code)
