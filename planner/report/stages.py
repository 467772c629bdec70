"""Run every stage of the report once, in order, and collect what each produced.

load -> check happen before (``pipeline.analyze``); here: dry-run -> estimate -> roi -> review ->
render (diagram, manifests). Each stage ends as one :class:`StageOutcome`:

- ``ok``: it ran;
- ``not-applicable``: nothing in the blueprint for it (no cluster: no manifests; GCP: no dry-run);
- ``skipped``: the environment cannot run it (for example Graphviz missing) — the reason is kept
  and shown in the report, and the command's exit code says so.

Invalid input and internal errors are not caught: they stop the report before anything is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.cost import estimate as run_estimate
from planner.cost.estimate import Estimate
from planner.cost.roi import run_roi
from planner.cost.s3sim import simulate
from planner.dryrun import EndpointBackend, InProcessMoto, run_dry_run
from planner.dryrun.model import DryRunResult
from planner.errors import EnvironmentProblem
from planner.pipeline import Analysis
from planner.render.diagram import render_diagram
from planner.render.manifests import render_manifests
from planner.review import run_review
from planner.review.model import ReviewResult

STAGES = ("dry-run", "estimate", "roi", "review", "diagram", "manifests")
LIFECYCLE_MONTHS = 24


@dataclass
class StageOutcome:
    name: str
    status: str  # ok | not-applicable | skipped
    reason: str = ""
    seconds: float = 0.0


@dataclass
class StageResults:
    """Everything the stages produced for one blueprint; the report model is built from this."""

    analysis: Analysis
    outcomes: list[StageOutcome] = field(default_factory=list)
    dry_run: DryRunResult | None = None
    estimate: dict[str, Any] | None = None
    lifecycle: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    roi: dict[str, Any] | None = None
    review: ReviewResult | None = None
    diagram_svg: bytes | None = None
    diagram_png: bytes | None = None
    manifests: dict[str, str] = field(default_factory=dict)
    manifest_warnings: list[str] = field(default_factory=list)

    def outcome(self, name: str) -> StageOutcome:
        return next(o for o in self.outcomes if o.name == name)

    @property
    def skipped(self) -> list[StageOutcome]:
        return [o for o in self.outcomes if o.status == "skipped"]


Progress = Callable[[str], None]


def run_stages(analysis: Analysis, *, today: date | None = None, endpoint_url: str | None = None,
               allow_remote: bool = False, horizon: int = 36, discount_rate: float = 0.0,
               skip_review: tuple[str, ...] = (), progress: Progress | None = None,
               with_dry_run: bool = True) -> StageResults:
    """Run every stage once over an analysed (valid) blueprint."""
    out = StageResults(analysis)
    bp = analysis.blueprint
    tell = progress or (lambda _name: None)

    def stage(name: str, body: Callable[[], str | None]) -> None:
        tell(name)
        started = time.perf_counter()
        try:
            not_applicable = body()
        except EnvironmentProblem as exc:
            out.outcomes.append(StageOutcome(name, "skipped", str(exc), time.perf_counter() - started))
            return
        status = "not-applicable" if not_applicable else "ok"
        out.outcomes.append(StageOutcome(name, status, not_applicable or "", time.perf_counter() - started))

    def dry_run() -> str | None:
        if bp.provider != "aws":
            return "moto rehearses AWS only; GCP resources are checked statically"
        if not with_dry_run:
            return "turned off (--no-dry-run)"
        backend = EndpointBackend(endpoint_url, allow_remote) if endpoint_url else InProcessMoto()
        out.dry_run = run_dry_run(analysis, backend)
        return None

    baseline: list[Estimate] = []  # the estimate, reused as the ROI baseline rather than computed twice

    def estimate() -> str | None:
        baseline.append(run_estimate(analysis, today))
        out.estimate = baseline[0].to_dict()
        for bucket in bp.buckets:
            if bucket.lifecycle:
                out.lifecycle[bucket.name] = [m.to_dict() for m in simulate(bucket, bp.region, LIFECYCLE_MONTHS, bp.provider)]
        return None

    def roi() -> str | None:
        out.roi = run_roi(analysis, horizon, discount_rate, today, baseline[0] if baseline else None).to_dict()
        return None

    def review() -> str | None:
        out.review = run_review(analysis, today=today, cost=out.estimate, skip=skip_review)
        return None

    def diagram() -> str | None:
        out.diagram_svg = render_diagram(analysis, "svg")
        out.diagram_png = render_diagram(analysis, "png")
        return None

    def manifests() -> str | None:
        if not bp.clusters:
            return "the blueprint declares no Kubernetes cluster"
        files, warnings = render_manifests(analysis)
        out.manifests = files
        out.manifest_warnings = [w.render() for w in warnings]
        return None

    for name, body in (("dry-run", dry_run), ("estimate", estimate), ("roi", roi), ("review", review),
                       ("diagram", diagram), ("manifests", manifests)):
        stage(name, body)
    return out
