"""``review.skip`` and ``--skip``: every id names a review rule, checked by ``planner check`` too."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from planner.blueprint.loader import LoadedBlueprint
from planner.findings import Finding
from planner.review.registry import RULES


def skip_problems(loaded: LoadedBlueprint, cli_skip: Iterable[str] = ()) -> list[Finding]:
    """One error per skip id that names no review rule, with the closest id as the fix."""
    ids = [r.id for r in RULES]
    problems = []
    for i, entry in enumerate(loaded.blueprint.review.skip):
        if entry.id not in ids:
            close = difflib.get_close_matches(entry.id, ids, n=1)
            problems.append(loaded.finding("review-skip", "error", f"unknown review rule {entry.id!r}",
                                           ("review", "skip", i, "id"),
                                           f"did you mean {close[0]!r}?" if close else
                                           "see the rule ids in planner review --format json"))
    problems += [loaded.finding("review-skip", "error", f"unknown review rule {i!r} in --skip", (), "check the id")
                 for i in cli_skip if i not in ids]
    return problems
