"""The one exception tree of planner.

Stages return findings as data; exceptions are reserved for conditions that stop a stage from
running at all. The CLI maps each branch to an exit code (see ``EXIT_CODES``):

- :class:`InvalidInput` (exit 2): the user's input cannot be used (unreadable YAML, schema
  problems, bad command-line values). It carries every problem found, not only the first.
- :class:`EnvironmentProblem` (exit 3): something outside the input is missing or broken
  (Graphviz not installed, a server that stopped answering).
- :class:`InternalError` (exit 3): a bug in planner or in a component it drives (for example a
  crash inside the AWS mock). Third-party exceptions are wrapped with ``raise ... from exc``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.findings import Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2
EXIT_ENVIRONMENT = 3


class PlannerError(Exception):
    """Base of every error planner raises on purpose."""

    exit_code = EXIT_ENVIRONMENT


class InvalidInput(PlannerError):
    """The input cannot be used; ``problems`` lists every problem found in one pass."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, problems: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Finding] = list(problems or [])


class EnvironmentProblem(PlannerError):
    """A tool, service or file outside the input is missing or failing."""

    exit_code = EXIT_ENVIRONMENT


class InternalError(PlannerError):
    """A bug in planner or in a component it drives."""

    exit_code = EXIT_ENVIRONMENT
