"""Review output formats as pure functions of the result: table, Markdown checklist, SARIF 2.1.0, JUnit XML."""

from __future__ import annotations

from typing import Any

from planner.review.model import PILLARS, ReviewResult
from planner.review.registry import RULES
from planner.writers.junit import Case, Suite, junit_xml
from planner.writers.sarif import LEVEL, SarifRule, sarif_log


def table(result: ReviewResult) -> str:
    lines = [f"{'status':<8} {'rule':<13} {'bp':<11} {'sev':<7} {'resource':<40} finding"]
    order = {"FAIL": 0, "SKIPPED": 1, "PASS": 2, "MANUAL": 3}
    for f in sorted(result.findings, key=lambda f: (order[f.status or 'MANUAL'], PILLARS.index(f.category), f.code)):
        if f.status == "MANUAL":
            continue
        lines.append(f"{f.status or '':<8} {f.code:<13} {f.best_practice:<11} {f.severity:<7} {f.resource or '':<40} "
                     f"{f.title}{': ' + f.message if f.status != 'PASS' and f.message else ''}")
    manual = sum(1 for f in result.findings if f.status == "MANUAL")
    lines.append("")
    for pillar, c in result.summary().items():
        lines.append(f"{pillar:<24} pass {c['pass']:>3}  fail {c['fail']:>3}  manual {c['manual']:>3}  score {c['score']}")
    lines.append(f"{manual} question(s) need a human answer (see --format markdown)")
    return "\n".join(lines)


def markdown(result: ReviewResult) -> str:
    out = [f"## Well-Architected review: {result.blueprint}", ""]
    for pillar in PILLARS:
        items = [f for f in result.findings if f.category == pillar]
        c = result.summary()[pillar]
        out.append(f"### {pillar} — score {c['score']} ({c['pass']} pass, {c['fail']} fail, {c['manual']} manual)")
        out.append("")
        for f in sorted(items, key=lambda f: ({"FAIL": 0, "SKIPPED": 1, "PASS": 2, "MANUAL": 3}[f.status or "MANUAL"], f.code)):
            if f.status == "PASS":
                out.append(f"- [x] `{f.code}` {f.title} ({f.best_practice})")
            elif f.status == "FAIL":
                where = f" — line {f.line}" if f.line else ""
                out.append(f"- [ ] **{f.severity.upper()}** `{f.code}` {f.title} ({f.best_practice}): "
                           f"`{f.resource}` {f.message}{where}. Fix: {f.fix}")
            elif f.status == "SKIPPED":
                out.append(f"- [x] ~~`{f.code}` {f.title}~~ skipped: {f.message}")
            else:
                out.append(f"- [ ] _manual_ {f.title} — check {f.best_practice}")
        out.append("")
    return "\n".join(out)


def sarif(result: ReviewResult) -> dict[str, Any]:
    """SARIF 2.1.0: every rule, and one result per FAIL."""
    rules = [SarifRule(r.id, r.title, LEVEL[r.severity], r.remediation,
                       {"pillar": r.pillar, "best_practice": r.best_practice, "severity": r.severity}) for r in RULES]
    return sarif_log(rules, result.failures(), lambda f: f"{f.title}: {f.resource}: {f.message}. {f.fix}",
                     default_uri=result.file)


def junit(result: ReviewResult) -> str:
    """JUnit XML: a suite per pillar, a case per answer; FAIL fails, SKIPPED and MANUAL are skipped."""
    suites = []
    for pillar in PILLARS:
        cases = []
        for f in sorted((f for f in result.findings if f.category == pillar), key=lambda f: (f.code, f.resource or "")):
            name = f"{f.code} {f.title}" + (f" [{f.resource}]" if f.resource and f.status == "FAIL" else "")
            where = f"{f.file}:{f.line}: " if f.file and f.line else ""
            if f.status == "FAIL":
                cases.append(Case(f"review.{pillar}", name, f"{f.resource}: {f.message}", f.severity,
                                  f"{where}{f.resource}: {f.message} — {f.fix} ({f.best_practice})"))
            elif f.status == "SKIPPED":
                cases.append(Case(f"review.{pillar}", name, skipped=f"skipped: {f.message}"))
            elif f.status == "MANUAL":
                cases.append(Case(f"review.{pillar}", name, skipped=f"manual: {f.fix}"))
            else:
                cases.append(Case(f"review.{pillar}", name))
        suites.append(Suite(pillar, cases))
    return junit_xml(f"planner review {result.blueprint}", suites)
