"""``review.skip`` and ``--skip``: every id names a review rule, checked by ``planner check`` too."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from planner.blueprint.loader import LoadedBlueprint
from planner.findings import Finding
from planner.review.registry import RULES

LIST_IDS = "see the rule ids in planner review --format json"


def _suggestion(rule_id: str) -> str:
    close = difflib.get_close_matches(rule_id, [r.id for r in RULES], n=1)
    return f"did you mean {close[0]!r}?" if close else LIST_IDS


def skip_problems(loaded: LoadedBlueprint) -> list[Finding]:
    """One located error per ``review.skip`` id that names no review rule, with the closest id as the fix."""
    ids = {r.id for r in RULES}
    return [loaded.finding("review-skip", "error", f"unknown review rule {entry.id!r}", ("review", "skip", i, "id"),
                           _suggestion(entry.id))
            for i, entry in enumerate(loaded.blueprint.review.skip) if entry.id not in ids]


def cli_skip_problem(cli_skip: Iterable[str]) -> str | None:
    """The usage error for ``--skip`` ids that name no review rule (a flag has no file line), or None."""
    ids = {r.id for r in RULES}
    unknown = [i for i in cli_skip if i not in ids]
    if not unknown:
        return None
    return "; ".join(f"--skip: unknown review rule {i!r} — {_suggestion(i)}" for i in unknown)
