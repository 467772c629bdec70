"""Well-Architected review: rules mapped to current best-practice ids, MANUAL for the rest."""

from planner.review.runner import run_review

__all__ = ["run_review"]
