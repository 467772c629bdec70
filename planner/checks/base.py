"""What a static rule is, and the context it reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from planner.blueprint.loader import LoadedBlueprint
from planner.blueprint.schema import Blueprint
from planner.findings import Finding
from planner.plan import Plan


@dataclass(frozen=True)
class Context:
    loaded: LoadedBlueprint
    plan: Plan

    @property
    def bp(self) -> Blueprint:
        return self.loaded.blueprint

    def error(self, rule: str, message: str, path: tuple[str | int, ...], fix: str | None = None) -> Finding:
        return self.loaded.finding(rule, "error", message, path, fix)

    def warning(self, rule: str, message: str, path: tuple[str | int, ...], fix: str | None = None) -> Finding:
        return self.loaded.finding(rule, "warning", message, path, fix)

    def warning_between(self, rule: str, message: str, path: tuple[str | int, ...],
                        other: tuple[str | int, ...], fix: str | None = None) -> Finding:
        """A warning about a path between two places: located at ``path``, naming ``other`` with its line."""
        return dataclasses.replace(self.warning(rule, message, path, fix), related_path=other,
                                   related_line=self.loaded.source.line_of(other))


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    check: Callable[[Context], Iterable[Finding]]
