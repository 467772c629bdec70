"""``planner manifests``: Kubernetes manifests and cluster configs, validated before they are written."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.base import echo
from planner.output import check_destination, write_tree
from planner.pipeline import analyze
from planner.render.manifests import render_manifests


@click.command()
@click.argument("blueprint", type=click.Path())
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write kubernetes/ and clusters/ into (only planner's own files are replaced).")
@click.option("--force", is_flag=True,
              help="Replace files at planner's own paths even if planner did not write them (nothing else is touched).")
def manifests(blueprint: str, output: Path, force: bool) -> None:
    """Write kubernetes/<cluster>/<namespace>.yaml and clusters/<cluster>.{eksctl,gke}.yaml (strictly validated)."""
    check_destination(output)
    files, warnings = render_manifests(analyze(blueprint))
    for warning in warnings:
        echo(f"warning: {warning.render()}", err=True)
    write_tree(output, files, force=force)
    for path in files:
        echo(f"wrote {output / path}")
