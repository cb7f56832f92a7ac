"""Strategy: `pmcode check` findings, judged at the status date.

PM681: a project that serves no objective (only once strategy.yaml exists: a portfolio without a strategy is not
judged against one). PM682: a key result past its due date short of its target, at the portfolio's status date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pmcode.diagnostics import Diagnostic
from pmcode.records.context import RecordContext
from pmcode.records.strategy.model import KeyResult, Objective, Strategy
from pmcode.text import quote

NOT_JUDGED = frozenset({"closed", "cancelled"})  # finished work need not serve a current objective


def _unaligned(context: RecordContext, strategy: Strategy) -> Iterator[Diagnostic]:
    linked = strategy.linked_projects()
    for project in context.portfolio.projects.values():
        if project.id in linked or project.status in NOT_JUDGED:
            continue
        message = f"project {quote(project.id)} ({project.status}) serves no objective of strategy.yaml"
        yield Diagnostic.at(project.src.at_key_or_self("name"), "PM681", message)


def measure(value: float, unit: str) -> str:
    """A measure as people write it: thousands separated, no trailing zeros, the unit after it (`%` without a
    space)."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    text = "0" if text == "-0" else text
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def key_result_state(key_result: KeyResult, as_of: date | None) -> str:
    """`reached`, `missed` (past its due date at `as_of`, short of target or never measured), `not measured`, or
    `in progress`: how the site labels a key result, and what PM682 reports."""
    if key_result.achieved:
        return "reached"
    if key_result.due is not None and as_of is not None and key_result.due < as_of:
        return "missed"
    return "not measured" if key_result.current is None else "in progress"


def _short_of_target(key_result: KeyResult) -> str | None:
    """Why the result counts as missed, or None when it is reached."""
    if key_result.current is None:
        return "it was never measured"
    if key_result.achieved:
        return None
    current, target = measure(key_result.current, key_result.unit), measure(key_result.target, key_result.unit)
    return f"{current} against a target of {target}"


def _missed(context: RecordContext, objective: Objective) -> Iterator[Diagnostic]:
    as_of = context.as_of()
    if as_of is None:
        return
    for key_result in objective.key_results:
        why = _short_of_target(key_result)
        if why is not None and key_result.due is not None and key_result_state(key_result, as_of) == "missed":
            message = (
                f"key result {quote(objective.id + '.' + key_result.id)} was due {key_result.due.isoformat()}: "
                f"{why} (as of {as_of.isoformat()})"
            )
            yield Diagnostic.at(key_result.src.at("due"), "PM682", message)


def checks(context: RecordContext) -> Iterator[Diagnostic]:
    strategy = context.portfolio.records.strategy
    if strategy is None:
        return
    yield from _unaligned(context, strategy)
    for objective in strategy.objectives:
        yield from _missed(context, objective)
