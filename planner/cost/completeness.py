"""How a total that leaves out unpriced components reads wherever it is shown.

An estimate is *complete* when no component is unpriced. The flag is computed once, by the estimate
(``Estimate.complete``); these helpers give every writer one wording, so a total missing components can
never read as the whole cost.
"""

from __future__ import annotations

from planner.money import usd

INCOMPLETE = "INCOMPLETE"


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
