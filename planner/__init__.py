"""planner: one YAML blueprint of a cloud environment in, everything an architect needs out.

Public API (stable): :func:`planner.blueprint.load_blueprint`, :class:`planner.findings.Finding`,
and the exception tree in :mod:`planner.errors`.
"""

__version__ = "0.1.0"
