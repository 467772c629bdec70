"""Changed copies of a blueprint, priced by the same :func:`~planner.cost.estimate.estimate` as the blueprint.

A :class:`Proposal` names fields to set on a copy of the blueprint (``instances.0.type = t3.large``) and the
resource whose estimate lines it compares. Proposals that touch different resources share one changed copy,
so a whole set of proposals costs a few estimates, not one each. A proposal is *priced* when the copy leaves
the same components unpriced in its scope as the blueprint does (nothing the catalog lacks can read as a
saving); its saving is the blueprint's lines minus the copy's lines, before rounding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from pydantic import BaseModel

from planner.analysis import Analysis
from planner.blueprint.loader import LoadedBlueprint
from planner.blueprint.schema import Blueprint
from planner.cost.components import Component, declare
from planner.cost.estimate import estimate, estimate_components
from planner.cost.results import Estimate, PricedComponent
from planner.errors import InternalError
from planner.plan import build_plan

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Proposal:
    """One change to try on a copy of the blueprint.

    ``address``: the resource it changes (with ``children``, every resource under it: ``network.nat.*``).
    ``basis``: what the saving is a percentage of — the lines the change ``touched``, or ``all`` lines in scope.
    ``share``: the part of the saving proposed (a node group's ``min_size`` floor of its nodes).
    ``offset``: a charge the estimate does not model, subtracted from the saving.
    ``replan``: the change moves network resources, so the copy gets its own plan.
    ``upfront``: (price key, term hours, machines) of a commitment paid up front: the copy's rate times both.
    ``recommit``: a commitment the blueprint cannot state (a node group's capacity is on-demand or spot): the
    copy's declared on-demand compute of the resource is priced under it, and its sustained-use credit goes, as
    the declaration does for committed machines."""

    address: str
    changes: tuple[tuple[FieldPath, object], ...]
    current: str
    proposed: str
    reason: str
    group: tuple[str, ...]  # of the priced proposals of one group, only the largest saving is recommended
    children: bool = False
    basis: str = "touched"
    share: float = 1.0
    offset: float = 0.0
    replan: bool = False
    upfront: tuple[str, float, int] | None = None
    recommit: str | None = None


@dataclass(frozen=True)
class Priced:
    """A proposal with the blueprint's and the copy's lines in its scope."""

    proposal: Proposal
    saving: float  # per month, before rounding
    before: float  # the basis of the percentage
    lines: tuple[PricedComponent, ...]  # the copy's lines in scope

    def unit_price(self, price_key: str) -> float | None:
        """The copy's unit price under ``price_key`` (e.g. the proposed commitment's hourly rate)."""
        return next((c.unit_price_usd for c in self.lines if c.price_key == price_key), None)


def price_proposals(analysis: Analysis, base: Estimate, proposals: Sequence[Proposal],
                    today: date | None = None) -> list[Priced]:
    """Every priced proposal (in the order given) with its saving against ``base``."""
    results: dict[int, Priced] = {}
    base_scopes = _Scopes(base)
    for batch in _batches(proposals):
        variant = _variant(analysis, [proposals[i] for i in batch])
        if variant is None:
            continue
        after = _Scopes(_estimate(variant, [proposals[i] for i in batch], today))
        for i in batch:
            priced = _compare(proposals[i], base_scopes, after)
            if priced is not None:
                results[i] = priced
    return [results[i] for i in sorted(results)]


def best_of_groups(priced: Iterable[Priced]) -> list[Priced]:
    """Per group, the proposal that saves the most (ties: the first proposed name); only positive savings."""
    best: dict[tuple[str, ...], Priced] = {}
    for p in priced:
        if p.saving <= 0:
            continue
        group = p.proposal.group
        held = best.get(group)
        if held is None or (-p.saving, p.proposal.proposed) < (-held.saving, held.proposal.proposed):
            best[group] = p
    return list(best.values())


def _batches(proposals: Sequence[Proposal]) -> list[list[int]]:
    """Proposal indexes grouped so that no two in a group touch the same resource; re-planning ones alone."""
    batches: list[list[int]] = []
    scopes: list[set[str]] = []
    for i, proposal in enumerate(proposals):
        if proposal.replan:
            batches.append([i])
            scopes.append({"*"})
            continue
        slot = next((b for b, used in enumerate(scopes) if "*" not in used and proposal.address not in used), None)
        if slot is None:
            batches.append([])
            scopes.append(set())
            slot = len(batches) - 1
        batches[slot].append(i)
        scopes[slot].add(proposal.address)
    return batches


def _variant(analysis: Analysis, proposals: list[Proposal]) -> Analysis | None:
    """The analysis of the blueprint with every proposal's changes; None when the changed network is invalid."""
    changed = with_changes(analysis.blueprint, [c for p in proposals for c in p.changes])
    loaded = LoadedBlueprint(changed, analysis.loaded.source)
    if not any(p.replan for p in proposals):
        return Analysis(loaded, analysis.plan, analysis.findings)
    plan, findings = build_plan(loaded)
    if any(f.severity == "error" for f in findings):
        return None
    return Analysis(loaded, plan, findings)


def _estimate(variant: Analysis, proposals: list[Proposal], today: date | None) -> Estimate:
    """The changed copy's estimate; with ``recommit`` proposals, of its declared components so changed."""
    recommits = {p.address: p.recommit for p in proposals if p.recommit}
    if not recommits:
        return estimate(variant, today)
    return estimate_components(variant, [c for comp in declare(variant, today)
                                         for c in _recommitted(comp, recommits.get(comp.address))])


def _recommitted(comp: Component, commitment: str | None) -> list[Component]:
    """``comp`` priced under ``commitment`` when it is on-demand compute; its sustained-use credit dropped."""
    if commitment is None or comp.unit != "hour" or not comp.key.endswith("/on-demand"):
        return [comp]
    if comp.credit:
        return []
    return [replace(comp, key=comp.key.removesuffix("/on-demand") + f"/{commitment}",
                    name=comp.name.replace(", on-demand)", f", {commitment})"))]


def with_changes(bp: Blueprint, changes: Iterable[tuple[FieldPath, object]]) -> Blueprint:
    """A copy of ``bp`` with each ``path`` set to its value; only the models and lists on the paths are copied."""
    tree: dict[str | int, object] = {}
    for path, value in changes:
        node = tree
        for part in path[:-1]:
            child = node.setdefault(part, {})
            assert isinstance(child, dict)
            node = child
        node[path[-1]] = _Leaf(value)
    copied = _copy(bp, tree)
    assert isinstance(copied, Blueprint)
    return copied


@dataclass(frozen=True)
class _Leaf:
    value: object


def _copy(node: object, tree: dict[str | int, object]) -> object:
    def replaced(current: object, sub: object) -> object:
        if isinstance(sub, _Leaf):
            return sub.value
        assert isinstance(sub, dict)
        return _copy(current, sub)

    if isinstance(node, list):
        items = list(node)
        for index, sub in tree.items():
            assert isinstance(index, int)
            items[index] = replaced(items[index], sub)
        return items
    assert isinstance(node, BaseModel)
    unknown = [str(k) for k in tree if str(k) not in type(node).model_fields]
    if unknown:  # model_copy would set them silently and the copy would not change
        raise InternalError(f"a changed copy sets {', '.join(unknown)}, not fields of {type(node).__name__}")
    return node.model_copy(update={str(k): replaced(getattr(node, str(k)), sub) for k, sub in tree.items()})


class _Scopes:
    """An estimate's lines and unpriced (address, key) pairs by address and under each address prefix, built
    once, so finding a proposal's scope does not scan every resource (it did, once per proposal)."""

    def __init__(self, est: Estimate) -> None:
        self.lines: dict[tuple[str, bool], list[PricedComponent]] = {}
        self.unpriced: dict[tuple[str, bool], set[tuple[str, str]]] = {}
        for r in est.resources:
            for key in _keys(r.address):
                self.lines.setdefault(key, []).extend(r.components)
        for u in est.unpriced:
            for key in _keys(u.address):
                self.unpriced.setdefault(key, set()).add((u.address, u.key))

    def of(self, proposal: Proposal) -> tuple[list[PricedComponent], set[tuple[str, str]]]:
        """The lines and unpriced pairs of the proposal's resource (``children``: of everything under it)."""
        key = (proposal.address, proposal.children)
        return self.lines.get(key, []), self.unpriced.get(key, set())


def _keys(address: str) -> list[tuple[str, bool]]:
    """``(address, False)`` and ``(prefix, True)`` for each proper dotted prefix: ``a.b.c`` is under ``a`` and ``a.b``."""
    parts = address.split(".")
    return [(address, False)] + [(".".join(parts[:n]), True) for n in range(1, len(parts))]


def _identity(line: PricedComponent) -> tuple[str, str, float | None, float]:
    return line.name, line.price_key, line.quantity, line.unit_price_usd


def _exact(lines: Iterable[PricedComponent]) -> float:
    return sum(amount for c in lines if (amount := c.exact_monthly_usd) is not None)


def _compare(proposal: Proposal, base: _Scopes, after: _Scopes) -> Priced | None:
    """The proposal's saving, or None when the copy leaves something else unpriced than the blueprint does."""
    base_lines, base_unpriced = base.of(proposal)
    new_lines, new_unpriced = after.of(proposal)
    if base_unpriced != new_unpriced or not base_lines:
        return None
    kept = Counter(_identity(c) for c in base_lines) & Counter(_identity(c) for c in new_lines)
    gone, added = _without(base_lines, kept), _without(new_lines, kept)
    saving = (_exact(gone) - _exact(added)) * proposal.share - proposal.offset
    before = _exact(base_lines) if proposal.basis == "all" else _exact(gone)
    return Priced(proposal, saving, before, tuple(new_lines))


def _without(lines: list[PricedComponent], kept: Counter[tuple[str, str, float | None, float]]) -> list[PricedComponent]:
    """``lines`` minus one occurrence of each line in ``kept``: what the change removed or added."""
    left = Counter(kept)
    out = []
    for line in lines:
        key = _identity(line)
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(line)
    return out
