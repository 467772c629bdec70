"""Money as users read it: ``$1,234.56`` everywhere (HTML, Markdown, JSON display fields).

Amounts stay floats inside the stages and are rounded to cents only here, at the edge, so totals
add up exactly as shown (the same rounding is applied to every figure).
"""

from __future__ import annotations

import math


def cents(amount: float) -> float:
    """Round half away from zero to cents (banker's rounding surprises people reading invoices)."""
    scaled = abs(amount) * 100
    rounded = math.floor(scaled + 0.5 + 1e-9) / 100
    return math.copysign(rounded, amount) if amount else 0.0


def usd(amount: float | None) -> str:
    """``1234.5`` -> ``$1,234.50``; ``-3`` -> ``-$3.00``; None -> ``—`` (unknown, never $0)."""
    if amount is None:
        return "—"
    value = cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def pct(fraction: float | None, digits: int = 1) -> str:
    return "—" if fraction is None else f"{fraction * 100:.{digits}f}%"


def usd_rate(amount: float | None) -> str:
    """A unit price keeps its precision: ``0.104`` -> ``$0.104``, ``0.0058`` -> ``$0.0058``, ``2`` -> ``$2.00``."""
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.6f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{sign}${whole}.{frac.ljust(2, '0')}"


def quantity(value: float | None) -> str:
    """``1460.0`` -> ``1,460``; ``0.5`` -> ``0.5``; up to three decimals."""
    if value is None:
        return "—"
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text
