"""What every chart shares: the Jinja2 environment, number and text formatting, ids, and the Markdown-safe wrapper.

Data reaches a chart only through `{{ }}` in a template, so only through this environment: autoescaping turns
`<`, `>`, `&`, `"` and `'` into entities, and `finalize` first replaces what XML cannot hold at all (control
characters, lone surrogates, U+FFFE/U+FFFF) and every line break (a blank line inside an HTML block would end it
for Markdown) with a space. Whatever a plan's strings contain, the chart is well-formed XML and shows them as text.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from pmcode.render.charts.palette import template_colours

# Not allowed in XML 1.0 text, plus every line and paragraph separator (Markdown and str.splitlines split on them).
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TITLE_CHARS = 200  # of a data string inside a tooltip or a description: a 10,000-character name stays a name


def xml_text(value: str) -> str:
    """`value` with everything XML or a Markdown HTML block cannot carry replaced by a space."""
    return _NOT_TEXT.sub(" ", value)


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return xml_text(value)
    return value


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pmcode.render.charts", "templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["n"] = num
    return env


def render(template: str, kind: str, **context: Any) -> str:
    """Render one chart template and wrap it for a Markdown page (see `wrap`); templates read the palette as `c`."""
    return wrap(environment().get_template(template).render(c=template_colours(), **context), kind)


def wrap(svg: str, kind: str) -> str:
    """The SVG inside a `<div>` that Python-Markdown passes through untouched: it starts at column 0, blank lines
    around it, none inside (empty template lines are dropped; data holds no line breaks, see `xml_text`)."""
    body = "\n".join(line for line in svg.split("\n") if line.strip())
    return f'\n<div class="pmcode-chart pmcode-chart-{kind}" markdown="0">\n{body}\n</div>\n\n'


def num(value: float) -> str:
    """A coordinate: one decimal at most, no `-0`, the same text for the same value on every platform."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    text = f"{rounded:.1f}"
    return text[:-2] if text.endswith(".0") else text


def amount(value: float) -> str:
    """Money on an axis or in a text alternative: whole units with thousands separators."""
    return f"{value:,.0f}"


def hours(value: float) -> str:
    """Hours with at most one decimal: 40, 12.5."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut."""
    limit = max(limit, 1)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def isolate(text: str) -> str:
    """A data string placed inside a sentence: clipped, and isolated so right-to-left text keeps the sentence's
    order (FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE)."""
    return f"\u2068{clip(text, TITLE_CHARS)}\u2069"


def stamp(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def chart_id(kind: str, *parts: object) -> str:
    """An id prefix for a chart's <title>, patterns and markers: unique per input, so several charts on one page
    do not share ids, and the same input gives the same id."""
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"pmc-{kind}-{digest}"


@dataclass(frozen=True, slots=True)
class LegendItem:
    kind: str  # what the swatch shows (see _common.svg.j2)
    label: str
    x: float
    dy: float  # below the legend's first line


LEGEND_LINE = 18.0


def legend(entries: Sequence[tuple[str, str]], left: float, width: float) -> tuple[list[LegendItem], float]:
    """Legend entries (kind, label) laid out left to right, wrapping at `width`; and the legend's height."""
    items: list[LegendItem] = []
    x, dy = left, 0.0
    for kind, label in entries:
        size = 28.0 + len(label) * 6.2 + 16.0
        if x + size > width and x > left:
            x, dy = left, dy + LEGEND_LINE
        items.append(LegendItem(kind, label, x, dy))
        x += size
    return items, dy + LEGEND_LINE


def finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)
