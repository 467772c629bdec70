"""The parts of a blueprint that pass the schema, so one run checks them while other parts have errors.

A user with a typo in one instance group should learn in the same run that a lifecycle rule is too
short or a region unknown. :func:`partial_blueprint` leaves out each list item (an instance group, a
subnet, a scenario) and each optional top-level key that has a schema error, validates the rest, and
keeps the map back to the file, so that findings about the rest are located in the original.

Some keys carry everything else: without a valid ``version``, ``provider``, ``region`` or ``network``
(other than its subnets) no rule would mean anything, and nothing more is checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from planner.blueprint.loader import LoadedBlueprint
from planner.blueprint.schema import SECTIONS, Blueprint
from planner.blueprint.yamlsource import SourceDocument
from planner.findings import Finding, Path

CARRYING_KEYS = frozenset({"version", "provider", "region", "network"})
"""Keys without which no further rule means anything."""
PLACEHOLDER_NAME = "unnamed"
LISTS: tuple[Path, ...] = (*((s,) for s in SECTIONS), ("network", "subnets"))


@dataclass(frozen=True)
class Partial:
    """The valid rest of a blueprint, and how its positions map back to the file."""

    loaded: LoadedBlueprint
    original: SourceDocument
    kept: dict[Path, list[int]]  # list path -> original index of each kept item
    left_out: frozenset[str]  # names of the items left out: findings naming them could be wrong

    def relocate(self, finding: Finding) -> Finding | None:
        """``finding`` located in the original file, or None when it may be about a left-out item."""
        if any(f"'{name}'" in finding.message for name in self.left_out):
            return None
        path = self._original_path(finding.path)
        related = None if finding.related_path is None else self._original_path(finding.related_path)
        return dataclasses.replace(
            finding, path=path, line=self.original.line_of(path), related_path=related,
            related_line=None if related is None else self.original.line_of(related))

    def _original_path(self, path: Path) -> Path:
        for prefix, indexes in self.kept.items():
            n = len(prefix)
            index = path[n] if len(path) > n and path[:n] == prefix else None
            if isinstance(index, int) and index < len(indexes):
                return (*prefix, indexes[index], *path[n + 1:])
        return path


def partial_blueprint(doc: SourceDocument, problems: Iterable[Finding]) -> Partial | None:
    """The blueprint without the parts that have schema ``problems``; None when nothing is left to check."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    drop: dict[Path, set[int]] = {}
    remove: set[str] = set()
    for problem in problems:
        if problem.severity != "error":
            continue
        where = _droppable(problem.path, data)
        if where is None:
            return None
        if isinstance(where, str):
            remove.add(where)
        else:
            drop.setdefault(where[0], set()).add(where[1])
    rest = {k: v for k, v in data.items() if k not in remove or k == "name"}
    if "name" in remove:
        rest["name"] = PLACEHOLDER_NAME
    kept: dict[Path, list[int]] = {}
    left_out: set[str] = set()
    for prefix, indexes in drop.items():
        items = _at(data, prefix)
        kept[prefix] = [i for i in range(len(items)) if i not in indexes]
        left_out |= {str(items[i]["name"]) for i in indexes if isinstance(items[i], dict) and "name" in items[i]}
        _put(rest, prefix, [items[i] for i in kept[prefix]])
    try:
        blueprint = Blueprint.model_validate(rest)
    except ValidationError:
        return None  # a problem this analysis cannot separate: the schema errors alone are reported
    return Partial(LoadedBlueprint(blueprint, SourceDocument(rest, doc.file, {})), doc, kept, frozenset(left_out))


def _droppable(path: Path, data: dict[str, Any]) -> tuple[Path, int] | str | None:
    """What to leave out for a problem at ``path``: a list item, a top-level key, or None (nothing works)."""
    if not path or not isinstance(path[0], str):
        return None
    for prefix in LISTS:
        n = len(prefix)
        index = path[n] if len(path) > n and path[:n] == prefix else None
        if isinstance(index, int) and isinstance(_at(data, prefix), list):
            return (prefix, index)
    if path[0] in CARRYING_KEYS:
        return None
    return path[0]


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _put(data: dict[str, Any], path: Path, value: Any) -> None:
    """Set ``path`` in ``data``, copying the mappings on the way (the document itself is not changed)."""
    node = data
    keys = [str(part) for part in path]  # list prefixes are mapping keys only (see LISTS)
    for part in keys[:-1]:
        node[part] = dict(node[part])
        node = node[part]
    node[keys[-1]] = value
