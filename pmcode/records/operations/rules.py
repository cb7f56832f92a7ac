"""Disaster recovery and security: validation rules (references and consistency; nothing judged against a date)."""

from __future__ import annotations

from collections.abc import Iterator

from pmcode.diagnostics import Diagnostic
from pmcode.model import Portfolio
from pmcode.records.common import person_findings, project_findings
from pmcode.records.operations.model import DrPlan, DrSystem, SecurityPlan, Span
from pmcode.text import did_you_mean, quote


def rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    if portfolio.records.dr is not None:
        yield from _dr(portfolio, portfolio.records.dr)
    if portfolio.records.security is not None:
        yield from _security(portfolio, portfolio.records.security)


def _dr(portfolio: Portfolio, plan: DrPlan) -> Iterator[Diagnostic]:
    for system in plan.systems:
        yield from person_findings(portfolio, system.owner, system.src.at_key_or_self("owner"))
        if system.project is not None:
            yield from project_findings(portfolio, system.project, system.src.at("project"))
        yield from _against_policy(plan, system)
    known = {system.id for system in plan.systems}
    for test in plan.tests:
        for tested in test.systems:
            if tested.system not in known:
                message = f"DR test {quote(test.id)} names unknown system {quote(tested.system)}"
                yield Diagnostic.at(tested.src.at("system"), "PM660", message + did_you_mean(tested.system, known))
        for action in test.actions:
            yield from person_findings(portfolio, action.owner, action.src.at_key_or_self("owner"))


def _against_policy(plan: DrPlan, system: DrSystem) -> Iterator[Diagnostic]:
    policy = plan.policy(system.tier)
    if policy is None:
        if plan.policies:  # no policies at all: the file does not use tiers' policies, nothing to say per system
            message = f"system {quote(system.id)} is tier {system.tier}, which has no policy: add one to `policies`"
            yield Diagnostic.at(system.src.at("tier"), "PM662", message)
        return
    for name, own, required in (("rto", system.rto, policy.rto), ("rpo", system.rpo, policy.rpo)):
        if _looser(own, required):
            assert own is not None and required is not None
            message = (
                f"system {quote(system.id)} has {name.upper()} {own.text}, looser than the tier {system.tier} "
                f"policy's {required.text}: tighten it, or move the system to the tier it meets"
            )
            yield Diagnostic.at(system.src.at(name), "PM661", message)


def _looser(own: Span | None, required: Span | None) -> bool:
    return own is not None and required is not None and own.minutes > required.minutes


def _security(portfolio: Portfolio, plan: SecurityPlan) -> Iterator[Diagnostic]:
    for control in plan.controls:
        yield from person_findings(portfolio, control.owner, control.src.at_key_or_self("owner"))
    for exception in plan.exceptions:
        yield from person_findings(portfolio, exception.approved_by, exception.src.at("approved_by"), "approver")
        matches = plan.find_controls(exception.control, exception.framework)
        if len(matches) > 1:
            frameworks = ", ".join(quote(c.framework) for c in matches)
            message = (
                f"exception {quote(exception.id)}: control {quote(exception.control)} is in several frameworks "
                f"({frameworks}); say which with `framework:`"
            )
            yield Diagnostic.at(exception.src.at("control"), "PM663", message)
        elif not matches:
            candidates = {c.id for c in plan.controls if exception.framework in (None, c.framework)}
            where = f" of framework {quote(exception.framework)}" if exception.framework else ""
            message = f"exception {quote(exception.id)} names unknown control {quote(exception.control)}{where}"
            yield Diagnostic.at(
                exception.src.at("control"), "PM663", message + did_you_mean(exception.control, candidates)
            )
        if exception.granted and exception.expires and exception.expires < exception.granted:
            message = (
                f"exception {quote(exception.id)} expires {exception.expires.isoformat()}, before it was granted "
                f"({exception.granted.isoformat()})"
            )
            yield Diagnostic.at(exception.src.at("expires"), "PM664", message)
