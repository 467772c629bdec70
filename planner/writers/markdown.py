"""GitHub-flavoured Markdown tables: the one emitter the estimate, the diff and the report use."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any


def cell(text: Any) -> str:
    """A value as a table cell: pipes escaped, line breaks flattened."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], right: Collection[int] = frozenset()) -> list[str]:
    """The lines of a table; columns whose index is in ``right`` are right-aligned."""
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---:" if i in right else "---" for i in range(len(header))) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines
