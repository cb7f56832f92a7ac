"""A project's files (project, budget, actuals, baseline) as model objects."""

from __future__ import annotations

from typing import Any

from pmcode.load import Document
from pmcode.model.build_common import build_thresholds, day, opt_date, opt_float, opt_moment
from pmcode.model.portfolio import Project
from pmcode.model.tracking import (
    ActualDates,
    Actuals,
    Baseline,
    BaselineTask,
    CostIncurred,
    HoursBooked,
    Progress,
    VarianceNote,
)
from pmcode.model.types import (
    Assignment,
    Budget,
    BudgetLine,
    Deliverable,
    Dependency,
    Envelope,
    LinkType,
    Reserve,
    Src,
    Task,
    TaskKind,
)
from pmcode.model.units import Duration, parse_percent

DEFAULT_PRIORITY = 500


def task_kind(data: dict[str, Any]) -> TaskKind:
    """The kind a task is written as. When several are given (a PM208 finding), the first of summary, milestone,
    effort, duration wins so that the other rules can still look at the task."""
    if data.get("tasks"):
        return TaskKind.SUMMARY
    if data.get("milestone") is True:
        return TaskKind.MILESTONE
    if "effort" in data:
        return TaskKind.EFFORT
    return TaskKind.DURATION


def _assignment(item: str | dict[str, Any], src: Src) -> Assignment:
    if isinstance(item, str):
        return Assignment(item, None, src)
    units = item.get("units")
    alternatives = tuple(item.get("alternatives", ()))
    return Assignment(item["person"], parse_percent(units) if units else None, src, alternatives)


def _dependency(item: str | dict[str, Any], src: Src) -> Dependency:
    if isinstance(item, str):
        return Dependency(item, LinkType.FS, None, src)
    lag = item.get("lag")
    return Dependency(item["task"], LinkType(item.get("type", "FS")), Duration.parse(lag) if lag else None, src)


class _TaskIndex:
    """Filled while the task tree is built: every task by dotted path, and each child's parent."""

    def __init__(self) -> None:
        self.by_path: dict[str, Task] = {}
        self.parent_of: dict[str, str] = {}


def _task(data: dict[str, Any], parent_path: str, src: Src, index: _TaskIndex) -> Task:
    path = f"{parent_path}.{data['id']}" if parent_path else data["id"]
    children = tuple(_task(child, path, src.child("tasks", n), index) for n, child in enumerate(data.get("tasks", ())))
    duration, effort = data.get("duration"), data.get("effort")
    task = Task(
        id=data["id"],
        path=path,
        name=data["name"],
        description=data.get("description", ""),
        kind=task_kind(data),
        duration=Duration.parse(duration) if duration else None,
        effort=Duration.parse(effort) if effort else None,
        children=children,
        assign=tuple(_assignment(a, src.child("assign", n)) for n, a in enumerate(data.get("assign", ()))),
        depends=tuple(_dependency(d, src.child("depends", n)) for n, d in enumerate(data.get("depends", ()))),
        start=opt_moment(data.get("start")),
        must_start_on=opt_moment(data.get("must_start_on")),
        must_finish_on=opt_moment(data.get("must_finish_on")),
        alap=bool(data.get("alap", False)),
        deadline=opt_date(data.get("deadline")),
        priority=int(data.get("priority", DEFAULT_PRIORITY)),
        cost=opt_float(data.get("cost")),
        line=data.get("line"),
        capex=data.get("capex"),
        ev_method=data.get("ev_method", "percent"),
        src=src,
    )
    # First declaration wins on a duplicate path; the duplicate is a PM201 finding.
    index.by_path.setdefault(path, task)
    for child in children:
        index.parent_of.setdefault(child.path, path)
    return task


def _deliverable(data: dict[str, Any], src: Src) -> Deliverable:
    return Deliverable(
        id=data["id"],
        name=data["name"],
        description=data.get("description", ""),
        task=data.get("task"),
        owner=data.get("owner"),
        due=opt_date(data.get("due")),
        status=data.get("status", "planned"),
        accepted_on=opt_date(data.get("accepted_on")),
        src=src,
    )


def build_project(
    project_id: str,
    document: Document,
    budget: Budget | None,
    actuals: tuple[Actuals, ...],
    baseline: Baseline | None,
) -> Project:
    data: dict[str, Any] = document.data
    src = Src(document)
    index = _TaskIndex()
    tasks = tuple(_task(t, "", src.child("tasks", n), index) for n, t in enumerate(data["tasks"]))
    return Project(
        id=project_id,
        name=data["name"],
        description=data.get("description", ""),
        customer=data.get("customer", ""),
        sponsor=data.get("sponsor", ""),
        manager=data.get("manager"),
        status=data.get("status", "active"),
        start=day(data["start"]),
        status_date=opt_date(data.get("status_date")),
        calendar=data.get("calendar"),
        tasks=tasks,
        deliverables=tuple(
            _deliverable(d, src.child("deliverables", n)) for n, d in enumerate(data.get("deliverables", ()))
        ),
        budget=budget,
        actuals=actuals,
        baseline=baseline,
        src=src,
        by_path=index.by_path,
        parent_of=index.parent_of,
    )


def _reserve(value: float | str | None) -> Reserve | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Reserve(None, parse_percent(value))
    return Reserve(float(value), None)


def _line(data: dict[str, Any], src: Src) -> BudgetLine:
    return BudgetLine(
        id=data["id"],
        name=data.get("name", data["id"]),
        description=data.get("description", ""),
        category=data["category"],
        capex=bool(data.get("capex", False)),
        amount=opt_float(data.get("amount")),
        on=opt_date(data.get("on")),
        monthly=opt_float(data.get("monthly")),
        first_month=data.get("from"),
        last_month=data.get("to"),
        vendor=data.get("vendor"),
        po=data.get("po"),
        src=src,
    )


def build_budget(document: Document) -> Budget:
    data: dict[str, Any] = document.data
    src = Src(document)
    reserves = data.get("reserves", {})
    annual = tuple(
        sorted(
            (fy, Envelope(float(e.get("capex", 0)), float(e.get("opex", 0))))
            for fy, e in data.get("annual", {}).items()
        )
    )
    return Budget(
        lines=tuple(_line(line, src.child("lines", n)) for n, line in enumerate(data.get("lines", ()))),
        contingency=_reserve(reserves.get("contingency")),
        management=_reserve(reserves.get("management")),
        annual=annual,
        thresholds=build_thresholds(data.get("thresholds")),
        src=src,
    )


def build_actuals(document: Document) -> Actuals:
    data: dict[str, Any] = document.data
    src = Src(document)
    return Actuals(
        period=data["period"],
        status_date=opt_date(data.get("status_date")),
        closed=bool(data.get("closed", False)),
        progress=tuple(
            Progress(task, parse_percent(value), src.child("progress", task))
            for task, value in data.get("progress", {}).items()
        ),
        actual=tuple(
            ActualDates(task, opt_date(dates.get("start")), opt_date(dates.get("finish")), src.child("actual", task))
            for task, dates in data.get("actual", {}).items()
        ),
        hours=tuple(
            HoursBooked(item["person"], item["task"], float(item["hours"]), src.child("hours", n))
            for n, item in enumerate(data.get("hours", ()))
        ),
        costs=tuple(
            CostIncurred(
                item["line"],
                float(item["amount"]),
                item.get("task"),
                item.get("ref"),
                item.get("description", ""),
                src.child("costs", n),
            )
            for n, item in enumerate(data.get("costs", ()))
        ),
        notes=tuple(
            VarianceNote(
                item["about"],
                item["text"],
                item.get("action", ""),
                item.get("owner"),
                opt_date(item.get("due")),
                src.child("notes", n),
            )
            for n, item in enumerate(data.get("notes", ()))
        ),
        src=src,
    )


def build_baseline(document: Document) -> Baseline:
    data: dict[str, Any] = document.data
    src = Src(document)
    tasks = tuple(
        BaselineTask(
            path,
            item["start"],
            item["finish"],
            opt_float(item.get("hours")),
            opt_float(item.get("cost")),
            src.child("tasks", path),
        )
        for path, item in data["tasks"].items()
    )
    return Baseline(
        name=data.get("name", ""),
        approved=opt_date(data.get("approved")),
        approved_by=data.get("approved_by", ""),
        status_date=opt_date(data.get("status_date")),
        bac=opt_float(data.get("bac")),
        finish=data.get("finish"),
        tasks=tasks,
        pv=tuple(sorted((month, float(value)) for month, value in data.get("pv", {}).items())),
        src=src,
    )
