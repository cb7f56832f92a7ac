"""Change control: the model, built from a schema-valid document.

A change request is one file, `<project>/changes/CR-007.yaml`; its id is the file name's stem so that the id and
the file can never disagree, and a baseline names it (`change: CR-007`) to record which decision approved it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src

STATUSES = ("proposed", "approved", "rejected", "deferred", "withdrawn")
DECIDED = frozenset({"approved", "rejected"})  # statuses that need an approver and a date
PENDING = frozenset({"proposed", "deferred"})  # still waiting for a decision


@dataclass(frozen=True, slots=True)
class ChangeRequest:
    """A request to change an agreed plan, its estimated impact and the decision on it.

    `schedule_days` (working days) and `cost` (portfolio currency) are signed: a descoping change saves time or
    money. `rebaseline` says whether approval is recorded by saving a new baseline that names the request.
    """

    project: str
    id: str
    title: str
    raised: date | None
    requested_by: str | None
    status: str
    schedule_days: float
    cost: float
    scope: str
    decided: date | None
    approver: str | None
    src: Src = field(compare=False, repr=False)
    request: str = ""
    notes: str = ""
    tasks: tuple[str, ...] = ()
    rebaseline: bool = True

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def file(self) -> str:
        return self.src.file


def change_id(file: str) -> str:
    """The id of a change request: its file name without `.yaml` (`erp-upgrade/changes/CR-007.yaml` -> CR-007)."""
    return PurePosixPath(file).stem


def named_changes(value: Any) -> tuple[str, ...]:
    """The change requests a baseline names (its `change`: one id or a list), as written."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _date(value: Any) -> date | None:
    # Not pmcode.records.common.opt_date: that module imports pmcode.model, which imports this one.
    return date.fromisoformat(value) if isinstance(value, str) else None


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def build_change(document: Document, project: str) -> ChangeRequest:
    data: dict[str, Any] = document.data if isinstance(document.data, dict) else {}
    impact: dict[str, Any] = data.get("impact") or {}
    decision: dict[str, Any] = data.get("decision") or {}
    return ChangeRequest(
        project=project,
        id=change_id(document.file),
        title=data.get("title", ""),
        raised=_date(data.get("raised")),
        requested_by=data.get("requested_by"),
        status=decision.get("status", "proposed"),
        schedule_days=_number(impact.get("schedule_days")),
        cost=_number(impact.get("cost")),
        scope=impact.get("scope", ""),
        decided=_date(decision.get("date")),
        approver=decision.get("approver"),
        src=Src(document),
        request=data.get("request", ""),
        notes=decision.get("notes", ""),
        tasks=tuple(impact.get("tasks") or ()),
        rebaseline=bool(data.get("rebaseline", True)),
    )
