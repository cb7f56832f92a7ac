"""RAID log: validation rules (references and consistency; nothing judged against a date).

PM610 closed issue without resolution, PM611 risk neither scored nor quantified, PM617 dates before `raised`,
PM618 a 1-5 probability that disagrees with the `chance`, PM690 owners and deciders. The risks' schedule impacts
(tasks and ranges) are validated with the tasks' estimates by pmcode.risk.rules (PM250-PM252).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.model.types import Src
from pmcode.records.common import Action, person_findings
from pmcode.records.raid.model import ISSUE_OPEN, RaidIssue, RaidLog, RaidRisk
from pmcode.text import quote

PROBABILITY_BANDS = (0.10, 0.30, 0.50, 0.70, 1.0)  # upper bound of the chance of probability 1..5


def probability_band(chance: float) -> int:
    """The 1-5 probability a chance falls in (10% is 1, 10.5% is 2, 75% is 5)."""
    return next(n for n, upper in enumerate(PROBABILITY_BANDS, 1) if chance <= upper + 1e-9 or n == 5)


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    for log in portfolio.records.raid.values():
        yield from _log(portfolio, log)


def _log(portfolio: Portfolio, log: RaidLog) -> Iterator[Diagnostic]:
    for risk in log.risks:
        yield from _risk(risk)
        yield from person_findings(portfolio, risk.owner, risk.src.at_key_or_self("owner"))
        yield from _actions(portfolio, risk.actions)
    for assumption in log.assumptions:
        yield from person_findings(portfolio, assumption.owner, assumption.src.at_key_or_self("owner"))
    for issue in log.issues:
        yield from _issue(issue)
        yield from person_findings(portfolio, issue.owner, issue.src.at_key_or_self("owner"))
        yield from _actions(portfolio, issue.actions)
    for decision in log.decisions:
        for n, who in enumerate(decision.decided_by):
            yield from person_findings(portfolio, who, decision.src.at("decided_by", n), "decided_by")


def _actions(portfolio: Portfolio, actions: tuple[Action, ...]) -> Iterator[Diagnostic]:
    for action in actions:
        yield from person_findings(portfolio, action.owner, action.src.at_key_or_self("owner"))


def _risk(risk: RaidRisk) -> Iterator[Diagnostic]:
    if risk.score is None and not risk.quantified:
        message = (
            f"risk {quote(risk.id)} has no probability and impact (1-5) and no quantified impact "
            "(chance with schedule or cost): it cannot be ranked or simulated"
        )
        yield Diagnostic.at(risk.src.at("id"), "PM611", message)
    if risk.probability is not None and risk.chance is not None:
        band = probability_band(risk.chance)
        if band != risk.probability:
            message = (
                f"risk {quote(risk.id)}: probability {risk.probability} disagrees with chance "
                f"{risk.src.raw('chance')}, which is probability {band} (1: up to 10%, 2: up to 30%, 3: up to 50%, "
                "4: up to 70%, 5: above)"
            )
            yield Diagnostic.at(risk.src.at("probability"), "PM618", message)
    yield from _after_raised(risk.src, f"risk {quote(risk.id)}", risk.raised, ("last_review", risk.last_review))
    yield from _after_raised(risk.src, f"risk {quote(risk.id)}", risk.raised, ("closed", risk.closed))


def _issue(issue: RaidIssue) -> Iterator[Diagnostic]:
    if issue.status not in ISSUE_OPEN and not issue.resolution.strip():
        message = f"issue {quote(issue.id)} is {issue.status} but has no resolution: write how it was resolved"
        yield Diagnostic.at(issue.src.at("status"), "PM610", message)
    yield from _after_raised(issue.src, f"issue {quote(issue.id)}", issue.raised, ("closed", issue.closed))


def _after_raised(src: Src, what: str, raised: date | None, field: tuple[str, date | None]) -> Iterator[Diagnostic]:
    name, when = field
    if raised is not None and when is not None and when < raised:
        message = f"{what}: {name} {when.isoformat()} is before it was raised on {raised.isoformat()}"
        yield Diagnostic.at(src.at(name), "PM617", message)
