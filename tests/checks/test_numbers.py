"""Every numeric blueprint field has a finite range, checked at load.

A value out of range (1e300, 1e308, -1, .inf, .nan, a boolean) is an input error at its YAML path:
``check`` and ``estimate`` exit 2 with the path on stderr, never a traceback, an overflow (exit 3) or a
39-digit total. Each case edits one number of an example in blueprints/ with one text replacement.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.blueprint import load_blueprint_text
from planner.blueprint.schema import MAX_BUCKET_GB, MAX_DISK_GB, MAX_MONTHLY_GB
from planner.cli import main
from planner.cost.estimate import estimate
from planner.errors import InvalidInput
from planner.pipeline import analyze_loaded
from tests.conftest import BLUEPRINTS


@dataclass(frozen=True)
class Field:
    file: str
    old: str  # unique text in the example
    new: str  # its replacement; {v} is the value under test
    path: str

    @property
    def id(self) -> str:
        return self.path


FIELDS = [
    Field("data-lake.yaml", "size_gb: 50000", "size_gb: {v}", "buckets[0].size_gb"),
    Field("data-lake.yaml", "monthly_growth_gb: 5000", "monthly_growth_gb: {v}", "buckets[0].monthly_growth_gb"),
    Field("data-lake.yaml", "monthly_retrieval_gb: 500", "monthly_retrieval_gb: {v}",
          "buckets[0].monthly_retrieval_gb"),
    Field("data-lake.yaml", "average_object_kb: 512", "average_object_kb: {v}", "buckets[1].average_object_kb"),
    Field("data-lake.yaml", "put: 20000000", "put: {v}", "buckets[0].monthly_requests.put"),
    Field("data-lake.yaml", "get: 5000000}", "get: {v}}", "buckets[0].monthly_requests.get"),
    Field("data-lake.yaml", "after_days: 90,", "after_days: {v},", "buckets[0].lifecycle[1].after_days"),
    Field("data-lake.yaml", "count: 2", "count: {v}", "instances[0].count"),
    Field("shop-seoul.yaml", "iops: 3000", "iops: {v}", "instances[0].volumes[0].iops"),
    Field("shop-seoul.yaml", "throughput_mbps: 125", "throughput_mbps: {v}", "instances[0].volumes[0].throughput_mbps"),
    Field("shop-seoul.yaml", "throughput_mbps: 125", "throughput_mbps: 125, snapshot_gb: {v}",
          "instances[0].volumes[0].snapshot_gb"),
    Field("shop-seoul.yaml", "storage_gb: 200", "storage_gb: {v}", "databases[0].storage_gb"),
    Field("shop-seoul.yaml", "read_replicas: 1", "read_replicas: {v}", "databases[0].read_replicas"),
    Field("shop-seoul.yaml", "max_size: 6", "max_size: {v}", "clusters[0].node_groups[0].max_size"),
    Field("shop-seoul.yaml", "disk_gb: 50", "disk_gb: {v}", "clusters[0].node_groups[0].disk_gb"),
    Field("shop-seoul.yaml", "data_transfer_out_gb: 500", "data_transfer_out_gb: {v}", "usage.data_transfer_out_gb"),
    Field("shop-seoul.yaml", "nat_processed_gb: 300", "nat_processed_gb: {v}", "usage.nat_processed_gb"),
    Field("shop-seoul.yaml", "lb_processed_gb: 400", "lb_processed_gb: {v}", "usage.lb_processed_gb"),
    Field("shop-seoul.yaml", "lb_processed_gb: 400", "lb_processed_gb: 400\n  inter_az_gb: {v}", "usage.inter_az_gb"),
    Field("shop-seoul.yaml", "lb_processed_gb: 400", "lb_processed_gb: 400\n  inter_region_gb: {v}",
          "usage.inter_region_gb"),
    Field("shop-seoul.yaml", "one_time_cost_usd: 2000", "one_time_cost_usd: {v}", "scenarios[0].one_time_cost_usd"),
    Field("minimal-vm.yaml", "size_gb: 8", "size_gb: {v}", "instances[0].root_volume.size_gb"),
]
VALUES = ["1.0e+300", "1.0e+308", "-1", ".inf", ".nan", "true"]


def _text(field: Field, value: str) -> str:
    text = (BLUEPRINTS / field.file).read_text()
    assert text.count(field.old) == 1, f"{field.path}: the mutation target must be unique"
    return text.replace(field.old, field.new.replace("{v}", value))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    return int(info.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_check_and_estimate_refuse_the_value_at_its_path(field: Field, value: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / field.file
    source.write_text(_text(field, value))
    for command in ("check", "estimate"):
        code, err = _run(capsys, command, str(source))
        assert code == 2, f"{command} exit {code}: {err}"
        assert f": {field.path}: " in err, f"{command}: {field.path} not in {err}"
        assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize(("field", "over", "maximum"), [
    (FIELDS[0], "1.0e+300", "1000000000"),
    (FIELDS[0], "1000000001", "1000000000"),
    (FIELDS[15], "1.0e+12", "1000000000"),
    (FIELDS[7], "2147483648", "2147483647"),
    (FIELDS[8], "256001", "256000"),
    (FIELDS[9], "2001", "2000"),
    (FIELDS[11], "65537", "65536"),
    (FIELDS[21], "65537", "65536"),
    (FIELDS[6], "36501", "36500"),
    (FIELDS[3], "5368709121", "5368709120"),
    (FIELDS[20], "1.0e+10", "1000000000"),
], ids=lambda x: x.id if isinstance(x, Field) else x)
def test_the_message_names_the_line_and_the_maximum(field: Field, over: str, maximum: str) -> None:
    with pytest.raises(InvalidInput) as info:
        load_blueprint_text(_text(field, over), field.file)
    [problem] = [p for p in info.value.problems if p.where == field.path]
    assert problem.line is not None
    assert f"is above the maximum {maximum}" in problem.message
    assert problem.fix == f"use a value <= {maximum}"


@pytest.mark.parametrize("value", [".inf", ".nan", "-.inf"])
def test_a_non_finite_value_is_explained(value: str) -> None:
    with pytest.raises(InvalidInput) as info:
        load_blueprint_text(_text(FIELDS[0], value), "x.yaml")
    [problem] = info.value.problems
    assert problem.message == f"{value} is not a number"
    assert problem.fix == ".inf/.nan are not numbers; give a finite value"


def test_the_bound_itself_is_accepted() -> None:
    text = _text(FIELDS[0], "1000000000")
    text = text.replace("size_gb: 30,", f"size_gb: {MAX_DISK_GB},")
    load_blueprint_text(text, "x.yaml")


USAGE = ("data_transfer_out_gb", "nat_processed_gb", "lb_processed_gb", "inter_az_gb", "inter_region_gb")
GB = st.floats(min_value=0, max_value=MAX_MONTHLY_GB, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.floats(min_value=0, max_value=MAX_BUCKET_GB, allow_nan=False, allow_infinity=False),
       growth=GB, usage=st.tuples(*[GB] * len(USAGE)))
def test_any_value_within_the_bounds_gives_a_finite_printable_total(
        size: float, growth: float, usage: tuple[float, ...], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    text = (BLUEPRINTS / "shop-seoul.yaml").read_text()
    text = text.replace("size_gb: 2000", f"size_gb: {size:.6f}").replace("monthly_growth_gb: 100",
                                                                      f"monthly_growth_gb: {growth:.6f}")
    block = "".join(f"  {key}: {value:.6f}\n" for key, value in zip(USAGE, usage, strict=True))
    text = re.sub(r"^usage:\n(  .*\n)+", "usage:\n" + block, text, flags=re.MULTILINE)
    result = estimate(analyze_loaded(load_blueprint_text(text, "shop.yaml")))
    assert math.isfinite(result.total_monthly_usd)
    assert result.total_monthly_usd < 1e15
    source = tmp_path / "shop.yaml"
    source.write_text(text)
    try:
        main(["estimate", str(source)])
    except SystemExit as exit_:
        assert not exit_.code, capsys.readouterr().err
    out = capsys.readouterr().out
    [total] = [line for line in out.splitlines() if line.startswith("total")]
    assert re.fullmatch(r"total\s+\$[0-9,]+\.\d\d.*", total), total
    assert "e+" not in total and "inf" not in total and "nan" not in total


@pytest.mark.parametrize("value", ["5.0e-324", "1.0e-300", "0.0009"])
def test_an_average_object_below_one_byte_is_refused(value: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A tiny average object made the object count infinite and the estimate crash (found by the fuzz test)."""
    source = tmp_path / "lake.yaml"
    source.write_text(_text(FIELDS[3], value))
    for command in ("check", "estimate"):
        code, err = _run(capsys, command, str(source))
        assert code == 2 and ": buckets[1].average_object_kb: " in err and "Traceback" not in err, err
