"""``planner check``, ``planner plan`` and ``planner schema``."""

from __future__ import annotations

import json

import click

from planner.analysis import Analysis
from planner.blueprint.jsonschema import blueprint_json_schema
from planner.checks.writers import FileFindings, check_junit, check_sarif
from planner.cli.base import echo, emit_json, finish
from planner.errors import InvalidInput, Verdict
from planner.findings import Finding
from planner.pipeline import analyze
from planner.render.plan_text import plan_lines


@click.command()
@click.argument("blueprints", nargs=-1, required=True, type=click.Path())
@click.option("--explain", is_flag=True, help="Also print the derived plan (carved subnets, zones, placements).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "junit"]), default="text",
              show_default=True, help="sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML for CI test reports.")
def check(blueprints: tuple[str, ...], explain: bool, fmt: str) -> None:
    """Validate blueprints: schema and every static rule. Exit 0 ok (warnings allowed), 2 invalid."""
    results: list[dict[str, object]] = []
    verdicts: list[Verdict] = []
    found: list[FileFindings] = []
    for path in blueprints:
        try:
            analysis = analyze(path)
            findings: list[Finding] = analysis.findings
            ok = True
        except InvalidInput as exc:
            analysis, findings, ok = None, exc.problems, False
        verdicts.append(Verdict(invalid=not ok))
        found.append((path, findings))
        if fmt in ("sarif", "junit"):
            continue
        if fmt == "json":
            results.append({"file": path, "ok": ok, "findings": [f.to_dict() for f in findings],
                            "plan": analysis.plan.to_dict() if analysis and explain else None})
            continue
        for finding in findings:
            prefix = "error" if finding.severity == "error" else finding.severity
            echo(f"{prefix}: {finding.render()}", err=not ok)
        if ok:
            assert analysis is not None
            warnings = sum(1 for f in findings if f.severity == "warning")
            echo(f"{path}: ok ({_summary(analysis)}; {warnings} warning(s))")
            if explain:
                for line in plan_lines(analysis):
                    echo(line)
        else:
            errors = sum(1 for f in findings if f.severity == "error")
            echo(f"{path}: {errors} error(s)", err=True)
    if fmt == "json":
        emit_json(results if len(results) > 1 else results[0])
    elif fmt == "sarif":
        emit_json(check_sarif(found))
    elif fmt == "junit":
        click.echo(check_junit(found), nl=False)
    finish(*verdicts)


def _summary(analysis: Analysis) -> str:
    bp = analysis.blueprint
    parts = [f"{bp.provider} {bp.region}", f"{len(analysis.plan.subnets)} subnets"]
    for section in ("instances", "databases", "buckets", "load_balancers", "clusters", "workloads"):
        count = len(getattr(bp, section))
        if count:
            parts.append(f"{count} {section.replace('_', ' ')}")
    return ", ".join(parts)


@click.command()
@click.argument("blueprint", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def plan(blueprint: str, fmt: str) -> None:
    """Print the derived network plan: carved subnets, usable addresses, NAT, placements, pod IPs."""
    analysis = analyze(blueprint)
    if fmt == "json":
        emit_json(analysis.plan.to_dict())
        return
    for line in plan_lines(analysis):
        echo(line)


@click.command()
@click.option("--indent", default=2, show_default=True)
def schema(indent: int) -> None:
    """Print the JSON Schema of the blueprint format (for editors and CI)."""
    click.echo(json.dumps(blueprint_json_schema(), indent=indent, sort_keys=True))
