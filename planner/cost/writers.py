"""Cost output formats as pure functions of the typed results: the estimate (text, Markdown, CSV), the
ROI, the difference of two estimates and the storage comparison. Each returns lines (or the text of a
file); the CLI only prints them. Tables are laid out by :mod:`planner.writers.table` (rich) and
:mod:`planner.writers.markdown`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner.cost.completeness import INCOMPLETE, components, subtotal_label, total_label
from planner.cost.diff import EstimateDiff
from planner.cost.results import Estimate, service_name
from planner.cost.roi import RoiResult, Scenario
from planner.cost.s3sim import LifecycleMonth
from planner.cost.storage_compare import StorageOption
from planner.money import cents, usd, usd_rate
from planner.writers import markdown
from planner.writers.csv_text import csv_text
from planner.writers.table import Column, table

CSV_COLUMNS = ["address", "kind", "component", "quantity", "unit", "unit_price_usd", "monthly_usd", "usage_based",
               "estimate", "price_source"]


def estimate_csv(result: Estimate) -> str:
    """One row per priced component, then one per unpriced item (its price column says why).

    When anything is unpriced a last marker row says so: address ``TOTAL``, kind ``INCOMPLETE``, no amount
    (so a column sum is not doubled) and, as its source, the priced total and how many components it leaves out."""
    rows: list[list[object]] = [[res.address, res.kind, c.name, c.quantity, c.unit, c.unit_price_usd, c.monthly_usd,
                                 c.usage_based, c.estimate, c.price_source]
                                for res in result.resources for c in res.components]
    rows += [[u.address, "", u.name, u.quantity, u.unit, "", "", "", "", "unpriced: " + u.reason] for u in result.unpriced]
    if not result.complete:
        missing = components(len(result.unpriced))
        rows.append(["TOTAL", INCOMPLETE, f"{missing} unpriced", "", "", "", "", "", "",
                     f"{INCOMPLETE}: the priced total {usd(cents(result.total_monthly_usd))} leaves out {missing}"])
    return csv_text(CSV_COLUMNS, rows)


def _subtotal_rows(result: Estimate, by: str) -> list[tuple[str, str]]:
    """(name, amount shown) per resource or service; one whose parts are all unpriced shows "unpriced"."""
    if by == "service":
        services = result.by_service()
        rows = [(s.service, subtotal_label(s.monthly_usd, s.complete)) for s in services]
        shown = {s.service for s in services}
        missing = [service_name(u.service) for u in result.unpriced]
    else:
        incomplete = result.incomplete_addresses()
        rows = [(r.address, subtotal_label(r.monthly_usd, r.address not in incomplete)) for r in result.resources]
        shown = {r.address for r in result.resources}
        missing = [u.address for u in result.unpriced]
    return rows + [(name, "unpriced") for name in dict.fromkeys(missing) if name not in shown]


ESTIMATE_COLUMNS = (Column(width=50), Column(width=14, align="right"))


def estimate_lines(result: Estimate, by: str, md: bool,
                   curves: Mapping[str, Sequence[LifecycleMonth]] | None = None) -> list[str]:
    """The estimate as a table (or Markdown) of subtotals and the total, then what it leaves out or guesses."""
    rows = _subtotal_rows(result, by)
    total = total_label(cents(result.total_monthly_usd), len(result.unpriced))
    if md:
        body = [*((f"`{name}`", amount) for name, amount in rows), ("**total**", f"**{total}**")]
        lines = markdown.table([by, "monthly"], body, right={1})
    else:
        lines = table(ESTIMATE_COLUMNS, [*rows, ("total", total)])
    bullet = "  " if not md else "- "
    for item in result.depends_on_usage:
        lines.append(f"{bullet}{item.address}: {item.name} depends on usage "
                     f"({usd_rate(item.unit_price_usd)} per {item.unit})")
    for u in result.unpriced:
        lines.append(f"{bullet}unpriced: {u.address}: {u.name} — {u.reason}")
    for e in result.estimated_prices():
        lines.append(f"{bullet}estimated price: {e.address}: {e.name} {usd(e.monthly_usd)}"
                     f" — the catalog marks {e.price_key} as an estimate"
                     + (" (spot prices float)" if e.price_key.endswith("/spot") else " (see its note)"))
    for name, curve in (curves or {}).items():
        lines += lifecycle_lines(name, curve)
    return lines


def lifecycle_lines(name: str, curve: Sequence[LifecycleMonth]) -> list[str]:
    """One bucket's lifecycle simulation, month by month."""
    lines = ["", f"bucket {name}, month by month (storage + early deletion + known transitions):"]
    for m in curve:
        shown = m.to_dict()  # the JSON view: GB rounded as --format json shows them
        classes = ", ".join(f"{k} {v:,.0f} GB" for k, v in shown["gb_by_class"].items())
        note = "" if m.transition_usd is not None else " (transitions depend on object count)"
        lines.append(f"  month {m.month:>3}: {usd(shown['total_usd']):>12}  {classes}{note}")
    return lines


def roi_lines(result: RoiResult, horizon: int) -> list[str]:
    """The baseline, one sentence per scenario and one per recommendation."""
    lines = [f"baseline {total_label(cents(result.baseline_monthly_usd), result.baseline_unpriced)} a month"]
    lines += [_scenario_line(s, horizon) for s in result.scenarios]
    lines += [f"  recommend {r.resource}: {r.current} -> {r.proposed} saves {usd(r.monthly_savings_usd)}"
              f" ({r.savings_pct}%) — {r.reason}" for r in result.recommendations]
    return lines


def _scenario_line(s: Scenario, horizon: int) -> str:
    if s.monthly_usd is None:
        return f"  scenario {s.name:<24} {s.note}"
    payback = ("never" if s.payback_months is None
               else "immediate (no one-time cost)" if s.payback_months == 0 else f"{s.payback_months} months")
    return (f"  scenario {s.name:<24} {usd(s.monthly_usd):>12}  saves {usd(s.monthly_savings_usd)}"
            f" ({s.savings_pct}%), payback {payback}, NPV over {horizon} months {usd(s.npv_usd)}"
            + ("" if s.complete else f" — {s.note}"))


def _signed(x: float | None) -> str:
    return "unknown" if x is None else ("+" if x > 0 else "") + usd(x)


# resource, change, before, "->", after, delta, and the incomplete mark right after the delta
DIFF_COLUMNS = (Column(width=50), Column(width=8), Column(width=12, align="right"), Column(),
                Column(width=12, align="right"), Column(width=13, align="right"), Column(gap=0))


def diff_lines(result: EstimateDiff, md: bool) -> list[str]:
    """Per resource: change, before, after, delta; the totals; then what is unpriced on which side."""
    old_total = total_label(result.old_total_monthly_usd, len(result.old_unpriced))
    new_total = total_label(result.new_total_monthly_usd, len(result.new_unpriced))
    delta = _signed(result.delta_monthly_usd) + ("" if result.complete else f", {INCOMPLETE}")
    incomplete = set(result.incomplete_resources)

    def mark(address: str) -> str:
        return f" ({INCOMPLETE})" if address in incomplete else ""

    if md:
        lines = [f"**Monthly cost: {old_total} → {new_total} ({delta})**", ""]
        body = [(f"`{r.address}`", r.status, usd(r.old_monthly_usd), usd(r.new_monthly_usd),
                 f"{_signed(r.delta_monthly_usd)}{mark(r.address)}") for r in result.resources]
        lines += markdown.table(["resource", "change", "before", "after", "delta"], body, right={2, 3, 4})
    else:
        rows = [(r.address, r.status, usd(r.old_monthly_usd), "->", usd(r.new_monthly_usd),
                 _signed(r.delta_monthly_usd), mark(r.address)) for r in result.resources]
        if result.complete:
            lines = table(DIFF_COLUMNS, [*rows, ("total", "", old_total, "->", new_total, delta, "")])
        else:
            lines = table(DIFF_COLUMNS, rows) if rows else []
            lines.append(f"{'total':<59} {old_total} -> {new_total}, delta {delta}")
    return lines + _diff_unpriced(result, "- " if md else "  ")


def _diff_unpriced(result: EstimateDiff, bullet: str) -> list[str]:
    """What is unpriced before only, after only, or on both sides."""
    old_keys = {(u.address, u.key) for u in result.old_unpriced}
    new_keys = {(u.address, u.key) for u in result.new_unpriced}
    lines = [f"{bullet}unpriced before only: {u.address}: {u.name} — {u.reason or u.key}"
             for u in result.old_unpriced if (u.address, u.key) not in new_keys]
    for u in result.new_unpriced:
        where = "unpriced before and after" if (u.address, u.key) in old_keys else "newly unpriced"
        lines.append(f"{bullet}{where}: {u.address}: {u.name} — {u.reason or u.key}")
    return lines


STORAGE_COST_COLUMNS = (Column("option", 24), Column("monthly", 11, "right"), Column("storage", 11, "right"),
                        Column("retrieval", 10, "right"), Column("writes", 10, "right"), Column("note", gap=2))
STORAGE_TRAIT_COLUMNS = (Column("option", 24), Column("scope", 32), Column("durability", 14),
                         Column("first byte", 16), Column("min days", 8, "right"), Column("max size", 34, gap=2),
                         Column("updates; attaches to"))


def storage_lines(rows: Sequence[StorageOption], size_gb: float, reads_gb_month: float, writes_k: float,
                  region: str) -> list[str]:
    """The same data in each storage option: one table of costs, one of traits."""
    lines = [f"{size_gb:,.0f} GB in {region}, {reads_gb_month:,.0f} GB read and {writes_k:,.0f}k writes a month"]
    lines += table(STORAGE_COST_COLUMNS, [(r.option, usd(r.monthly_usd), usd(r.storage_usd), usd(r.retrieval_usd),
                                           usd(r.writes_usd), r.note) for r in rows], headers=True)
    lines.append("")
    lines += table(STORAGE_TRAIT_COLUMNS, [(r.option, r.scope, r.durability, r.first_byte, str(r.min_storage_days),
                                            r.max_size, f"{r.updates}; {r.attaches_to}") for r in rows], headers=True)
    return lines
