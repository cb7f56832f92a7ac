"""Judgments over the DR plan and the security controls, shared by `pmcode check` (checks.py) and the site page
(pmcode/render/site_operations.py), so that the page and the CI gate never disagree."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from pmcode.records.operations.model import (
    CONTROL_REVIEWED,
    Control,
    DrPlan,
    DrSystem,
    DrTest,
    SecurityException,
    Span,
    TestedSystem,
)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day (31 Aug + 6 = 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def target_rto(plan: DrPlan, system: DrSystem) -> Span | None:
    """The system's RTO, else its tier's."""
    policy = plan.policy(system.tier)
    return system.rto or (policy.rto if policy else None)


def target_rpo(plan: DrPlan, system: DrSystem) -> Span | None:
    policy = plan.policy(system.tier)
    return system.rpo or (policy.rpo if policy else None)


def latest_test(plan: DrPlan, system_id: str) -> tuple[DrTest, TestedSystem] | None:
    """The most recent test covering the system (the later one in the file on the same date)."""
    found: tuple[DrTest, TestedSystem] | None = None
    for test in plan.tests:
        for tested in test.systems:
            if tested.system == system_id and (found is None or test.date >= found[0].date):
                found = (test, tested)
    return found


def missed(achieved: Span | None, target: Span | None) -> bool:
    return achieved is not None and target is not None and achieved.minutes > target.minutes


@dataclass(frozen=True, slots=True)
class Recency:
    """How recently a system was tested, against its tier's window."""

    last: date | None  # the latest test's date
    months: int | None  # the tier's window; None: no test required
    due: date | None  # when the next test is due; None: no window, or never tested without an in-service date
    overdue: bool
    days_since: int | None  # from the last test to the status date


def recency(plan: DrPlan, system: DrSystem, as_of: date | None) -> Recency:
    latest = latest_test(plan, system.id)
    last = latest[0].date if latest else None
    policy = plan.policy(system.tier)
    months = policy.test_every_months if policy else None
    start = last or system.in_service
    due = add_months(start, months) if months is not None and start is not None else None
    # Never tested and no in-service date: due at once.
    overdue = months is not None and as_of is not None and (due is None or due < as_of)
    days = (as_of - last).days if as_of is not None and last is not None else None
    return Recency(last, months, due, overdue, days)


def backup_too_rare(plan: DrPlan, system: DrSystem) -> bool:
    """Backups taken less often than the RPO allows."""
    rpo = target_rpo(plan, system)
    frequency = system.backup.frequency if system.backup else None
    return rpo is not None and frequency is not None and frequency.minutes > rpo.minutes


def lacks_offsite(system: DrSystem) -> bool:
    return system.tier <= 2 and (system.backup is None or system.backup.offsite is not True)


def review_due(control: Control) -> date | None:
    """When the control's next review is due; None when it was never reviewed (due at once)."""
    return add_months(control.last_review, control.review_every_months) if control.last_review else None


def review_overdue(control: Control, as_of: date | None) -> bool:
    if as_of is None or control.status not in CONTROL_REVIEWED:
        return False
    due = review_due(control)
    return due is None or due < as_of


def expired(exception: SecurityException, as_of: date | None) -> bool:
    """Open past its expiry date (the expiry day itself is still covered)."""
    return exception.is_open and as_of is not None and exception.expires is not None and exception.expires < as_of
