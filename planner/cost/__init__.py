"""Cost: resources declare cost components (never prices); one pandas join prices them all."""

from planner.cost.estimate import Estimate, estimate

__all__ = ["Estimate", "estimate"]
