"""``planner estimate``: monthly cost per resource, with the source of every price."""

from __future__ import annotations

import click

from planner.cli.base import echo, echo_lines, emit_json, finish
from planner.cli.estimate_input import load_estimate
from planner.cost import estimate as run_estimate
from planner.cost.completeness import components
from planner.cost.diff import diff_estimates
from planner.cost.roi import run_roi
from planner.cost.s3sim import simulate
from planner.cost.storage_compare import compare
from planner.cost.writers import diff_lines, estimate_csv, estimate_lines, roi_lines, storage_lines
from planner.errors import Verdict
from planner.pipeline import analyze


@click.command()
@click.argument("blueprint", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]), default="table",
              show_default=True)
@click.option("--by", type=click.Choice(["resource", "service"]), default="resource", show_default=True)
@click.option("--months", type=click.IntRange(1, 120), default=None,
              help="Also simulate each bucket's lifecycle month by month for N months.")
@click.option("--fail-on-unpriced", is_flag=True,
              help="Exit 1 when any component is unpriced (the estimate is still printed).")
def estimate(blueprint: str, fmt: str, by: str, months: int | None, fail_on_unpriced: bool) -> None:
    """Estimate the monthly cost. Unknown prices are listed as unpriced, never counted as $0, and a
    total that leaves any out says INCOMPLETE (``complete: false`` in JSON)."""
    analysis = analyze(blueprint)
    result = run_estimate(analysis)
    bp = analysis.blueprint
    curves = {b.name: simulate(b, bp.region, months, bp.provider) for b in bp.buckets} if months else None
    if fmt == "json":
        data = result.to_dict()
        if curves is not None:
            data["s3_lifecycle"] = {name: [m.to_dict() for m in curve] for name, curve in curves.items()}
        emit_json(data)
    elif fmt == "csv":
        click.echo(estimate_csv(result), nl=False)
    else:
        echo_lines(estimate_lines(result, by, fmt == "markdown", curves))
    _exit_if_unpriced(fail_on_unpriced, len(result.unpriced))


def _exit_if_unpriced(fail_on_unpriced: bool, unpriced: int) -> None:
    """``--fail-on-unpriced``: say so and exit 1 (after the output) when anything is unpriced."""
    verdict = Verdict(unpriced=unpriced, fail_on_unpriced=fail_on_unpriced)
    if verdict.over_threshold:
        echo(f"error: {components(unpriced)} unpriced: the total is incomplete (--fail-on-unpriced)", err=True)
    finish(verdict)


@click.command()
@click.argument("blueprint", type=click.Path())
@click.option("--horizon", default=36, show_default=True, type=click.IntRange(1, 240), help="Months for NPV.")
@click.option("--discount-rate", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Annual discount rate for NPV, e.g. 0.08.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def roi(blueprint: str, horizon: int, discount_rate: float, fmt: str) -> None:
    """Re-estimate each scenario of the blueprint and list cheaper equivalents (with payback and NPV)."""
    result = run_roi(analyze(blueprint), horizon, discount_rate)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    echo_lines(roi_lines(result, horizon))


@click.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True)
@click.option("--fail-on-unpriced", is_flag=True,
              help="Exit 1 when either side has an unpriced component (the diff is still printed).")
def diff(old: str, new: str, fmt: str, fail_on_unpriced: bool) -> None:
    """Monthly cost difference per resource between two blueprints or two saved estimate JSONs."""
    result = diff_estimates(load_estimate(old), load_estimate(new))
    if fmt == "json":
        emit_json(result.to_dict())
    else:
        echo_lines(diff_lines(result, fmt == "markdown"))
    _exit_if_unpriced(fail_on_unpriced, len(result.old_unpriced) + len(result.new_unpriced))


@click.group()
def storage() -> None:
    """Compare storage options for the same data."""


@storage.command("compare")
@click.option("--size-gb", type=click.FloatRange(min=0), required=True)
@click.option("--reads-gb-month", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="GB read back each month (retrieval fees for IA and Glacier classes).")
@click.option("--writes", "writes_k", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Thousands of write (PUT) requests a month.")
@click.option("--average-object-kb", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Average object size: prices Intelligent-Tiering monitoring and the minimum billable size.")
@click.option("--region", default="us-east-1", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def storage_compare(size_gb: float, reads_gb_month: float, writes_k: float, average_object_kb: float | None,
                    region: str, fmt: str) -> None:
    """S3 classes versus EBS volume types side by side: cost, scope, durability, limits, updates."""
    rows = compare(size_gb, reads_gb_month, writes_k, region, average_object_kb)
    if fmt == "json":
        emit_json([r.to_dict() for r in rows])
        return
    echo_lines(storage_lines(rows, size_gb, reads_gb_month, writes_k, region))
