"""``index.html``: the self-contained report page (inline CSS, inline SVG, no scripts or remote files), rendered
from the report model with the report's templates (``planner/report/templates``)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from planner.facts import REPORT_SIMULATION_MONTHS
from planner.writers.svg_charts import bar_chart, line_chart


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("planner.report", "templates"),
                              autoescape=jinja2.select_autoescape(["html", "j2"]),
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _inline_svg(svg: bytes | None) -> str | None:
    """Graphviz SVG without its XML prolog and DOCTYPE, ready to sit inside HTML."""
    if svg is None:
        return None
    text = svg.decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else None


def report_html(r: dict[str, Any], diagram_svg: bytes | None) -> str:
    cost = r["cost"]
    cost_chart = bar_chart([(s["service"], s["monthly_usd"]) for s in cost["by_service"]],
                           title="Monthly cost by service") if cost and cost["by_service"] else ""
    lifecycle_chart = ""
    if cost and cost["lifecycle"]:
        series = {name: [m["total_usd"] for m in months] for name, months in cost["lifecycle"].items()}
        if any(v is not None for values in series.values() for v in values):
            lifecycle_chart = line_chart(series, title="S3 lifecycle: monthly cost per bucket")
    reasons = {stage["name"]: stage["reason"] for stage in r["stages"]}
    return _environment().get_template("report.html.j2").render(
        r=r, reasons=reasons, diagram_svg=_inline_svg(diagram_svg), cost_chart=cost_chart, lifecycle_chart=lifecycle_chart,
        lifecycle_months=REPORT_SIMULATION_MONTHS)


def comparison_html(models: list[dict[str, Any]]) -> str:
    """The index page of several reports: their totals side by side, each linking to its report."""
    chart = bar_chart([(m["blueprint"]["name"], m["total_monthly_usd"] or 0.0) for m in models],
                      title="Monthly cost per blueprint (priced items)")
    return _environment().get_template("compare.html.j2").render(reports=models, chart=chart)
