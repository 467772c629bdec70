"""The rich table writer: the layout the f-string tables had, columns kept aligned when a cell is wider."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.writers.table import Column, table


def test_cells_within_their_width_lay_out_as_fixed_width_text() -> None:
    lines = table([Column(width=50), Column(width=14, align="right")], [("instances.web", "$175.55")])
    assert lines == [f"{'instances.web':<50} {'$175.55':>14}"]


def test_headers_gaps_and_alignment() -> None:
    columns = [Column("type", 18), Column("vcpu", 5, "right"), Column("hourly", gap=2)]
    assert table(columns, [("t3.micro", "2", "$0.0104")], headers=True) == [
        f"{'type':<18} {'vcpu':>5}  hourly", f"{'t3.micro':<18} {'2':>5}  $0.0104"]


def test_a_wider_cell_widens_its_column_for_every_row() -> None:
    lines = table([Column(width=4), Column(width=3, align="right")], [("a-long-name", "1"), ("b", "22")])
    assert lines == ["a-long-name   1", "b            22"]


def test_no_line_ends_in_spaces_and_nothing_wraps() -> None:
    lines = table([Column(width=10), Column(width=10)], [("x" * 300, ""), ("y", "z")])
    assert [line for line in lines if line != line.rstrip()] == []
    assert len(lines) == 2 and lines[0].startswith("x" * 300)


cells = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=30)


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=8))
def test_every_row_starts_its_second_column_at_the_same_offset(rows: list[tuple[str, str]]) -> None:
    lines = table([Column(width=5), Column(width=5)], rows)
    starts = {len(line) - len(second) for line, (_, second) in zip(lines, rows, strict=True) if second}
    assert len(starts) <= 1
