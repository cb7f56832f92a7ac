"""Semantic rules: checks on a well-formed plan that no schema can express. Each is a pure function."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.records.registry import record_rules
from pmcode.risk.rules import risk_inputs
from pmcode.validate.rules.calendars import calendars
from pmcode.validate.rules.cycles import cycles
from pmcode.validate.rules.ids import duplicate_ids
from pmcode.validate.rules.references import references
from pmcode.validate.rules.staff import staff
from pmcode.validate.rules.tasks import task_kinds
from pmcode.validate.rules.tracking import tracking

Rule = Callable[[Portfolio], Iterable[Diagnostic]]

RULES: tuple[Rule, ...] = (task_kinds, references, calendars, staff, tracking, risk_inputs, record_rules)

# Not in RULES: `duplicate_ids` reads the documents, and `cycles` the event network the scheduler reuses.
__all__ = ["RULES", "Rule", "cycles", "duplicate_ids"]
