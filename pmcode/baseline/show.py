"""A saved baseline as text or JSON (`pmcode baseline show`): what was agreed, month by month."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from pmcode.cost.periods import FiscalYears, parse_month
from pmcode.cost.result import cents
from pmcode.diagnostics import Diagnostic
from pmcode.model import Baseline
from pmcode.text import printable


def _bac(baseline: Baseline) -> float:
    return baseline.bac if baseline.bac is not None else math.fsum(amount for _, amount in baseline.pv)


def _fiscal_years(baseline: Baseline, fiscal_years: FiscalYears) -> list[tuple[str, float]]:
    return sorted(fiscal_years.group((parse_month(month), amount) for month, amount in baseline.pv).items())


def baseline_json(
    project_id: str, baseline: Baseline, fiscal_years: FiscalYears, findings: Sequence[Diagnostic]
) -> str:
    bac = _bac(baseline)
    contingency = baseline.contingency or 0.0
    document: dict[str, Any] = {
        "project": project_id,
        "file": baseline.src.file,
        "name": baseline.name,
        "approved": baseline.approved.isoformat() if baseline.approved else None,
        "approved_by": baseline.approved_by,
        "status_date": baseline.status_date.isoformat() if baseline.status_date else None,
        "finish": baseline.finish,
        "bac": cents(bac),
        "contingency": None if baseline.contingency is None else cents(baseline.contingency),
        "management_reserve": None if baseline.management_reserve is None else cents(baseline.management_reserve),
        "cost_baseline": cents(bac + contingency),
        "funding": cents(bac + contingency + (baseline.management_reserve or 0.0)),
        "pv": {month: cents(amount) for month, amount in baseline.pv},
        "fiscal_years": {fy: cents(amount) for fy, amount in _fiscal_years(baseline, fiscal_years)},
        "tasks": {
            t.path: {"start": t.start, "finish": t.finish, "hours": t.hours, "cost": t.cost} for t in baseline.tasks
        },
        "lines": {
            f"{line.line}:{'capex' if line.capex else 'opex'}": {m: cents(a) for m, a in line.months}
            for line in baseline.lines
        },
        "findings": [d.as_dict() for d in findings],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _amount(value: float) -> str:
    return f"{cents(value):,.2f}"


def baseline_table(project_id: str, baseline: Baseline, fiscal_years: FiscalYears, currency: str) -> str:
    bac = _bac(baseline)
    name = f" '{printable(baseline.name)}'" if baseline.name else ""
    lines = [f"project {project_id}, baseline{name} ({baseline.src.file})"]
    facts = []
    if baseline.approved or baseline.approved_by:
        by = f" by {printable(baseline.approved_by)}" if baseline.approved_by else ""
        facts.append(f"approved {baseline.approved or '(no date)'}{by}")
    if baseline.status_date:
        facts.append(f"status date {baseline.status_date}")
    if baseline.finish:
        facts.append(f"finish {baseline.finish}")
    if facts:
        lines.append("; ".join(facts))
    money = f"bac {_amount(bac)} {currency}".rstrip()
    contingency = baseline.contingency or 0.0
    if baseline.contingency is not None:
        money += f"; contingency {_amount(contingency)} (cost baseline {_amount(bac + contingency)})"
    if baseline.management_reserve is not None:
        funding = bac + contingency + baseline.management_reserve
        money += f"; management reserve {_amount(baseline.management_reserve)} (funding {_amount(funding)})"
    lines += [money, f"{len(baseline.tasks)} tasks", ""]
    rows = [("month", "planned value", "cumulative")]
    running = 0.0
    for month, amount in baseline.pv:
        running += amount
        rows.append((month, _amount(amount), _amount(running)))
    rows.append(("", "", ""))
    rows.append(("fiscal year", "planned value", ""))
    rows += [(fy, _amount(amount), "") for fy, amount in _fiscal_years(baseline, fiscal_years)]
    widths = [max(len(row[n]) for row in rows) for n in range(3)]
    for row in rows:
        text = f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}".rstrip()
        lines.append(text)
    return "\n".join(lines) + "\n"
