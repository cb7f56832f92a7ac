"""Valid documents -> Portfolio. Documents that failed to load or validate are left out and named in `broken`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pmcode.load import Document, FileKind
from pmcode.model.build_common import build_thresholds, opt_date
from pmcode.model.build_project import build_actuals, build_baseline, build_budget, build_project
from pmcode.model.build_staff import build_calendar, build_person, build_role
from pmcode.model.portfolio import Portfolio, Project
from pmcode.model.types import Src, Thresholds
from pmcode.records.model import RECORD_KINDS, build_records

DEFAULT_FISCAL_YEAR_START = (1, 1)


def part_name(kind: FileKind, project: str | None) -> str:
    """How a file is named in Portfolio.broken: 'people', 'project:erp', 'actuals:erp', ..."""
    return f"{kind.value}:{project}" if project else kind.value


def _first_by_id(items: Iterable[Any]) -> dict[str, Any]:
    """First declaration wins; duplicates are PM201 findings."""
    result: dict[str, Any] = {}
    for item in items:
        result.setdefault(item.id, item)
    return result


def build_portfolio(documents: Iterable[tuple[Document, str | None]], broken: Iterable[str]) -> Portfolio:
    """`documents`: each valid document with its project id (None for portfolio-level files)."""
    shared: dict[FileKind, Document] = {}
    per_project: dict[str, dict[FileKind, list[Document]]] = defaultdict(lambda: defaultdict(list))
    records: list[tuple[Document, str | None]] = []
    for document, project in documents:
        if document.kind in RECORD_KINDS:
            records.append((document, project))
        elif project is None:
            shared[document.kind] = document
        else:
            per_project[project][document.kind].append(document)

    portfolio_doc = shared.get(FileKind.PORTFOLIO)
    data: dict[str, Any] = portfolio_doc.data if portfolio_doc else {}
    month, day = DEFAULT_FISCAL_YEAR_START
    if "fiscal_year_start" in data:
        month, day = (int(part) for part in data["fiscal_year_start"].split("-"))

    calendars_doc = shared.get(FileKind.CALENDARS)
    calendars = []
    if calendars_doc is not None:
        src = Src(calendars_doc)
        calendars = [
            build_calendar(c, src.child("calendars", n)) for n, c in enumerate(calendars_doc.data["calendars"])
        ]

    people_doc = shared.get(FileKind.PEOPLE)
    roles, people = [], []
    if people_doc is not None:
        src = Src(people_doc)
        roles = [build_role(r, src.child("roles", n)) for n, r in enumerate(people_doc.data.get("roles", ()))]
        people = [build_person(p, src.child("people", n)) for n, p in enumerate(people_doc.data.get("people", ()))]

    projects: dict[str, Project] = {}
    for project_id in sorted(per_project):
        files = per_project[project_id]
        if not files[FileKind.PROJECT]:
            continue
        budget = build_budget(files[FileKind.BUDGET][0]) if files[FileKind.BUDGET] else None
        baseline = build_baseline(files[FileKind.BASELINE][0]) if files[FileKind.BASELINE] else None
        actuals = tuple(sorted((build_actuals(d) for d in files[FileKind.ACTUALS]), key=lambda a: a.period))
        projects[project_id] = build_project(project_id, files[FileKind.PROJECT][0], budget, actuals, baseline)

    return Portfolio(
        name=data.get("name", ""),
        description=data.get("description", ""),
        currency=data.get("currency", ""),
        fiscal_year_start=(month, day),
        calendar=data.get("calendar"),
        status_date=opt_date(data.get("status_date")),
        thresholds=build_thresholds(
            data.get("thresholds"), Src(portfolio_doc).child("thresholds") if portfolio_doc else None
        )
        or Thresholds(),
        calendars=_first_by_id(calendars),
        roles=_first_by_id(roles),
        people=_first_by_id(people),
        projects=projects,
        broken=frozenset(broken),
        src=Src(portfolio_doc) if portfolio_doc else None,
        records=build_records(records),
        reporting=data.get("reporting", {}).get("cadence"),
    )
