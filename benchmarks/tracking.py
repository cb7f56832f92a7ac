"""A year of tracking for a generated portfolio (benchmarks/generate.py): rates, budget lines, baselines and twelve
monthly actuals files per project, so that `pmcode variance` has real work to do.

- people.yaml gets a role with an hourly rate (and a raise from July); each project a budget.yaml with a labor line
  and a monthly hosting line (level of effort for earned value);
- each project's baseline is saved with pmcode's own `baseline save` code on the plan as scheduled;
- actuals/2027-01.yaml .. 2027-12.yaml: every task whose baseline span has begun by the month's end reports its
  progress (a little behind plan: 90 % of the time elapsed in its span), actual start and finish dates, hours for
  its first assignee (10 % above plan) and the month's hosting invoice.
"""

from __future__ import annotations

import calendar
import sys
from datetime import date, datetime
from pathlib import Path

from pmcode.baseline import BaselineInfo, save_baseline
from pmcode.schedule import schedule_portfolio
from pmcode.validate import validate_root

YEAR, PACE, OVERRUN, HOSTING = 2027, 0.9, 1.1, 1500


def _month_end(month: int) -> date:
    return date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def _rates(root: Path) -> None:
    people = (root / "people.yaml").read_text(encoding="utf-8")
    roles = "roles:\n  - {id: staff, rate: 95, rates: [{from: 2027-07-01, rate: 100}]}\n"
    (root / "people.yaml").write_text(roles + people.replace("}\n", ", role: staff}\n"), encoding="utf-8")


def _budget(folder: Path) -> None:
    (folder / "budget.yaml").write_text(
        "lines:\n  - {id: labor, category: labor}\n"
        f"  - {{id: hosting, category: infrastructure, monthly: {HOSTING}, from: {YEAR}-01, to: {YEAR}-12}}\n",
        encoding="utf-8",
    )


def _span(start: datetime, finish: datetime, end: date | None) -> float:
    """The part of a task's span elapsed by the end of `end` (None: before the year)."""
    if end is None:
        return 0.0
    if finish <= start:
        return 1.0 if start.date() <= end else 0.0
    moment = datetime.combine(end, datetime.max.time())
    return min(1.0, max(0.0, (moment - start) / (finish - start)))


def _actuals(project: str, rows: list[tuple[str, datetime, datetime, float, str | None]], month: int) -> str:
    end = _month_end(month)
    progress, dates, hours = [], [], []
    for path, start, finish, planned_hours, person in rows:
        elapsed, elapsed_before = (
            _span(start, finish, day) for day in (end, _month_end(month - 1) if month > 1 else None)
        )
        if start.date() > end or elapsed_before >= 1.0:
            continue  # not begun, or reported finished in an earlier month
        fraction = 1.0 if elapsed >= 1.0 else elapsed * PACE
        progress.append(f"  {path}: {fraction * 100:.1f}%")
        if fraction == 1.0:
            dates.append(f"  {path}: {{start: {start.date()}, finish: {finish.date()}}}")
        elif start.date() >= date(YEAR, month, 1):
            dates.append(f"  {path}: {{start: {start.date()}}}")
        booked = planned_hours * (fraction - elapsed_before * PACE) * OVERRUN
        if person is not None and booked > 0.05:
            hours.append(f"  - {{person: {person}, task: {path}, hours: {booked:.1f}}}")
    lines = [f"period: {YEAR}-{month:02d}", f"status_date: {end}"]
    lines += ["progress:", *progress] if progress else []
    lines += ["actual:", *dates] if dates else []
    lines += ["hours:", *hours] if hours else []
    lines += ["costs:", f"  - {{line: hosting, amount: {HOSTING * 1.05:.2f}, ref: INV-{project}-{month}}}"]
    return "\n".join(lines) + "\n"


def write_tracking(root: Path) -> None:
    """Add rates, budgets, baselines and a year of actuals to the generated portfolio under `root`."""
    _rates(root)
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        _budget(folder)
    result = validate_root(root)
    if result.errors:
        raise SystemExit(f"the generated plan has {result.errors} errors: {result.diagnostics[:3]}")
    plan = schedule_portfolio(result.portfolio, network=result.network)
    for project in plan.projects:
        save_baseline(root, result.portfolio, plan, project.id, BaselineInfo("B1"))
        rows = []
        for task in project.tasks:
            if task.summary or task.start is None or task.finish is None:
                continue
            hours = sum(a.hours for a in task.assignments)
            person = task.assignments[0].person if task.assignments else None
            rows.append((task.path, task.start, task.finish, hours, person))
        actuals = root / project.id / "actuals"
        actuals.mkdir(exist_ok=True)
        for month in range(1, 13):
            (actuals / f"{YEAR}-{month:02d}.yaml").write_text(_actuals(project.id, rows, month), encoding="utf-8")


if __name__ == "__main__":
    write_tracking(Path(sys.argv[1]))
