"""Changed copies of a blueprint (planner/cost/variants.py): a recommendation's saving is the difference of
two estimates made by the same estimator, and a copy never changes the blueprint it was made from."""

from __future__ import annotations

import pytest

from planner.blueprint import load_blueprint_text
from planner.cost.estimate import estimate
from planner.cost.recommend import recommendations
from planner.cost.variants import with_changes
from planner.errors import InternalError
from planner.pipeline import analyze_loaded
from tests.conftest import BLUEPRINTS

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()


def test_unknown_field_in_a_changed_copy_is_an_internal_error() -> None:
    bp = analyze_loaded(load_blueprint_text(SEOUL, "t.yaml")).blueprint
    # pydantic's model_copy would set the field silently and the "copy" would price like the blueprint
    with pytest.raises(InternalError, match="no_such_field"):
        with_changes(bp, [(("instances", 0, "no_such_field"), "x")])


def test_changed_copy_leaves_the_blueprint_unchanged() -> None:
    bp = analyze_loaded(load_blueprint_text(SEOUL, "t.yaml")).blueprint
    before = bp.instances[0].type
    copy = with_changes(bp, [(("instances", 0, "type"), "t3.medium")])
    assert copy.instances[0].type == "t3.medium"
    assert bp.instances[0].type == before != "t3.medium"
    assert copy.instances[1:] == bp.instances[1:]


def test_type_saving_equals_the_difference_of_two_estimates() -> None:
    analysis = analyze_loaded(load_blueprint_text(SEOUL, "t.yaml"))
    (rec,) = [r for r in recommendations(analysis)
              if r.resource == "instances.web" and r.proposed.startswith(("t4g", "m7g", "m6g"))]
    assert "type: t3.large" in SEOUL  # the web tier of the example
    variant = analyze_loaded(load_blueprint_text(SEOUL.replace("type: t3.large", f"type: {rec.proposed}"), "t.yaml"))
    old, new = estimate(analysis).resource("instances.web"), estimate(variant).resource("instances.web")
    assert old is not None and new is not None
    assert rec.monthly_savings_usd == pytest.approx(old.monthly_usd - new.monthly_usd, abs=0.011)
