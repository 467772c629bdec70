"""``planner dry-run`` output as SARIF and JUnit: pure functions of the result."""

from __future__ import annotations

from typing import Any

from planner.dryrun.model import DryRunResult
from planner.findings import Finding, dry_run_finding
from planner.writers.junit import Case, Suite, junit_xml
from planner.writers.sarif import SarifRule, sarif_log

RULES = (SarifRule("DRY-APPLY", "the mocked AWS accepts every create call", "error"),
         SarifRule("DRY-CHECK", "every instance type is offered in its zones", "error"),
         SarifRule("DRY-TEARDOWN", "every resource of the run is removed again", "error"),
         SarifRule("DRY-VERIFY", "what was created reads back as planned", "error"))


def findings(result: DryRunResult) -> list[Finding]:
    """The run's findings, and one for the resources teardown left behind."""
    found = list(result.findings)
    if not result.teardown_ok:
        found.append(dry_run_finding("teardown", "left behind: " + ", ".join(result.remaining), "teardown"))
    return found


def dry_run_sarif(result: DryRunResult, file: str) -> dict[str, Any]:
    """A SARIF result per finding, located at the blueprint (the run has no line of its own)."""
    return sarif_log(RULES, findings(result), lambda f: f"{f.resource}: {f.message}", default_uri=file)


def dry_run_junit(result: DryRunResult, file: str) -> str:
    """A suite of the steps (a failed step fails), one of what was not rehearsed (skipped), one of findings."""
    steps = [Case(f"dry-run.{s.action}", f"{s.kind} {s.name}",
                  None if s.ok else (s.detail or "failed"), f"DRY-{s.action.upper()}") for s in result.steps]
    skipped = [Case("dry-run.not-rehearsed", f"{n['kind']} {n['name']}", skipped=n["reason"])
               for n in result.not_rehearsed]
    failed_steps = {(f"{s.kind} {s.name}", s.detail) for s in result.steps if not s.ok}
    found = [Case("dry-run.findings", f.resource or f.code, f.message, f.code, f"{file}: {f.resource}: {f.message}")
             for f in findings(result) if (f.resource, f.message) not in failed_steps]  # a failed step says it once
    suites = [Suite("steps", steps), Suite("not rehearsed", skipped), Suite("findings", found)]
    return junit_xml(f"planner dry-run {file}", [s for s in suites if s.cases])
