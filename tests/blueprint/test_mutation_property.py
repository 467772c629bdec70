"""Property: any random mutation of a valid blueprint loads, or fails as invalid input (exit 2).

Never another exception (which the CLI would turn into exit 3), and every problem is located.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.errors import InvalidInput
from planner.pipeline import analyze_loaded
from tests.conftest import EXAMPLES

BASES = [yaml.safe_load(p.read_text()) for p in EXAMPLES]

values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 100_000), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "a", "t3.larg", "10.0.0.0/8", "sg:nope", "us-east-1", "gp2", "1.20", "x" * 80, "0.0.0.0/0"]),
    st.lists(st.integers(0, 70000), max_size=3), st.dictionaries(st.sampled_from(["a", "name", "type"]),
                                                                 st.integers(), max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> str:
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["set", "delete", "add-key", "duplicate"]))
        key = path[-1]
        if action == "set":
            parent[key] = draw(values)
        elif action == "delete":
            del parent[key]
        elif action == "add-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["nmae", "extra", "typ", "zones"]))] = draw(values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return yaml.safe_dump(data, sort_keys=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_any_mutation_loads_or_is_invalid_input(text: str) -> None:
    try:
        analyze_loaded(load_blueprint_text(text, "fuzz.yaml"))
    except InvalidInput as exc:
        assert exc.problems, "InvalidInput always carries its problems"
        for problem in exc.problems:
            assert problem.file == "fuzz.yaml"
            assert problem.message
            assert problem.severity in ("error", "warning", "info")
