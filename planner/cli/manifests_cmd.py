"""``planner manifests``: Kubernetes manifests and cluster configs, validated before they are written."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.base import echo
from planner.cli.network_ids import load_network_ids
from planner.output import check_destination, write_tree
from planner.pipeline import analyze
from planner.render.manifests import render_manifests


@click.command()
@click.argument("blueprint", type=click.Path())
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write kubernetes/ and clusters/ into (only planner's own files are replaced).")
@click.option("--force", is_flag=True,
              help="Replace files at planner's own paths even if planner did not write them (nothing else is touched).")
@click.option("--network-ids", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ids of the blueprint's VPC and subnets for the eksctl config: the JSON of planner dry-run --keep "
                   "--format json, or {\"vpc\": ..., \"subnets\": {\"<subnet>-<zone>\": ...}}. Without it the deploy "
                   "script finds them by tag and CIDR.")
def manifests(blueprint: str, output: Path, force: bool, network_ids: Path | None = None) -> None:
    """Write kubernetes/<cluster>/<namespace>.yaml and clusters/<cluster>.* (strictly validated): eksctl config
    with deploy and teardown scripts for EKS, cluster definition and gcloud script for GKE."""
    check_destination(output)
    analysis = analyze(blueprint)
    network = load_network_ids(network_ids, analysis) if network_ids else None
    files, warnings = render_manifests(analysis, network=network)
    for warning in warnings:
        echo(f"warning: {warning.render()}", err=True)
    write_tree(output, files, force=force)
    for path in files:
        echo(f"wrote {output / path}")
