"""The dry-run against its floor only (faster than the whole suite): ``python bench/dryrun_ratio.py 100,500``.

For each size: the synthetic blueprint (bench/generate.py), one dry-run and one bare create + delete
(bench/raw_dryrun.py) against the same in-process moto, after the same warm-up as bench/run.py; prints
seconds, the ratio and the scaling between consecutive sizes (time ratio over resource ratio).
``--profile OUT`` writes a cProfile of the dry-run at the last size to OUT (read it with pstats).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import generate
import raw_dryrun
from run import resource_count, warm_up

from planner.blueprint import load_blueprint
from planner.dryrun import run_dry_run
from planner.pipeline import analyze_loaded


def timed(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="?", default="100,500")
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--skip-floor", action="store_true", help="time the dry-run only")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    warm_up()
    rows: dict[int, tuple[float, float]] = {}
    for size in sizes:
        analysis = analyze_loaded(load_blueprint(generate.write(size)))
        profiler = cProfile.Profile() if args.profile and size == sizes[-1] else None
        dry, result = timed(profiler.runcall, run_dry_run, analysis) if profiler else timed(run_dry_run, analysis)
        if profiler:
            profiler.dump_stats(args.profile)
        if not result.ok:
            raise SystemExit(f"dry-run failed: {result.findings[:3]} {result.remaining[:3]}")
        floor = float("nan") if args.skip_floor else timed(raw_dryrun.raw_floor, analysis)[0]
        rows[size] = (dry, floor)
        print(f"{size:>6} dry-run {dry:8.2f} s  floor {floor:8.2f} s  ratio {dry / floor:5.2f}x", flush=True)
    for small, large in itertools.pairwise(sizes):
        growth = resource_count(large) / resource_count(small)
        print(f"{small}->{large}: dry-run scaling {rows[large][0] / rows[small][0] / growth:.2f}, "
              f"floor scaling {rows[large][1] / rows[small][1] / growth:.2f}")


if __name__ == "__main__":
    main()
