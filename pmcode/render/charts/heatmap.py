"""The staffing heat map: people x weeks, each cell the week's load as a percent of the person's capacity.

Five blue bins up to 100%; above it orange, crossed and outlined, with the number in bold, so over-allocation does
not rest on colour. A week without working time (leave, holidays) is grey and dotted. Cells stay a fixed size: many
weeks make the chart wider and its wrapper scrolls.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pmcode.render.charts.load import Cell
from pmcode.render.charts.palette import INK_ON_DARK
from pmcode.render.charts.svg import MONTHS, chart_id, clip, day_label, hours, isolate, legend, render

CELL_WIDTH = 36.0
CELL_HEIGHT = 20.0
HEADER = 40.0
CHAR_WIDTH = 6.2
LEGEND = (
    ("load-1", "1-25%"),
    ("load-2", "26-50%"),
    ("load-3", "51-75%"),
    ("load-4", "76-100%"),
    ("load-over", "over 100%"),
    ("load-none", "no working time"),
)
NAMED_OVER = 10  # people named in the text alternative


@dataclass(frozen=True, slots=True)
class HeatCell:
    x: float
    bin: str
    text: str
    ink: str
    title: str


@dataclass(frozen=True, slots=True)
class HeatRow:
    top: float
    label: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True, slots=True)
class WeekLabel:
    x: float
    label: str


def load_bin(percent: float) -> str:
    """The palette class of a load: load-0 (none booked) to load-4, load-over above 100%, load-none without time."""
    if math.isnan(percent):
        return "load-none"
    if math.isinf(percent) or round(percent) > 100:
        return "load-over"
    if percent <= 0:
        return "load-0"
    return f"load-{min(max(math.ceil(percent / 25), 1), 4)}"


def heatmap_svg(
    rows: Sequence[tuple[str, str, Sequence[float]]],
    weeks: Sequence[date],
    *,
    title: str,
    detail: Sequence[Sequence[Cell]] | None = None,
    label_width: int = 180,
) -> str:
    """People (id, display name, load % per week) x `weeks` (the weeks' first days) as a heat map. A load is NaN
    for a week without working time and infinite for hours booked in one. `detail`: per row and week (booked
    hours, capacity hours), for the tooltips (load.heatmap_rows gives both)."""
    left = float(label_width)
    width = left + CELL_WIDTH * len(weeks) + 16.0
    heat_rows = []
    for index, (_, name, loads) in enumerate(rows):
        top = HEADER + index * CELL_HEIGHT
        hours_row = detail[index] if detail is not None and index < len(detail) else ()
        cells = tuple(
            _cell(
                name,
                week,
                loads[i] if i < len(loads) else math.nan,
                hours_row[i] if i < len(hours_row) else None,
                left + i * CELL_WIDTH,
            )
            for i, week in enumerate(weeks)
        )
        heat_rows.append(HeatRow(top, clip(name, int((label_width - 12) / CHAR_WIDTH)), cells))
    bottom = HEADER + CELL_HEIGHT * len(rows)
    items, legend_height = legend(LEGEND, 8.0, max(width, 560.0))
    months = [
        WeekLabel(left + i * CELL_WIDTH, f"{MONTHS[week.month - 1]} {week.year}")
        for i, week in enumerate(weeks)
        if i == 0 or week.month != weeks[i - 1].month
    ]
    if len(months) > 1 and months[1].x - months[0].x < 64:  # the first month shows one week: no room for its name
        months.pop(0)
    return render(
        "heatmap.svg.j2",
        "heatmap",
        id=chart_id("heatmap", title, tuple((r[0], tuple(r[2])) for r in rows), tuple(weeks)),
        width=max(width, 560.0),
        height=bottom + 16 + legend_height,
        left=left,
        bottom=bottom,
        right=width - 16.0,
        rows=heat_rows,
        months=months,
        days=[WeekLabel(left + i * CELL_WIDTH, f"{week.day:02d}") for i, week in enumerate(weeks)],
        title=clip(title, 200),
        desc=_description(rows, weeks),
        legend=items,
        legend_y=bottom + 22,
    )


def _cell(name: str, week: date, percent: float, cell: Cell | None, x: float) -> HeatCell:
    kind = load_bin(percent)
    head = f"{isolate(name)}, week of {week.isoformat()}: "
    figures = f" ({hours(cell[0])} h of {hours(cell[1])} h)" if cell is not None else ""
    if kind == "load-none":
        return HeatCell(x, kind, "", "#000000", head + "no working time (leave, holidays or not available)")
    if math.isinf(percent):
        booked = f"{hours(cell[0])} h " if cell is not None else ""
        return HeatCell(x, kind, "!", "#000000", head + f"{booked}booked without working time, over-allocated")
    text = f"{percent:.0f}"
    over = ", over-allocated" if kind == "load-over" else ""
    ink = "#ffffff" if kind in INK_ON_DARK else "#000000"
    return HeatCell(x, kind, text if kind != "load-0" else "", ink, head + f"{text}%{figures}{over}")


def _description(rows: Sequence[tuple[str, str, Sequence[float]]], weeks: Sequence[date]) -> str:
    text = f"Weekly load of {len(rows)} people as a percent of their capacity"
    if weeks:
        text += f", {len(weeks)} weeks from {day_label(weeks[0])} to {day_label(weeks[-1])}"
    over = [(name, sum(1 for p in loads if load_bin(p) == "load-over")) for _, name, loads in rows]
    over = [(name, count) for name, count in over if count]
    if over:
        named = ", ".join(
            f"{isolate(name)} ({count} week{'' if count == 1 else 's'})" for name, count in over[:NAMED_OVER]
        )
        more = f" and {len(over) - NAMED_OVER} more" if len(over) > NAMED_OVER else ""
        text += f". Over-allocated: {named}{more}"
    else:
        text += ". Nobody is over-allocated"
    return text + ". Cells over 100% are orange, crossed and outlined."
