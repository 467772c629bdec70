"""``planner dry-run``: rehearse the deployment in moto (or a loopback endpoint), then tear it down."""

from __future__ import annotations

import sys

import click

from planner.cli.base import echo, emit_json, finish
from planner.dryrun import EndpointBackend, InProcessMoto, run_dry_run
from planner.dryrun.model import Step
from planner.dryrun.writers import dry_run_junit, dry_run_sarif
from planner.errors import Verdict
from planner.pipeline import analyze


@click.command("dry-run")
@click.argument("blueprint", type=click.Path())
@click.option("--endpoint-url", default=None, help="Send the calls to a running server (moto server, LocalStack).")
@click.option("--allow-remote", is_flag=True, help="Allow a non-loopback --endpoint-url.")
@click.option("--keep", is_flag=True, help="Leave the resources in place (useful against a server).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "junit"]), default="text",
              show_default=True, help="sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML for CI test reports.")
@click.option("--quiet", is_flag=True, help="Only the summary.")
def dry_run(blueprint: str, endpoint_url: str | None, allow_remote: bool, keep: bool, fmt: str, quiet: bool) -> None:
    """Create every AWS resource through boto3, verify it, and remove it again. Exit 1 on findings."""
    backend = EndpointBackend(endpoint_url, allow_remote) if endpoint_url else InProcessMoto()
    analysis = analyze(blueprint)

    def line(step: Step) -> str:
        return (f"{'ok  ' if step.ok else 'FAIL'} {step.action:<8} {step.kind:<16} {step.name}"
                + (f" — {step.detail}" if step.detail else ""))

    if fmt == "text" and not quiet and sys.stdout.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} steps"),
                      TimeElapsedColumn(), transient=True) as bar:
            task = bar.add_task("dry-run", total=None)

            def progress(step: Step) -> None:
                bar.update(task, advance=1, description=f"{step.action} {step.kind} {step.name}")
                if not step.ok:
                    bar.console.print(line(step))

            result = run_dry_run(analysis, backend, keep=keep, progress=progress)
        for step in result.steps:
            echo(line(step))
    else:
        def plain(step: Step) -> None:
            if fmt == "text" and not quiet:
                echo(line(step))

        result = run_dry_run(analysis, backend, keep=keep, progress=plain)
    if fmt == "json":
        emit_json(result.to_dict())
    elif fmt == "sarif":
        emit_json(dry_run_sarif(result, analysis.loaded.file))
    elif fmt == "junit":
        click.echo(dry_run_junit(result, analysis.loaded.file), nl=False)
    else:
        for text in result.log_lines()[len(result.steps) + 1:]:
            echo(text)
        echo(f"{len(result.resources)} resources created" + ("" if keep else
             f", teardown {'clean' if result.teardown_ok else 'incomplete: ' + ', '.join(result.remaining)}"))
    finish(Verdict(dry_run_findings=0 if result.ok else max(1, len(result.findings))))
