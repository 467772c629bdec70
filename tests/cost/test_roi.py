"""ROI: scenarios are re-estimated copies; savings, payback and NPV follow; bad paths are located."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.cli import main
from planner.cost import estimate
from planner.cost.roi import npv, run_roi
from planner.errors import InvalidInput
from planner.pipeline import analyze, analyze_loaded
from tests.conftest import BLUEPRINTS

SEOUL = (BLUEPRINTS / "shop-seoul.yaml").read_text()
MINIMAL = (BLUEPRINTS / "minimal-vm.yaml").read_text()


def _roi(text: str, **kw: object) -> dict:
    return run_roi(analyze_loaded(load_blueprint_text(text, "t.yaml")), **kw).to_dict()  # type: ignore[arg-type]


def test_seoul_scenarios_savings_payback_npv() -> None:
    result = run_roi(analyze(BLUEPRINTS / "shop-seoul.yaml")).to_dict()
    smaller = result["scenarios"][0]
    # two t3.large -> t3.medium in Seoul: 2 x 730 x (0.104 - 0.052)
    assert smaller["monthly_savings_usd"] == 75.92
    assert smaller["payback_months"] == 26.3
    assert smaller["npv_usd"] == round(36 * 75.92 - 2000, 2)


def test_a_scenario_whose_price_is_unknown_is_not_a_saving() -> None:
    # c8gn.large is offered in every Seoul zone but the shipped catalog has no Seoul price for it.
    text = SEOUL.replace("instances.web.pricing: reserved-1y", "instances.web.type: c8gn.large")
    newer = _roi(text)["scenarios"][1]
    assert newer["monthly_savings_usd"] is None
    assert "c8gn.large/on-demand" in newer["note"]


@settings(max_examples=10, deadline=None)
@given(field=st.sampled_from(["instances.web.type: t3.large", "instances.web.count: 2",
                              "instances.web.pricing: on-demand"]))
def test_a_scenario_that_changes_nothing_saves_exactly_zero(field: str) -> None:
    text = SEOUL.replace("      instances.web.type: t3.medium", "      " + field)
    scenario = _roi(text)["scenarios"][0]
    assert scenario["monthly_savings_usd"] == 0.0
    assert scenario["payback_months"] is None


def test_bad_scenario_path_names_line_and_suggests() -> None:
    text = SEOUL.replace("instances.web.type: t3.medium", "instances.wbe.type: t3.medium")
    with pytest.raises(InvalidInput) as info:
        _roi(text)
    (problem,) = info.value.problems
    assert problem.where == "scenarios[0].set.instances.wbe.type"
    assert problem.line == text[: text.index("instances.wbe")].count("\n") + 1
    assert problem.fix == "did you mean 'web'?"


def test_scenario_that_breaks_the_blueprint_is_reported_at_the_scenario() -> None:
    text = SEOUL.replace("instances.web.type: t3.medium", "instances.web.count: -3")
    with pytest.raises(InvalidInput) as info:
        _roi(text)
    (problem,) = info.value.problems
    assert problem.code == "scenario"
    assert problem.where == "scenarios[0].set"
    assert problem.line == text[: text.index("instances.web.count: -3")].count("\n")  # the `set:` line
    assert "scenario 'smaller-web' makes the blueprint invalid: instances[0].count: -3 is below the minimum 0" \
        in problem.message


def test_newer_generation_recommendation_t2_xlarge_to_t3_large_in_seoul() -> None:
    text = MINIMAL.replace("region: us-east-1", "region: ap-northeast-2").replace("type: t3.medium", "type: t2.xlarge")
    text = text.replace("    subnet: main", "    count: 4\n    subnet: main")
    recs = _roi(text)["recommendations"]
    newer = [r for r in recs if r["proposed"] == "t3.xlarge"]
    assert newer and newer[0]["current"] == "t2.xlarge"
    # the course's t2.xlarge -> t3.large move is a scenario: 4 x 730 x (0.2304 - 0.104), 54.86 %
    scenario = text + "scenarios:\n  - name: t3\n    set:\n      instances.vm.type: t3.large\n"
    result = _roi(scenario)["scenarios"][0]
    assert result["monthly_savings_usd"] == round(4 * 730 * (0.2304 - 0.104), 2)


def test_npv_discounts_monthly() -> None:
    assert npv(100, 1000, 12, 0.0) == 200
    assert npv(100, 0, 12, 0.12) == pytest.approx(100 * (1 - 1.01 ** -12) / 0.01)


def test_roi_cli(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["roi", str(BLUEPRINTS / "shop-seoul.yaml")])
    out = capsys.readouterr().out
    assert info.value.code in (0, None)
    # Seoul t3.large: $0.104/h on demand, $0.0628/h as a 1-year standard RI without upfront (AWS pricing-page
    # JSON via yeo/ec2.shop): 2 x 730 x (0.104 - 0.0628) = $60.15.
    assert "smaller-web" in out and "$75.92" in out and "commit-1y" in out and "$60.15" in out


def test_databases_that_run_all_month_get_reservation_recommendations() -> None:
    # Seoul MySQL db.r6g.large (AWS pricing-page JSON via yeo/ec2.shop): on demand $0.51/h Multi-AZ and $0.255/h
    # Single-AZ (the replica); 1-year no-upfront reservation $0.3482/h Multi-AZ and $0.1741/h Single-AZ.
    recs = run_roi(analyze(BLUEPRINTS / "shop-seoul.yaml")).to_dict()["recommendations"]
    one_year = next(r for r in recs if r["resource"] == "databases.orders" and r["proposed"] == "reserved-1y")
    assert one_year["monthly_savings_usd"] == round(730 * ((0.51 - 0.3482) + (0.255 - 0.1741)), 2)
    assert any(r["resource"] == "databases.orders" and r["proposed"] == "reserved-3y" for r in recs)


def test_a_reserved_database_is_priced_at_its_reservation() -> None:
    text = SEOUL.replace("    backup_retention_days: 7\n", "    backup_retention_days: 7\n    pricing: reserved-1y\n", 1)
    result = estimate(analyze_loaded(load_blueprint_text(text, "t.yaml"))).to_dict()
    db = next(r for r in result["resources"] if r["address"] == "databases.orders")
    keys = {c["price_key"]: c["monthly_usd"] for c in db["components"]}
    assert keys["mysql/db.r6g.large/multi-az/reserved-1y"] == round(730 * 0.3482, 2)
    assert keys["mysql/db.r6g.large/single-az/reserved-1y"] == round(730 * 0.1741, 2)


def test_applying_a_scenario_leaves_the_original_blueprint_untouched() -> None:
    from planner.cost.roi import apply_changes

    loaded = load_blueprint_text(SEOUL, "t.yaml")
    before = repr(loaded.source.data)
    changed = apply_changes(loaded, {"instances.web.type": "t3.medium", "clusters.shop.node_groups.general.desired_size": 4},
                            ("scenarios", 0, "set"))
    assert repr(loaded.source.data) == before
    assert changed.blueprint.instances[0].type == "t3.medium"
    assert changed.blueprint.clusters[0].node_groups[0].desired_size == 4
    assert loaded.blueprint.instances[0].type == "t3.large"
