"""The records pages of the site (pmcode.records): one per area, each written only when the portfolio has such
records. File names are fixed here, never taken from data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pmcode.diagnostics import Diagnostic, Severity
from pmcode.model import Portfolio
from pmcode.render import (
    site_changes,
    site_meetings,
    site_operations,
    site_quality,
    site_raid,
    site_requirements,
    site_status,
    site_strategy,
)
from pmcode.render.site_figures import SiteFigures
from pmcode.render.site_rag import Rag

PAGES: tuple[tuple[str, Callable[[Portfolio, SiteFigures], str | None]], ...] = (
    (site_requirements.PAGE, site_requirements.requirements_page),
    (site_raid.PAGE, site_raid.raid_page),
    (site_changes.PAGE, site_changes.changes_page),
    (site_status.PAGE, site_status.status_page),
    (site_meetings.PAGE, site_meetings.meetings_page),
    (site_quality.PAGE, site_quality.quality_page),
    (site_operations.PAGE, site_operations.operations_page),
    (site_strategy.PAGE, site_strategy.strategy_page),
)

# Each page's title on the dashboard and the codes of its area (pmcode.records.<area>.codes).
AREAS: dict[str, tuple[str, range]] = {
    site_requirements.PAGE: ("Requirements and traceability", range(600, 610)),
    site_raid.PAGE: ("RAID log: risks, assumptions, issues, decisions", range(610, 620)),
    site_changes.PAGE: ("Change log", range(620, 630)),
    site_status.PAGE: ("Status reports", range(630, 640)),
    site_meetings.PAGE: ("Actions and meetings", range(640, 650)),
    site_quality.PAGE: ("Quality and audits", range(650, 660)),
    site_operations.PAGE: ("Disaster recovery and security", range(660, 680)),
    site_strategy.PAGE: ("Strategy and key results", range(680, 690)),
}


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One records page on the dashboard: its link, and its area's findings as a grade (never colour alone)."""

    title: str
    href: str
    errors: int
    warnings: int

    @property
    def rag(self) -> Rag:
        if self.errors:
            return Rag(
                "red", _count(self.errors, "error") + (f", {_count(self.warnings, 'warning')}" * bool(self.warnings))
            )
        if self.warnings:
            return Rag("amber", _count(self.warnings, "warning"))
        return Rag("green", "no finding")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def record_rows(pages: Iterable[str], findings: Sequence[Diagnostic]) -> list[RecordRow]:
    """The dashboard's records table: each written page, in the order of PAGES, with its area's findings."""
    written = set(pages)
    rows = []
    for name, _ in PAGES:
        if name not in written:
            continue
        title, codes = AREAS[name]
        mine = [d for d in findings if d.code[2:].isdigit() and int(d.code[2:]) in codes]
        errors = sum(1 for d in mine if d.severity is Severity.ERROR)
        warnings = sum(1 for d in mine if d.severity is Severity.WARNING)
        rows.append(RecordRow(title, name.removesuffix(".md") + ".html", errors, warnings))
    return rows


def record_pages(portfolio: Portfolio, figures: SiteFigures) -> dict[str, str]:
    """File name under the generated folder -> Markdown, for every area with records."""
    pages = {}
    for name, render in PAGES:
        text = render(portfolio, figures)
        if text is not None:
            pages[name] = text
    return pages
