"""Earned-value indicators from plain figures: BAC, PV, EV and AC at the status date, optionally the baseline's
cumulative PV by period (for earned schedule) and a bottom-up estimate to complete.

Pure and model-free, so the same code serves `pmcode evm` (figures typed in), `pmcode variance` (figures summed
from a plan) and the checks. Formulas and sources: site/docs/guide/earned-value.md.

An undefined indicator is None, and `reasons` maps its key to why (values.py); keys inside `eac` and
`earned_schedule` are dotted (`eac.cpi`, `earned_schedule.spi_t`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pmcode.evm.earned_schedule import EarnedSchedule, PlannedSeries, earned_schedule
from pmcode.evm.values import Reasons, check_amount, index, money, percent

EAC_METHODS = ("cpi", "budget_rate", "cpi_spi", "bottom_up")


@dataclass(frozen=True, slots=True)
class Variances:
    """SV, CV, SPI, CPI and the percentages of one set of PV, EV and AC (cumulative, or one period's)."""

    pv: float
    ev: float
    ac: float
    sv: float
    cv: float
    spi: float | None
    cpi: float | None
    sv_pct: float | None  # SV / PV x 100
    cv_pct: float | None  # CV / EV x 100
    reasons: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {**_variances_json(self), "reasons": dict(self.reasons)}


def _variances_json(figures: Variances | Indicators) -> dict[str, Any]:
    return {
        "pv": money(figures.pv),
        "ev": money(figures.ev),
        "ac": money(figures.ac),
        "sv": money(figures.sv),
        "cv": money(figures.cv),
        "spi": index(figures.spi),
        "cpi": index(figures.cpi),
        "sv_pct": percent(figures.sv_pct),
        "cv_pct": percent(figures.cv_pct),
    }


def _variances(pv: float, ev: float, ac: float, reasons: Reasons) -> Variances:
    sv, cv = ev - pv, ev - ac
    spi = reasons.ratio("spi", ev, pv, "PV is 0")
    cpi = reasons.ratio("cpi", ev, ac, "AC is 0")
    sv_pct = reasons.percent("sv_pct", sv, pv, "PV is 0")
    cv_pct = reasons.percent("cv_pct", cv, ev, "EV is 0")
    return Variances(pv, ev, ac, sv, cv, spi, cpi, sv_pct, cv_pct)


def variances(pv: float, ev: float, ac: float) -> Variances:
    """The variances and indices of PV, EV and AC alone (no BAC): for one period's own figures, which may be
    negative (a correction). ValueError for a non-finite amount."""
    pv, ev, ac = float(pv), float(ev), float(ac)
    for name, value in (("PV", pv), ("EV", ev), ("AC", ac)):
        check_amount(name, value, negative=True)
    reasons = Reasons()
    return replace(_variances(pv, ev, ac, reasons), reasons=tuple(sorted(reasons.items.items())))


@dataclass(frozen=True, slots=True)
class Indicators:
    """Every earned-value indicator at one status date. None: undefined, and `reason(key)` says why."""

    bac: float
    pv: float
    ev: float
    ac: float
    sv: float
    cv: float
    spi: float | None
    cpi: float | None
    sv_pct: float | None
    cv_pct: float | None
    eac_cpi: float | None
    eac_budget_rate: float | None
    eac_cpi_spi: float | None
    eac_bottom_up: float | None
    primary_method: str
    eac: float | None  # the primary EAC
    etc: float | None  # primary EAC - AC
    vac: float | None  # BAC - primary EAC
    tcpi_bac: float | None
    tcpi_eac: float | None
    earned_schedule: EarnedSchedule
    reasons: tuple[tuple[str, str], ...]  # (key, why null), sorted; dotted keys inside eac and earned_schedule

    def reason(self, key: str) -> str | None:
        """Why the indicator `key` (dotted inside eac and earned_schedule) is None; None when it has a value."""
        return dict(self.reasons).get(key)

    def eac_by(self, method: str) -> float | None:
        return {
            "cpi": self.eac_cpi,
            "budget_rate": self.eac_budget_rate,
            "cpi_spi": self.eac_cpi_spi,
            "bottom_up": self.eac_bottom_up,
        }[method]

    def to_json(self) -> dict[str, Any]:
        """The JSON contract shared with `pmcode variance` (keys sorted by the writer)."""
        return {
            "bac": money(self.bac),
            **_variances_json(self),
            "eac": {
                "cpi": money(self.eac_cpi),
                "budget_rate": money(self.eac_budget_rate),
                "cpi_spi": money(self.eac_cpi_spi),
                "bottom_up": money(self.eac_bottom_up),
                "primary": money(self.eac),
                "primary_method": self.primary_method,
            },
            "etc": money(self.etc),
            "vac": money(self.vac),
            "tcpi_bac": index(self.tcpi_bac),
            "tcpi_eac": index(self.tcpi_eac),
            "earned_schedule": self.earned_schedule.to_json(),
            "reasons": dict(self.reasons),
        }


def _nothing_earned(ev: float) -> str:
    return " (EV is 0)" if ev == 0 else ""


def _eac_cpi(bac: float, ev: float, cpi: float | None, reasons: Reasons) -> float | None:
    if cpi is None:
        reasons.undefined("eac.cpi", "cpi", "CPI is undefined")
        return None
    return reasons.ratio("eac.cpi", bac, cpi, f"CPI is 0{_nothing_earned(ev)}")


def _eac_cpi_spi(bac: float, ev: float, ac: float, v: Variances, reasons: Reasons) -> float | None:
    if v.cpi is None or v.spi is None:
        reasons.undefined("eac.cpi_spi", "cpi" if v.cpi is None else "spi", "CPI or SPI is undefined")
        return None
    remaining = reasons.ratio("eac.cpi_spi", bac - ev, v.cpi * v.spi, f"CPI x SPI is 0{_nothing_earned(ev)}")
    return None if remaining is None else reasons.finite("eac.cpi_spi", ac + remaining)


def compute_indicators(
    bac: float,
    pv: float,
    ev: float,
    ac: float,
    *,
    etc_bottom_up: float | None = None,
    eac_method: str = "cpi",
    series: PlannedSeries | None = None,
) -> Indicators:
    """All indicators from cumulative BAC, PV, EV and AC at the status date. ValueError for a negative or
    non-finite amount or an unknown EAC method; undefined indicators are None with a reason."""
    bac, pv, ev, ac = float(bac), float(pv), float(ev), float(ac)
    for name, value in (("BAC", bac), ("PV", pv), ("EV", ev), ("AC", ac)):
        check_amount(name, value)
    if etc_bottom_up is not None:
        etc_bottom_up = float(etc_bottom_up)
        check_amount("the bottom-up ETC", etc_bottom_up)
    if eac_method not in EAC_METHODS:
        raise ValueError(f"unknown EAC method '{eac_method}' (one of {', '.join(EAC_METHODS)})")
    reasons = Reasons()
    v = _variances(pv, ev, ac, reasons)
    by_method = {
        "cpi": _eac_cpi(bac, ev, v.cpi, reasons),
        "budget_rate": reasons.finite("eac.budget_rate", ac + (bac - ev)),
        "cpi_spi": _eac_cpi_spi(bac, ev, ac, v, reasons),
        "bottom_up": None if etc_bottom_up is None else reasons.finite("eac.bottom_up", ac + etc_bottom_up),
    }
    if etc_bottom_up is None:
        reasons.null("eac.bottom_up", "no bottom-up ETC given")
    eac = by_method[eac_method]
    etc = vac = tcpi_eac = None
    if eac is None:
        why = f"the primary EAC ({eac_method}) is undefined"
        reasons.null("eac.primary", reasons.items[f"eac.{eac_method}"])
        for key in ("etc", "vac", "tcpi_eac"):
            reasons.null(key, why)
    else:
        etc, vac = reasons.finite("etc", eac - ac), reasons.finite("vac", bac - eac)
        if etc is not None and etc > 0:
            tcpi_eac = reasons.ratio("tcpi_eac", bac - ev, etc, "")
        elif etc is not None:
            reasons.null("tcpi_eac", "EAC - AC is 0 or less: nothing is left to spend")
    tcpi_bac = None
    if bac - ac > 0:
        tcpi_bac = reasons.ratio("tcpi_bac", bac - ev, bac - ac, "")
    else:
        reasons.null("tcpi_bac", "BAC - AC is 0 or less: the budget is spent")
    schedule = earned_schedule(series, ev, reasons)
    return Indicators(
        bac=bac,
        pv=pv,
        ev=ev,
        ac=ac,
        sv=v.sv,
        cv=v.cv,
        spi=v.spi,
        cpi=v.cpi,
        sv_pct=v.sv_pct,
        cv_pct=v.cv_pct,
        eac_cpi=by_method["cpi"],
        eac_budget_rate=by_method["budget_rate"],
        eac_cpi_spi=by_method["cpi_spi"],
        eac_bottom_up=by_method["bottom_up"],
        primary_method=eac_method,
        eac=eac,
        etc=etc,
        vac=vac,
        tcpi_bac=tcpi_bac,
        tcpi_eac=tcpi_eac,
        earned_schedule=schedule,
        reasons=tuple(sorted(reasons.items.items())),
    )
