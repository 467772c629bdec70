"""One report folder as a mapping of relative path -> content: the model plus its thin writers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.cost.writers import estimate_csv
from planner.pipeline import RunResult
from planner.report.markdown import report_markdown
from planner.report.model import build_report
from planner.review import writers as review_writers
from planner.writers.html import report_html
from planner.writers.json_text import json_text


@dataclass(frozen=True)
class ReportBundle:
    """One blueprint's report: the run it renders, the report model, and every file (path -> content)."""

    results: RunResult
    model: dict[str, Any]
    files: dict[str, bytes | str]


def _json(data: Any) -> str:
    return json_text(data, ascii_only=False)


def build_bundle(results: RunResult, today: date) -> ReportBundle:
    """Every file of the report, rendered from one model; nothing is written here."""
    files: dict[str, bytes | str] = {}
    listing: list[dict[str, str]] = []

    def add(path: str, content: bytes | str, description: str) -> None:
        files[path] = content
        listing.append({"path": path, "description": description})

    if results.diagram_svg is not None:
        add("diagram.svg", results.diagram_svg, "architecture diagram (SVG, icons embedded)")
    if results.diagram_png is not None:
        add("diagram.png", results.diagram_png, "architecture diagram (PNG)")
    if results.estimate is not None:
        add("cost.csv", estimate_csv(results.estimate), "cost per component with the source of each price")
    if results.review is not None:
        add("review.sarif", _json(review_writers.sarif(results.review)),
            "Well-Architected findings as SARIF 2.1.0 (code scanning)")
    if results.dry_run is not None:
        add("dry-run.log", "\n".join(results.dry_run.log_lines()) + "\n", "every step of the mocked deployment")
    for path, text in sorted(results.manifests.items()):
        what = ("Kubernetes manifests" if not path.startswith("clusters/") else "deploy script (the EKS flow)"
                if path.endswith(".deploy.sh") else "teardown script" if path.endswith(".teardown.sh")
                else "gcloud commands" if path.endswith(".sh") else "cluster configuration")
        add(path, text, what)
    listing[:0] = [{"path": "index.html", "description": "this report"},
                   {"path": "report.md", "description": "summary for a pull request"},
                   {"path": "report.json", "description": "the report model (schema planner.report/v1)"}]
    model = build_report(results, listing, today)
    files["report.json"] = _json(model)
    files["report.md"] = report_markdown(model)
    files["index.html"] = report_html(model, results.diagram_svg)
    return ReportBundle(results, model, files)
