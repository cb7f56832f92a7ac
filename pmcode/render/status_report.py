"""`pmcode report status`: one project's status report as Markdown or as one self-contained HTML page.

Both formats render the same view (`report_view`): every figure is formatted here, once, so the two never say
different things. Data is escaped for the format it lands in: the HTML template autoescapes (no script, no
external resource, inline CSS, printable); in the Markdown template, the environment's finalize runs every printed
value through pmcode.docgen.markdown.literal (after pmcode.text.printable), so a name can never become markup, a
link or a table cell break. Grades are always an icon and a word besides any colour. Output bytes depend only on
the data.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache

import jinja2

from pmcode.docgen.markdown import literal
from pmcode.records.status.report import StatusData
from pmcode.text import printable

FORMATS = ("markdown", "html")


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: str


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _money(amount: float | None) -> str:
    return "" if amount is None else f"{amount:,.0f}"


def _slip(days: float | None) -> str:
    if days is None:
        return ""
    return "on time" if round(days, 1) <= 0 else f"+{days:.1f} working days"


def _spi_words(spi: float | None) -> str:
    if spi is None:
        return "Schedule performance: not measured yet (no baseline, or no work planned to date)."
    pace = "ahead of plan" if spi > 1.005 else "on plan" if spi >= 0.995 else "behind plan"
    return f"Schedule performance (SPI {spi:.2f}): {spi * 100:.0f}% of the work planned to date is done, {pace}."


def _cpi_words(cpi: float | None, currency: str) -> str:
    if cpi is None:
        return "Cost performance: not measured yet (no work done or no cost booked)."
    value = "under cost" if cpi > 1.005 else "on cost" if cpi >= 0.995 else "over cost"
    return (
        f"Cost performance (CPI {cpi:.2f}): each 1.00 {currency} spent has delivered {cpi:.2f} {currency} of "
        f"planned work, {value}."
    )


def _budget(data: StatusData) -> tuple[Figure, ...]:
    computed = data.computed
    if computed.bac is None:
        return ()
    variance = computed.eac - computed.bac if computed.eac is not None else None
    pct = f" ({computed.over_pct:+.1f}%)" if computed.over_pct is not None else ""
    return (
        Figure("Budget at completion", _money(computed.bac)),
        Figure("Spent to date", _money(data.actual)),
        Figure("Forecast at completion", _money(computed.eac)),
        Figure(
            "Forecast over budget" if (variance or 0) > 0.5 else "Forecast under budget",
            f"{_money(abs(variance)) if variance is not None else ''}{pct}",
        ),
    )


def report_view(data: StatusData) -> dict[str, object]:
    """Everything a template shows, formatted."""
    indicators = data.indicators
    report = data.report
    return {
        "data": data,
        "parties": [
            Figure(label, value)
            for label, value in (
                ("Customer", data.project.customer),
                ("Sponsor", data.project.sponsor),
                ("Project manager", data.manager),
            )
            if value
        ],
        "project": data.project,
        "as_of": _day(data.as_of),
        "report_date": _day(report.date) if report else "",
        "period": f"{_day(report.period_from)} to {_day(report.period_to)}" if report else "",
        "progress": f"{data.progress:.0f}% complete" if data.progress is not None else "",
        "spi": _spi_words(indicators.spi if indicators else None),
        "cpi": _cpi_words(indicators.cpi if indicators else None, data.currency),
        "budget": _budget(data),
        "milestones": [
            {
                "name": m.name,
                "baseline": _day(m.baseline),
                "forecast": _day(m.forecast),
                "slip": _slip(m.slip),
                "state": m.state,
                "icon": {"done": "\u2714", "done late": "\u2714", "at risk": "\u25b2", "on track": "\u2022"}[m.state],
            }
            for m in data.milestones
        ],
        "risks": [{**asdict(r), "score": "" if r.score is None else str(r.score)} for r in data.risks],
        "issues": [{**asdict(i), "due": _day(i.due)} for i in data.issues],
    }


_NUMBERED = re.compile(r"[0-9]+(?=[.)](?:\s|$))")  # `1. ` would start a numbered list
_MARKER = re.compile(r"(?:#|[-+=]+(?:\s|$))")  # a heading, a bullet, a setext underline


def _escape(value: object) -> str:
    """Every value a Markdown template prints: escaped for a paragraph and a table cell alike (a pipe too), on one
    line, and unable to start a block (a heading, a list) when it opens a line or a list item."""
    text = literal(printable(" ".join(str(value).split())), table=True)
    numbered = _NUMBERED.match(text)
    if numbered:
        return text[: numbered.end()] + "\\" + text[numbered.end() :]
    return "\\" + text if _MARKER.match(text) else text


@cache
def _environment(markdown: bool) -> jinja2.Environment:
    """HTML: autoescaped. Markdown: HTML autoescaping would not stop Markdown syntax, so every printed value goes
    through `_escape` instead (finalize), which escapes both."""
    if markdown:
        return jinja2.Environment(
            loader=jinja2.PackageLoader("pmcode.render", "templates"),
            autoescape=False,  # noqa: S701 - finalize escapes every value for Markdown and HTML
            finalize=_escape,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return jinja2.Environment(
        loader=jinja2.PackageLoader("pmcode.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_status_report(data: StatusData, output_format: str = "markdown") -> str:
    markdown = output_format == "markdown"
    name = "status_report.md.j2" if markdown else "status_report.html.j2"
    return _environment(markdown).get_template(name).render(**report_view(data))
