"""A small fixed plan for the chart tests (tests/test_charts_*.py): two people, a holiday, leave, part-time units,
a summary, links of two types and a milestone; and helpers to parse a chart back as XML."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from plans import write_plan

from pmcode.model import Portfolio
from pmcode.schedule import ProjectSchedule, Schedule, schedule_portfolio
from pmcode.validate import validate_root

SVG = "{http://www.w3.org/2000/svg}"
FILES = {
    "portfolio.yaml": """
        name: Charts
        currency: EUR
        calendar: standard
        status_date: 2027-01-13
    """,
    "calendars.yaml": """
        calendars:
          - id: standard
            holidays: {dates: [2027-01-18]}
    """,
    "people.yaml": """
        people:
          - {id: alice, name: Alice Chen, leave: [{from: 2027-01-06, to: 2027-01-07}]}
          - {id: bob, name: Bob Stone, units: 50%}
    """,
    "demo/project.yaml": """
        name: Demo rollout
        start: 2027-01-04
        tasks:
          - {id: design, name: Design, duration: 5d}
          - id: build
            name: Build
            tasks:
              - {id: code, name: Code, duration: 5d, depends: [design]}
              - id: docs
                name: Write the docs
                effort: 5d
                assign: [bob]
                depends: [{task: design, type: SS, lag: 1d}]
          - {id: review, name: Review, duration: 2d, assign: [alice], depends: [design]}
          - {id: qa, name: Test, duration: 4d, assign: [alice], depends: [design]}
          - {id: done, name: Ready, milestone: true, depends: [build, review, qa]}
    """,
}
BASELINE = {
    "design": (datetime(2027, 1, 4, 9), datetime(2027, 1, 8, 17)),
    "build.code": (datetime(2027, 1, 11, 9), datetime(2027, 1, 13, 17)),
    "done": (datetime(2027, 1, 20, 17), datetime(2027, 1, 20, 17)),
}


def demo(tmp_path: Path, *, level: bool = True) -> tuple[Portfolio, Schedule]:
    result = validate_root(write_plan(tmp_path, FILES))
    assert not result.diagnostics, result.diagnostics
    return result.portfolio, schedule_portfolio(result.portfolio, level=level, network=result.network)


def with_progress(project: ProjectSchedule, percents: dict[str, float]) -> ProjectSchedule:
    """The schedule with percent complete set on some tasks (the plan has no actuals)."""
    tasks = tuple(replace(t, percent_complete=percents[t.path]) if t.path in percents else t for t in project.tasks)
    return replace(project, tasks=tasks)


def parse(chart: str) -> Element:
    """The chart's wrapper <div> as XML, parsed without entities or DTDs: fails on anything not well-formed."""
    root: Element = SafeET.fromstring(chart.strip())
    assert root.tag == "div"
    return root


def svg_of(chart: str) -> Element:
    (svg,) = parse(chart)
    assert svg.tag == f"{SVG}svg"
    return svg


def find_all(root: Element, tag: str, **attributes: Any) -> list[Element]:
    """Elements `tag` (no namespace) whose attributes contain the given values (`class_` for class: a word of it)."""
    found = []
    for element in root.iter(f"{SVG}{tag}"):
        ok = True
        for name, value in attributes.items():
            if name == "class_":
                ok = ok and value in element.get("class", "").split()
            else:
                ok = ok and element.get(name.replace("_", "-")) == value
        if ok:
            found.append(element)
    return found
