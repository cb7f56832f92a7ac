"""The site's RAID log page (portfolio/raid.md): the risk heat map, the top exposures, ageing, and the registers.

Across every project with a raid.yaml: open risks on a 5 x 5 heat map (charts/raid.py), the ten largest exposures
(score, and for quantified risks the expected cost and delay: chance x mean impact), how long risks and issues have
been open at the status date, the risk register, the issues log, the assumptions, and the decision log, which also
lists the decisions minuted in meetings (portfolio.records.meetings). Everything reaches the page through the
autoescaped template (site_pages._environment); dates are judged at each project's status date, as the checks do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from pmcode.diagnostics import Diagnostic
from pmcode.model import Duration, Portfolio
from pmcode.records.common import Action
from pmcode.records.raid.codes import CODES
from pmcode.records.raid.model import HIGH_SCORE, RaidLog, RaidRisk, ScheduleImpact
from pmcode.render.charts.raid import PlottedRisk, risk_heatmap_svg, zone_of
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_pages import _environment, project_page_stem
from pmcode.render.site_people import person_href

PAGE = "raid.md"
TOP_EXPOSURES = 10
AGE_BUCKETS = ((30, "0-30 days"), (60, "31-60 days"), (90, "61-90 days"), (None, "over 90 days"))
OWN_CODES = frozenset(code.code for code in CODES)
LOCATED_CODES = frozenset({"PM250", "PM252", "PM690", "PM691", "PM692"})  # when reported in a raid.yaml
PRIORITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
# Status -> (badge level, icon): never colour alone, the word is always written next to it.
BADGES = {
    "open": ("amber", "\u25cb"),
    "in-progress": ("amber", "\u25d4"),
    "occurred": ("red", "\u25b2"),
    "closed": ("none", "\u2714"),
    "resolved": ("green", "\u2714"),
    "valid": ("green", "\u2714"),
    "invalid": ("red", "\u2715"),
    "done": ("green", "\u2714"),
    "cancelled": ("none", "\u2715"),
}


def one_line(text: str) -> str:
    """`text` on one line: a blank line inside the page's HTML blocks would hand the rest to Markdown."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    href: str | None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    page: str | None  # the project page's stem; None for the portfolio


@dataclass(frozen=True, slots=True)
class Badge:
    word: str
    level: str
    icon: str


@dataclass(frozen=True, slots=True)
class ActionRow:
    title: str
    owner: Who | None
    due: str
    status: Badge
    overdue: bool


@dataclass(frozen=True, slots=True)
class RiskRow:
    place: Place
    id: str
    title: str
    cause: str
    event: str
    effect: str
    trigger: str
    score: int | None
    zone: str  # "high", "significant", ... or "" without a score
    probability: int | None
    impact: int | None
    chance: str  # "25%", or ""
    expected_cost: str  # chance x mean cost, or ""
    expected_days: str  # chance x mean delay in working days, or ""
    owner: Who | None
    response: str
    status: Badge
    open: bool
    age: int | None  # days since raised, at the status date
    last_review: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True, slots=True)
class IssueRow:
    place: Place
    id: str
    title: str
    description: str
    priority: str
    owner: Who | None
    raised: str
    due: str
    overdue: bool
    age: int | None
    status: Badge
    resolution: str


@dataclass(frozen=True, slots=True)
class AssumptionRow:
    place: Place
    id: str
    title: str
    description: str
    owner: Who | None
    validate_by: str
    late: bool
    status: Badge


@dataclass(frozen=True, slots=True)
class DecisionRow:
    date: str
    places: tuple[Place, ...]
    title: str
    decided_by: tuple[Who, ...]
    rationale: str
    forum: str
    source: str  # raid.yaml or the meeting's file


@dataclass(frozen=True, slots=True)
class AgeRow:
    bucket: str
    risks: int
    issues: int


def who(portfolio: Portfolio, person: str | None) -> Who | None:
    """A person id as its name with a link to its page; anyone else as written, without a link."""
    if person is None:
        return None
    known = portfolio.people.get(person)
    return Who(one_line(known.name or known.id), person_href(known.id, "people/")) if known else Who(person, None)


def place(portfolio: Portfolio, project: str | None) -> Place:
    if project is None:
        return Place("Portfolio", None)
    known = portfolio.projects.get(project)
    return Place(one_line(known.name), project_page_stem(project)) if known else Place(project, None)


def badge(status: str) -> Badge:
    level, icon = BADGES.get(status, ("none", "\u2013"))
    return Badge(status, level, icon)


def _days(impact: ScheduleImpact, hours_per_day: float) -> float:
    """The mean delay in working days (PERT: (min + 4 likely + max) / 6; triangular: the average)."""
    low, likely, high = (
        Duration.parse(t).working_hours(hours_per_day) / hours_per_day for t in (impact.low, impact.likely, impact.high)
    )
    return (low + likely + high) / 3 if impact.dist == "triangular" else (low + 4 * likely + high) / 6


def _age(since: date | None, as_of: date | None) -> int | None:
    return (as_of - since).days if since is not None and as_of is not None and since <= as_of else None


def _action(portfolio: Portfolio, action: Action, as_of: date | None) -> ActionRow:
    due = action.due.isoformat() if action.due else ""
    return ActionRow(
        one_line(action.title), who(portfolio, action.owner), due, badge(action.status), action.overdue(as_of)
    )


def _risk(portfolio: Portfolio, log: RaidLog, risk: RaidRisk, as_of: date | None) -> RiskRow:
    project = portfolio.projects.get(log.project)
    calendar = portfolio.calendars.get(portfolio.calendar_id_of(project)) if project is not None else None
    hours_per_day = calendar.hours_per_day if calendar is not None else 8.0
    cost = risk.expected_cost
    days = risk.chance * _days(risk.schedule, hours_per_day) if risk.chance is not None and risk.schedule else None
    score = risk.score
    return RiskRow(
        place=place(portfolio, log.project),
        id=risk.id,
        title=one_line(risk.title),
        cause=one_line(risk.cause),
        event=one_line(risk.event),
        effect=one_line(risk.effect),
        trigger=one_line(risk.trigger),
        score=score,
        zone=zone_of(score)[0] if score is not None else "",
        probability=risk.probability,
        impact=risk.impact,
        chance=f"{risk.chance * 100:g}%" if risk.chance is not None else "",
        expected_cost=f"{cost:,.0f}" if cost is not None else "",
        expected_days=f"{days:.1f}" if days is not None else "",
        owner=who(portfolio, risk.owner),
        response=risk.response,
        status=badge(risk.status),
        open=risk.is_open,
        age=_age(risk.raised, as_of) if risk.is_open else None,
        last_review=risk.last_review.isoformat() if risk.last_review else "",
        actions=tuple(_action(portfolio, a, as_of) for a in risk.actions),
    )


def _exposure(row: RiskRow) -> tuple[int, float, float]:
    """Largest first: the score, then the expected cost, then the expected delay."""
    cost = float(row.expected_cost.replace(",", "")) if row.expected_cost else 0.0
    return (-(row.score or 0), -cost, -float(row.expected_days or 0))


def _bucket(age: int) -> str:
    return next(label for limit, label in AGE_BUCKETS if limit is None or age <= limit)


def raid_findings(findings: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """The RAID codes, and the reference and risk-input codes reported in a raid.yaml."""
    return [
        d
        for d in findings
        if d.code in OWN_CODES or (d.code in LOCATED_CODES and d.file.rsplit("/", 1)[-1] == "raid.yaml")
    ]


def _decisions(portfolio: Portfolio) -> list[DecisionRow]:
    rows = []
    for project, log in portfolio.records.raid.items():
        for d in log.decisions:
            rows.append(
                DecisionRow(
                    date=d.date.isoformat() if d.date else "",
                    places=(place(portfolio, project),),
                    title=one_line(d.title),
                    decided_by=tuple(w for w in (who(portfolio, p) for p in d.decided_by) if w is not None),
                    rationale=one_line(d.rationale),
                    forum=one_line(d.forum),
                    source=d.src.file,
                )
            )
    for meeting in portfolio.records.meetings:
        places = tuple(place(portfolio, p) for p in meeting.projects) or (place(portfolio, None),)
        for m in meeting.decisions:
            rows.append(
                DecisionRow(
                    date=meeting.date.isoformat(),
                    places=places,
                    title=one_line(m.title),
                    decided_by=tuple(w for w in (who(portfolio, p) for p in m.decided_by) if w is not None),
                    rationale=one_line(m.rationale),
                    forum=one_line(f"{meeting.title} ({meeting.type} meeting)"),
                    source=meeting.src.file,
                )
            )
    return sorted(rows, key=lambda r: r.date, reverse=True)


def raid_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no such records (no page, no menu entry)."""
    logs = portfolio.records.raid
    if not logs:
        return None
    risks: list[RiskRow] = []
    issues: list[IssueRow] = []
    assumptions: list[AssumptionRow] = []
    plotted: list[PlottedRisk] = []
    for project, log in logs.items():
        as_of = portfolio.status_date_of(portfolio.projects[project]) if project in portfolio.projects else None
        as_of = as_of or portfolio.status_date
        for risk in log.risks:
            risks.append(_risk(portfolio, log, risk, as_of))
            if risk.is_open and risk.probability is not None and risk.impact is not None:
                plotted.append(PlottedRisk(risk.probability, risk.impact, f"{project}: {risk.id}, {risk.title}"))
        for issue in log.issues:
            issues.append(
                IssueRow(
                    place=place(portfolio, project),
                    id=issue.id,
                    title=one_line(issue.title),
                    description=one_line(issue.description),
                    priority=issue.priority,
                    owner=who(portfolio, issue.owner),
                    raised=issue.raised.isoformat() if issue.raised else "",
                    due=issue.due.isoformat() if issue.due else "",
                    overdue=issue.is_open and issue.due is not None and as_of is not None and issue.due < as_of,
                    age=_age(issue.raised, as_of) if issue.is_open else None,
                    status=badge(issue.status),
                    resolution=one_line(issue.resolution),
                )
            )
        for a in log.assumptions:
            late = a.is_open and a.validate_by is not None and as_of is not None and a.validate_by < as_of
            assumptions.append(
                AssumptionRow(
                    place=place(portfolio, project),
                    id=a.id,
                    title=one_line(a.title),
                    description=one_line(a.description),
                    owner=who(portfolio, a.owner),
                    validate_by=a.validate_by.isoformat() if a.validate_by else "",
                    late=late,
                    status=badge(a.status),
                )
            )
    open_risks = [r for r in risks if r.open]
    open_issues = sorted((i for i in issues if i.status.word in ("open", "in-progress")), key=_issue_order)
    ages = [
        AgeRow(
            label,
            sum(1 for r in open_risks if r.age is not None and _bucket(r.age) == label),
            sum(1 for i in open_issues if i.age is not None and _bucket(i.age) == label),
        )
        for _, label in AGE_BUCKETS
    ]
    template = _environment().get_template("raid.md.j2")
    return template.render(
        portfolio=portfolio,
        heatmap=Markup(risk_heatmap_svg(plotted)),  # noqa: S704 - the chart's own autoescaped template
        unplotted=[r for r in open_risks if r.score is None],
        high_score=HIGH_SCORE,
        high=sum(1 for r in open_risks if r.score is not None and r.score >= HIGH_SCORE),
        exposures=sorted(open_risks, key=_exposure)[:TOP_EXPOSURES],
        risks=sorted(risks, key=lambda r: (not r.open, *_exposure(r))),
        open_risks=open_risks,
        ages=ages,
        issues=sorted(issues, key=lambda i: (i.status.word not in ("open", "in-progress"), *_issue_order(i))),
        open_issues=open_issues,
        assumptions=assumptions,
        decisions=_decisions(portfolio),
        findings=raid_findings(figures.check.diagnostics),
        currency=portfolio.currency,
    )


def _issue_order(issue: IssueRow) -> tuple[int, str]:
    return (PRIORITY_RANK.get(issue.priority, 9), issue.raised)
