"""Whether a total covers every component, and how an incomplete one reads wherever it is shown.

An estimate is *complete* when no component is unpriced. The flag is computed once, by the estimate
(``Estimate.complete``); these helpers read it from the JSON-ready dicts the writers receive — also
from saved estimates written before the flag existed, whose ``unpriced`` list says the same — and
give every writer one wording, so a total missing components can never read as the whole cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from planner.money import usd

INCOMPLETE = "INCOMPLETE"


def is_complete(estimate: Mapping[str, Any]) -> bool:
    """True when the estimate dict prices every component (``complete`` flag and ``unpriced`` list agree)."""
    return bool(estimate.get("complete", True)) and not estimate.get("unpriced")


def unpriced_count(estimate: Mapping[str, Any]) -> int:
    return len(estimate.get("unpriced") or [])


def components(count: int) -> str:
    return f"{count} component{'' if count == 1 else 's'}"


def incomplete_note(count: int) -> str:
    """``INCOMPLETE: 2 components unpriced`` — the marker every writer puts beside an incomplete total."""
    return f"{INCOMPLETE}: {components(count)} unpriced"


def total_label(amount: float | None, unpriced: int) -> str:
    """``$31.17`` when nothing is unpriced; ``$31.17 (INCOMPLETE: 2 components unpriced)`` otherwise."""
    return usd(amount) if unpriced == 0 else f"{usd(amount)} ({incomplete_note(unpriced)})"


def subtotal_label(amount: float | None, complete: bool) -> str:
    """A resource or service subtotal: ``$12.00`` or ``$12.00 (INCOMPLETE)`` when one of its parts is unpriced."""
    return usd(amount) if complete else f"{usd(amount)} ({INCOMPLETE})"


def addresses(unpriced: Iterable[Mapping[str, Any]]) -> set[str]:
    """The resource paths with at least one unpriced component."""
    return {str(u["address"]) for u in unpriced}
