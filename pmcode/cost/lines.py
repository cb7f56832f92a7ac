"""Where a project's money is booked: budget lines, the capex flag of each cost, and the lines' own amounts.

Rules (documented in site/docs/guide/money.md):
- Labor (assignments x rates) goes to the task's `line` when that is a `category: labor` line, else to the
  project's labor line: the first `category: labor` line without an amount of its own, else a line `labor` that
  pmcode adds (category labor, opex).
- A task's fixed `cost` goes to its `line`, else to a line `fixed` (category other, opex; declare a line with that
  id to name it and set its capex flag).
- `line` and `capex` are inherited from the nearest enclosing summary that has them.
- A cost is capex when its task says so (own or inherited flag), else when its line says so; default opex.
- A line with its own `amount` (one-off, on its day) or `monthly` amount (on the first day of each month from `from`
  to `to`) contributes that money, unless tasks book fixed costs to it: then the plan spends the line through those
  tasks, on their working days, and a difference between the two totals is a PM502 finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pmcode.cost.periods import first_day, months_between, parse_month
from pmcode.diagnostics import Diagnostic
from pmcode.model import BudgetLine, Project, Task

LABOR_LINE = "labor"
FIXED_LINE = "fixed"
CENT = 0.005


@dataclass(frozen=True, slots=True)
class LineInfo:
    id: str
    name: str
    category: str
    capex: bool
    declared: bool  # written in budget.yaml (False: `labor` or `fixed`, added by pmcode)


@dataclass(frozen=True, slots=True)
class Booking:
    """How one task's costs are booked: the lines of its labor and of its fixed cost, and its own capex flag."""

    labor_line: str
    fixed_line: str
    capex: bool | None  # None: the line decides


def _has_amount(line: BudgetLine) -> bool:
    return line.amount is not None or line.monthly is not None


class ProjectLines:
    """The budget lines of one project, with the lines pmcode adds, and each task's booking."""

    def __init__(self, project: Project) -> None:
        self.project = project
        declared = project.budget.lines if project.budget else ()
        self.declared: dict[str, BudgetLine] = {}
        for line in declared:
            self.declared.setdefault(line.id, line)  # first wins, as everywhere (duplicates are PM201)
        self._order = {line_id: n for n, line_id in enumerate(self.declared)}
        self.labor = next(
            (line.id for line in self.declared.values() if line.category == "labor" and not _has_amount(line)),
            LABOR_LINE,
        )
        self.bookings: dict[str, Booking] = {}
        self._walk(project.tasks, None, None)
        self.task_lines: set[str] = {
            self.bookings[task.path].fixed_line for task in project.walk() if task.cost is not None and task.cost > 0
        }

    def _walk(self, tasks: tuple[Task, ...], line: str | None, capex: bool | None) -> None:
        for task in tasks:
            own_line = task.line if task.line is not None else line
            own_capex = task.capex if task.capex is not None else capex
            labor = own_line if own_line is not None and self.category(own_line) == "labor" else self.labor
            booking = Booking(labor, own_line if own_line is not None else FIXED_LINE, own_capex)
            self.bookings.setdefault(task.path, booking)
            self._walk(task.children, own_line, own_capex)

    def category(self, line_id: str) -> str:
        line = self.declared.get(line_id)
        if line is not None:
            return line.category
        return "labor" if line_id == LABOR_LINE else "other"

    def info(self, line_id: str) -> LineInfo:
        line = self.declared.get(line_id)
        if line is not None:
            return LineInfo(line.id, line.name, line.category, line.capex, True)
        if line_id == LABOR_LINE:
            return LineInfo(LABOR_LINE, "Labor (from assignments x rates)", "labor", False, False)
        if line_id == FIXED_LINE:
            return LineInfo(FIXED_LINE, "Fixed costs of tasks without a budget line", "other", False, False)
        return LineInfo(line_id, line_id, "other", False, False)  # an unknown line: reported by validation

    def capex(self, line_id: str, task_capex: bool | None) -> bool:
        """Whether a cost on `line_id` is capitalised: the task's flag when it has one, else the line's."""
        if task_capex is not None:
            return task_capex
        line = self.declared.get(line_id)
        return line.capex if line is not None else False

    def order(self, line_id: str) -> int:
        """Position for output: declared lines in declaration order, then `labor` and `fixed`, then others."""
        index = self._order.get(line_id)
        if index is not None:
            return index
        return len(self.declared) + (0 if line_id == LABOR_LINE else 1 if line_id == FIXED_LINE else 2)

    def own_amounts(self) -> Iterator[tuple[str, bool, date, float]]:
        """(line, capex, day, amount) of every line's own amounts that no task spends: one-off amounts on their
        day, monthly amounts on the first day of each month."""
        for line in self.declared.values():
            if line.id in self.task_lines:
                continue
            yield from line_amounts(line)

    def findings(self) -> Iterator[Diagnostic]:
        """PM502: a line with its own amount whose tasks' fixed costs add up to something else."""
        for line in self.declared.values():
            if line.id not in self.task_lines or not _has_amount(line):
                continue
            planned = sum(amount for _, _, _, amount in line_amounts(line))
            tasks = [t for t in self.project.walk() if t.cost and self.bookings[t.path].fixed_line == line.id]
            booked = sum(t.cost or 0.0 for t in tasks)
            if abs(planned - booked) < CENT:
                continue
            names = ", ".join(t.path for t in tasks[:3]) + (f" and {len(tasks) - 3} more" if len(tasks) > 3 else "")
            message = (
                f"budget line '{line.id}' plans {planned:,.2f} but the tasks booked to it ({names}) cost "
                f"{booked:,.2f}; the plan spends the tasks' costs"
            )
            field = "amount" if line.amount is not None else "monthly"
            yield Diagnostic.at(line.src.at(field), "PM502", message)


def line_amounts(line: BudgetLine) -> Iterator[tuple[str, bool, date, float]]:
    if line.amount is not None and line.on is not None:
        yield line.id, line.capex, line.on, line.amount
    if line.monthly is not None and line.first_month and line.last_month:
        for month in months_between(parse_month(line.first_month), parse_month(line.last_month)):
            yield line.id, line.capex, first_day(month), line.monthly
