"""The one exception tree of planner.

Stages return findings as data; exceptions are reserved for conditions that stop a stage from
running at all. The CLI maps each branch to an exit code (see ``EXIT_CODES``):

- :class:`InvalidInput` (exit 2): the user's input cannot be used (unreadable YAML, schema
  problems, bad command-line values). It carries every problem found, not only the first.
- :class:`EnvironmentProblem` (exit 3): something outside the input is missing or broken
  (Graphviz not installed, a server that stopped answering).
- :class:`InternalError` (exit 3): a bug in planner or in a component it drives (for example a
  crash inside the AWS mock). Third-party exceptions are wrapped with ``raise ... from exc``.

A command that ran to the end describes what it found as one :class:`Verdict` per input, and
:func:`exit_code` is the one policy that turns them into 0, 1 or 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Verdict:
    """What one command found for one input, as far as the exit code is concerned.

    ``review_failures`` counts only FAILs at or above ``--fail-on`` and ``unpriced`` counts only under
    ``--fail-on-unpriced`` (``fail_on_unpriced``): below a threshold a finding is shown, not failed on.
    """

    invalid: bool = False
    skipped_stages: int = 0
    dry_run_findings: int = 0
    review_failures: int = 0
    unpriced: int = 0
    fail_on_unpriced: bool = False

    @property
    def over_threshold(self) -> bool:
        return bool(self.skipped_stages or self.dry_run_findings or self.review_failures
                    or (self.fail_on_unpriced and self.unpriced))


def exit_code(verdicts: Iterable[Verdict]) -> int:
    """2 when any input was invalid, else 1 when any finding is over its threshold, else 0."""
    found = list(verdicts)
    if any(v.invalid for v in found):
        return EXIT_INVALID
    if any(v.over_threshold for v in found):
        return EXIT_FINDINGS
    return EXIT_OK
