"""Quality and audits: validation rules (references and consistency; nothing judged against a date)."""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.records.common import person_findings
from pmcode.records.meetings.rules import action_findings
from pmcode.records.model import PORTFOLIO_LEVEL
from pmcode.records.quality.model import Audit, QualityFile, Standard
from pmcode.text import did_you_mean, quote


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    files = portfolio.records.quality
    root = files.get(PORTFOLIO_LEVEL)
    for key, quality in files.items():
        # A project's audit may be against a standard of the PMO's (root) file; the file's own come first.
        visible = {s.id: s for s in (*(root.standards if root and key != PORTFOLIO_LEVEL else ()), *quality.standards)}
        yield from _standards(portfolio, quality)
        for audit in quality.audits:
            yield from _audit(portfolio, audit, visible)


def _standards(portfolio: Portfolio, quality: QualityFile) -> Iterator[Diagnostic]:
    for standard in quality.standards:
        if standard.owner is not None:
            yield from person_findings(portfolio, standard.owner, standard.src.at("owner"))
        for item in standard.items:
            if item.owner is not None:
                yield from person_findings(portfolio, item.owner, item.src.at("owner"))
            if item.status == "met" and not item.evidence:
                yield Diagnostic.at(
                    item.src.at("status"),
                    "PM652",
                    f"checklist item {quote(item.id)} of {quote(standard.id)} is met but lists no evidence",
                )


def _audit(portfolio: Portfolio, audit: Audit, visible: dict[str, Standard]) -> Iterator[Diagnostic]:
    if audit.auditor is not None:
        yield from person_findings(portfolio, audit.auditor, audit.src.at("auditor"), "auditor")
    standard = visible.get(audit.standard) if audit.standard is not None else None
    if audit.standard is not None and standard is None:
        hint = did_you_mean(audit.standard, visible)
        yield Diagnostic.at(audit.src.at("standard"), "PM650", f"unknown standard {quote(audit.standard)}{hint}")
    scope = (standard,) if standard is not None else () if audit.standard is not None else tuple(visible.values())
    items = {item.id for s in scope for item in s.items}
    for finding in audit.findings:
        if finding.item is not None and (audit.standard is None or standard is not None) and finding.item not in items:
            where = f"standard {quote(standard.id)}" if standard is not None else "any standard"
            message = f"unknown checklist item {quote(finding.item)} of {where}{did_you_mean(finding.item, items)}"
            yield Diagnostic.at(finding.src.at("item"), "PM651", message)
        for action in finding.actions:
            yield from action_findings(portfolio, action, "PM654", "corrective action")
        still_open = [a for a in finding.actions if a.is_open]
        if finding.status == "closed" and still_open:
            message = (
                f"finding {quote(finding.id)} of audit {quote(audit.id)} is closed but its corrective action "
                f"{quote(still_open[0].title)} is {still_open[0].status}"
            )
            yield Diagnostic.at(finding.src.at("status"), "PM653", message)
