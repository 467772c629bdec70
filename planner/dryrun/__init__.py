"""Mocked deployment dry-run: apply the blueprint through boto3, verify, tear down."""

from planner.dryrun.backend import EndpointBackend, InProcessMoto
from planner.dryrun.runner import run_dry_run

__all__ = ["EndpointBackend", "InProcessMoto", "run_dry_run"]
