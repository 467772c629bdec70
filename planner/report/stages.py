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

from planner import facts
from planner.analysis import Analysis
from planner.cost import estimate as run_estimate
from planner.cost.estimate import Estimate
from planner.cost.roi import RoiResult, run_roi
from planner.cost.s3sim import LifecycleMonth, simulate
from planner.dryrun import EndpointBackend, InProcessMoto, run_dry_run
from planner.dryrun.model import DryRunResult
from planner.errors import EnvironmentProblem
from planner.render.diagram import render_diagram
from planner.render.manifests import render_manifests
from planner.review import run_review
from planner.review.model import ReviewResult

STAGES = ("dry-run", "estimate", "roi", "review", "diagram", "manifests")


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
    estimate: Estimate | None = None
    lifecycle: dict[str, list[LifecycleMonth]] = field(default_factory=dict)
    roi: RoiResult | None = None
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
    runner = _StageRunner(StageResults(analysis), today, endpoint_url, allow_remote, horizon, discount_rate,
                          skip_review, with_dry_run)
    tell = progress or (lambda _name: None)
    for name, body in (("dry-run", runner.dry_run), ("estimate", runner.estimate), ("roi", runner.roi),
                       ("review", runner.review), ("diagram", runner.diagram), ("manifests", runner.manifests)):
        tell(name)
        runner.out.outcomes.append(_timed(name, body))
    return runner.out


def _timed(name: str, body: Callable[[], str | None]) -> StageOutcome:
    """Run one stage body: ``ok``, ``not-applicable`` (the body returned why) or ``skipped`` (EnvironmentProblem)."""
    started = time.perf_counter()
    try:
        not_applicable = body()
    except EnvironmentProblem as exc:
        return StageOutcome(name, "skipped", str(exc), time.perf_counter() - started)
    status = "not-applicable" if not_applicable else "ok"
    return StageOutcome(name, status, not_applicable or "", time.perf_counter() - started)


@dataclass
class _StageRunner:
    """The stage bodies over one blueprint; each fills its part of ``out`` and returns a not-applicable reason."""

    out: StageResults
    today: date | None
    endpoint_url: str | None
    allow_remote: bool
    horizon: int
    discount_rate: float
    skip_review: tuple[str, ...]
    with_dry_run: bool
    baseline: Estimate | None = None  # the estimate, reused as the ROI baseline rather than computed twice

    def dry_run(self) -> str | None:
        analysis = self.out.analysis
        if analysis.blueprint.provider != "aws":
            return "moto rehearses AWS only; GCP resources are checked statically"
        if not self.with_dry_run:
            return "turned off (--no-dry-run)"
        backend = EndpointBackend(self.endpoint_url, self.allow_remote) if self.endpoint_url else InProcessMoto()
        self.out.dry_run = run_dry_run(analysis, backend)
        return None

    def estimate(self) -> str | None:
        bp = self.out.analysis.blueprint
        self.baseline = run_estimate(self.out.analysis, self.today)
        self.out.estimate = self.baseline
        for bucket in bp.buckets:
            if bucket.lifecycle:
                self.out.lifecycle[bucket.name] = simulate(bucket, bp.region, facts.REPORT_SIMULATION_MONTHS,
                                                           bp.provider)
        return None

    def roi(self) -> str | None:
        self.out.roi = run_roi(self.out.analysis, self.horizon, self.discount_rate, self.today, self.baseline)
        return None

    def review(self) -> str | None:
        self.out.review = run_review(self.out.analysis, today=self.today, cost=self.out.estimate, skip=self.skip_review)
        return None

    def diagram(self) -> str | None:
        self.out.diagram_svg = render_diagram(self.out.analysis, "svg")
        self.out.diagram_png = render_diagram(self.out.analysis, "png")
        return None

    def manifests(self) -> str | None:
        if not self.out.analysis.blueprint.clusters:
            return "the blueprint declares no Kubernetes cluster"
        files, warnings = render_manifests(self.out.analysis)
        self.out.manifests = files
        self.out.manifest_warnings = [w.render() for w in warnings]
        return None
