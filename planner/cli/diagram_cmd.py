"""``planner diagram``: the architecture drawn from the blueprint (Graphviz)."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.base import echo
from planner.pipeline import analyze
from planner.render.diagram import write_diagram


@click.command()
@click.argument("blueprint", type=click.Path())
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.svg, FILE.png or FILE.dot")
@click.option("--kubernetes", is_flag=True, help="Also draw each cluster's workloads (ingress, service, pods, PVCs).")
def diagram(blueprint: str, output: Path, kubernetes: bool) -> None:
    """Draw region > VPC > zone > subnet > resources, with the traffic the blueprint allows."""
    if output.suffix.lower() not in (".svg", ".png", ".dot"):
        raise click.BadParameter("the output must end in .svg, .png or .dot", param_hint="-o")
    written = write_diagram(analyze(blueprint), output, kubernetes)
    echo(f"wrote {written}")
