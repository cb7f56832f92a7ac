"""What every records area shares: people and project references, actions with an owner and a due date."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pmcode.diagnostics import Diagnostic, Loc
from pmcode.model.types import Src
from pmcode.text import did_you_mean, quote

if TYPE_CHECKING:  # pmcode.model builds the records: a runtime import would be circular
    from pmcode.model import Portfolio

if TYPE_CHECKING:  # the model's Portfolio holds the records: a runtime import would be circular
    from pmcode.model import Portfolio

ACTION_OPEN = frozenset({"open", "in-progress"})  # statuses an action is still to be done in


@dataclass(frozen=True, slots=True)
class Action:
    """Something someone has to do by a date: a RAID risk's response step, a meeting's action, an audit's
    corrective action. `owner` is a person id or a full name; `done` is when it was closed, if known."""

    title: str
    owner: str | None
    due: date | None
    status: str  # open, in-progress, done, cancelled
    done: date | None
    src: Src = field(compare=False, repr=False)
    id: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in ACTION_OPEN

    def overdue(self, as_of: date | None) -> bool:
        return self.is_open and self.due is not None and as_of is not None and self.due < as_of


def opt_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def build_action(node: dict[str, Any], src: Src) -> Action:
    """An action as the schemas write it (common.schema.json#/definitions/action)."""
    return Action(
        title=node.get("title", ""),
        owner=node.get("owner"),
        due=opt_date(node.get("due")),
        status=node.get("status", "open"),
        done=opt_date(node.get("done")),
        src=src,
        id=node.get("id"),
    )


def is_person_id(portfolio: Portfolio, who: str) -> bool:
    return who in portfolio.people


def person_findings(portfolio: Portfolio, who: str | None, loc: Loc, role: str = "owner") -> Iterator[Diagnostic]:
    """PM690 when `who` is one word that is not a person id. A name with a space is someone outside people.yaml."""
    if who is None or who in portfolio.people or " " in who.strip() or not portfolio.is_complete("people"):
        return
    hint = did_you_mean(who, portfolio.people)
    message = f"{role} {quote(who)} is not a person id of people.yaml{hint}; write an outside person's full name"
    yield Diagnostic.at(loc, "PM690", message)


def project_findings(portfolio: Portfolio, project: str, loc: Loc) -> Iterator[Diagnostic]:
    """PM691 when `project` is not a project of the portfolio."""
    if project in portfolio.projects or any(part.endswith(f":{project}") for part in portfolio.broken):
        return
    hint = did_you_mean(project, portfolio.projects)
    yield Diagnostic.at(loc, "PM691", f"unknown project {quote(project)}{hint}")
