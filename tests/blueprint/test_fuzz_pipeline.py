"""Fuzz: random mutations of every example blueprint, driven through check, estimate, review, manifests
and the diagram's DOT source in-process. The outcome is a clean result or located findings (InvalidInput
with its problems), never another exception (which the CLI would report as exit 3).

Mutations: delete keys, swap types, huge and negative numbers, NaN and infinity, unicode, duplicated
entries, misspelt keys. Examples per base blueprint: FUZZ_EXAMPLES (default 220; five bases -> 1,100).
"""

from __future__ import annotations

import copy
import math
import os
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.cost import estimate as run_estimate
from planner.errors import InvalidInput
from planner.pipeline import analyze_loaded
from planner.render.diagram import dot_source
from planner.render.manifests import render_manifests
from planner.review import run_review
from tests.blueprint.test_mutation_property import _paths
from tests.conftest import EXAMPLES

EXAMPLES_PER_BASE = int(os.environ.get("FUZZ_EXAMPLES", "220"))
TODAY = date(2026, 12, 1)

values = st.one_of(
    st.none(), st.booleans(),
    st.integers(-(2**40), 2**40), st.sampled_from([-1, 0, 2**31, 2**63, 10**30]),
    st.floats(), st.sampled_from([math.nan, math.inf, -math.inf, 1e300, 1e308, -0.0, 5e-324]),
    st.text(max_size=12), st.sampled_from(["ü", "名前", "\u202e", "a b", "A_B", "-x-", "x" * 300, "61 * * * *",
                                           "10.0.0.0/8", "sg:nope", "0.0.0.0/0", "t3.larg", "us-east-9", "1.99"]),
    st.lists(st.integers(-2, 70000), max_size=3),
    st.dictionaries(st.sampled_from(["a", "name", "type", "port", "aws:x"]), st.integers(), max_size=2),
)


def mutations(base: dict[str, Any]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        data = copy.deepcopy(base)
        for _ in range(draw(st.integers(1, 3))):
            paths = _paths(data)
            if not paths:
                break
            path = draw(st.sampled_from(paths))
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            key = path[-1]
            action = draw(st.sampled_from(["set", "delete", "add-key", "duplicate", "swap-type",
                                           "perturb", "perturb", "perturb"]))
            old = parent[key]
            if action == "perturb":  # same type, other value: reaches the later stages more often
                if isinstance(old, bool) or old is None:
                    parent[key] = draw(st.booleans())
                elif isinstance(old, int):
                    parent[key] = draw(st.integers(0, 2 * max(old, 0) + 10))
                elif isinstance(old, float):
                    parent[key] = draw(st.floats(0, 2 * old + 10 if math.isfinite(old) and old > 0 else 10))
                elif isinstance(old, str):
                    parent[key] = draw(st.sampled_from([old, old.upper(), old + "-2", old[:-1] or "x"]))
                elif isinstance(old, list) and old:
                    parent.__setitem__(key, old[: draw(st.integers(0, len(old)))])
            elif action == "set":
                parent[key] = draw(values)
            elif action == "delete":
                del parent[key]
            elif action == "add-key" and isinstance(parent, dict):
                parent[draw(st.sampled_from(["nmae", "extra", "typ", "zones", "ports"]))] = draw(values)
            elif action == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
            elif action == "swap-type":
                parent[key] = [old] if not isinstance(old, list) else {"items": old}
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return build()


def _drive(text: str) -> None:
    try:
        analysis = analyze_loaded(load_blueprint_text(text, "fuzz.yaml"))
        result = run_estimate(analysis, TODAY)
        assert math.isfinite(result.total_monthly_usd), "an accepted blueprint has a finite total"
        run_review(analysis, today=TODAY, cost=result)
        if analysis.blueprint.clusters:
            render_manifests(analysis)
        dot_source(analysis)
    except InvalidInput as exc:
        assert exc.problems or str(exc), "InvalidInput says what is wrong"
        for problem in exc.problems:
            assert problem.message
            assert problem.severity in ("error", "warning", "info")


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_mutations_give_a_result_or_located_findings(example: Any) -> None:
    base = yaml.safe_load(example.read_text())

    @settings(max_examples=EXAMPLES_PER_BASE, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutations(base))
    def run(text: str) -> None:
        _drive(text)

    run()
