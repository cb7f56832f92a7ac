"""Earned-value indicators for a terminal (an aligned table that names each formula and says which way each
variance points) and as JSON (the contract of `Indicators.to_json`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from pmcode.evm import Indicators, round_half_away

CODE_WIDTH, FORMULA_WIDTH, VALUE_WIDTH = 8, 30, 16
SIGN_NOTE = "positive variances are favourable; indices above 1 are favourable"


def render_json(indicators: Indicators) -> str:
    return json.dumps(indicators.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _money(value: float) -> str:
    return f"{round_half_away(value, 2):,.2f}"


def _index(value: float) -> str:
    return f"{round_half_away(value, 4):.4f}"


def _percent(value: float) -> str:
    return f"{round_half_away(value, 2):.2f}%"


def _direction(value: float, neutral: float, words: tuple[str, str, str]) -> str:
    """`words` = (favourable, unfavourable, neutral), chosen on the value as shown (4 decimals)."""
    shown = round_half_away(value, 4)
    if shown > neutral:
        return words[0]
    return words[1] if shown < neutral else words[2]


SCHEDULE = ("ahead of schedule", "behind schedule", "on schedule")
COST = ("under budget", "over budget", "on budget")


class _Table:
    def __init__(self, indicators: Indicators) -> None:
        self.indicators = indicators
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        self.lines.extend(["", text])

    def row(
        self,
        code: str,
        formula: str,
        value: float | None,
        show: Callable[[float], str],
        *,
        key: str = "",
        note: str | Callable[[float], str] = "",
    ) -> None:
        if value is None:
            cell, remark = "n/a", self.indicators.reason(key) or ""
        else:
            cell, remark = show(value), note(value) if callable(note) else note
        line = f"  {code:{CODE_WIDTH}}{formula:{FORMULA_WIDTH}}{cell:>{VALUE_WIDTH}}"
        self.lines.append(f"{line}  {remark}".rstrip())

    def date_row(self, code: str, day: date | None, key: str) -> None:
        cell = "n/a" if day is None else day.isoformat()
        remark = "end of the period it falls in" if day is not None else self.indicators.reason(key) or ""
        line = f"  {code:{CODE_WIDTH}}{'as a date':{FORMULA_WIDTH}}{cell:>{VALUE_WIDTH}}"
        self.lines.append(f"{line}  {remark}".rstrip())


def render_table(indicators: Indicators) -> str:
    i, es = indicators, indicators.earned_schedule
    t = _Table(i)
    t.lines.append(f"Earned value ({SIGN_NOTE})")
    t.heading("Figures")
    t.row("BAC", "budget at completion", i.bac, _money)
    t.row("PV", "planned value", i.pv, _money)
    t.row("EV", "earned value", i.ev, _money)
    t.row("AC", "actual cost", i.ac, _money)
    t.heading("Variances and indices")
    t.row("SV", "EV - PV", i.sv, _money, note=lambda v: _direction(v, 0, SCHEDULE))
    t.row("SV%", "SV / PV", i.sv_pct, _percent, key="sv_pct")
    t.row("CV", "EV - AC", i.cv, _money, note=lambda v: _direction(v, 0, COST))
    t.row("CV%", "CV / EV", i.cv_pct, _percent, key="cv_pct")
    t.row("SPI", "EV / PV", i.spi, _index, key="spi", note=lambda v: _direction(v, 1, SCHEDULE))
    t.row("CPI", "EV / AC", i.cpi, _index, key="cpi", note=lambda v: _direction(v, 1, COST))
    t.heading(f"Forecasts (primary EAC: {i.primary_method})")
    formulas = {
        "cpi": "BAC / CPI",
        "budget_rate": "AC + (BAC - EV)",
        "cpi_spi": "AC + (BAC - EV) / (CPI x SPI)",
        "bottom_up": "AC + bottom-up ETC",
    }
    for method, formula in formulas.items():
        primary = "primary" if method == i.primary_method else ""
        t.row("EAC", formula, i.eac_by(method), _money, key=f"eac.{method}", note=primary)
    t.row("ETC", "EAC - AC", i.etc, _money, key="etc")
    t.row("VAC", "BAC - EAC", i.vac, _money, key="vac", note=lambda v: _direction(v, 0, COST))
    t.row("TCPI", "(BAC - EV) / (BAC - AC)", i.tcpi_bac, _index, key="tcpi_bac", note="needed to finish within BAC")
    t.row("TCPI", "(BAC - EV) / (EAC - AC)", i.tcpi_eac, _index, key="tcpi_eac", note="needed to finish at the EAC")
    if es.pd is None:
        t.heading(f"Earned schedule: n/a ({i.reason('earned_schedule.es')})")
    else:
        t.heading(f"Earned schedule (in periods; PD, the planned duration, is {es.pd})")
        t.row("ES", "C + I", es.es, _index, key="earned_schedule.es")
        t.row("AT", "periods elapsed", es.at, _index, key="earned_schedule.at")
        t.row(
            "SV(t)", "ES - AT", es.sv_t, _index, key="earned_schedule.sv_t", note=lambda v: _direction(v, 0, SCHEDULE)
        )
        t.row(
            "SPI(t)",
            "ES / AT",
            es.spi_t,
            _index,
            key="earned_schedule.spi_t",
            note=lambda v: _direction(v, 1, SCHEDULE),
        )
        t.row("IEAC(t)", "PD / SPI(t)", es.ieac_t, _index, key="earned_schedule.ieac_t", note="forecast duration")
        t.row("TSPI", "(PD - ES) / (PD - AT)", es.tspi, _index, key="earned_schedule.tspi")
        if es.es_date is not None:  # the series has period dates
            t.date_row("ES", es.es_date, "earned_schedule.es_date")
            t.date_row("IEAC(t)", es.ieac_t_date, "earned_schedule.ieac_t_date")
    return "\n".join(t.lines) + "\n"
