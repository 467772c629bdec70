"""``planner estimate``: monthly cost per resource, with the source of every price."""

from __future__ import annotations

import sys

import click

from planner.cli.base import echo, emit_json
from planner.cli.estimate_input import load_estimate
from planner.cost import estimate as run_estimate
from planner.cost.completeness import INCOMPLETE, components, subtotal_label, total_label
from planner.cost.diff import EstimateDiff, diff_estimates
from planner.cost.results import Estimate, service_name
from planner.cost.roi import Scenario, run_roi
from planner.cost.s3sim import LifecycleMonth, simulate
from planner.cost.storage_compare import compare
from planner.cost.writers import estimate_csv
from planner.errors import EXIT_FINDINGS
from planner.money import cents, usd, usd_rate
from planner.pipeline import analyze
from planner.writers import markdown


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
        _estimate_text(result, by, fmt == "markdown", curves)
    _exit_if_unpriced(fail_on_unpriced, len(result.unpriced))


def _exit_if_unpriced(fail_on_unpriced: bool, unpriced: int) -> None:
    """``--fail-on-unpriced``: exit 1 (after the output) when anything is unpriced."""
    if fail_on_unpriced and unpriced:
        echo(f"error: {components(unpriced)} unpriced: the total is incomplete (--fail-on-unpriced)", err=True)
        sys.exit(EXIT_FINDINGS)


def _subtotal_rows(result: Estimate, by: str) -> list[tuple[str, str]]:
    """(name, amount shown) per resource or service; one whose parts are all unpriced shows "unpriced"."""
    if by == "service":
        services = result.by_service()
        rows = [(s.service, subtotal_label(s.monthly_usd, s.complete)) for s in services]
        shown = {s.service for s in services}
        missing = [service_name(u.service) for u in result.unpriced]
    else:
        incomplete = result.incomplete_addresses()
        rows = [(r.address, subtotal_label(r.monthly_usd, r.address not in incomplete)) for r in result.resources]
        shown = {r.address for r in result.resources}
        missing = [u.address for u in result.unpriced]
    return rows + [(name, "unpriced") for name in dict.fromkeys(missing) if name not in shown]


def _estimate_text(result: Estimate, by: str, md: bool, curves: dict[str, list[LifecycleMonth]] | None) -> None:
    rows = _subtotal_rows(result, by)
    total = total_label(cents(result.total_monthly_usd), len(result.unpriced))
    if md:
        body = [*((f"`{name}`", amount) for name, amount in rows), ("**total**", f"**{total}**")]
        echo("\n".join(markdown.table([by, "monthly"], body, right={1})))
    else:
        for name, amount in rows:
            echo(f"{name:<50} {amount:>14}")
        echo(f"{'total':<50} {total:>14}")
    bullet = "  " if not md else "- "
    for item in result.depends_on_usage:
        echo(f"{bullet}{item.address}: {item.name} depends on usage ({usd_rate(item.unit_price_usd)} per {item.unit})")
    for u in result.unpriced:
        echo(f"{bullet}unpriced: {u.address}: {u.name} — {u.reason}")
    for e in result.estimated_prices():
        echo(f"{bullet}estimated price: {e.address}: {e.name} {usd(e.monthly_usd)}"
             f" — the catalog marks {e.price_key} as an estimate (spot prices float)")
    for name, curve in (curves or {}).items():
        _lifecycle_text(name, curve)


def _lifecycle_text(name: str, curve: list[LifecycleMonth]) -> None:
    echo(f"\nbucket {name}, month by month (storage + early deletion + known transitions):")
    for m in curve:
        shown = m.to_dict()  # the JSON view: GB rounded as --format json shows them
        classes = ", ".join(f"{k} {v:,.0f} GB" for k, v in shown["gb_by_class"].items())
        note = "" if m.transition_usd is not None else " (transitions depend on object count)"
        echo(f"  month {m.month:>3}: {usd(shown['total_usd']):>12}  {classes}{note}")


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
    echo(f"baseline {total_label(cents(result.baseline_monthly_usd), result.baseline_unpriced)} a month")
    for s in result.scenarios:
        echo(_scenario_line(s, horizon))
    for r in result.recommendations:
        echo(f"  recommend {r.resource}: {r.current} -> {r.proposed} saves {usd(r.monthly_savings_usd)}"
             f" ({r.savings_pct}%) — {r.reason}")


def _scenario_line(s: Scenario, horizon: int) -> str:
    if s.monthly_usd is None:
        return f"  scenario {s.name:<24} {s.note}"
    payback = ("never" if s.payback_months is None
               else "immediate (no one-time cost)" if s.payback_months == 0 else f"{s.payback_months} months")
    return (f"  scenario {s.name:<24} {usd(s.monthly_usd):>12}  saves {usd(s.monthly_savings_usd)}"
            f" ({s.savings_pct}%), payback {payback}, NPV over {horizon} months {usd(s.npv_usd)}"
            + ("" if s.complete else f" — {s.note}"))


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
        _diff_text(result, fmt == "markdown")
    _exit_if_unpriced(fail_on_unpriced, len(result.old_unpriced) + len(result.new_unpriced))


def _signed(x: float | None) -> str:
    return "unknown" if x is None else ("+" if x > 0 else "") + usd(x)


def _diff_text(result: EstimateDiff, md: bool) -> None:
    old_total = total_label(result.old_total_monthly_usd, len(result.old_unpriced))
    new_total = total_label(result.new_total_monthly_usd, len(result.new_unpriced))
    delta = _signed(result.delta_monthly_usd) + ("" if result.complete else f", {INCOMPLETE}")
    incomplete = set(result.incomplete_resources)

    def mark(address: str) -> str:
        return f" ({INCOMPLETE})" if address in incomplete else ""

    if md:
        echo(f"**Monthly cost: {old_total} → {new_total} ({delta})**\n")
        body = [(f"`{r.address}`", r.status, usd(r.old_monthly_usd), usd(r.new_monthly_usd),
                 f"{_signed(r.delta_monthly_usd)}{mark(r.address)}") for r in result.resources]
        echo("\n".join(markdown.table(["resource", "change", "before", "after", "delta"], body, right={2, 3, 4})))
    else:
        for r in result.resources:
            echo(f"{r.address:<50} {r.status:<8} {usd(r.old_monthly_usd):>12} -> "
                 f"{usd(r.new_monthly_usd):>12} {_signed(r.delta_monthly_usd):>13}{mark(r.address)}")
        if result.complete:
            echo(f"{'total':<59} {old_total:>12} -> {new_total:>12} {delta:>13}")
        else:
            echo(f"{'total':<59} {old_total} -> {new_total}, delta {delta}")
    _diff_unpriced(result, "- " if md else "  ")


def _diff_unpriced(result: EstimateDiff, bullet: str) -> None:
    """What is unpriced before only, after only, or on both sides."""
    old_keys = {(u.address, u.key) for u in result.old_unpriced}
    new_keys = {(u.address, u.key) for u in result.new_unpriced}
    for u in result.old_unpriced:
        if (u.address, u.key) not in new_keys:
            echo(f"{bullet}unpriced before only: {u.address}: {u.name} — {u.reason or u.key}")
    for u in result.new_unpriced:
        where = "unpriced before and after" if (u.address, u.key) in old_keys else "newly unpriced"
        echo(f"{bullet}{where}: {u.address}: {u.name} — {u.reason or u.key}")


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
    echo(f"{size_gb:,.0f} GB in {region}, {reads_gb_month:,.0f} GB read and {writes_k:,.0f}k writes a month")
    echo(f"{'option':<24} {'monthly':>11} {'storage':>11} {'retrieval':>10} {'writes':>10}  note")
    for r in rows:
        echo(f"{r.option:<24} {usd(r.monthly_usd):>11} {usd(r.storage_usd):>11} {usd(r.retrieval_usd):>10}"
             f" {usd(r.writes_usd):>10}  {r.note}")
    echo("")
    echo(f"{'option':<24} {'scope':<32} {'durability':<14} {'first byte':<16} {'min days':>8}  {'max size':<34}"
         " updates; attaches to")
    for r in rows:
        echo(f"{r.option:<24} {r.scope:<32} {r.durability:<14} {r.first_byte:<16} "
             f"{r.min_storage_days:>8}  {r.max_size:<34} {r.updates}; {r.attaches_to}")