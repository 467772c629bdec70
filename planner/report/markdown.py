"""``report.md``: the report for a pull request — summary, cost, top findings, alternatives.

A pure function of the report model; every figure is the model's display string.
"""

from __future__ import annotations

from typing import Any

TOP_FINDINGS = 10


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[Any]], right: frozenset[int] | set[int] = frozenset()) -> list[str]:
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---:" if i in right else "---" for i in range(len(header))) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def report_markdown(r: dict[str, Any]) -> str:
    bp, s = r["blueprint"], r["summary"]
    out = [f"# {bp['name']}: architecture report", ""]
    if bp["description"]:
        out += [bp["description"], ""]
    incomplete = " — the total leaves out what the catalog cannot price (listed under Cost)" if s["unpriced"] else ""
    out += [f"- Blueprint: `{bp['file']}` · {bp['provider'].upper()} `{bp['region']}`",
            f"- Monthly cost: **{r['total_monthly_label']}**{incomplete}",
            f"- Review: {s['review_failures']} FAIL ({s['review_high']} high), {s['review_manual']} question(s) to answer",
            f"- Dry-run: {s['dry_run']}",
            f"- Checks: {s['check_warnings']} warning(s)"]
    for stage in r["skipped_stages"]:
        out.append(f"- **Skipped** {stage['name']}: {stage['reason']}")
    out.append("")
    if s["pillars"]:
        out += ["## Well-Architected score", ""]
        out += _table(["pillar", "pass", "fail", "manual", "score"],
                      [[p["pillar"], p["pass"], p["fail"], p["manual"], p["score"]] for p in s["pillars"]], {1, 2, 3, 4})
        out.append("")
    cost = r["cost"]
    if cost:
        out += ["## Cost", ""]
        out += _table(["service", "monthly"], [[x["service"], x["monthly_label"]] for x in cost["by_service"]]
                      + [["**total**", f"**{cost['total_monthly_label']}**"]], {1})
        out += ["", "<details><summary>By resource</summary>", ""]
        out += _table(["resource", "monthly"],
                      [[f"`{x['address']}`", x["monthly_label"]] for x in cost["resources"]], {1})
        out += ["", "</details>", ""]
        if cost["unpriced"]:
            out += [f"Not priced, never counted as $0 ({cost['incomplete_note']}; the total leaves them out):", ""]
            out += [f"- `{u['address']}` {u['name']}: {u['reason']}" for u in cost["unpriced"]]
            out.append("")
        if cost["estimated_prices"]:
            out += ["Priced from estimates (spot prices float):", ""]
            out += [f"- `{e['address']}` {e['name']}: {e['monthly']}" for e in cost["estimated_prices"]]
            out.append("")
        if cost["depends_on_usage"]:
            out += ["Depends on usage:", ""]
            out += [f"- `{d['address']}` {d['name']}: {d['unit_price']} per {d['unit']}" for d in cost["depends_on_usage"]]
            out.append("")
    review = r["review"]
    if review:
        out += ["## Top findings", ""]
        fails = review["failures"][:TOP_FINDINGS]
        if fails:
            out += _table(["severity", "rule", "best practice", "resource", "finding", "fix"],
                          [[f["severity"], f"`{f['id']}`", f["best_practice"], f"`{f['resource']}`",
                            f"{f['title']}{': ' + f['detail'] if f['detail'] else ''}"
                            + (f" (line {f['line']})" if f["line"] else ""), f["remediation"]] for f in fails])
            more = len(review["failures"]) - len(fails)
            if more > 0:
                out.append(f"\n…and {more} more in index.html and review.sarif.")
        else:
            out.append("No rule failed.")
        out.append("")
    roi = r["roi"]
    if roi:
        out += ["## Alternatives", ""]
        if roi["scenarios"]:
            out += _table(["scenario", "monthly", "saves / month", "saves", "one-time", "payback",
                           f"NPV ({roi['horizon_months']} mo)"],
                          [[x["name"], x["monthly_label"] if x["monthly_usd"] is not None else x["note"],
                            x["monthly_savings_label"], x["savings_pct_text"], x["one_time_cost"], x["payback"],
                            x["npv"]] for x in roi["scenarios"]], {1, 2, 3, 4, 5, 6})
            out.append("")
            notes = [f"- {x['name']}: {x['note']}" for x in roi["scenarios"]
                     if not x["complete"] and x["monthly_usd"] is not None]
            out += [*notes, ""] if notes else []
        if roi["recommendations"]:
            out += _table(["resource", "now", "proposed", "saves / month", "saves", "why"],
                          [[f"`{x['resource']}`", x["current"], x["proposed"], x["monthly_savings"],
                            x["savings_pct_text"], x["reason"]] for x in roi["recommendations"]], {3, 4})
            out.append("")
        if not roi["scenarios"] and not roi["recommendations"]:
            out += ["No scenario declared and no cheaper equivalent found.", ""]
    out += ["## Files", ""]
    out += [f"- `{f['path']}`: {f['description']}" for f in r["files"]]
    out += ["", (f"_Generated by planner {r['planner_version']} on {r['generated_on']}. "
            "Prices from catalog/ with their sources; estimates, not invoices._"), ""]
    return "\n".join(out)
