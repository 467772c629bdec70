"""The cost components of a blueprint (see :mod:`planner.cost.declare`, one module per resource kind)."""

from __future__ import annotations

from planner.cost.declare import DECLARERS, Component, declare

__all__ = ["DECLARERS", "Component", "declare"]
