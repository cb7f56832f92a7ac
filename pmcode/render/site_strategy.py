"""The site's Strategy page (portfolio/strategy.md): which project serves which objective, and how far each key
result has come.

The alignment map is a matrix, objectives x projects, each cell saying how the project serves the objective
(named, through a key result, through a milestone with its forecast date); a project that serves none is marked
with an icon and a word. Then the key-result chart (charts/keyresults.py) and the same figures as a table, and the
strategy findings of `pmcode check`. Everything reaches the page through autoescaped templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.records.strategy.checks import NOT_JUDGED, key_result_state, measure
from pmcode.records.strategy.codes import CODES
from pmcode.records.strategy.model import KeyResult, Objective, Strategy
from pmcode.render.charts.keyresults import KeyResultBar, key_results_svg
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem
from pmcode.render.site_people import person_href
from pmcode.render.site_requirements import one_line
from pmcode.schedule import Schedule

PAGE = "strategy.md"
OWN_CODES = frozenset(code.code for code in CODES)
STATE_BADGES = {"reached": "green", "missed": "amber", "in progress": "none", "not measured": "none"}
STATE_ICONS = {"reached": "\u2714", "missed": "\u25b2", "in progress": "\u25d4", "not measured": "?"}


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    page: str | None  # None: not a project of the portfolio
    name: str
    status: str
    objectives: int  # how many objectives it serves
    judged: bool  # open projects must serve one (PM681); closed and cancelled ones need not


@dataclass(frozen=True, slots=True)
class KeyResultRow:
    id: str
    title: str
    baseline: str
    current: str
    as_of: str
    target: str
    due: str
    share: str  # "40%", or "" when never measured
    state: str
    level: str
    icon: str


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    id: str
    title: str
    description: str
    owner: str
    owner_href: str | None
    period: str
    cells: tuple[tuple[str, ...], ...]  # per column: how the project serves the objective (empty: it does not)
    key_results: tuple[KeyResultRow, ...]


def percent(share: float) -> str:
    """A share as a whole percentage, never `-0%`."""
    return f"{round(share * 100) + 0:d}%"


def _milestone_finish(schedule: Schedule, ref: str) -> tuple[str, str]:
    """(name, forecast finish) of a `project:path` milestone in the tracked schedule."""
    project_id, path = ref.split(":", 1)
    for project in schedule.projects:
        if project.id == project_id:
            for task in project.tasks:
                if task.path == path:
                    return one_line(task.name), task.finish.date().isoformat() if task.finish else ""
    return ref, ""


def _cells(objective: Objective, columns: list[str], schedule: Schedule) -> tuple[tuple[str, ...], ...]:
    cells = []
    for project in columns:
        reasons = ["named by the objective"] if project in objective.projects else []
        reasons += [f"key result {kr.id}" for kr in objective.key_results if project in kr.projects]
        for ref in objective.milestones:
            if ref.split(":", 1)[0] == project:
                name, finish = _milestone_finish(schedule, ref)
                reasons.append(f"milestone {name}" + (f", forecast {finish}" if finish else ""))
        cells.append(tuple(reasons))
    return tuple(cells)


def _key_result_row(key_result: KeyResult, as_of: date | None) -> KeyResultRow:
    state = key_result_state(key_result, as_of)
    unit = one_line(key_result.unit)
    share = key_result.progress
    return KeyResultRow(
        id=key_result.id,
        title=one_line(key_result.title),
        baseline=measure(key_result.baseline, unit),
        current="" if key_result.current is None else measure(key_result.current, unit),
        as_of=key_result.as_of.isoformat() if key_result.as_of else "",
        target=measure(key_result.target, unit),
        due=key_result.due.isoformat() if key_result.due else "",
        share="" if share is None else percent(share),
        state=state,
        level=STATE_BADGES[state],
        icon=STATE_ICONS[state],
    )


def _bars(strategy: Strategy, as_of: date | None) -> list[KeyResultBar]:
    bars = []
    for objective in strategy.objectives:
        for key_result in objective.key_results:
            row = _key_result_row(key_result, as_of)
            now = row.current or "not measured"
            bars.append(
                KeyResultBar(
                    objective=one_line(objective.title),
                    title=row.title,
                    share=key_result.progress,
                    state=row.state,
                    figures=f"{row.baseline} \u2192 {now} \u2192 {row.target}",
                )
            )
    return bars


def _columns(portfolio: Portfolio, strategy: Strategy) -> list[Column]:
    linked = [p for objective in strategy.objectives for p in objective.linked_projects()]
    ids = list(portfolio.projects) + sorted(set(linked) - set(portfolio.projects))
    columns = []
    for project_id in ids:
        project = portfolio.projects.get(project_id)
        serves = sum(1 for objective in strategy.objectives if project_id in objective.linked_projects())
        columns.append(
            Column(
                id=project_id,
                page=project_page_stem(project_id) if project else None,
                name=one_line(project.name) if project else project_id,
                status=project.status if project else "unknown",
                objectives=serves,
                judged=project is not None and project.status not in NOT_JUDGED,
            )
        )
    return columns


def _objective_row(
    portfolio: Portfolio, objective: Objective, columns: list[Column], schedule: Schedule, as_of: date | None
) -> ObjectiveRow:
    owner = objective.owner or ""
    person = portfolio.people.get(owner)
    return ObjectiveRow(
        id=objective.id,
        title=one_line(objective.title),
        description=one_line(objective.description),
        owner=person.name if person else one_line(owner),
        owner_href=person_href(person.id, "people/") if person else None,
        period=one_line(objective.period),
        cells=_cells(objective, [c.id for c in columns], schedule),
        key_results=tuple(_key_result_row(kr, as_of) for kr in objective.key_results),
    )


def strategy_findings(findings: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """The strategy codes, and the reference codes reported in strategy.yaml."""
    own = [d for d in findings if d.code in OWN_CODES]
    return own + [d for d in findings if d.code not in OWN_CODES and d.file.endswith("strategy.yaml")]


def strategy_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no such records (no page, no menu entry)."""
    strategy = portfolio.records.strategy
    if strategy is None:
        return None
    as_of = portfolio.status_date
    columns = _columns(portfolio, strategy)
    objectives = [_objective_row(portfolio, o, columns, figures.schedule, as_of) for o in strategy.objectives]
    bars = _bars(strategy, as_of)
    # The chart renderer escapes every data string itself (pmcode.render.charts.svg): its output is markup.
    chart = Markup(key_results_svg(bars)) if bars else Markup("")  # noqa: S704
    template = _environment().get_template("strategy.md.j2")
    return template.render(
        title=one_line(strategy.title),
        period=one_line(strategy.period),
        file=strategy.src.file,
        as_of=as_of.isoformat() if as_of else "",
        columns=columns,
        objectives=objectives,
        unaligned=[c for c in columns if c.judged and c.objectives == 0],
        chart=chart,
        findings=strategy_findings(figures.check.diagnostics),
    )
