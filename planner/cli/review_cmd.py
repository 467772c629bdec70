"""``planner review``: the Well-Architected checklist for a blueprint."""

from __future__ import annotations

import click

from planner.cli.base import echo, emit_json, finish
from planner.errors import Verdict
from planner.pipeline import analyze
from planner.review import run_review, writers


@click.command()
@click.argument("blueprint", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json", "sarif", "junit"]), default="table",
              show_default=True)
@click.option("--fail-on", type=click.Choice(["high", "medium", "low"]), default=None,
              help="Exit 1 when a FAIL at or above this severity exists.")
@click.option("--skip", "skip", multiple=True, help="Rule id to skip (repeatable); the blueprint's review.skip also applies.")
def review(blueprint: str, fmt: str, fail_on: str | None, skip: tuple[str, ...]) -> None:
    """Answer every Well-Architected question the blueprint can answer; list the rest as MANUAL."""
    result = run_review(analyze(blueprint), skip=skip)
    if fmt == "json":
        emit_json(result.to_dict())
    elif fmt == "sarif":
        emit_json(writers.sarif(result))
    elif fmt == "junit":
        click.echo(writers.junit(result), nl=False)
    elif fmt == "markdown":
        echo(writers.markdown(result))
    else:
        echo(writers.table(result))
    finish(Verdict(review_failures=len(result.failures(fail_on)) if fail_on else 0))
