"""Money: the cost engine, time-phasing, actual cost and the finance view. Pure: the model and a schedule in,
frozen data out; no I/O, no clock (status dates come from the plan).

The API, for commands and later engines:
- `cost_portfolio(portfolio, schedule, after=None) -> PortfolioCost` (engine.py): planned cost per task
  (`TaskCost`: hours, labor, fixed, total, capex, by month), per budget line and capex/opex (`LineCost`), per person
  (`PersonCost`), and reserves (`Reserves`: contingency inside the cost baseline, management reserve outside it).
  `cost_project(...)` does one project. `after={project: day}` keeps only money after that day (remaining plan).
- `Phasing(portfolio)` (phasing.py) and `spread_linear` (spread.py): a budget spread linearly over a task's working
  time, by month or by day; used by baselines for PV, and by earned value.
- `planned_value(project, baseline, phasing) -> PlannedValue` (planned.py): a saved baseline's PV per leaf task
  and month, and the PV no task earns (budget lines' own amounts).
- `actual_costs(portfolio, project) -> ProjectActuals` (actuals.py): booked hours x rates + charged costs, by line,
  task, person and period.
- `finance_portfolio(portfolio, schedule) -> PortfolioFinance` (finance.py; the data in finance_data.py): budget,
  actual, forecast and finance variance (actual - budget) per month and fiscal year, by line, category and
  capex/opex, annual envelopes.
- `FiscalYears` and the month helpers (periods.py); `Rates` (rates.py): who costs what on which day.
Every result has `to_json()`: amounts rounded to cents, keys stable.
Findings: PM501 (a person without a rate, costed at 0), PM502 (a budget line whose tasks cost something else).
"""

from __future__ import annotations

from pmcode.cost.actuals import ProjectActuals, TaskActual, actual_costs
from pmcode.cost.engine import cost_portfolio, cost_project
from pmcode.cost.finance import finance_portfolio, project_finance, status_date
from pmcode.cost.finance_data import (
    VARIANCE_LABEL,
    EnvelopeCheck,
    Figures,
    FinanceLine,
    PortfolioFinance,
    ProjectFinance,
    Series,
)
from pmcode.cost.lines import ProjectLines
from pmcode.cost.periods import FiscalYears, month_name, month_of, parse_month
from pmcode.cost.phasing import Phasing
from pmcode.cost.planned import PlannedValue, planned_value
from pmcode.cost.rates import Rates
from pmcode.cost.result import LineCost, Months, PersonCost, PortfolioCost, ProjectCost, Reserves, TaskCost, cents
from pmcode.cost.spread import spread_by_day, spread_linear, spread_resource

__all__ = [
    "VARIANCE_LABEL",
    "EnvelopeCheck",
    "Figures",
    "FinanceLine",
    "FiscalYears",
    "LineCost",
    "Months",
    "PersonCost",
    "Phasing",
    "PlannedValue",
    "PortfolioCost",
    "PortfolioFinance",
    "ProjectActuals",
    "ProjectCost",
    "ProjectFinance",
    "ProjectLines",
    "Rates",
    "Reserves",
    "Series",
    "TaskActual",
    "TaskCost",
    "actual_costs",
    "cents",
    "cost_portfolio",
    "cost_project",
    "finance_portfolio",
    "month_name",
    "month_of",
    "parse_month",
    "planned_value",
    "project_finance",
    "spread_by_day",
    "spread_linear",
    "spread_resource",
    "status_date",
]
