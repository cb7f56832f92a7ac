"""The site's Actions and meetings page (actions.md): the action tracker across projects, then the meetings.

Every open action of a meeting and of a RAID log (a risk's response step or an issue's action) in one table,
late first, each with its owner linked to their person page, its due date, how many days it is overdue at its
project's status date, where it comes from and its project; then what was closed in the 30 days before the status
date; then the meetings, newest first, with their decisions and minutes. The minutes are untrusted Markdown: they
are shown as escaped text in a `<pre>`, never rendered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from pmcode.model import Portfolio
from pmcode.records.common import Action
from pmcode.records.meetings.model import Meeting
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem
from pmcode.render.site_people import person_href

PAGE = "actions.md"
RECENT_DAYS = 30  # closed actions shown: done within this many days before the status date
TYPE_LABELS = {"steering": "Steering committee", "internal": "Internal", "customer": "Customer"}


@dataclass(frozen=True, slots=True)
class Who:
    name: str  # the person's name, or the name as written
    href: str | None  # their person page, for a person id


@dataclass(frozen=True, slots=True)
class Place:
    """A project (linked to its page) or the whole portfolio (page None)."""

    name: str
    page: str | None


@dataclass(frozen=True, slots=True)
class ActionRow:
    title: str
    owner: Who | None
    due: str
    status: str
    days_late: int  # 0 when not overdue
    done: str
    source: str  # meeting, risk, issue
    source_title: str
    places: tuple[Place, ...]
    sort_key: tuple[int, str, str]


@dataclass(frozen=True, slots=True)
class DecisionRow:
    title: str
    rationale: str
    decided_by: tuple[Who, ...]


@dataclass(frozen=True, slots=True)
class MeetingRow:
    date: str
    type: str
    title: str
    file: str
    places: tuple[Place, ...]
    chair: Who | None
    attendees: tuple[Who, ...]
    apologies: tuple[Who, ...]
    decisions: tuple[DecisionRow, ...]
    actions: int
    open_actions: int
    minutes: str


def who(portfolio: Portfolio, person: str | None, prefix: str = "people/") -> Who | None:
    """A person id as its name with a link to its page; anyone else as written, without a link."""
    if person is None:
        return None
    known = portfolio.people.get(person)
    return Who(known.name, person_href(known.id, prefix)) if known else Who(person, None)


def place(portfolio: Portfolio, project: str | None) -> Place:
    if project is None:
        return Place("Portfolio", None)
    known = portfolio.projects.get(project)
    return Place(known.name, project_page_stem(project)) if known else Place(project, None)


def _places(portfolio: Portfolio, projects: tuple[str, ...]) -> tuple[Place, ...]:
    return tuple(place(portfolio, p) for p in projects) or (place(portfolio, None),)


def as_of(portfolio: Portfolio, project: str | None) -> date | None:
    """The date actions are judged at: the project's status date, else the portfolio's (as the checks do)."""
    if project is not None and project in portfolio.projects:
        return portfolio.status_date_of(portfolio.projects[project])
    return portfolio.status_date


def action_row(
    portfolio: Portfolio, action: Action, source: str, source_title: str, places: tuple[Place, ...], day: date | None
) -> ActionRow:
    late = (day - action.due).days if action.overdue(day) and day and action.due else 0
    due = action.due.isoformat() if action.due else ""
    return ActionRow(
        title=action.title,
        owner=who(portfolio, action.owner),
        due=due,
        status=action.status,
        days_late=late,
        done=action.done.isoformat() if action.done else "",
        source=source,
        source_title=source_title,
        places=places,
        sort_key=(-late, due or "9999", action.title),
    )


def _sourced(portfolio: Portfolio) -> Iterator[tuple[Action, str, str, tuple[Place, ...], date | None]]:
    """Every action with where it comes from: meetings first, then the RAID logs' risks and issues."""
    for meeting in portfolio.records.meetings:
        title = f"{meeting.date.isoformat()} {meeting.title}"
        places = _places(portfolio, (meeting.project,) if meeting.project else ())  # a root meeting: Portfolio
        for action in meeting.actions:
            yield action, "meeting", title, places, as_of(portfolio, meeting.project)
    for project, log in portfolio.records.raid.items():
        places = (place(portfolio, project),)
        day = as_of(portfolio, project)
        for risk in log.risks:
            for action in risk.actions:
                yield action, "risk", f"{risk.id}: {risk.title}", places, day
        for issue in log.issues:
            for action in issue.actions:
                yield action, "issue", f"{issue.id}: {issue.title}", places, day


def _recent(action: Action, day: date | None) -> bool:
    return (
        action.status == "done"
        and action.done is not None
        and (day is None or day - timedelta(days=RECENT_DAYS) < action.done <= day)
    )


def meeting_row(portfolio: Portfolio, meeting: Meeting) -> MeetingRow:
    decisions = tuple(
        DecisionRow(d.title, d.rationale, tuple(w for p in d.decided_by if (w := who(portfolio, p))))
        for d in meeting.decisions
    )
    return MeetingRow(
        date=meeting.date.isoformat(),
        type=TYPE_LABELS.get(meeting.type, meeting.type),
        title=meeting.title,
        file=meeting.src.file,
        places=_places(portfolio, meeting.projects),
        chair=who(portfolio, meeting.chair),
        attendees=tuple(w for p in meeting.attendees if (w := who(portfolio, p))),
        apologies=tuple(w for p in meeting.apologies if (w := who(portfolio, p))),
        decisions=decisions,
        actions=len(meeting.actions),
        open_actions=sum(1 for a in meeting.actions if a.is_open),
        minutes=meeting.body.strip("\n"),
    )


def meetings_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no meetings and no RAID action (no page, no menu
    entry)."""
    sourced = list(_sourced(portfolio))
    if not portfolio.records.meetings and not sourced:
        return None
    open_rows: list[ActionRow] = []
    closed: list[ActionRow] = []
    for action, source, title, places, day in sourced:
        row = action_row(portfolio, action, source, title, places, day)
        if action.is_open:
            open_rows.append(row)
        elif _recent(action, day):
            closed.append(row)
    open_rows.sort(key=lambda row: row.sort_key)
    closed.sort(key=lambda row: (row.done, row.title), reverse=True)
    meetings = sorted(
        (meeting_row(portfolio, m) for m in portfolio.records.meetings), key=lambda m: (m.date, m.file), reverse=True
    )
    return (
        _environment()
        .get_template("actions.md.j2")
        .render(
            status_date=portfolio.status_date.isoformat() if portfolio.status_date else "",
            open_rows=open_rows,
            late=sum(1 for row in open_rows if row.days_late),
            closed=closed,
            recent_days=RECENT_DAYS,
            meetings=meetings,
        )
    )
