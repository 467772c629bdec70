"""The dry-run's deployment, by resource family: the core plumbing and one module per family.

:class:`planner.dryrun.apply.Deployment` runs the families in dependency order; each family module
is a function taking the core deployment object (:class:`~planner.dryrun.deploy.core.DeploymentCore`).
"""
