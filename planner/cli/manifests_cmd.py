"""``planner manifests``: Kubernetes manifests and cluster configs, validated before they are written."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.base import echo
from planner.pipeline import analyze
from planner.render.manifests import render_manifests
from planner.report.files import write_tree


@click.command()
@click.argument("blueprint", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write kubernetes/ and clusters/ into (replaced as a whole).")
def manifests(blueprint: str, output: Path) -> None:
    """Write kubernetes/<cluster>/<namespace>.yaml and clusters/<cluster>.{eksctl,gke}.yaml (strictly validated)."""
    files, warnings = render_manifests(analyze(blueprint))
    for warning in warnings:
        echo(f"warning: {warning.render()}", err=True)
    write_tree(output, files)
    for path in files:
        echo(f"wrote {output / path}")
