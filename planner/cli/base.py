"""The click group, shared options and the one exit-code policy.

Exit codes: 0 ok, 1 findings over the threshold, 2 invalid input or usage, 3 environment or
internal error. Errors never show a traceback unless ``PLANNER_DEBUG=1`` is set.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

import click

from planner import __version__
from planner.errors import EXIT_ENVIRONMENT, EXIT_INVALID, InvalidInput, PlannerError, Verdict, exit_code
from planner.writers.json_text import json_text


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="planner")
def cli() -> None:
    """Plan a cloud environment from one YAML blueprint: check, plan, estimate, review, render."""


def echo(text: str = "", err: bool = False) -> None:
    click.echo(text, err=err)


def echo_lines(lines: Iterable[str]) -> None:
    """Print each line of a writer's output."""
    for line in lines:
        click.echo(line)


def emit_json(data: Any) -> None:
    """Stable JSON on stdout: sorted keys, two-space indent, trailing newline."""
    click.echo(json_text(data), nl=False)


def fail(error: PlannerError) -> NoReturn:
    """Print an error (every problem it carries) to stderr and exit with its code."""
    if isinstance(error, InvalidInput) and error.problems:
        for problem in error.problems:
            click.echo(f"error: {problem.render()}" if problem.severity == "error" else problem.render(), err=True)
        count = sum(1 for p in error.problems if p.severity == "error")
        click.echo(f"{count} error(s); nothing was written.", err=True)
    else:
        click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


def finish(*verdicts: Verdict) -> None:
    """End a command that ran: exit with the code :func:`planner.errors.exit_code` gives (nothing when 0)."""
    code = exit_code(verdicts)
    if code:
        sys.exit(code)


def environment_message(exc: OSError) -> str:
    """What went wrong outside planner, and what to look at."""
    where = f" ({exc.filename})" if exc.filename else ""
    what = exc.strerror or str(exc)
    return (f"environment problem: {what}{where} — check that the path exists and is writable, that the disk "
            "has free space, and that the output is not a closed pipe")


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the CLI and map every outcome to an exit code."""
    try:
        code = cli.main(args=argv, prog_name="planner", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_INVALID)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INVALID)
    except PlannerError as exc:
        fail(exc)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:  # permission denied, disk full, a closed pipe: the machine, not planner
        click.echo(f"error: {environment_message(exc)}", err=True)
        sys.exit(EXIT_ENVIRONMENT)
    except Exception as exc:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set PLANNER_DEBUG=1 for a traceback)", err=True)
        sys.exit(EXIT_ENVIRONMENT)
    sys.exit(code if isinstance(code, int) else 0)
