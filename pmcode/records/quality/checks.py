"""Quality and audits: `pmcode check` findings, judged at the status date."""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.records.context import RecordContext
from pmcode.text import plural, quote


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    for quality in context.portfolio.records.quality.values():
        as_of = context.as_of(quality.project)
        for audit in quality.audits:
            for finding in audit.findings:
                if finding.is_open and finding.severity == "critical":
                    message = f"critical finding {quote(finding.id)} of audit {quote(audit.id)} is {finding.status}"
                    yield Diagnostic.at(finding.src.at("severity"), "PM656", message)
                for action in finding.actions:
                    if as_of is not None and action.due is not None and action.overdue(as_of):
                        late = plural((as_of - action.due).days, "day")
                        message = (
                            f"corrective action {quote(action.title)} of finding {quote(finding.id)} (audit "
                            f"{quote(audit.id)}) was due {action.due}: {late} overdue at {as_of}"
                        )
                        yield Diagnostic.at(action.src.at("due"), "PM655", message)
