"""The one exit-code policy (planner.errors.exit_code) every command ends with."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.errors import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, Verdict, exit_code

verdicts = st.builds(Verdict, invalid=st.booleans(), skipped_stages=st.integers(0, 3),
                     dry_run_findings=st.integers(0, 3), review_failures=st.integers(0, 3),
                     unpriced=st.integers(0, 3), fail_on_unpriced=st.booleans())


def test_nothing_found_is_ok() -> None:
    assert exit_code([]) == EXIT_OK
    assert exit_code([Verdict()]) == EXIT_OK


def test_unpriced_fails_only_under_the_flag() -> None:
    assert exit_code([Verdict(unpriced=2)]) == EXIT_OK
    assert exit_code([Verdict(unpriced=2, fail_on_unpriced=True)]) == EXIT_FINDINGS
    assert exit_code([Verdict(fail_on_unpriced=True)]) == EXIT_OK


def test_each_finding_kind_fails() -> None:
    for verdict in (Verdict(skipped_stages=1), Verdict(dry_run_findings=1), Verdict(review_failures=1)):
        assert exit_code([verdict]) == EXIT_FINDINGS


@given(st.lists(verdicts, max_size=6))
def test_invalid_input_wins_and_order_does_not_matter(found: list[Verdict]) -> None:
    code = exit_code(found)
    assert code == exit_code(reversed(found))
    if any(v.invalid for v in found):
        assert code == EXIT_INVALID
    elif any(v.over_threshold for v in found):
        assert code == EXIT_FINDINGS
    else:
        assert code == EXIT_OK
    assert code == max((exit_code([v]) for v in found), default=EXIT_OK)
