"""The site's Quality and audits page (quality.md): compliance per standard, open audit findings, corrective
actions, and each standard's checklist with its evidence.

Compliance is the share of a standard's applicable checklist items that are met (not-applicable items are left
out), as a figure, a bar (charts/compliance.py) and an icon with a word: all met, partly, gaps. Evidence links go
through `safe_href`: a web address becomes a link, anything else (a repository path, a `javascript:` URL) text.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from pmcode.model import Portfolio
from pmcode.records.model import PORTFOLIO_LEVEL
from pmcode.records.quality.model import SEVERITIES, QualityFile, Standard
from pmcode.render.charts.compliance import ComplianceBar, compliance_svg
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_meetings import ActionRow, Place, Who, action_row, as_of, place, who
from pmcode.render.site_pages import _environment, safe_href

PAGE = "quality.md"
ITEM_ICONS = {"met": "\u2714", "partial": "\u25d0", "not-met": "\u2716", "not-applicable": "\u2013"}
ITEM_WORDS = {"met": "met", "partial": "partly met", "not-met": "not met", "not-applicable": "not applicable"}
ITEM_LEVELS = {"met": "green", "partial": "amber", "not-met": "red", "not-applicable": "none"}


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    href: str | None  # a safe http(s) link, else shown as text


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: str
    title: str
    status: str
    icon: str
    word: str
    level: str
    evidence: tuple[Evidence, ...]
    owner: Who | None
    last_checked: str


@dataclass(frozen=True, slots=True)
class StandardRow:
    anchor: str
    name: str
    description: str
    place: Place
    owner: Who | None
    met: int
    applicable: int
    percent: str
    level: str  # green: every applicable item met; amber: some partly met; red: some not met
    icon: str
    word: str
    items: tuple[ItemRow, ...]


@dataclass(frozen=True, slots=True)
class FindingRow:
    severity: str
    id: str
    title: str
    status: str
    audit: str
    audit_date: str
    auditor: Who | None
    item: str
    place: Place
    actions: int
    open_actions: int


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: str
    title: str
    date: str
    auditor: Who | None
    scope: str
    standard: str
    place: Place
    findings: int
    open_findings: int


def _item_rows(portfolio: Portfolio, standard: Standard) -> tuple[ItemRow, ...]:
    return tuple(
        ItemRow(
            id=item.id,
            title=item.title,
            status=item.status,
            icon=ITEM_ICONS.get(item.status, ""),
            word=ITEM_WORDS.get(item.status, item.status),
            level=ITEM_LEVELS.get(item.status, "none"),
            evidence=tuple(Evidence(e, safe_href(e)) for e in item.evidence),
            owner=who(portfolio, item.owner),
            last_checked=item.last_checked.isoformat() if item.last_checked else "",
        )
        for item in standard.items
    )


def _standard_row(portfolio: Portfolio, quality: QualityFile, standard: Standard, anchor: str) -> StandardRow:
    statuses = [item.status for item in standard.items]
    met, applicable = standard.met, standard.applicable
    if not applicable:
        level, word = "none", "nothing applicable"
    elif "not-met" in statuses:
        level, word = "red", "gaps"
    elif met < applicable:
        level, word = "amber", "partly met"
    else:
        level, word = "green", "all met"
    return StandardRow(
        anchor=anchor,
        name=standard.name,
        description=standard.description,
        place=place(portfolio, quality.project),
        owner=who(portfolio, standard.owner),
        met=met,
        applicable=applicable,
        percent=f"{met / applicable:.0%}" if applicable else "",
        level=level,
        icon={"green": "\u2714", "amber": "\u25b2", "red": "\u2716", "none": "\u2013"}[level],
        word=word,
        items=_item_rows(portfolio, standard),
    )


def _standards(portfolio: Portfolio, files: list[QualityFile]) -> list[StandardRow]:
    rows: list[StandardRow] = []
    for quality in files:
        for standard in quality.standards:
            rows.append(_standard_row(portfolio, quality, standard, f"standard-{len(rows) + 1}"))
    return rows


def _findings(
    portfolio: Portfolio, files: list[QualityFile]
) -> tuple[list[FindingRow], list[ActionRow], list[AuditRow]]:
    findings: list[FindingRow] = []
    actions: list[ActionRow] = []
    audits: list[AuditRow] = []
    for quality in files:
        here = place(portfolio, quality.project)
        day = as_of(portfolio, quality.project)
        for audit in quality.audits:
            audit_date = audit.date.isoformat() if audit.date else ""
            audits.append(
                AuditRow(
                    id=audit.id,
                    title=audit.title,
                    date=audit_date,
                    auditor=who(portfolio, audit.auditor),
                    scope=audit.scope,
                    standard=audit.standard or "",
                    place=here,
                    findings=len(audit.findings),
                    open_findings=sum(1 for f in audit.findings if f.is_open),
                )
            )
            for finding in audit.findings:
                source = f"{audit.id} {finding.id}: {finding.title}"
                actions.extend(
                    action_row(portfolio, a, "audit finding", source, (here,), day)
                    for a in finding.actions
                    if a.is_open
                )
                if finding.is_open:
                    findings.append(
                        FindingRow(
                            severity=finding.severity,
                            id=finding.id,
                            title=finding.title,
                            status=finding.status,
                            audit=audit.title,
                            audit_date=audit_date,
                            auditor=who(portfolio, audit.auditor),
                            item=finding.item or "",
                            place=here,
                            actions=len(finding.actions),
                            open_actions=sum(1 for a in finding.actions if a.is_open),
                        )
                    )
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (rank.get(f.severity, len(rank)), f.audit_date, f.id))
    actions.sort(key=lambda row: row.sort_key)
    audits.sort(key=lambda a: (a.date, a.id), reverse=True)
    return findings, actions, audits


def quality_page(portfolio: Portfolio, figures: SiteFigures) -> str | None:
    """The page's Markdown, or None when the portfolio has no quality.yaml (no page, no menu entry)."""
    quality = portfolio.records.quality
    if not quality:
        return None
    # The portfolio's (root) file first, then the projects' in id order.
    files = [quality[k] for k in sorted(quality, key=lambda k: (k != PORTFOLIO_LEVEL, k))]
    standards = _standards(portfolio, files)
    findings, actions, audits = _findings(portfolio, files)
    chart = compliance_svg(
        [
            ComplianceBar(
                s.name,
                s.met,
                sum(1 for i in s.items if i.status == "partial"),
                sum(1 for i in s.items if i.status == "not-met"),
            )
            for s in standards
        ]
    )
    counts = [(s, sum(1 for f in findings if f.severity == s)) for s in SEVERITIES]
    return (
        _environment()
        .get_template("quality.md.j2")
        .render(
            status_date=portfolio.status_date.isoformat() if portfolio.status_date else "",
            standards=standards,
            chart=Markup(chart) if standards else "",  # noqa: S704 - built by the autoescaped chart template
            findings=findings,
            counts=[(s, n) for s, n in counts if n],
            actions=actions,
            late=sum(1 for a in actions if a.days_late),
            audits=audits,
        )
    )
