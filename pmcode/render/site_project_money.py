"""The money sections of the project page: key figures (EAC against BAC, CPI, SPI), the budget (S-curve, the
monthly finance view with the explanatory notes of the actuals) and the earned-value table.

Two variances appear and are labelled apart, because their signs are opposite: the finance view's
actual - budget (positive = overspent, pmcode.cost.finance) and earned value's CV = EV - AC (positive =
favourable, pmcode.variance). Amounts are shown to the unit, indices to 2 decimals (pmcode.render.variance_cells);
an undefined earned-value figure is `-[n]` with footnote n giving the reason, as `pmcode variance` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from pmcode.cost import ProjectFinance
from pmcode.cost.finance_data import Figures
from pmcode.cost.periods import month_name, month_of, parse_month
from pmcode.evm import Indicators
from pmcode.model import Portfolio, Project
from pmcode.model.types import Thresholds
from pmcode.render.charts import scurve_svg
from pmcode.render.site_rag import Rag, grade, ungraded
from pmcode.render.variance_cells import EV_COLUMNS, Cells, Footnotes, index, money, percent
from pmcode.schedule import ProjectSchedule
from pmcode.variance import ProjectVariance

EVM_LABEL = (
    "Earned value (EVM), cumulative at the status date: SV = EV - PV and CV = EV - AC, so positive variances and "
    "indices above 1 are favourable. CV is not the finance variance above: its sign is the opposite."
)
EV_TABLE_COLUMNS = (*EV_COLUMNS, ("EAC", "eac.primary", money))


def chart(svg: str) -> Markup:
    """A chart of pmcode.render.charts as template input: its own autoescaped templates escaped every data string in
    it, so the page's template must not escape the SVG markup a second time."""
    return Markup(svg)  # noqa: S704 - the SVG is pmcode's, its data already escaped


@dataclass(frozen=True)
class MoneyFigure:
    label: str
    value: str
    detail: str
    rag: Rag


@dataclass(frozen=True)
class MonthRow:
    month: str
    budget: str
    actual: str
    forecast: str
    variance: str  # finance variance to date (actual - budget); "" for months after the status month
    variance_pct: str
    over: bool  # spent above budget
    notes: int


@dataclass(frozen=True)
class NoteRow:
    month: str
    about: str
    text: str
    action: str
    owner: str
    due: str


@dataclass(frozen=True)
class Budget:
    scurve: Markup | None  # escaped by pmcode.render.charts
    scurve_missing: str  # why there is no S-curve
    source: str  # where the budget comes from: baseline lines, baseline PV, or the plan
    months: list[MonthRow]
    total: MonthRow | None
    notes: list[NoteRow]


@dataclass(frozen=True)
class EvRow:
    label: str
    path: str
    summary: bool
    cells: tuple[str, ...]


@dataclass(frozen=True)
class EarnedValue:
    header: tuple[str, ...]
    rows: list[EvRow]
    footnotes: list[str]
    missing: str  # why there is no earned value ("" when there is)
    label: str = EVM_LABEL


def key_money(variance: ProjectVariance, finance: ProjectFinance | None, thresholds: Thresholds) -> list[MoneyFigure]:
    """EAC against BAC, CPI and SPI. The EAC is graded as the dashboard grades cost: its overrun of the BAC in % by
    `vac_pct` when the plan sets it, else by `budget_variance_pct`; without earned value, the finance view's
    forecast against its budget is shown and graded instead."""
    ind = variance.indicators
    spend = finance.total.total if finance is not None else None
    if ind is not None and ind.eac is not None:
        over = (ind.eac - ind.bac) / ind.bac * 100 if ind.bac > 0 else None
        detail = f"BAC {money(ind.bac)}" + (f", {over:+.1f}%" if over is not None else "")
        name = "vac_pct" if thresholds.get("vac_pct") is not None else "budget_variance_pct"
        eac = MoneyFigure("EAC vs BAC", money(ind.eac), detail, grade(thresholds, name, over))
    elif spend is not None and (abs(spend.budget) >= 0.5 or abs(spend.forecast) >= 0.5):
        detail = f"budget {money(spend.budget)}, finance view (no earned value)"
        rag = grade(thresholds, "budget_variance_pct", spend.forecast_variance_pct)
        eac = MoneyFigure("Forecast vs budget", money(spend.forecast), detail, rag)
    else:
        eac = MoneyFigure("EAC vs BAC", "-", "no budget lines and no costed work", ungraded("no value"))
    if ind is None:
        why = variance.note or "not computed"
        return [eac, MoneyFigure("CPI", "-", why, ungraded(why)), MoneyFigure("SPI", "-", why, ungraded(why))]
    cpi = MoneyFigure(
        "CPI",
        "-" if ind.cpi is None else index(ind.cpi),
        f"EV {money(ind.ev)} / AC {money(ind.ac)}",
        grade(thresholds, "cpi", ind.cpi),
    )
    spi = MoneyFigure(
        "SPI",
        "-" if ind.spi is None else index(ind.spi),
        f"EV {money(ind.ev)} / PV {money(ind.pv)}",
        grade(thresholds, "spi", ind.spi),
    )
    return [eac, cpi, spi]


def budget_section(
    project: Project,
    variance: ProjectVariance,
    finance: ProjectFinance | None,
    schedule: ProjectSchedule,
    portfolio: Portfolio,
) -> Budget:
    notes = note_rows(portfolio, project)
    per_month: dict[str, int] = {}
    for note in notes:
        per_month[note.month] = per_month.get(note.month, 0) + 1
    status = month_name(month_of(finance.status_date)) if finance is not None and finance.status_date else None
    months = [] if finance is None else [_month(m, f, status, per_month.get(m, 0)) for m, f in finance.total.months]
    total = None if finance is None else _month("Total", finance.total.total, "", len(notes), whole=True)
    chart, missing = scurve(project, variance, schedule, portfolio.currency)
    return Budget(chart, missing, finance.budget_source if finance else "", months, total, notes)


def _month(month: str, figures: Figures, status: str | None, notes: int, *, whole: bool = False) -> MonthRow:
    past = whole or (status is not None and parse_month(month) <= parse_month(status))
    pct = figures.variance_pct
    return MonthRow(
        month=month,
        budget=money(figures.budget),
        actual=money(figures.actual) if past else "",
        forecast=money(figures.forecast),
        variance=money(figures.variance) if past else "",
        variance_pct=percent(pct) if past and pct is not None else "",
        over=past and round(figures.variance) > 0,
        notes=notes,
    )


def note_rows(portfolio: Portfolio, project: Project) -> list[NoteRow]:
    """The explanatory notes of every actuals file, by period, naming what each is about (a task or a line)."""
    lines = {line.id: line.name for line in project.budget.lines} if project.budget else {}
    rows = []
    for actuals in project.actuals:
        for note in actuals.notes:
            task = project.by_path.get(note.about)
            about = (
                f"{task.name} ({note.about})"
                if task
                else f"{lines[note.about]} ({note.about})"
                if (note.about in lines)
                else note.about
            )
            owner = portfolio.people.get(note.owner) if note.owner else None
            rows.append(
                NoteRow(
                    month=actuals.period,
                    about=about,
                    text=note.text,
                    action=note.action,
                    owner=owner.name if owner else (note.owner or ""),
                    due=note.due.isoformat() if note.due else "",
                )
            )
    return rows


def scurve(
    project: Project, variance: ProjectVariance, schedule: ProjectSchedule, currency: str
) -> tuple[Markup | None, str]:
    """The S-curve of the baseline's PV with EV and AC to the status month, and the EAC projection to the
    forecast finish; or None and why not."""
    baseline = project.baseline
    if baseline is None or not baseline.pv:
        return None, "No S-curve: it plots the baseline's planned value, and there is no baseline yet."
    ind = variance.indicators
    planned = {parse_month(m): amount for m, amount in baseline.pv}
    earned = {parse_month(p.month): (p.cumulative.ev, p.cumulative.ac) for p in variance.periods}
    status = month_of(variance.status_date) if ind is not None and variance.status_date else None
    finish = month_of(schedule.finish.date()) if isinstance(schedule.finish, datetime) else None
    keys = [*planned, *earned, *(m for m in (status, finish) if m is not None)]
    months = range(min(keys), max(keys) + 1)
    pv, ev, ac = [], [], []
    running, last = 0.0, (0.0, 0.0)
    for month in months:
        running += planned.get(month, 0.0)
        pv.append(running)
        last = earned.get(month, last)
        shown = status is not None and month <= status
        ev.append(last[0] if shown else None)
        ac.append(last[1] if shown else None)
    svg = scurve_svg(
        [month_name(m) for m in months],
        pv,
        ev,
        ac,
        bac=ind.bac if ind is not None else running,
        eac=ind.eac if ind is not None else None,
        status_month=month_name(status) if status is not None else None,
        currency=currency,
        forecast_finish=month_name(finish) if finish is not None else None,
    )
    return chart(svg), ""


def earned_value_section(variance: ProjectVariance) -> EarnedValue:
    """The project's earned value and its top-level summaries' (and top-level tasks'), as `pmcode variance`."""
    header = tuple(name for name, _, _ in EV_TABLE_COLUMNS)
    if variance.indicators is None:
        return EarnedValue(header, [], [], variance.note or "No earned value.")
    notes = Footnotes()
    cells = Cells(notes)

    def row(label: str, path: str, summary: bool, indicators: Indicators | None) -> EvRow:
        values = tuple(cells.value(indicators, variance.note, key, show) for _, key, show in EV_TABLE_COLUMNS)
        return EvRow(label, path, summary, values)

    rows = [row("Project", "", True, variance.indicators)]
    for task in variance.tasks:
        if "." in task.path or not task.in_plan or (task.bac == 0 and not task.summary):
            continue  # nested tasks are in `pmcode variance --tasks`; a milestone has no money
        rows.append(row(task.name, task.path, task.summary, task.indicators))
    return EarnedValue(header, rows, notes.lines(), "")
