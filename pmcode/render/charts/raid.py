"""The RAID log's risk heat map: 5 x 5 cells, probability (rows, 5 at the top) by impact (columns, 5 at the right).

Each cell is shaded by its zone (low below 5, medium 5-9, significant 10-14, high 15 and above: the score is
probability x impact), writes its score in a corner and the number of risks in it in bold, and has a tooltip
listing those risks. High cells are also outlined and hatched, so the zone never rests on colour; the legend
names the zones. The zone colours are pale Okabe-Ito tints that black text reads on in both colour schemes, set
as presentation attributes (their classes are not in the shared palette: the stylesheet leaves them as they are).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmcode.render.charts.svg import chart_id, clip, isolate, render

CELL_WIDTH = 92.0
CELL_HEIGHT = 52.0
LEFT = 150.0  # the probability labels' column
TOP = 12.0
NAMED = 12  # risks named in one cell's tooltip
PROBABILITY = ("rare", "unlikely", "possible", "likely", "almost certain")
IMPACT = ("negligible", "minor", "moderate", "major", "severe")
# zone -> (label, fill); bounds are the lowest score of each zone
ZONES = (
    (15, "high", "high (15-25)", "#f4b183"),
    (10, "significant", "significant (10-14)", "#f9d9a6"),
    (5, "medium", "medium (5-9)", "#fdf1c7"),
    (1, "low", "low (1-4)", "#d5eadf"),
)


@dataclass(frozen=True, slots=True)
class PlottedRisk:
    """One risk on the map: where it sits and how the tooltip names it."""

    probability: int
    impact: int
    label: str  # "erp-upgrade: uat-late, UAT sign-off after 03-19"


@dataclass(frozen=True, slots=True)
class HeatCell:
    x: float
    y: float
    zone: str
    fill: str
    score: int
    count: int
    title: str


@dataclass(frozen=True, slots=True)
class AxisLabel:
    x: float
    y: float
    text: str


def zone_of(score: int) -> tuple[str, str, str]:
    """(zone, legend label, fill) of a score."""
    for low, zone, label, fill in ZONES:
        if score >= low:
            return zone, label, fill
    return ZONES[-1][1], ZONES[-1][2], ZONES[-1][3]


def risk_heatmap_svg(risks: Sequence[PlottedRisk], *, title: str = "Open risks by probability and impact") -> str:
    cells = []
    for row, probability in enumerate(range(5, 0, -1)):
        for column, impact in enumerate(range(1, 6)):
            inside = [r for r in risks if r.probability == probability and r.impact == impact]
            score = probability * impact
            zone, label, fill = zone_of(score)
            head = f"Probability {probability} ({PROBABILITY[probability - 1]}) x impact {impact} "
            head += f"({IMPACT[impact - 1]}) = {score}, {label.split(' ')[0]}: "
            if inside:
                named = "; ".join(isolate(r.label) for r in inside[:NAMED])
                more = f"; and {len(inside) - NAMED} more" if len(inside) > NAMED else ""
                text = f"{len(inside)} risk{'' if len(inside) == 1 else 's'}: {named}{more}"
            else:
                text = "no risk"
            x, y = LEFT + column * CELL_WIDTH, TOP + row * CELL_HEIGHT
            cells.append(HeatCell(x, y, zone, fill, score, len(inside), head + text))
    bottom = TOP + 5 * CELL_HEIGHT
    rows = [
        AxisLabel(LEFT - 8, TOP + row * CELL_HEIGHT + CELL_HEIGHT / 2 + 4, f"{p} {PROBABILITY[p - 1]}")
        for row, p in enumerate(range(5, 0, -1))
    ]
    columns = [
        AxisLabel(LEFT + column * CELL_WIDTH + CELL_WIDTH / 2, bottom + 16, f"{i} {IMPACT[i - 1]}")
        for column, i in enumerate(range(1, 6))
    ]
    width = LEFT + 5 * CELL_WIDTH + 16
    legend = [(zone, label, fill) for _, zone, label, fill in reversed(ZONES)]
    return render(
        "raid.svg.j2",
        "raid",
        id=chart_id("raid", title, tuple((r.probability, r.impact, r.label) for r in risks)),
        width=width,
        height=bottom + 84,
        left=LEFT,
        top=TOP,
        bottom=bottom,
        cell_width=CELL_WIDTH,
        cell_height=CELL_HEIGHT,
        cells=cells,
        rows=rows,
        columns=columns,
        legend=_legend_row(legend),
        legend_y=bottom + 64,
        title=clip(title, 200),
        desc=_description(risks),
    )


def _legend_row(entries: Sequence[tuple[str, str, str]]) -> list[tuple[float, str, str, str]]:
    row, x = [], 12.0
    for zone, label, fill in entries:
        row.append((x, zone, label, fill))
        x += 28.0 + len(label) * 6.2 + 16.0
    return row


def _description(risks: Sequence[PlottedRisk]) -> str:
    if not risks:
        return "No open risk with a probability and an impact score."
    counts = {zone: 0 for _, zone, _, _ in ZONES}
    for risk in risks:
        counts[zone_of(risk.probability * risk.impact)[0]] += 1
    parts = ", ".join(f"{counts[zone]} {zone}" for _, zone, _, _ in ZONES)
    high = [isolate(r.label) for r in risks if r.probability * r.impact >= ZONES[0][0]]
    text = f"{len(risks)} open risks by probability (1-5, rows) and impact (1-5, columns): {parts}."
    if high:
        text += " High: " + "; ".join(high[:NAMED]) + ("; and more." if len(high) > NAMED else ".")
    return text + " High cells are outlined and hatched; each cell writes its score and its number of risks."
