"""Every records area's rules and checks, in a fixed order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.records.changes import checks as changes_checks
from pmcode.records.changes import rules as changes_rules
from pmcode.records.context import RecordContext
from pmcode.records.meetings import checks as meetings_checks
from pmcode.records.meetings import rules as meetings_rules
from pmcode.records.operations import checks as operations_checks
from pmcode.records.operations import rules as operations_rules
from pmcode.records.quality import checks as quality_checks
from pmcode.records.quality import rules as quality_rules
from pmcode.records.raid import checks as raid_checks
from pmcode.records.raid import rules as raid_rules
from pmcode.records.requirements import checks as requirements_checks
from pmcode.records.requirements import rules as requirements_rules
from pmcode.records.status import checks as status_checks
from pmcode.records.status import rules as status_rules
from pmcode.records.strategy import checks as strategy_checks
from pmcode.records.strategy import rules as strategy_rules

RULES: tuple[Callable[[Portfolio], Iterable[Diagnostic]], ...] = (
    requirements_rules.rules,
    raid_rules.rules,
    changes_rules.rules,
    status_rules.rules,
    meetings_rules.rules,
    quality_rules.rules,
    operations_rules.rules,
    strategy_rules.rules,
)
CHECKS: tuple[Callable[[RecordContext], Iterable[Diagnostic]], ...] = (
    requirements_checks.checks,
    raid_checks.checks,
    changes_checks.checks,
    status_checks.checks,
    meetings_checks.checks,
    quality_checks.checks,
    operations_checks.checks,
    strategy_checks.checks,
)


def record_rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    """Validation of every record file: a plan rule like the others (pmcode.validate.rules.RULES)."""
    for rule in RULES:
        yield from rule(portfolio)


def record_checks(context: RecordContext) -> Iterator[Diagnostic]:
    for check in CHECKS:
        yield from check(context)
