"""`pmcode evm`: earned-value indicators from figures typed in, for what-if questions and textbook checks."""

from __future__ import annotations

import math
import sys
from datetime import date

import click

from pmcode.evm import EAC_METHODS, PlannedSeries, compute_indicators
from pmcode.evm.months import LAST_YEAR, month_end, parse_month
from pmcode.render.evm_table import render_json, render_table

FORMATS = ("table", "json")
MAX_AMOUNT = 1e15  # a thousand trillion: past any budget, and still exact to the cent as a float
MAX_PERIODS = 10_000
SERIES_TOLERANCE = 0.005  # half a cent: the series must end at BAC, as typed


def _number(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a finite number")
    return value


def _amount(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """An amount of money: a plain number, 0 or more, at most 10^15."""
    if value is None:
        return None
    try:
        amount = _number(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    if amount < 0:
        raise click.BadParameter(f"{amount:g} is negative: amounts are 0 or more")
    if amount > MAX_AMOUNT:
        raise click.BadParameter(f"{amount:g} is more than {MAX_AMOUNT:g}")
    return amount


def _periods(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """A count of periods: a number, 0 or more (fractions allowed)."""
    if value is None:
        return None
    try:
        periods = _number(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    if periods < 0:
        raise click.BadParameter(f"{periods:g} is negative")
    return periods


def _series(text: str, bac: float, fractions: bool) -> tuple[float, ...]:
    items = text.split(",")
    if len(items) > MAX_PERIODS:
        raise click.BadParameter(f"{len(items)} periods; at most {MAX_PERIODS}", param_hint="'--pv-series'")
    values: list[float] = []
    for position, item in enumerate(items, start=1):
        try:
            value = _number(item)
        except ValueError as error:
            raise click.BadParameter(f"value {position}: {error}", param_hint="'--pv-series'") from None
        if value < 0:
            raise click.BadParameter(f"value {position} ({value:g}) is negative", param_hint="'--pv-series'")
        if fractions and value > 1:
            raise click.BadParameter(
                f"value {position} ({value:g}) is above 1: with --pv-fractions each value is a fraction of BAC",
                param_hint="'--pv-series'",
            )
        values.append(value)
    expected, tolerance = (1.0, 1e-9) if fractions else (bac, SERIES_TOLERANCE)
    if abs(values[-1] - expected) > tolerance:
        what = "1 (all of BAC)" if fractions else f"BAC ({bac:g})"
        raise click.BadParameter(
            f"the last value is {values[-1]:g}: a cumulative PV series ends at {what}; repeat that value for "
            "periods after the planned finish",
            param_hint="'--pv-series'",
        )
    return tuple(v * bac for v in values) if fractions else tuple(values)


def _period_ends(first_month: str, count: int) -> tuple[date, ...]:
    try:
        first = parse_month(first_month)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--first-month'") from None
    if (first + count - 1) // 12 > LAST_YEAR:
        raise click.BadParameter(
            f"{count} periods from {first_month} end after {LAST_YEAR}", param_hint="'--first-month'"
        )
    return tuple(month_end(first + k) for k in range(count))


@click.command()
@click.option("--bac", metavar="AMOUNT", callback=_amount, required=True, help="Budget at completion.")
@click.option(
    "--pv", metavar="AMOUNT", callback=_amount, help="Planned value to date (default: the PV series at --at)."
)
@click.option("--ev", metavar="AMOUNT", callback=_amount, required=True, help="Earned value to date.")
@click.option("--ac", metavar="AMOUNT", callback=_amount, required=True, help="Actual cost to date.")
@click.option(
    "--pv-series",
    metavar="A,B,C",
    help="Cumulative PV at the end of each period (month), ending at BAC; turns on earned schedule.",
)
@click.option("--pv-fractions", is_flag=True, help="Read --pv-series as fractions of BAC (0.1,0.25,...,1).")
@click.option(
    "--at",
    "at",
    metavar="PERIODS",
    callback=_periods,
    help="Actual time: periods elapsed at the status date (with --pv-series).",
)
@click.option("--first-month", metavar="YYYY-MM", help="The month of period 1: ES and IEAC(t) also as dates.")
@click.option(
    "--etc", metavar="AMOUNT", callback=_amount, help="Bottom-up estimate to complete (for the bottom_up EAC)."
)
@click.option("--eac-method", type=click.Choice(EAC_METHODS), default="cpi", show_default=True, help="The primary EAC.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
def evm(
    bac: float,
    pv: float | None,
    ev: float,
    ac: float,
    pv_series: str | None,
    pv_fractions: bool,
    at: float | None,
    first_month: str | None,
    etc: float | None,
    eac_method: str,
    output_format: str,
) -> None:
    """Earned-value indicators from figures typed in, for what-if questions and textbook checks.

    SV, CV, SPI, CPI, the four EACs, ETC, VAC and TCPI; with --pv-series and --at, earned schedule too. Amounts
    are cumulative to the status date. Positive variances are favourable. An indicator that is undefined (a
    division by zero) shows as n/a, or null in JSON, with the reason. Exit status: 0, or 2 for bad input.
    """
    series = None
    if (pv_series is None) != (at is None):
        raise click.UsageError("--pv-series and --at go together: earned schedule needs both")
    if pv_fractions and pv_series is None:
        raise click.UsageError("--pv-fractions describes --pv-series, which is missing")
    if first_month is not None and pv_series is None:
        raise click.UsageError("--first-month dates the periods of --pv-series, which is missing")
    if eac_method == "bottom_up" and etc is None:
        raise click.UsageError("--eac-method bottom_up needs --etc, the bottom-up estimate to complete")
    if pv_series is not None and at is not None:
        values = _series(pv_series, bac, pv_fractions)
        ends = () if first_month is None else _period_ends(first_month, len(values))
        try:
            series = PlannedSeries(values, at, ends)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
        pv = _checked_pv(pv, series)
    if pv is None:
        raise click.UsageError("--pv is required (or give --pv-series and --at to read it from the series)")
    indicators = compute_indicators(bac, pv, ev, ac, etc_bottom_up=etc, eac_method=eac_method, series=series)
    sys.stdout.write(render_json(indicators) if output_format == "json" else render_table(indicators))


def _checked_pv(pv: float | None, series: PlannedSeries) -> float:
    """PV from the series at AT; a PV typed as well must agree with it at a whole period."""
    from_series = series.planned_at(series.at)
    if pv is None:
        return from_series
    if series.at == int(series.at) and abs(pv - from_series) > SERIES_TOLERANCE:
        raise click.UsageError(
            f"--pv {pv:g} is not the PV series at period {series.at:g} ({from_series:g}): give one or make them agree"
        )
    return pv
