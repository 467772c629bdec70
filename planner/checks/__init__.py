"""Static checks: every rule that needs no price and no API call.

Rules are small functions with a stable id, collected explicitly in :mod:`planner.checks.registry`
(no import-time registration). A rule yields findings; it never raises on bad input.
"""

from planner.checks.registry import RULES, run_checks

__all__ = ["RULES", "run_checks"]
