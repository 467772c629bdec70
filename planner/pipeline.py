"""Runs the stages in order and returns one result; no printing, no exiting.

``analyze`` is the front half every command shares: load -> plan -> static checks, scenarios and
``review.skip`` ids. It raises :class:`InvalidInput` (with every problem) when the blueprint has
errors, so later stages only ever see a blueprint that is safe to use. When the schema rejects part
of a file, the parts it accepts are still checked (:mod:`planner.blueprint.partial`), so one run
lists every problem that can be known.

``run_pipeline`` is the rest, over an analysed blueprint: dry-run -> estimate -> roi -> review ->
render (diagram, manifests), returned as one immutable :class:`RunResult`. Each stage ends as one
:class:`StageOutcome`:

- ``ok``: it ran;
- ``not-applicable``: nothing in the blueprint for it (no cluster: no manifests; GCP: no dry-run);
- ``skipped``: the environment cannot run it (for example Graphviz missing) — the reason is kept
  and shown in the report, and the command's exit code says so.

Invalid input and internal errors are not caught: they stop the run before anything is written.
Commands that need one stage call that stage's function directly; the report calls this.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from planner import facts
from planner.analysis import Analysis
from planner.blueprint.loader import LoadedBlueprint, validate_document
from planner.blueprint.partial import partial_blueprint
from planner.blueprint.yamlsource import SourceDocument, read_yaml
from planner.checks import run_checks
from planner.cost import estimate as run_estimate
from planner.cost.allocation import ClusterAllocation, allocate
from planner.cost.results import Estimate
from planner.cost.roi import RoiResult, run_roi
from planner.cost.s3sim import LifecycleMonth, simulate
from planner.dryrun import EndpointBackend, InProcessMoto, run_dry_run
from planner.dryrun.model import DryRunResult
from planner.errors import EnvironmentProblem, InvalidInput
from planner.findings import Finding, sort_key
from planner.plan import Plan, build_plan
from planner.render.diagram import render_diagram
from planner.render.manifests import render_manifests
from planner.review import run_review
from planner.review.model import ReviewResult
from planner.review.skips import skip_problems
from planner.scenarios import scenario_problems


def semantic_findings(loaded: LoadedBlueprint) -> tuple[Plan, list[Finding]]:
    """The plan and every finding past the schema: network plan, static rules, scenarios, skip ids."""
    plan, findings = build_plan(loaded)
    findings += run_checks(loaded, plan)
    findings += scenario_problems(loaded)
    findings += skip_problems(loaded)
    return plan, findings


def analyze_loaded(loaded: LoadedBlueprint, *, raise_on_error: bool = True) -> Analysis:
    plan, findings = semantic_findings(loaded)
    findings.sort(key=sort_key)
    errors = [f for f in findings if f.severity == "error"]
    if errors and raise_on_error:
        raise InvalidInput(f"{loaded.file}: {len(errors)} error(s)", findings)
    return Analysis(loaded, plan, findings)


def analyze_document(doc: SourceDocument, *, raise_on_error: bool = True) -> Analysis:
    """Validate, plan and check one parsed document; schema errors come with the findings of the rest."""
    try:
        loaded = validate_document(doc)
    except InvalidInput as exc:
        problems = list(exc.problems)
        partial = partial_blueprint(doc, problems)
        if partial is not None:
            _, more = semantic_findings(partial.loaded)
            problems += [f for f in (partial.relocate(m) for m in more) if f is not None]
        problems.sort(key=sort_key)
        errors = sum(1 for p in problems if p.severity == "error")
        raise InvalidInput(f"{doc.file}: {errors} error(s)", problems) from None
    return analyze_loaded(loaded, raise_on_error=raise_on_error)


def analyze(path: str | os.PathLike[str], *, raise_on_error: bool = True) -> Analysis:
    """Load, plan and check one blueprint file."""
    return analyze_document(read_yaml(path), raise_on_error=raise_on_error)



STAGES = ("dry-run", "estimate", "roi", "review", "diagram", "manifests")

StageStatus = Literal["ok", "not-applicable", "skipped"]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class StageOutcome:
    name: str
    status: StageStatus
    reason: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class RunOptions:
    """What a run depends on besides the blueprint (the report's command-line options)."""

    today: date | None = None
    endpoint_url: str | None = None
    allow_remote: bool = False
    horizon: int = 36
    discount_rate: float = 0.0
    skip_review: tuple[str, ...] = ()
    with_dry_run: bool = True


@dataclass(frozen=True)
class RunResult:
    """Everything the stages produced for one blueprint; the report renders it, nothing changes it."""

    analysis: Analysis
    outcomes: tuple[StageOutcome, ...]
    dry_run: DryRunResult | None = None
    estimate: Estimate | None = None
    lifecycle: Mapping[str, Sequence[LifecycleMonth]] = field(default_factory=lambda: MappingProxyType({}))
    roi: RoiResult | None = None
    review: ReviewResult | None = None
    diagram_svg: bytes | None = None
    diagram_png: bytes | None = None
    manifests: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    manifest_warnings: tuple[str, ...] = ()
    allocation: tuple[ClusterAllocation, ...] = ()

    def outcome(self, name: str) -> StageOutcome:
        return next(o for o in self.outcomes if o.name == name)

    @property
    def skipped(self) -> tuple[StageOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "skipped")


def run_pipeline(analysis: Analysis, options: RunOptions = RunOptions(), progress: Progress | None = None) -> RunResult:
    """Run every stage once over an analysed (valid) blueprint."""
    stages = _Stages(analysis, options)
    tell = progress or (lambda _name: None)
    outcomes = []
    for name, body in (("dry-run", stages.dry_run), ("estimate", stages.estimate), ("roi", stages.roi),
                       ("review", stages.review), ("diagram", stages.diagram), ("manifests", stages.manifests)):
        tell(name)
        outcomes.append(_timed(name, body))
    return stages.result(tuple(outcomes))


def _timed(name: str, body: Callable[[], str | None]) -> StageOutcome:
    """Run one stage body: ``ok``, ``not-applicable`` (the body returned why) or ``skipped`` (EnvironmentProblem)."""
    started = time.perf_counter()
    try:
        not_applicable = body()
    except EnvironmentProblem as exc:
        return StageOutcome(name, "skipped", str(exc), time.perf_counter() - started)
    status: StageStatus = "not-applicable" if not_applicable else "ok"
    return StageOutcome(name, status, not_applicable or "", time.perf_counter() - started)


class _Stages:
    """The stage bodies over one blueprint; each keeps its output and returns a not-applicable reason."""

    def __init__(self, analysis: Analysis, options: RunOptions) -> None:
        self.analysis = analysis
        self.options = options
        self.dry_run_result: DryRunResult | None = None
        self.estimate_result: Estimate | None = None  # reused as the ROI baseline rather than computed twice
        self.lifecycle: dict[str, Sequence[LifecycleMonth]] = {}
        self.roi_result: RoiResult | None = None
        self.review_result: ReviewResult | None = None
        self.svg: bytes | None = None
        self.png: bytes | None = None
        self.files: dict[str, str] = {}
        self.warnings: tuple[str, ...] = ()
        self.allocation: tuple[ClusterAllocation, ...] = ()

    def result(self, outcomes: tuple[StageOutcome, ...]) -> RunResult:
        return RunResult(self.analysis, outcomes, self.dry_run_result, self.estimate_result,
                         MappingProxyType(self.lifecycle), self.roi_result, self.review_result, self.svg, self.png,
                         MappingProxyType(self.files), self.warnings, self.allocation)

    def dry_run(self) -> str | None:
        if self.analysis.blueprint.provider != "aws":
            return "moto rehearses AWS only; GCP resources are checked statically"
        if not self.options.with_dry_run:
            return "turned off (--no-dry-run)"
        url = self.options.endpoint_url
        backend = EndpointBackend(url, self.options.allow_remote) if url else InProcessMoto()
        self.dry_run_result = run_dry_run(self.analysis, backend)
        return None

    def estimate(self) -> str | None:
        bp = self.analysis.blueprint
        self.estimate_result = run_estimate(self.analysis, self.options.today)
        self.allocation = allocate(self.analysis, self.estimate_result)
        for bucket in bp.buckets:
            if bucket.lifecycle:
                self.lifecycle[bucket.name] = tuple(simulate(bucket, bp.region, facts.REPORT_SIMULATION_MONTHS,
                                                             bp.provider))
        return None

    def roi(self) -> str | None:
        o = self.options
        self.roi_result = run_roi(self.analysis, o.horizon, o.discount_rate, o.today, self.estimate_result)
        return None

    def review(self) -> str | None:
        self.review_result = run_review(self.analysis, today=self.options.today, cost=self.estimate_result,
                                        skip=self.options.skip_review)
        return None

    def diagram(self) -> str | None:
        self.svg = render_diagram(self.analysis, "svg")
        self.png = render_diagram(self.analysis, "png")
        return None

    def manifests(self) -> str | None:
        if not self.analysis.blueprint.clusters:
            return "the blueprint declares no Kubernetes cluster"
        files, warnings = render_manifests(self.analysis)
        self.files = dict(files)
        self.warnings = tuple(w.render() for w in warnings)
        return None


__all__ = ["STAGES", "Analysis", "Progress", "RunOptions", "RunResult", "StageOutcome", "analyze",
           "analyze_document", "analyze_loaded", "run_pipeline", "semantic_findings"]
