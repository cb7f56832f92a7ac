"""Status reports: the model, built from a schema-valid document.

A report's as-of date is its file name (`status/2026-11-20.yaml`). Its grades are computed from the plan when it is
rendered; what the file keeps is what the report *published* (`rag`), because a past report cannot be recomputed
from today's data: the actuals, the baseline and the findings have moved on since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pmcode.load import Document
from pmcode.model.types import Src

DIMENSIONS = ("schedule", "cost", "scope", "resources")
AUDIENCES = ("customer", "steering", "internal")
Day = date  # the field `StatusReport.date` hides the type inside the class


@dataclass(frozen=True, slots=True)
class RecordedGrade:
    """One dimension's grade as the report published it: `justification` set means a manual override."""

    dimension: str  # schedule, cost, scope, resources
    level: str  # red, amber, green, none
    justification: str | None
    src: Src = field(compare=False, repr=False)

    @property
    def is_override(self) -> bool:
        return self.justification is not None


@dataclass(frozen=True, slots=True)
class StatusReport:
    project: str
    date: Day | None  # the file name's date; None when the name is not a calendar date (PM630)
    period_from: Day | None
    period_to: Day | None
    summary: str
    accomplishments: tuple[str, ...]
    next_steps: tuple[str, ...]
    help_needed: tuple[str, ...]
    audience: str  # customer, steering, internal
    author: str | None
    rag: tuple[RecordedGrade, ...]  # in DIMENSIONS order, only the dimensions written
    src: Src = field(compare=False, repr=False)

    @property
    def name(self) -> str:
        """The file's date as written (`2026-11-20`): its id."""
        return self.src.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    def grade(self, dimension: str) -> RecordedGrade | None:
        return next((g for g in self.rag if g.dimension == dimension), None)


def pick_report(reports: tuple[StatusReport, ...], wanted: date | None, as_of: date | None) -> StatusReport | None:
    """The report of date `wanted`, else the latest on or before `as_of` (any date without one)."""
    if wanted is not None:
        return next((r for r in reports if r.date == wanted), None)
    dated = [r for r in reports if r.date is not None and (as_of is None or r.date <= as_of)]
    return max(dated, key=lambda r: r.date or date.min, default=None)


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


def _texts(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(item) for item in data.get(key, ()))


def _grades(data: dict[str, Any], src: Src) -> tuple[RecordedGrade, ...]:
    written = data.get("rag", {})
    grades = []
    for dimension in DIMENSIONS:
        value = written.get(dimension)
        if isinstance(value, str):
            grades.append(RecordedGrade(dimension, value, None, src.child("rag", dimension)))
        elif isinstance(value, dict):
            grades.append(RecordedGrade(dimension, value["level"], value["justification"], src.child("rag", dimension)))
    return tuple(grades)


def _opt_day(value: Any) -> date | None:
    return _day(value) if isinstance(value, str) else None


def build_status(document: Document, project: str) -> StatusReport:
    data: dict[str, Any] = document.data
    src = Src(document)
    period = data.get("period", {})
    # The date is the file name, which discovery has matched against YYYY-MM-DD (not against the calendar).
    name = document.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return StatusReport(
        project=project,
        date=_day(name),
        period_from=_opt_day(period.get("from")),
        period_to=_opt_day(period.get("to")),
        summary=data.get("summary", ""),
        accomplishments=_texts(data, "accomplishments"),
        next_steps=_texts(data, "next_steps"),
        help_needed=_texts(data, "help_needed"),
        audience=data.get("audience", "customer"),
        author=data.get("author"),
        rag=_grades(data, src),
        src=src,
    )
