"""Command-line interface: the only package that parses argv, prints and exits.

Each command lives in a small module here and is registered explicitly below (no import-time
side effects elsewhere).
"""

from planner.cli import (
    catalog_cmd,
    check_cmd,
    cost_cmd,
    diagram_cmd,
    dryrun_cmd,
    manifests_cmd,
    report_cmd,
    review_cmd,
)
from planner.cli.base import cli, main

cli.add_command(check_cmd.check)
cli.add_command(check_cmd.plan)
cli.add_command(check_cmd.schema)
cli.add_command(catalog_cmd.catalog)
cli.add_command(cost_cmd.estimate)
cli.add_command(cost_cmd.roi)
cli.add_command(cost_cmd.diff)
cli.add_command(cost_cmd.storage)
cli.add_command(diagram_cmd.diagram)
cli.add_command(review_cmd.review)
cli.add_command(dryrun_cmd.dry_run)
cli.add_command(manifests_cmd.manifests)
cli.add_command(report_cmd.report)

__all__ = ["cli", "main"]
