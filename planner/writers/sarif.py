"""SARIF 2.1.0 (the format of code-scanning tools) from findings: one writer for check, dry-run and review.

A log has one run whose tool lists the rules that can fire; each result names its rule, a level,
a message and where it is: the blueprint file and line (line 1 when a finding has no line, as SARIF
needs a region) and, for check findings, the YAML path as a logical location.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from planner import __version__
from planner.findings import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "high": "error", "warning": "warning", "medium": "warning", "info": "note", "low": "note"}


@dataclass(frozen=True)
class SarifRule:
    """What a rule id means: its title, how to fix what it finds, its default level and properties."""

    id: str
    title: str
    level: str
    help: str = ""
    properties: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.id, "shortDescription": {"text": self.title},
                               "defaultConfiguration": {"level": self.level}}
        if self.help:
            out["help"] = {"text": self.help}
        if self.properties:
            out["properties"] = dict(self.properties)
        return out


def sarif_log(rules: Sequence[SarifRule], findings: Iterable[Finding], message: Callable[[Finding], str], *,
              default_uri: str, logical_paths: bool = False) -> dict[str, Any]:
    """One SARIF log of ``findings`` (each must have a rule in ``rules``)."""
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code, "ruleIndex": index[f.code], "level": LEVEL[f.severity],
            "message": {"text": message(f)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.file or default_uri},
                                                "region": {"startLine": f.line or 1}}}],
        }
        if logical_paths and f.path:
            result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": f.where, "kind": "member"}]
        results.append(result)
    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "planner", "version": __version__,
                                          "informationUri": "https://planner.invalid",
                                          "rules": [r.to_dict() for r in rules]}},
                      "results": results}]}


def rules_for(findings: Iterable[Finding], titles: Mapping[str, str]) -> list[SarifRule]:
    """One rule per distinct code among ``findings``, titled from ``titles`` (the code itself otherwise)."""
    seen: dict[str, SarifRule] = {}
    for f in findings:
        if f.code not in seen:
            seen[f.code] = SarifRule(f.code, titles.get(f.code, f.code), LEVEL[f.severity])
    return [seen[code] for code in sorted(seen)]
