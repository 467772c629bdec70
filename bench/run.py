"""The benchmark suite behind ``make bench``.

Generates synthetic blueprints (bench/generate.py) at several sizes, times each stage, and reports
every figure as a ratio: against a baseline measured in the same run on the same input (so the
numbers survive a slower or faster machine) and between sizes (4x the resources should cost about
4x the time). Writes ``bench/results.json`` and prints a table.

Usage: python bench/run.py [--sizes 100,500,2000,8000] [--repeat 3] [--dry-run-sizes 500,2000]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import generate
import raw_dryrun

from planner.blueprint import load_blueprint
from planner.cost import estimate
from planner.cost.components import declare
from planner.cost.prices import price_table
from planner.cost.roi import run_roi
from planner.dryrun import run_dry_run
from planner.pipeline import RunOptions, analyze_loaded, run_pipeline
from planner.render.manifests import render_manifests
from planner.report.bundle import build_bundle
from planner.report.files import write_tree
from planner.review import run_review

Stage = Callable[[dict[str, Any]], Any]


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs (the least disturbed by the rest of the machine)."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def stages() -> list[tuple[str, Callable[[dict[str, Any]], Any], Callable[[dict[str, Any]], Any] | None]]:
    """(name, stage, baseline) triples; a stage reads and extends the shared state dict."""

    def yaml_baseline(state: dict[str, Any]) -> Any:
        with open(state["path"], "rb") as handle:
            return yaml.load(handle, Loader=yaml.CSafeLoader)

    def load(state: dict[str, Any]) -> Any:
        state["loaded"] = load_blueprint(state["path"])
        return state["loaded"]

    def check(state: dict[str, Any]) -> Any:
        state["analysis"] = analyze_loaded(state["loaded"])
        return state["analysis"]

    def estimate_stage(state: dict[str, Any]) -> Any:
        return estimate(state["analysis"])

    def merge_baseline(state: dict[str, Any]) -> Any:
        """A single pandas merge of as many rows as the estimate prices, against the same table."""
        table = price_table()
        rows = len(declare(state["analysis"]))
        keys = table[["service", "region", "key"]].sample(n=rows, replace=True, random_state=0)
        return keys.merge(table, on=["service", "region", "key"], how="left")

    def roi_stage(state: dict[str, Any]) -> Any:
        return run_roi(state["analysis"])

    def review_stage(state: dict[str, Any]) -> Any:
        return run_review(state["analysis"])

    def manifests_stage(state: dict[str, Any]) -> Any:
        return render_manifests(state["analysis"])  # rendering and strict schema validation of every object

    def report_stage(state: dict[str, Any]) -> Any:
        """The whole report minus the dry-run (measured on its own below): every stage, every writer, the
        atomic folder write."""
        results = run_pipeline(state["analysis"], RunOptions(with_dry_run=False))
        bundle = build_bundle(results, date.today())
        with tempfile.TemporaryDirectory() as folder:
            write_tree(Path(folder) / "report", bundle.files)
        return bundle

    def dry_run_stage(state: dict[str, Any]) -> Any:
        result = run_dry_run(state["analysis"])
        if not result.ok:
            raise SystemExit(f"bench dry-run failed: {result.findings[:3]} {result.remaining[:3]}")
        return result

    def raw_baseline(state: dict[str, Any]) -> Any:
        return raw_dryrun.raw_floor(state["analysis"])

    return [("load", load, yaml_baseline), ("check", check, None), ("estimate", estimate_stage, merge_baseline),
            ("roi", roi_stage, None), ("review", review_stage, None), ("manifests", manifests_stage, None),
            ("report", report_stage, None), ("dry-run", dry_run_stage, raw_baseline)]


HEAVY = {"report", "dry-run"}  # measured once per size (their runs take seconds to minutes)


def warm_up() -> None:
    """Import and initialise what every stage needs once (moto's EC2 models, Kubernetes schemas), so no
    first measurement pays a one-time cost its baseline does not."""
    path = generate.write(10, HERE / "blueprints" / "warm-up.yaml")
    analysis = analyze_loaded(load_blueprint(path))
    run_dry_run(analysis)
    raw_dryrun.raw_floor(analysis)
    render_manifests(analysis)


def run(sizes: list[int], repeat: int, dry_run_sizes: list[int]) -> dict[str, Any]:
    results: dict[str, Any] = {"machine": machine(), "sizes": {}, "stages": [s[0] for s in stages()]}
    warm_up()
    for size in sizes:
        path = generate.write(size)
        state: dict[str, Any] = {"path": path, "size": size}
        row: dict[str, Any] = {"bytes": path.stat().st_size, "resources": resource_count(size), "stages": {}}
        for name, stage, baseline in stages():
            if name == "dry-run" and size not in dry_run_sizes:
                continue
            times = 1 if name in HEAVY else repeat
            print(f"  {size:>5} {name} ...", file=sys.stderr, flush=True)
            seconds, _ = best_of(lambda stage=stage, state=state: stage(state), times)
            entry: dict[str, Any] = {"seconds": round(seconds, 4),
                                     "ms_per_resource": round(seconds * 1000 / row["resources"], 4)}
            if baseline is not None:
                base_seconds, _ = best_of(lambda baseline=baseline, state=state: baseline(state), times)
                entry["baseline_seconds"] = round(base_seconds, 4)
                entry["ratio_to_baseline"] = round(seconds / base_seconds, 3)
            row["stages"][name] = entry
        row["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        results["sizes"][str(size)] = row
    add_scaling(results, sizes)
    return results


def resource_count(size: int) -> int:
    """Instance groups + buckets + workloads of the synthetic blueprint (see bench/generate.py)."""
    return size + max(1, size // 5) + max(1, size * 2 // 5)


def add_scaling(results: dict[str, Any], sizes: list[int]) -> None:
    """Time ratio against the previous size measured (for each stage) over the resource ratio: ~1.0 means linear."""
    last: dict[str, int] = {}  # stage -> the last size it was measured at
    for size in sizes:
        row = results["sizes"][str(size)]
        for name, entry in row["stages"].items():
            small = last.get(name)
            last[name] = size
            if small is None:
                continue
            a = results["sizes"][str(small)]
            growth = row["resources"] / a["resources"]
            before = a["stages"][name]["seconds"]
            if before > 0:
                entry[f"scaling_vs_{small}"] = round(entry["seconds"] / before / growth, 3)


def machine() -> dict[str, Any]:
    import os

    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine()}


def table(results: dict[str, Any]) -> str:
    lines = [f"{'size':>6} {'stage':<10} {'seconds':>9} {'ms/res':>8} {'vs baseline':>12} {'scaling':>8}"]
    for size, row in results["sizes"].items():
        for name, entry in row["stages"].items():
            ratio = entry.get("ratio_to_baseline")
            scaling = next((v for k, v in entry.items() if k.startswith("scaling_vs_")), None)
            lines.append(f"{size:>6} {name:<10} {entry['seconds']:>9.3f} {entry['ms_per_resource']:>8.3f} "
                         f"{(f'{ratio:.2f}x' if ratio else ''):>12} {(f'{scaling:.2f}' if scaling else ''):>8}")
        lines.append(f"{'':>6} peak RSS {row['peak_rss_mib']} MiB, {row['bytes']:,} bytes of YAML")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,2000,8000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dry-run-sizes", default="500,2000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = run(sizes, args.repeat, [int(s) for s in args.dry_run_sizes.split(",") if s])
    (HERE / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(table(results))
    print(f"\nwrote {HERE / 'results.json'} (best of {args.repeat} runs; report and dry-run: one run)")


if __name__ == "__main__":
    main()
