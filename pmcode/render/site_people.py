"""The people pages: the team (portfolio/people/index.md) and one page per person (portfolio/people/<id>.md).

The team page has the load heat map of everyone (booked hours against capacity per week, over 100% marked) and a
table of who is over-allocated when; a person's page has their role, units, availability and leave, their load per
project by week (a heat map row per project, at most `PROJECT_ROWS` of them, and the total) and the tasks they are
booked on. Weeks run from the portfolio's status date (else the first start) to the last booked day, at most
`MAX_WEEKS`. The schedule is read once (`booked_hours`) for all pages. File names come from person ids, which the
schema restricts to letters, digits, '-' and '_' (reserved stems as for projects).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from pmcode.model import Person, Portfolio
from pmcode.render.charts import heatmap_svg, week_starts, weekly_load
from pmcode.render.charts.load import PersonLoad, load_percent
from pmcode.render.site_pages import _environment, mailto_href, project_page_stem
from pmcode.schedule import Schedule

PEOPLE_DIR = "people"  # under portfolio/
MAX_WEEKS = 52
PROJECT_ROWS = 8  # a person's heat map shows this many projects, the others folded into one row
HeatRows = list[tuple[str, str, tuple[float, ...]]]  # heatmap_svg's rows: (id, label, load % per week)
HeatDetail = list[tuple[tuple[float, float], ...]]  # per row and week: (booked hours, capacity hours)


def person_stem(person_id: str) -> str:
    """A person page's file name without `.md`: the id, `_`-prefixed for ids mkdocs reserves (as projects')."""
    return project_page_stem(person_id)


def person_href(person_id: str, prefix: str = "") -> str:
    """The link to a person's page from a page `prefix` away from the people folder (`people/` from portfolio/)."""
    return f"{prefix}{person_stem(person_id)}.html"


def weeks_of(portfolio: Portfolio, schedule: Schedule) -> tuple[date, ...]:
    """The weeks the people pages show: status date (else first start) to the last booked day, capped."""
    days = [
        day
        for project in schedule.projects
        for task in project.tasks
        if not task.summary
        for assignment in task.assignments
        for day, amount in assignment.daily
        if amount > 0
    ]
    if not days:
        return ()
    first = portfolio.status_date or min(days)
    last = min(max(days), first + timedelta(weeks=MAX_WEEKS) - timedelta(days=1))
    return week_starts(first, last) if last >= first else ()


@dataclass(frozen=True, slots=True)
class Booking:
    project: str
    page: str
    task: str
    start: str
    finish: str
    hours: str


@dataclass(frozen=True)
class Booked:
    """What the people pages read of the schedule, gathered in one pass over it."""

    weekly: dict[str, dict[str, list[float]]]  # person -> project -> hours per week, projects in schedule order
    tasks: dict[str, list[Booking]]  # person -> the leaf tasks they are booked on


def booked_hours(portfolio: Portfolio, schedule: Schedule, weeks: Sequence[date]) -> Booked:
    """Hours per person, project and week (leaf tasks only, as `weekly_load`), and each person's tasks."""
    week_of = {start + timedelta(days=offset): index for index, start in enumerate(weeks) for offset in range(7)}
    weekly: dict[str, dict[str, list[float]]] = {}
    tasks: dict[str, list[Booking]] = {}
    for project in schedule.projects:
        name = portfolio.projects[project.id].name if project.id in portfolio.projects else project.id
        page = f"../{project_page_stem(project.id)}.html"
        for task in project.tasks:
            if task.summary:
                continue
            total: dict[str, float] = {}
            for assignment in task.assignments:
                row = weekly.setdefault(assignment.person, {}).setdefault(project.id, [0.0] * len(weeks))
                for day, amount in assignment.daily:
                    total[assignment.person] = total.get(assignment.person, 0.0) + amount
                    index = week_of.get(day)
                    if index is not None:
                        row[index] += amount
            if task.start is None or task.finish is None:
                continue
            start, finish = task.start.date().isoformat(), task.finish.date().isoformat()
            for person, hours in total.items():
                booking = Booking(name, page, task.name, start, finish, f"{hours:,.1f}")
                tasks.setdefault(person, []).append(booking)
    return Booked(weekly, tasks)


@dataclass(frozen=True, slots=True)
class TeamRow:
    id: str
    href: str
    name: str
    role: str
    units: str
    projects: int
    peak: str  # the highest weekly load, "120%"
    over_weeks: int  # weeks above 100%
    first_over: str  # the first such week's Monday


def _over(percent: float) -> bool:
    return math.isinf(percent) or (not math.isnan(percent) and round(percent) > 100)


def _peak(load: PersonLoad) -> str:
    finite = [p for p in load.percents if not math.isnan(p)]
    if not finite:
        return ""
    top = max(finite)
    return "booked without working time" if math.isinf(top) else f"{top:.0f}%"


def _role(portfolio: Portfolio, person: Person) -> str:
    role = portfolio.roles.get(person.role) if person.role else None
    return role.name if role else (person.role or "")


def _chart(rows: HeatRows, detail: HeatDetail, weeks: Sequence[date], title: str) -> Markup:
    # The chart renderer escapes every data string itself (pmcode.render.charts.svg): its output is markup.
    return Markup(heatmap_svg(rows, weeks, title=title, detail=detail))  # noqa: S704


def team_page(portfolio: Portfolio, booked: Booked, loads: Sequence[PersonLoad], weeks: Sequence[date]) -> str:
    rows = []
    for load in loads:
        person = portfolio.people[load.person]
        over = [weeks[i] for i, p in enumerate(load.percents) if _over(p)]
        rows.append(
            TeamRow(
                id=person.id,
                href=person_href(person.id),
                name=person.name,
                role=_role(portfolio, person),
                units=f"{person.units:.0%}",
                projects=sum(1 for hours in booked.weekly.get(person.id, {}).values() if any(hours)),
                peak=_peak(load),
                over_weeks=len(over),
                first_over=over[0].isoformat() if over else "",
            )
        )
    chart = None
    if weeks and loads:
        heat = [(load.person, load.name, load.percents) for load in loads]
        detail = [tuple(zip(load.booked, load.capacity, strict=True)) for load in loads]
        chart = _chart(heat, detail, weeks, "Team load by week")
    template = _environment().get_template("people.md.j2")
    return template.render(
        portfolio=portfolio,
        rows=sorted(rows, key=lambda row: (-row.over_weeks, row.id)),
        over=[row for row in rows if row.over_weeks],
        chart=chart,
        weeks=weeks,
        max_weeks=MAX_WEEKS,
    )


def _load_rows(portfolio: Portfolio, booked: Booked, load: PersonLoad) -> tuple[HeatRows, HeatDetail]:
    """A person's heat map: a row per project (the `PROJECT_ROWS` with the most hours, in plan order; the others
    folded into one row), then the total when there is more than one row."""
    mine = [(pid, hours) for pid, hours in booked.weekly.get(load.person, {}).items() if any(hours)]
    kept = {pid for pid, _ in sorted(mine, key=lambda item: -sum(item[1]))[:PROJECT_ROWS]}
    rows = [(pid, portfolio.projects[pid].name if pid in portfolio.projects else pid, hours) for pid, hours in mine]
    shown = [row for row in rows if row[0] in kept]
    folded = [row[2] for row in rows if row[0] not in kept]
    if folded:
        shown.append(("", f"{len(folded)} other projects", [sum(week) for week in zip(*folded, strict=True)]))
    heat: HeatRows = []
    detail: HeatDetail = []
    for row_id, label, hours in shown:
        heat.append((row_id, label, tuple(load_percent(h, c) for h, c in zip(hours, load.capacity, strict=True))))
        detail.append(tuple(zip((round(h, 2) for h in hours), load.capacity, strict=True)))
    if len(heat) > 1:
        heat.append(("", "All projects", load.percents))
        detail.append(tuple(zip(load.booked, load.capacity, strict=True)))
    return heat, detail


def person_page(portfolio: Portfolio, booked: Booked, person: Person, load: PersonLoad, weeks: Sequence[date]) -> str:
    heat, detail = _load_rows(portfolio, booked, load)
    chart = _chart(heat, detail, weeks, f"Load of {person.name} by week") if heat else None
    bookings = booked.tasks.get(person.id, [])
    over = [weeks[i].isoformat() for i, p in enumerate(load.percents) if _over(p)]
    template = _environment().get_template("person.md.j2")
    return template.render(
        person=person,
        role=_role(portfolio, person),
        email_href=mailto_href(person.email),
        leave=sorted(person.leave, key=lambda leave: (leave.start, leave.end)),
        chart=chart,
        over=over,
        bookings=sorted(bookings, key=lambda b: (b.start, b.project, b.task)),
    )


def people_pages(portfolio: Portfolio, schedule: Schedule) -> dict[str, str]:
    """Every people page by file name under portfolio/people/: `index.md` (the team) and `<stem>.md` each."""
    weeks = weeks_of(portfolio, schedule)
    loads = {load.person: load for load in weekly_load(portfolio, schedule, weeks, people=list(portfolio.people))}
    booked = booked_hours(portfolio, schedule, weeks)
    pages = {"index.md": team_page(portfolio, booked, list(loads.values()), weeks)}
    for person in portfolio.people.values():
        pages[f"{person_stem(person.id)}.md"] = person_page(portfolio, booked, person, loads[person.id], weeks)
    return pages
