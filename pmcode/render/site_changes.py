"""The site's Change log page (portfolio/changes.md): every change request per project, and what the approved
ones added up to.

Per project: the requests in file order with their status (icon and word, never colour alone), impact and
decision; pending ones (proposed, deferred) highlighted with how long they have waited at the status date; the
cumulative approved impact as running totals in the order of the decisions, with a step chart of the schedule
days and cost; then the change-control findings of `pmcode check`. Everything reaches the page through the
autoescaped template (site_pages._environment).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.records.changes.codes import CODES, PENDING_DAYS
from pmcode.records.changes.model import ChangeRequest, named_changes
from pmcode.render.charts.changes import Step, change_steps_svg
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem
from pmcode.render.site_people import person_href

PAGE = "changes.md"
# Status -> (badge level, icon): the word is always written next to the icon.
STATUS_BADGES = {
    "approved": ("green", "\u2714"),
    "proposed": ("amber", "?"),
    "deferred": ("amber", "\u2026"),
    "rejected": ("none", "\u2715"),
    "withdrawn": ("none", "\u2013"),
}
OWN_CODES = frozenset(code.code for code in CODES)
REFERENCE_CODES = frozenset({"PM690", "PM691", "PM692"})


def one_line(text: str) -> str:
    """`text` on one line: a line break inside the page's HTML blocks would hand the rest to Markdown."""
    return " ".join(text.split())


def signed_days(days: float) -> str:
    return "0" if days == 0 else f"{round(days, 1):+g}"


def signed_money(amount: float) -> str:
    return "0.00" if round(amount, 2) == 0 else f"{amount:+,.2f}"


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    href: str | None


@dataclass(frozen=True, slots=True)
class ChangeRow:
    id: str
    title: str
    request: str
    scope: str
    raised: str
    status: str
    level: str
    icon: str
    pending: bool
    waited: str  # "39 days" for a pending request at the status date, else ""
    overdue: bool  # proposed for longer than PENDING_DAYS (PM625)
    schedule: str
    cost: str
    requested_by: Who | None
    approver: Who | None
    decided: str
    notes: str
    baselined: bool  # named by the project's baseline
    file: str


@dataclass(frozen=True, slots=True)
class RunningRow:
    decided: str
    id: str
    schedule: str
    cost: str
    total_schedule: str
    total_cost: str


@dataclass(frozen=True, slots=True)
class ProjectLog:
    id: str
    page: str
    name: str
    rows: tuple[ChangeRow, ...]
    approved: int
    pending: int
    overdue: int  # of those, proposed for longer than PENDING_DAYS
    schedule: str  # approved total, signed working days
    cost: str  # approved total, signed
    running: tuple[RunningRow, ...]
    chart: Markup | None


def _who(portfolio: Portfolio, who: str | None) -> Who | None:
    if not who:
        return None
    person = portfolio.people.get(who)
    return Who(person.name or person.id, person_href(person.id, "people/")) if person else Who(who, None)


def _row(portfolio: Portfolio, change: ChangeRequest, as_of: date | None, named: set[str]) -> ChangeRow:
    level, icon = STATUS_BADGES.get(change.status, ("none", "\u2013"))
    waited = (as_of - change.raised).days if change.is_pending and as_of and change.raised else None
    return ChangeRow(
        id=change.id,
        title=one_line(change.title),
        request=one_line(change.request),
        scope=one_line(change.scope),
        raised=change.raised.isoformat() if change.raised else "",
        status=change.status,
        level=level,
        icon=icon,
        pending=change.is_pending,
        waited="" if waited is None else f"{waited} day{'' if waited == 1 else 's'}",
        overdue=change.status == "proposed" and waited is not None and waited > PENDING_DAYS,
        schedule=signed_days(change.schedule_days),
        cost=signed_money(change.cost),
        requested_by=_who(portfolio, change.requested_by),
        approver=_who(portfolio, change.approver),
        decided=change.decided.isoformat() if change.decided else "",
        notes=one_line(change.notes),
        baselined=change.id in named,
        file=change.file,
    )


def _running(approved: list[ChangeRequest]) -> tuple[tuple[RunningRow, ...], list[Step]]:
    """Running totals of the approved requests in the order they were decided (undated ones last, by id)."""
    ordered = sorted(approved, key=lambda c: (c.decided is None, c.decided or date.min, c.id))
    rows, steps = [], []
    days = cost = 0.0
    for change in ordered:
        days += change.schedule_days
        cost += change.cost
        decided = change.decided.isoformat() if change.decided else ""
        rows.append(
            RunningRow(
                decided,
                change.id,
                signed_days(change.schedule_days),
                signed_money(change.cost),
                signed_days(days),
                signed_money(cost),
            )
        )
        steps.append(Step(change.id, change.decided, days, cost))
    return tuple(rows), steps


def project_log(portfolio: Portfolio, project_id: str, changes: tuple[ChangeRequest, ...]) -> ProjectLog:
    project = portfolio.projects.get(project_id)
    baseline = project.baseline if project is not None else None
    named = set(named_changes(baseline.src.raw("change"))) if baseline is not None else set()
    as_of = portfolio.status_date_of(project) if project is not None else portfolio.status_date
    approved = [c for c in changes if c.is_approved]
    running, steps = _running(approved)
    rows = tuple(_row(portfolio, c, as_of, named) for c in changes)
    currency = portfolio.currency
    # A chart from two approved requests on: one step would only repeat the table.
    chart = Markup(change_steps_svg(steps, currency)) if len(steps) >= 2 else None  # noqa: S704 (autoescaped SVG)
    return ProjectLog(
        id=project_id,
        page=project_page_stem(project_id),
        name=one_line(project.name) if project is not None else project_id,
        rows=rows,
        approved=len(approved),
        pending=sum(1 for r in rows if r.pending),
        overdue=sum(1 for r in rows if r.overdue),
        schedule=signed_days(sum(c.schedule_days for c in approved)),
        cost=signed_money(sum(c.cost for c in approved)),
        running=running,
        chart=chart,
    )


def change_findings(findings: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """The change-control codes, and the reference codes reported in a change request."""
    return [d for d in findings if d.code in OWN_CODES or (d.code in REFERENCE_CODES and "/changes/CR-" in d.file)]


def changes_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no such records (no page, no menu entry)."""
    if not portfolio.records.changes:
        return None
    logs = [project_log(portfolio, pid, changes) for pid, changes in portfolio.records.changes.items()]
    template = _environment().get_template("changes.md.j2")
    return template.render(
        portfolio=portfolio,
        logs=logs,
        pending_days=PENDING_DAYS,
        findings=change_findings(figures.check.diagnostics),
    )
