"""The safe YAML reader: lines, tags, duplicates, aliases, nesting and size are all bounded."""

from __future__ import annotations

import pytest

from planner.blueprint import yamlsource
from planner.blueprint.yamlsource import parse_yaml, read_yaml
from planner.errors import InvalidInput


def test_records_the_line_of_every_node() -> None:
    doc = parse_yaml("a: 1\nb:\n  - x: yes\n    y: [1, 2.5, null]\n", "t.yaml")
    assert doc.data == {"a": 1, "b": [{"x": True, "y": [1, 2.5, None]}]}
    assert doc.lines[("a",)] == 1
    assert doc.lines[("b", 0, "x")] == 3
    assert doc.lines[("b", 0, "y", 1)] == 4
    assert doc.line_of(("b", 0, "missing", 3)) == 3  # nearest ancestor


def test_merge_keys_and_aliases_work_like_the_safe_loader() -> None:
    doc = parse_yaml("base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\nn: *b\n")
    assert doc.data["m"] == {"p": 1, "q": 3}
    assert doc.data["n"] == {"p": 1, "q": 2}


def test_timestamps_stay_text() -> None:
    assert parse_yaml("t: 2024-01-01").data == {"t": "2024-01-01"}


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ("a: !!python/object/apply:os.system [ls]", "not allowed", 1),
        ("a: !!python/name:os.system ''", "not allowed", 1),
        ("x: !custom 1", "not allowed", 1),
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a'", 3),
        ("a: *nope", "unknown alias", 1),
        ("---\na: 1\n---\nb: 2\n", "more than one YAML document", 3),
        ("a: [1\nb: 2", "YAML syntax error", 2),
        ("a: !!binary aGVsbG8=", "not allowed", 1),
    ],
)
def test_hostile_or_broken_input_is_one_clear_error(text: str, needle: str, line: int) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_yaml(text, "bad.yaml")
    (problem,) = info.value.problems
    assert needle in problem.message
    assert problem.file == "bad.yaml"
    assert problem.line == line
    assert problem.fix


def test_billion_laughs_fails_fast() -> None:
    levels = ["a: &a [l, l, l, l, l, l, l, l, l]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(InvalidInput, match="aliases expand to more than"):
        parse_yaml("\n".join(levels))


def test_deep_nesting_is_refused_without_recursion() -> None:
    with pytest.raises(InvalidInput, match="nesting deeper than"):
        parse_yaml("[" * 100_000)


def test_files_over_the_size_limit_are_refused(tmp_path, monkeypatch) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000)
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InvalidInput, match="over the 1,000-byte limit"):
        read_yaml(big)


def test_missing_file_is_invalid_input(tmp_path) -> None:
    with pytest.raises(InvalidInput, match="cannot read the file"):
        read_yaml(tmp_path / "nope.yaml")


def test_non_utf8_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not UTF-8"):
        parse_yaml(b"a: \xff\xfe")
