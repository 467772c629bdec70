"""Run every rule over one analysed blueprint; list unanswerable questions as MANUAL."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planner.analysis import Analysis
from planner.cost.results import Estimate
from planner.errors import InvalidInput
from planner.findings import Finding, ReviewStatus
from planner.review.model import Context, ReviewResult, Rule, best_practices, questions
from planner.review.registry import RULES
from planner.review.skips import cli_skip_problem, skip_problems


def run_review(analysis: Analysis, *, today: date | None = None, cost: Estimate | None = None,
               skip: Iterable[str] = ()) -> ReviewResult:
    loaded = analysis.loaded
    ctx = Context(analysis, today or date.today(), cost)
    reasons = {s.id: s.reason for s in analysis.blueprint.review.skip}
    reasons.update({i: "skipped on the command line" for i in skip})
    usage = cli_skip_problem(skip)
    if usage:
        raise InvalidInput(usage)
    unknown = skip_problems(loaded)
    if unknown:
        raise InvalidInput("unknown review rule ids", unknown)
    result = ReviewResult(analysis.blueprint.name, loaded.file)
    for rule in RULES:
        hits = list(rule.check(ctx))
        if not hits:
            continue  # nothing of this kind in the blueprint
        def finding(status: ReviewStatus, resource: str | None, detail: str, path: tuple[str | int, ...] = (),
                    line: int | None = None, rule: Rule = rule) -> Finding:
            return Finding(rule.id, rule.severity, detail, path, rule.remediation, loaded.file, line,
                           category=rule.pillar, resource=resource, status=status, best_practice=rule.best_practice,
                           title=rule.title)

        if rule.id in reasons:
            result.findings.append(finding("SKIPPED", None, reasons[rule.id]))
            continue
        failed = [h for h in hits if h.failed]
        for hit in failed:
            result.findings.append(finding("FAIL", hit.resource, hit.detail, hit.path,
                                           loaded.source.line_of(hit.path)))
        if not failed:
            result.findings.append(finding("PASS", f"{len(hits)} checked", ""))
    answered = {r.best_practice.split("-")[0] for r in RULES}
    by_question: dict[str, list[str]] = {}
    for bp_id, row in best_practices().items():
        by_question.setdefault(row["question_id"], []).append(bp_id)
    for qid, q in questions().items():
        if qid not in answered:
            result.findings.append(Finding(
                f"WA-{qid}", "medium", "The blueprint cannot answer this; review it with the team.",
                fix=f"Check {', '.join(by_question.get(qid, []))}.", file=None, category=q["pillar"],
                status="MANUAL", best_practice=", ".join(by_question.get(qid, [])), title=q["question"]))
    return result
