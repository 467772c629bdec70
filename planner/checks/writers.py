"""``planner check`` output as SARIF and JUnit: pure functions of each file's findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from planner.checks.registry import RULES
from planner.findings import Finding
from planner.writers.junit import Case, Suite, junit_xml
from planner.writers.sarif import rules_for, sarif_log

FileFindings = tuple[str, Sequence[Finding]]  # a blueprint file and every finding about it
TITLES = {r.id: r.title for r in RULES} | {"schema": "the blueprint fits the format", "yaml": "the file is safe YAML"}


def _text(f: Finding) -> str:
    return f"{f.where}: {f.message}" + (f" — {f.fix}" if f.fix else "")


def check_sarif(files: Sequence[FileFindings]) -> dict[str, Any]:
    """One SARIF log for every file checked: a result per finding, located by file, line and YAML path."""
    for_file = [(path, [f if f.file else replace(f, file=path) for f in found]) for path, found in files]
    findings = [f for _, found in for_file for f in found]
    return sarif_log(rules_for(findings, TITLES), findings, _text, default_uri=files[0][0] if files else "",
                     logical_paths=True)


def check_junit(files: Sequence[FileFindings]) -> str:
    """A suite per file, a case per finding: errors fail, warnings and notes pass with their text shown;
    a file without findings is one passing case."""
    suites = []
    for path, found in files:
        cases = []
        for f in found:
            name = f"{f.code} {f.where}"
            where = f"{path}:{f.line}" if f.line else path
            if f.severity == "error":
                cases.append(Case(path, name, f.message, f.code, f"{where}: {_text(f)}"))
            else:
                cases.append(Case(path, name, output=f"{f.severity}: {where}: {_text(f)}"))
        suites.append(Suite(path, cases or [Case(path, "blueprint is valid")]))
    return junit_xml("planner check", suites)
