"""A project's files (project, budget, actuals, baseline) as model objects."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from pmcode.load import Document
from pmcode.model.build_common import build_thresholds, day, opt_date, opt_float, opt_moment
from pmcode.model.portfolio import Project
from pmcode.model.tracking import (
    ActualDates,
    Actuals,
    Baseline,
    BaselineLine,
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
_T = TypeVar("_T")


@lru_cache(maxsize=4096)
def parse_duration(text: str) -> Duration:
    """Duration.parse, once per spelling: a large plan repeats a few dozen of them (`5d`) thousands of times, and a
    Duration is immutable, so tasks can share one."""
    return Duration.parse(text)


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
    return Dependency(item["task"], LinkType(item.get("type", "FS")), parse_duration(lag) if lag else None, src)


class _TaskIndex:
    """Filled while the task tree is built: every task by dotted path, and each child's parent."""

    def __init__(self) -> None:
        self.by_path: dict[str, Task] = {}
        self.parent_of: dict[str, str] = {}


def _each(data: list[Any] | None, src: Src, key: str, build: Callable[[Any, Src], _T]) -> tuple[_T, ...]:
    """`build` applied to each item of the list `data`, found under `key` of the entity at `src`, with the item's
    Src. The list's own Src is made once, not once per item as `src.child(key, n)` would."""
    if not data:
        return ()
    document = src.document
    holder = Src(document, src, key)
    return tuple([build(item, Src(document, holder, n)) for n, item in enumerate(data)])


def _task(data: dict[str, Any], parent_path: str, src: Src, index: _TaskIndex) -> Task:
    path = f"{parent_path}.{data['id']}" if parent_path else data["id"]
    children = _each(data.get("tasks"), src, "tasks", lambda child, child_src: _task(child, path, child_src, index))
    get = data.get
    duration, effort = get("duration"), get("effort")
    task = Task(
        id=data["id"],
        path=path,
        name=data["name"],
        description=get("description", ""),
        kind=task_kind(data),
        duration=parse_duration(duration) if duration else None,
        effort=parse_duration(effort) if effort else None,
        children=children,
        assign=_each(get("assign"), src, "assign", _assignment),
        depends=_each(get("depends"), src, "depends", _dependency),
        start=opt_moment(get("start")),
        must_start_on=opt_moment(get("must_start_on")),
        must_finish_on=opt_moment(get("must_finish_on")),
        alap=bool(get("alap", False)),
        deadline=opt_date(get("deadline")),
        priority=int(get("priority", DEFAULT_PRIORITY)),
        cost=opt_float(get("cost")),
        line=get("line"),
        capex=get("capex"),
        ev_method=get("ev_method", "percent"),
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
    tasks = _each(data["tasks"], src, "tasks", lambda task, task_src: _task(task, "", task_src, index))
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
        reporting=data.get("reporting", {}).get("cadence"),
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
        thresholds=build_thresholds(data.get("thresholds"), src.child("thresholds")),
        src=src,
        eac_method=data.get("eac_method"),
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
        lines=tuple(
            BaselineLine(line, side == "capex", tuple(sorted((m, float(v)) for m, v in months.items())))
            for line, sides in data.get("lines", {}).items()
            for side, months in sides.items()
        ),
        contingency=opt_float(data.get("contingency")),
        management_reserve=opt_float(data.get("management_reserve")),
    )
