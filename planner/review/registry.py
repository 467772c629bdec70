"""The explicit list of review rules; duplicate ids and unknown best-practice ids are refused."""

from __future__ import annotations

from planner.review.model import PILLARS, SEVERITIES, Rule, best_practices
from planner.review.rules import efficiency, reliability, security


def validate(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    seen: set[str] = set()
    known = best_practices()
    for rule in rules:
        if rule.id in seen:
            raise ValueError(f"duplicate review rule id {rule.id}")
        seen.add(rule.id)
        bp = known.get(rule.best_practice)
        if bp is None:
            raise ValueError(f"{rule.id}: unknown best-practice id {rule.best_practice}")
        if bp["pillar"] != rule.pillar or rule.pillar not in PILLARS or rule.severity not in SEVERITIES:
            raise ValueError(f"{rule.id}: pillar/severity do not match {rule.best_practice}")
    return rules


RULES: tuple[Rule, ...] = validate(security.RULES + reliability.RULES + efficiency.RULES)
