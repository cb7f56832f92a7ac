"""The sections of a variance report as plain rows of cells, shared by the table and Markdown renderers.

Amounts are shown to the whole unit of the portfolio currency (the JSON has cents), indices to 2 decimals and
percentages to 1. An undefined value is `-` followed by a footnote number (`-[1]`); the footnotes give the reason,
each distinct reason once, numbered in order of first use, so the output is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from pmcode.cost.finance_data import Figures
from pmcode.evm import Indicators, Period, round_half_away
from pmcode.variance import PortfolioVariance, ProjectVariance

PORTFOLIO_ROW = "(portfolio)"


def money(value: float) -> str:
    return f"{round_half_away(value, 0):,.0f}"


def index(value: float) -> str:
    return f"{round_half_away(value, 2):.2f}"


def percent(value: float) -> str:
    return f"{round_half_away(value, 1):.1f}%"


@dataclass
class Footnotes:
    reasons: list[str] = field(default_factory=list)

    def mark(self, reason: str) -> str:
        if reason not in self.reasons:
            self.reasons.append(reason)
        return f"-[{self.reasons.index(reason) + 1}]"

    def lines(self) -> list[str]:
        return [f"[{n}] {reason}" for n, reason in enumerate(self.reasons, start=1)]


@dataclass(frozen=True)
class Section:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    data_columns: int = 1  # the first columns hold text from the plan (ids, names, paths): escaped in Markdown


class Cells:
    """Formats the values of one Indicators (or none) into cells, noting the reasons for nulls."""

    def __init__(self, notes: Footnotes) -> None:
        self.notes = notes

    def value(self, indicators: Indicators | None, note: str | None, key: str, show: Callable[[float], str]) -> str:
        if indicators is None:
            return self.notes.mark(note or "not computed")
        value = _lookup(indicators, key)
        if value is None:
            return self.notes.mark(indicators.reason(key) or "undefined")
        return show(value)

    def day(self, indicators: Indicators | None, note: str | None, key: str) -> str:
        if indicators is None:
            return self.notes.mark(note or "not computed")
        value = getattr(indicators.earned_schedule, key.split(".")[1])
        if not isinstance(value, date):
            return self.notes.mark(indicators.reason(key) or "undefined")
        return value.isoformat()


def _lookup(indicators: Indicators, key: str) -> float | None:
    if key.startswith("earned_schedule."):
        value = getattr(indicators.earned_schedule, key.split(".")[1])
    elif key.startswith("eac."):
        method = key.split(".")[1]
        value = indicators.eac if method == "primary" else indicators.eac_by(method)
    else:
        value = getattr(indicators, key)
    return None if value is None else float(value)


Column = tuple[str, str, Callable[[float], str]]  # header, indicator key, format
EV_COLUMNS: tuple[Column, ...] = (
    ("BAC", "bac", money),
    ("PV", "pv", money),
    ("EV", "ev", money),
    ("AC", "ac", money),
    ("SV", "sv", money),
    ("CV", "cv", money),
    ("SPI", "spi", index),
    ("CPI", "cpi", index),
)
FORECAST_COLUMNS: tuple[Column, ...] = (
    ("EAC", "eac.primary", money),
    ("ETC", "etc", money),
    ("VAC", "vac", money),
    ("TCPI", "tcpi_bac", index),
    ("SV(t)", "earned_schedule.sv_t", index),
    ("SPI(t)", "earned_schedule.spi_t", index),
)


def earned_value_section(result: PortfolioVariance, projects: list[ProjectVariance], cells: Cells) -> Section:
    rows = []
    for project in projects:
        status = project.status_date.isoformat() if project.status_date else "-"
        values = [cells.value(project.indicators, project.note, key, show) for _, key, show in EV_COLUMNS]
        rows.append((project.id, status, *values))
    if len(projects) > 1:
        status = result.status_date.isoformat() if result.status_date else "-"
        values = [cells.value(result.indicators, result.note, key, show) for _, key, show in EV_COLUMNS]
        rows.append((PORTFOLIO_ROW, status, *values))
    header = ("project", "status date", *(name for name, _, _ in EV_COLUMNS))
    return Section("Earned value, cumulative at the status date", header, rows, data_columns=1)


def forecast_section(result: PortfolioVariance, projects: list[ProjectVariance], cells: Cells) -> Section:
    rows = []
    for project in projects:
        values = [cells.value(project.indicators, project.note, key, show) for _, key, show in FORECAST_COLUMNS]
        finish = cells.day(project.indicators, project.note, "earned_schedule.ieac_t_date")
        rows.append((project.id, project.eac_method, *values, finish))
    if len(projects) > 1:
        values = [cells.value(result.indicators, result.note, key, show) for _, key, show in FORECAST_COLUMNS]
        finish = cells.day(result.indicators, result.note, "earned_schedule.ieac_t_date")
        method = result.indicators.primary_method if result.indicators else "-"
        rows.append((PORTFOLIO_ROW, method, *values, finish))
    header = ("project", "primary EAC", *(name for name, _, _ in FORECAST_COLUMNS), "IEAC(t) month")
    return Section("Forecasts (EAC by the primary method; TCPI to BAC)", header, rows)


def _finance_cells(figures: Figures) -> tuple[str, ...]:
    pct = figures.variance_pct
    return (
        money(figures.budget_to_date),
        money(figures.actual),
        money(figures.variance),
        "-" if pct is None else percent(pct),
        money(figures.forecast),
        money(figures.forecast_variance),
    )


def finance_section(result: PortfolioVariance, projects: list[ProjectVariance]) -> Section:
    rows = [(p.id, *_finance_cells(p.finance.total.total)) for p in projects if p.finance is not None]
    if len(projects) > 1 and result.finance is not None:
        rows.append((PORTFOLIO_ROW, *_finance_cells(result.finance)))
    header = ("project", "budget to date", "actual", "finance variance", "%", "forecast", "forecast - budget")
    title = "Finance variance (actual - budget): positive = over budget, the opposite sign of CV (EV - AC)"
    return Section(title, header, rows)


def task_section(project: ProjectVariance, cells: Cells, indent: str) -> Section:
    rows = []
    for task in project.tasks:
        depth = task.path.count(".")
        label = indent * depth + (task.path.rsplit(".", 1)[-1] if task.in_plan else f"{task.path} (baseline only)")
        values = [cells.value(task.indicators, project.note, key, show) for _, key, show in EV_COLUMNS]
        eac = cells.value(task.indicators, project.note, "eac.primary", money)
        rows.append((label, *values, eac))
    header = ("task", *(name for name, _, _ in EV_COLUMNS), "EAC")
    return Section(f"Tasks of {project.id} (summaries add up their tasks)", header, rows)


PERIOD_COLUMNS = ("month", "PV", "EV", "AC", "cum. PV", "cum. EV", "cum. AC", "SPI", "CPI", "SPI(t)")


def period_section(title: str, periods: tuple[Period, ...], cells: Cells) -> Section:
    rows = []
    for period in periods:
        own, total = period.current, period.cumulative
        rows.append(
            (
                period.month,
                money(own.pv),
                money(own.ev),
                money(own.ac),
                money(total.pv),
                money(total.ev),
                money(total.ac),
                cells.value(total, None, "spi", index),
                cells.value(total, None, "cpi", index),
                cells.value(total, None, "earned_schedule.spi_t", index),
            )
        )
    return Section(title, PERIOD_COLUMNS, rows, data_columns=0)


def sections(
    result: PortfolioVariance,
    projects: list[ProjectVariance],
    tasks: bool,
    monthly: bool,
    notes: Footnotes,
    indent: str,
) -> list[Section]:
    """Every section of the report, in order: projects (earned value, forecasts, finance), then the chosen
    project's tasks, then months."""
    cells = Cells(notes)
    found = [
        earned_value_section(result, projects, cells),
        forecast_section(result, projects, cells),
        finance_section(result, projects),
    ]
    if tasks:
        found.extend(task_section(project, cells, indent) for project in projects)
    if monthly:
        if len(projects) == 1:
            found.append(period_section(f"Months of {projects[0].id}", projects[0].periods, cells))
        else:
            found.append(period_section("Months of the portfolio", result.periods, cells))
    return found


def heading(result: PortfolioVariance) -> str:
    status = result.status_date.isoformat() if result.status_date else "none"
    currency = result.currency or "(no currency set)"
    return (
        f"Variance at status date {status}, amounts in {currency} to the unit. Earned value: positive variances "
        "and indices above 1 are favourable."
    )
