"""The dry-run result: created resources, steps, findings, teardown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.findings import Finding


@dataclass
class Step:
    action: str  # apply | verify | teardown | check
    kind: str
    name: str
    ok: bool
    detail: str = ""


@dataclass
class DryRunResult:
    backend: str
    resources: list[dict[str, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    not_rehearsed: list[dict[str, str]] = field(default_factory=list)
    teardown_ok: bool = True
    remaining: list[str] = field(default_factory=list)
    kept: bool = False
    run_id: str = ""  # planner-<8 hex>: in every resource name and the planner:run-id tag

    @property
    def ok(self) -> bool:
        return not self.findings and self.teardown_ok

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "backend": self.backend, "run_id": self.run_id, "resources": self.resources,
                "steps": [s.__dict__ for s in self.steps], "findings": [f.dry_run_dict() for f in self.findings],
                "not_rehearsed": self.not_rehearsed,
                "teardown": {"ok": self.teardown_ok, "remaining": self.remaining, "skipped": self.kept}}

    def log_lines(self) -> list[str]:
        lines = [f"dry-run against {self.backend}, run id {self.run_id}"]
        for s in self.steps:
            lines.append(f"{'ok  ' if s.ok else 'FAIL'} {s.action:<8} {s.kind:<16} {s.name}"
                         + (f" — {s.detail}" if s.detail else ""))
        for n in self.not_rehearsed:
            lines.append(f"not rehearsed: {n['kind']} {n['name']}: {n['reason']}")
        for f in self.findings:
            lines.append(f"finding: {f.resource}: {f.message}")
        lines.append("result: " + ("deployed, verified and torn down" if self.ok and not self.kept else
                                   "deployed and verified (kept)" if self.ok else "findings"))
        return lines
