"""catalog filters: an unknown service, region, family or key is a usage error (exit 2) naming the valid values."""

from __future__ import annotations

import pytest

from planner.cli import main


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out = capsys.readouterr()
    return int(info.value.code or 0), out.out, out.err


@pytest.mark.parametrize(("args", "expected"), [
    (["prices", "--service", "foo"], "--service: unknown service 'foo'; valid: cloud-lb, data-transfer, ebs, ec2"),
    (["prices", "--region", "eu-central-1"], "--region: unknown region for prices 'eu-central-1'"),
    (["prices", "--key", "zzz9"], "--key: no price key contains 'zzz9'"),
    (["instances", "--family", "t9"], "--family: unknown aws family or class 't9' (did you mean 't'?); valid:"),
    (["instances", "--provider", "gcp", "--family", "t3"], "valid: c, c2, e, e2, n, n1, n2, n2d, t, t2a, t2d"),
    (["instances", "--region", "eu-centrl-1"], "(did you mean 'eu-central-1'?)"),
    (["instances", "--min-vcpu", "-1"], "--min-vcpu"),
])
def test_unknown_filter_value_is_exit_two(args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["catalog", *args], capsys)
    assert code == 2 and expected in err and out == ""


def test_every_problem_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["catalog", "prices", "--service", "foo", "--region", "mars-1"], capsys)
    assert code == 2 and "--service" in err and "--region" in err


def test_valid_filters_with_no_match_say_why(capsys: pytest.CaptureFixture[str]) -> None:
    # ALB is not priced in us-west-2 in the shipped catalog: a valid question with an empty answer.
    code, out, _ = _run(["catalog", "prices", "--service", "elb", "--region", "us-west-2"], capsys)
    assert code == 0 and "0 prices (no price matches service elb, region us-west-2)" in out
