"""Review output formats as pure functions of the result: table, Markdown checklist, SARIF 2.1.0."""

from __future__ import annotations

from typing import Any

from planner import __version__
from planner.review.model import PILLARS, ReviewResult
from planner.review.registry import RULES

LEVEL = {"high": "error", "medium": "warning", "low": "note"}


def table(result: ReviewResult) -> str:
    lines = [f"{'status':<8} {'rule':<13} {'bp':<11} {'sev':<7} {'resource':<40} finding"]
    order = {"FAIL": 0, "SKIPPED": 1, "PASS": 2, "MANUAL": 3}
    for f in sorted(result.findings, key=lambda f: (order[f.status], PILLARS.index(f.pillar), f.id)):
        if f.status == "MANUAL":
            continue
        lines.append(f"{f.status:<8} {f.id:<13} {f.best_practice:<11} {f.severity:<7} {f.resource or '':<40} "
                     f"{f.title}{': ' + f.detail if f.status != 'PASS' and f.detail else ''}")
    manual = sum(1 for f in result.findings if f.status == "MANUAL")
    lines.append("")
    for pillar, c in result.summary().items():
        lines.append(f"{pillar:<24} pass {c['pass']:>3}  fail {c['fail']:>3}  manual {c['manual']:>3}  score {c['score']}")
    lines.append(f"{manual} question(s) need a human answer (see --format markdown)")
    return "\n".join(lines)


def markdown(result: ReviewResult) -> str:
    out = [f"## Well-Architected review: {result.blueprint}", ""]
    for pillar in PILLARS:
        items = [f for f in result.findings if f.pillar == pillar]
        c = result.summary()[pillar]
        out.append(f"### {pillar} — score {c['score']} ({c['pass']} pass, {c['fail']} fail, {c['manual']} manual)")
        out.append("")
        for f in sorted(items, key=lambda f: ({"FAIL": 0, "SKIPPED": 1, "PASS": 2, "MANUAL": 3}[f.status], f.id)):
            if f.status == "PASS":
                out.append(f"- [x] `{f.id}` {f.title} ({f.best_practice})")
            elif f.status == "FAIL":
                where = f" — line {f.line}" if f.line else ""
                out.append(f"- [ ] **{f.severity.upper()}** `{f.id}` {f.title} ({f.best_practice}): "
                           f"`{f.resource}` {f.detail}{where}. Fix: {f.remediation}")
            elif f.status == "SKIPPED":
                out.append(f"- [x] ~~`{f.id}` {f.title}~~ skipped: {f.detail}")
            else:
                out.append(f"- [ ] _manual_ {f.title} — check {f.best_practice}")
        out.append("")
    return "\n".join(out)


def sarif(result: ReviewResult) -> dict[str, Any]:
    rules = [{"id": r.id, "name": r.id, "shortDescription": {"text": r.title}, "help": {"text": r.remediation},
              "defaultConfiguration": {"level": LEVEL[r.severity]},
              "properties": {"pillar": r.pillar, "best_practice": r.best_practice, "severity": r.severity}}
             for r in RULES]
    index = {r.id: i for i, r in enumerate(RULES)}
    results = []
    for f in result.findings:
        if f.status != "FAIL":
            continue
        results.append({
            "ruleId": f.id, "ruleIndex": index[f.id], "level": LEVEL[f.severity],
            "message": {"text": f"{f.title}: {f.resource}: {f.detail}. {f.remediation}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.file},
                                                "region": {"startLine": f.line or 1}}}],
        })
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "planner", "version": __version__,
                                          "informationUri": "https://planner.invalid", "rules": rules}},
                      "results": results}]}
