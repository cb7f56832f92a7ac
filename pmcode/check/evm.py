"""Earned-value thresholds (PM540): CPI, SPI and SPI(t) below their levels; CV%, SV% and VAC% unfavourable beyond
theirs. The indicators come from the variance engine (pmcode.variance), read through `ProjectFigures`, so this
module depends only on the shape of its result.

The percentages are judged as unfavourable amounts: `cv_pct` = (AC - EV) / EV x 100 = -CV%, `sv_pct` =
(PV - EV) / PV x 100 = -SV%, `vac_pct` = (EAC - BAC) / BAC x 100. An undefined indicator (None: nothing earned,
no AC, no baseline series...) never breaches.

Located in the latest actuals file: cost indicators at its biggest money entry (hours x rate, or a cost); schedule
indicators at the progress entry furthest behind the baseline (baseline cost x (planned - reported fraction) at the
status date); without such an entry, at the file, or at project.yaml when there are no actuals.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Protocol

from pmcode.check.limits import Breach, judge, thresholds_of
from pmcode.check.locate import biggest, charges
from pmcode.check.money import money
from pmcode.cost.lines import ProjectLines
from pmcode.cost.phasing import Phasing
from pmcode.diagnostics import Diagnostic, Loc
from pmcode.evm import Indicators
from pmcode.model import Portfolio, Project
from pmcode.model.refs import resolve_task

COST = ("cpi", "cv_pct", "vac_pct")


class ProjectFigures(Protocol):
    """What the checks read of pmcode.variance.ProjectVariance."""

    @property
    def id(self) -> str: ...

    @property
    def status_date(self) -> date | None: ...

    @property
    def indicators(self) -> Indicators | None: ...

    @property
    def findings(self) -> tuple[Diagnostic, ...]: ...


def _values(ind: Indicators) -> dict[str, tuple[float | None, str]]:
    """Each threshold's value and how the finding shows it (before 'is below/above ...')."""
    es = ind.earned_schedule
    vac_pct = -ind.vac / ind.bac * 100 if ind.vac is not None and ind.bac > 0 else None
    cv_pct = -ind.cv_pct if ind.cv_pct is not None else None
    sv_pct = -ind.sv_pct if ind.sv_pct is not None else None
    return {
        "cpi": (ind.cpi, f"CPI {ind.cpi or 0:.2f} (EV {money(ind.ev)} / AC {money(ind.ac)})"),
        "spi": (ind.spi, f"SPI {ind.spi or 0:.2f} (EV {money(ind.ev)} / PV {money(ind.pv)})"),
        "spi_t": (es.spi_t, f"SPI(t) {es.spi_t or 0:.2f} (ES {es.es or 0:.2f} / AT {es.at or 0:.2f} months)"),
        "cv_pct": (cv_pct, f"cost overrun {cv_pct or 0:.1f}% of EV (CV {money(ind.cv)})"),
        "sv_pct": (sv_pct, f"schedule variance {sv_pct or 0:.1f}% of PV behind (SV {money(ind.sv)})"),
        "vac_pct": (vac_pct, f"EAC {money(ind.eac or 0)} {vac_pct or 0:.1f}% above BAC {money(ind.bac)}"),
    }


def evm_findings(portfolio: Portfolio, figures: Iterable[ProjectFigures], phasing: Phasing) -> Iterator[Diagnostic]:
    for one in figures:
        project = portfolio.projects.get(one.id)
        if project is None or one.indicators is None:
            continue
        thresholds = thresholds_of(portfolio, project)
        for name, (value, shown) in _values(one.indicators).items():
            breach = judge(thresholds, name, value, digits=2 if name in ("cpi", "spi", "spi_t") else 1)
            if breach is None:
                continue
            where = _cost_loc(portfolio, project) if name in COST else _schedule_loc(project, one.status_date, phasing)
            yield Diagnostic.at(where, "PM540", _message(shown, breach), breach.severity)


def _message(shown: str, breach: Breach) -> str:
    side = "below" if breach.name in ("cpi", "spi", "spi_t") else "above"
    return f"{shown}: {side} {breach.describe()}"


def _fallback(project: Project) -> Loc:
    return project.actuals[-1].src.at() if project.actuals else project.src.at()


def _cost_loc(portfolio: Portfolio, project: Project) -> Loc:
    if not project.actuals:
        return project.src.at()
    found = biggest(list(charges(portfolio, project, project.actuals[-1], ProjectLines(project))))
    return found.loc if found is not None else _fallback(project)


def _schedule_loc(project: Project, status: date | None, phasing: Phasing) -> Loc:
    if not project.actuals or project.baseline is None or status is None:
        return _fallback(project)
    baseline = {t.path: t for t in project.baseline.tasks}
    behind: list[tuple[float, int, Loc]] = []
    for n, entry in enumerate(project.actuals[-1].progress):
        key = resolve_task(phasing.portfolio, project, entry.task)
        planned = baseline.get(key[1]) if key is not None and key[0] == project.id else None
        if planned is None:
            continue
        weight = planned.cost if planned.cost is not None else planned.hours or 0.0
        start, finish = datetime.fromisoformat(planned.start), datetime.fromisoformat(planned.finish)
        expected = phasing.linear_through(project, weight, start, finish, status)
        behind.append((expected - weight * entry.fraction, -n, entry.src.at()))
    if not behind:
        return _fallback(project)
    return max(behind, key=lambda item: (item[0], item[1]))[2]
