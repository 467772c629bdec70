"""``planner report``: the whole pipeline once, into one folder per blueprint.

Exit codes: 0 complete; 1 written, but a stage was skipped (the report says why), the dry-run had
findings, a review FAIL reached ``--fail-on``, or a component is unpriced under ``--fail-on-unpriced``
(implied by ``--strict``); 2 invalid input or usage (nothing written);
3 environment or internal error, or a skipped stage under ``--strict`` (nothing written).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from planner.analysis import Analysis
from planner.cli.base import echo, emit_json, finish
from planner.errors import EnvironmentProblem, InvalidInput, Verdict
from planner.output import OutputFolder, check_destination, write_folders
from planner.pipeline import STAGES, RunOptions, RunResult, analyze, run_pipeline
from planner.report.bundle import ReportBundle, build_bundle
from planner.writers.html import comparison_html


@contextmanager
def _progress(enabled: bool, total: int) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on stderr when it is a terminal; a no-op otherwise."""
    if not enabled:
        yield lambda _text: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description:<40}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("report", total=total)
        started = False

        def step(text: str) -> None:
            nonlocal started
            if started:
                bar.advance(task)
            started = True
            bar.update(task, description=text)

        yield step
        bar.update(task, completed=total)


def _analyze_all(paths: tuple[str, ...]) -> list[Analysis]:
    """Every blueprint is loaded and checked before any stage runs: all problems in one go."""
    analyses, problems = [], []
    for path in paths:
        try:
            analyses.append(analyze(path))
        except InvalidInput as exc:
            problems.extend(exc.problems or [])
            if not exc.problems:
                raise
    if problems:
        raise InvalidInput("invalid blueprint(s)", problems)
    first: dict[str, Analysis] = {}
    for a in analyses:
        name = a.blueprint.name
        if name in first:
            problems.append(a.loaded.finding(
                "report-names", "error", f"the name {name!r} is also used by {first[name].loaded.file}", ("name",),
                "each report folder is named after its blueprint: give the blueprints different names"))
        first.setdefault(name, a)
    if problems:
        raise InvalidInput("two blueprints share a name", problems)
    return analyses


@click.command()
@click.argument("blueprints", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Report folder (one blueprint; default reports/<name>) or parent folder (several; default reports).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: print the report model to stdout (a list for several blueprints).")
@click.option("-q", "--quiet", is_flag=True, help="No progress display and no file list.")
@click.option("--strict", is_flag=True, help="A stage that cannot run fails the command (exit 3, nothing written).")
@click.option("--fail-on", type=click.Choice(["high", "medium", "low"]), default=None,
              help="Exit 1 when a review FAIL at or above this severity exists.")
@click.option("--fail-on-unpriced", is_flag=True,
              help="Exit 1 when a component is unpriced: the total is incomplete (the report is still written); "
                   "--strict implies it.")
@click.option("--endpoint-url", default=None, help="Rehearse against a running server instead of in-process moto.")
@click.option("--allow-remote", is_flag=True, help="Allow a non-loopback --endpoint-url.")
@click.option("--no-dry-run", "no_dry_run", is_flag=True, help="Leave the dry-run out (marked not applicable).")
@click.option("--horizon", default=36, show_default=True, type=click.IntRange(1, 240), help="Months for NPV.")
@click.option("--discount-rate", default=0.0, show_default=True, type=click.FloatRange(0, 1))
@click.option("--force", is_flag=True,
              help="Replace files at planner's own paths even if planner did not write them (nothing else is touched).")
def report(blueprints: tuple[str, ...], output: Path | None, fmt: str, quiet: bool, strict: bool,
           fail_on: str | None, endpoint_url: str | None, allow_remote: bool, no_dry_run: bool, horizon: int,
           discount_rate: float, force: bool = False, fail_on_unpriced: bool = False) -> None:
    """Write the complete report: index.html, report.md, report.json, cost.csv, review.sarif, diagram,
    manifests and the dry-run log. Nothing is written unless every blueprint is valid."""
    today = date.today()
    show = not quiet and sys.stderr.isatty()
    if output is not None:
        check_destination(output)  # a missing parent is refused before the stages run
    analyses = _analyze_all(blueprints)
    bundles = _build_bundles(analyses, today, show, endpoint_url=endpoint_url, allow_remote=allow_remote,
                             horizon=horizon, discount_rate=discount_rate, with_dry_run=not no_dry_run)
    skipped = [(b.results.analysis.blueprint.name, o) for b in bundles for o in b.results.skipped]
    if strict and skipped:
        raise EnvironmentProblem("; ".join(f"{n}: {o.name} skipped ({o.reason})" for n, o in skipped)
                                 + " — --strict: nothing was written")
    several = len(bundles) > 1
    base = output or Path("reports")
    targets = [(base / b.results.analysis.blueprint.name) if several or output is None else base for b in bundles]
    folders = [OutputFolder(target, bundle.files) for bundle, target in zip(bundles, targets, strict=True)]
    if several:
        folders.append(OutputFolder(base, {"index.html": comparison_html([b.model for b in bundles])}))
    write_folders(folders, force=force, create_parents=output is None)  # one unit: all or nothing
    if fmt == "json":
        emit_json(bundles[0].model if not several else [b.model for b in bundles])
    elif not quiet:
        _print_written(bundles, targets, base if several else None)
    verdicts = [_verdict(b.results, fail_on, fail_on_unpriced or strict) for b in bundles]
    _report_unpriced(bundles, verdicts, strict)
    finish(*verdicts)


def _verdict(results: RunResult, fail_on: str | None, fail_on_unpriced: bool) -> Verdict:
    """What one blueprint's run found: skipped stages, dry-run findings, FAILs at --fail-on, unpriced parts."""
    dry_run = results.dry_run
    return Verdict(
        skipped_stages=len(results.skipped),
        dry_run_findings=0 if dry_run is None or dry_run.ok else max(1, len(dry_run.findings)),
        review_failures=len(results.review.failures(fail_on)) if fail_on and results.review else 0,
        unpriced=len(results.estimate.unpriced) if results.estimate else 0,
        fail_on_unpriced=fail_on_unpriced)


def _build_bundles(analyses: list[Analysis], today: date, show: bool, *, endpoint_url: str | None,
                   allow_remote: bool, horizon: int, discount_rate: float, with_dry_run: bool) -> list[ReportBundle]:
    """Run the stages of every blueprint and build its report bundle, with one progress display for all."""
    bundles: list[ReportBundle] = []
    with _progress(show, len(analyses) * (len(STAGES) + 1)) as step:
        for analysis in analyses:
            name = analysis.blueprint.name

            def tell(stage: str, name: str = name) -> None:
                step(f"{name}: {stage}")

            options = RunOptions(today=today, endpoint_url=endpoint_url, allow_remote=allow_remote, horizon=horizon,
                                 discount_rate=discount_rate, with_dry_run=with_dry_run)
            results = run_pipeline(analysis, options, tell)
            step(f"{name}: render")
            bundles.append(build_bundle(results, today))
    return bundles


def _print_written(bundles: list[ReportBundle], targets: list[Path], comparison: Path | None) -> None:
    """One summary line per blueprint, its skipped stages on stderr, and the comparison page if there is one."""
    for bundle, target in zip(bundles, targets, strict=True):
        m = bundle.model
        s = m["summary"]
        echo(f"{m['blueprint']['name']}: {m['total_monthly_label']} a month"
             + f"; review {s['review_failures']} FAIL ({s['review_high']} high); dry-run {s['dry_run']}")
        for stage in m["skipped_stages"]:
            echo(f"  skipped {stage['name']}: {stage['reason']}", err=True)
        echo(f"  wrote {target}/index.html ({len(bundle.files)} files)")
    if comparison is not None:
        echo(f"wrote {comparison / 'index.html'} (comparison)")


def _report_unpriced(bundles: list[ReportBundle], verdicts: list[Verdict], strict: bool) -> None:
    """Under --fail-on-unpriced (or --strict, which implies it), name each incomplete total."""
    for bundle, verdict in zip(bundles, verdicts, strict=True):
        if verdict.fail_on_unpriced and verdict.unpriced:
            m = bundle.model
            echo(f"error: {m['blueprint']['name']}: {m['total_monthly_label']}: the total is incomplete "
                 f"({'--strict' if strict else '--fail-on-unpriced'})", err=True)
