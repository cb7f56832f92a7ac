"""The plan as frozen dataclasses, built from validated documents."""

from __future__ import annotations

from pmcode.model.portfolio import BUILTIN_CALENDAR_ID, Portfolio, Project
from pmcode.model.tracking import Actuals, Baseline
from pmcode.model.types import (
    Assignment,
    Budget,
    BudgetLine,
    Calendar,
    Dependency,
    LinkType,
    Person,
    Role,
    Src,
    Task,
    TaskKey,
    TaskKind,
)
from pmcode.model.units import Duration

__all__ = [
    "BUILTIN_CALENDAR_ID",
    "Actuals",
    "Assignment",
    "Baseline",
    "Budget",
    "BudgetLine",
    "Calendar",
    "Dependency",
    "Duration",
    "LinkType",
    "Person",
    "Portfolio",
    "Project",
    "Role",
    "Src",
    "Task",
    "TaskKey",
    "TaskKind",
]
