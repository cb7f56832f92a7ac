"""Random valid plans for the scheduler's property tests: portfolios written as YAML text.

A plan has a few projects whose tasks form random trees (durations, elapsed durations, efforts, milestones,
summaries), random acyclic links of all four types with lags (working, elapsed, negative, percentages), people
with units, efficiency, leave, availability and their own calendars, and calendars with several intervals a day,
days off and holidays. Every plan is meant to validate without errors: a plan that does not is a bug of this
generator (or of the validator), and the tests say so.

Links never close a loop: tasks are numbered in depth-first order across all projects, and a link always goes
from a task to a later one that is neither its summary nor below it. A link into a summary binds all of its
children; a link out of one waits for all of them; so in the event graph every edge still leads to a later
subtree, and the graph is acyclic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import yaml
from hypothesis import strategies as st

FIRST_START = date(2027, 1, 4)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class Plan:
    portfolio: dict[str, Any]
    calendars: list[dict[str, Any]]
    people: list[dict[str, Any]]
    projects: dict[str, dict[str, Any]]  # project id -> project.yaml content

    def files(self) -> dict[str, str]:
        written = {"portfolio.yaml": _dump(self.portfolio)}
        if self.calendars:
            written["calendars.yaml"] = _dump({"calendars": self.calendars})
        if self.people:
            written["people.yaml"] = _dump({"people": self.people})
        for project_id, project in self.projects.items():
            written[f"{project_id}/project.yaml"] = _dump(project)
        return written

    def without_people(self) -> Plan:
        """The same plan with every `assign` removed: effort tasks become durations of the same length."""

        def strip(task: dict[str, Any]) -> dict[str, Any]:
            copy = {k: v for k, v in task.items() if k != "assign"}
            if "effort" in copy:
                copy["duration"] = copy.pop("effort")
            if "tasks" in copy:
                copy["tasks"] = [strip(child) for child in copy["tasks"]]
            return copy

        projects = {pid: {**p, "tasks": [strip(t) for t in p["tasks"]]} for pid, p in self.projects.items()}
        return Plan(self.portfolio, self.calendars, [], projects)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)


def _day(offset: int) -> str:
    return (FIRST_START + timedelta(days=offset)).isoformat()


# -- calendars ------------------------------------------------------------------------------------------------------


@st.composite
def intervals(draw: st.DrawFn, *, allow_empty: bool = False) -> list[str]:
    """1 to 3 ordered, non-overlapping working intervals on a quarter-hour grid (end 24:00 allowed)."""
    count = draw(st.integers(min_value=0 if allow_empty else 1, max_value=3))
    points = sorted(draw(st.sets(st.integers(min_value=0, max_value=96), min_size=2 * count, max_size=2 * count)))
    spans = []
    for start, end in zip(points[::2], points[1::2], strict=True):
        spans.append(f"{start // 4:02d}:{start % 4 * 15:02d}-{end // 4:02d}:{end % 4 * 15:02d}")
    return spans


@st.composite
def calendars(draw: st.DrawFn, ids: list[str]) -> list[dict[str, Any]]:
    result = []
    for calendar_id in ids:
        calendar: dict[str, Any] = {"id": calendar_id}
        workdays = draw(st.sets(st.sampled_from(WEEKDAYS[:5]), min_size=1)) | draw(st.sets(st.sampled_from(WEEKDAYS)))
        calendar["workdays"] = [day for day in WEEKDAYS if day in workdays]
        calendar["hours"] = draw(intervals())
        overrides = draw(st.dictionaries(st.sampled_from(WEEKDAYS), intervals(allow_empty=True), max_size=2))
        effective = [overrides.get(day, calendar["hours"] if day in workdays else []) for day in WEEKDAYS]
        if overrides and any(effective):  # an override may empty a day, or make one a working day; not every day
            calendar["week"] = {day: overrides[day] for day in WEEKDAYS if day in overrides}
        calendar["hours_per_day"] = draw(st.sampled_from([8, 8, 7.5, 6, 10, 24]))
        holidays = draw(st.lists(st.integers(min_value=-5, max_value=80), max_size=3, unique=True))
        if holidays:
            calendar["holidays"] = {"dates": [_day(offset) for offset in sorted(holidays)]}
        result.append(calendar)
    return result


# -- people ---------------------------------------------------------------------------------------------------------


@st.composite
def people(draw: st.DrawFn, count: int, calendar_ids: list[str]) -> list[dict[str, Any]]:
    result = []
    for number in range(count):
        person: dict[str, Any] = {"id": f"u{number}", "name": f"Person {number}"}
        units = draw(st.sampled_from([None, "100%", "50%", "25%", "80%", "150%"]))
        if units:
            person["units"] = units
        efficiency = draw(st.sampled_from([None, 1.0, 0.5, 0.8, 1.5]))
        if efficiency:
            person["efficiency"] = efficiency
        if calendar_ids and draw(st.booleans()):
            person["calendar"] = draw(st.sampled_from(calendar_ids))
        leave_days = sorted(draw(st.sets(st.integers(min_value=0, max_value=90), max_size=4)))
        if len(leave_days) >= 2:  # consecutive pairs: non-overlapping ranges
            pairs = list(zip(leave_days[::2], leave_days[1::2], strict=False))
            person["leave"] = [{"from": _day(a), "to": _day(b)} for a, b in pairs]
        if draw(st.booleans()):
            # from no later than the first project start, until well after: validation (PM211) never objects
            window: dict[str, str] = {"from": _day(draw(st.integers(min_value=-60, max_value=0)))}
            if draw(st.booleans()):
                window["to"] = _day(draw(st.integers(min_value=150, max_value=400)))
            person["available"] = window
        result.append(person)
    return result


# -- tasks and links ------------------------------------------------------------------------------------------------

WORKING = ["1d", "2d", "3d", "5d", "0.5d", "4h", "12h", "1w", "2.25d"]
ELAPSED = ["1ed", "3ed", "10eh", "36eh", "1ew"]
EFFORTS = ["1d", "2d", "5d", "10d", "6h", "0.5d", "3.5d"]
LAGS = ["1d", "-1d", "4h", "-3h", "2ed", "-1ed", "5eh", "-30eh", "50%", "-25%", "0d"]


@dataclass
class Node:
    project: str
    path: str
    data: dict[str, Any]
    parent: Node | None
    order: int = 0
    end: int = 0  # last order number in this node's subtree
    children: list[Node] = field(default_factory=list)


@st.composite
def task_tree(draw: st.DrawFn, project: str, people_ids: list[str], size: int) -> list[Node]:
    """`size` tasks as a random forest (ids t0, t1, ... unique in the project), in depth-first order."""
    roots: list[Node] = []
    every: list[Node] = []
    for number in range(size):
        parents = [n for n in every if n.path.count(".") < 2]
        parent = draw(st.sampled_from([None, *parents])) if parents and draw(st.booleans()) else None
        task_id = f"t{number}"
        node = Node(project, task_id if parent is None else f"{parent.path}.{task_id}", {}, parent)
        (roots if parent is None else parent.children).append(node)
        every.append(node)
    ordered: list[Node] = []

    def walk(node: Node) -> None:
        ordered.append(node)
        for child in node.children:
            walk(child)

    for root in roots:
        walk(root)
    for node in ordered:
        node.data.update({"id": node.path.rsplit(".", 1)[-1], "name": f"Task {node.path}"})
        if node.children:
            continue
        kinds = ["duration", "elapsed", "milestone"] + (["effort", "effort"] if people_ids else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "duration":
            node.data["duration"] = draw(st.sampled_from(WORKING))
        elif kind == "elapsed":
            node.data["duration"] = draw(st.sampled_from(ELAPSED))
        elif kind == "milestone":
            node.data["milestone"] = True
        else:
            node.data["effort"] = draw(st.sampled_from(EFFORTS))
        if kind != "milestone" and people_ids and (kind == "effort" or draw(st.booleans())):
            node.data["assign"] = draw(assignments(people_ids))
        if kind != "milestone" and draw(st.integers(min_value=0, max_value=5)) == 0:
            node.data["alap"] = True
    for node in ordered:
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            offset = draw(st.integers(min_value=0, max_value=40))
            hour = draw(st.sampled_from([None, "08:00", "13:30", "18:00"]))
            node.data["start"] = _day(offset) if hour is None else f"{_day(offset)}T{hour}"
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            node.data["priority"] = draw(st.sampled_from([0, 100, 500, 800, 1000]))
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            node.data["deadline"] = _day(draw(st.integers(min_value=0, max_value=60)))
    return ordered


@st.composite
def assignments(draw: st.DrawFn, people_ids: list[str]) -> list[Any]:
    chosen = draw(st.lists(st.sampled_from(people_ids), min_size=1, max_size=3, unique=True))
    result: list[Any] = []
    for person in chosen:
        style = draw(st.integers(min_value=0, max_value=3))
        if style == 0:
            result.append(person)
        else:
            assignment: dict[str, Any] = {"person": person}
            if style >= 2:
                assignment["units"] = draw(st.sampled_from(["100%", "50%", "25%", "200%"]))
            others = [p for p in people_ids if p not in chosen]
            if style == 3 and others:
                alternatives = st.lists(st.sampled_from(others), min_size=1, max_size=2, unique=True)
                assignment["alternatives"] = draw(alternatives)
            result.append(assignment)
    return result


def _reference(pred: Node, succ: Node) -> str:
    return pred.path if pred.project == succ.project else f"{pred.project}:{pred.path}"


@st.composite
def links(draw: st.DrawFn, ordered: list[Node]) -> None:
    """Random dependencies, each from a task to a later one outside its own subtree and not above it."""
    for number, node in enumerate(ordered):
        node.order = number
    for node in reversed(ordered):
        node.end = max([node.order, *(child.end for child in node.children)])
    for succ in ordered:
        candidates = [pred for pred in ordered if pred.end < succ.order]  # whole subtrees before it: no summary
        if not candidates:
            continue
        chosen = draw(st.lists(st.sampled_from(candidates), max_size=3, unique_by=id))
        depends: list[Any] = []
        for pred in chosen:
            kind = draw(st.sampled_from(["FS", "FS", "SS", "FF", "SF"]))
            lag = draw(st.sampled_from([None, None, *LAGS]))
            if kind == "FS" and lag is None and draw(st.booleans()):
                depends.append(_reference(pred, succ))
                continue
            link: dict[str, Any] = {"task": _reference(pred, succ)}
            if kind != "FS" or draw(st.booleans()):
                link["type"] = kind
            if lag is not None:
                link["lag"] = lag
            depends.append(link)
        if depends:
            succ.data["depends"] = depends


def _nest(ordered: list[Node]) -> list[dict[str, Any]]:
    for node in ordered:
        if node.children:
            node.data["tasks"] = [child.data for child in node.children]
    return [node.data for node in ordered if node.parent is None]


@st.composite
def plans(draw: st.DrawFn, *, max_projects: int = 3, max_tasks: int = 8, max_people: int = 4) -> Plan:
    calendar_ids = [f"c{n}" for n in range(draw(st.integers(min_value=0, max_value=2)))]
    portfolio: dict[str, Any] = {"name": "Random portfolio", "currency": "USD"}
    if calendar_ids and draw(st.booleans()):
        portfolio["calendar"] = draw(st.sampled_from(calendar_ids))
    staff = draw(people(draw(st.integers(min_value=0, max_value=max_people)), calendar_ids))
    people_ids = [p["id"] for p in staff]
    project_count = draw(st.integers(min_value=1, max_value=max_projects))
    every: list[Node] = []
    trees: dict[str, list[Node]] = {}
    for number in range(project_count):
        project_id = f"p{number}"
        size = draw(st.integers(min_value=1, max_value=max_tasks))
        trees[project_id] = draw(task_tree(project_id, people_ids, size))
        every.extend(trees[project_id])
    draw(links(every))
    projects: dict[str, dict[str, Any]] = {}
    for project_id, ordered in trees.items():
        project: dict[str, Any] = {"name": f"Project {project_id}", "start": _day(draw(st.integers(0, 20)))}
        if calendar_ids and draw(st.booleans()):
            project["calendar"] = draw(st.sampled_from(calendar_ids))
        project["tasks"] = _nest(ordered)
        projects[project_id] = project
    return Plan(portfolio, draw(calendars(calendar_ids)), staff, projects)
