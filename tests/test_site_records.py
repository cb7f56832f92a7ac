"""The dashboard's records table (site_records.record_rows): one row per records page written, in a fixed order,
graded by its area's findings with an icon and a word, never colour alone."""

from __future__ import annotations

from pmcode.diagnostics import Diagnostic, Severity
from pmcode.render.site_records import AREAS, PAGES, record_rows


def _finding(code: str, severity: Severity) -> Diagnostic:
    return Diagnostic("projects/x/raid.yaml", 3, 5, severity, code, "m")


def test_rows_follow_the_pages_written_in_a_fixed_order_with_their_area_findings() -> None:
    findings = [
        _finding("PM613", Severity.WARNING),
        _finding("PM614", Severity.WARNING),
        _finding("PM610", Severity.ERROR),
        _finding("PM671", Severity.ERROR),
        _finding("PM535", Severity.ERROR),  # the plan's, not a record's
        _finding("PM690", Severity.ERROR),  # shared reference codes belong to no one page
    ]
    rows = record_rows(["strategy.md", "raid.md", "operations.md"], findings)
    assert [row.href for row in rows] == ["raid.html", "operations.html", "strategy.html"]
    raid, operations, strategy = rows
    assert (raid.errors, raid.warnings, raid.rag.level, raid.rag.reason) == (1, 2, "red", "1 error, 2 warnings")
    assert (operations.rag.level, operations.rag.reason) == ("red", "1 error")
    assert (strategy.rag.level, strategy.rag.label, strategy.rag.icon) == ("green", "Green", "\u2714")


def test_every_page_has_a_title_and_its_own_codes() -> None:
    assert [name for name, _ in PAGES] == list(AREAS)
    ranges = [set(codes) for _, codes in AREAS.values()]
    assert sum(len(r) for r in ranges) == len(set().union(*ranges))  # no code counted for two pages
