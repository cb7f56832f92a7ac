"""Charts for the site as inline SVG: pure functions from schedule and money figures to Markdown-safe strings.

- `gantt_svg(project_schedule, baseline=..., status_date=..., links=..., workday=...)` (gantt.py), with
  `gantt_inputs(portfolio, project_id)` (inputs.py) reading links, baseline dates and the working day from the model;
- `portfolio_timeline_svg(schedule, baselines=..., status_date=...)` (timeline.py): a bar per project;
- `heatmap_svg(rows, weeks, title=..., detail=...)` (heatmap.py): people x weeks, load as % of capacity, with
  `weekly_load(portfolio, schedule, weeks)` and `heatmap_rows(loads)` (load.py) computing it from a schedule;
- `scurve_svg(months, pv, ev, ac, bac=..., eac=..., status_month=..., currency=...)` (scurve.py): cumulative
  PV, EV and AC with the EAC projection;
- `finish_distribution_svg(days, p50=..., p80=..., planned=..., deadline=...)`, `cost_distribution_svg(costs, ...)`
  and `tornado_svg(rows)` (risk.py): the Monte Carlo histograms with P50/P80/plan markers, and task sensitivities.

Each returns one `<svg>` inside `<div class="pmcode-chart ..." markdown="0">`, starting at column 0 with blank lines
around it and none inside, so Python-Markdown passes it through as a raw HTML block. Templates are Jinja2 with
autoescaping (svg.py); colours come from one palette (palette.py), mirrored in site/docs/assets/pmcode.css.
No I/O, no clock, no JavaScript: the same input gives the same bytes.
"""

from __future__ import annotations

from pmcode.render.charts.gantt import gantt_svg
from pmcode.render.charts.heatmap import heatmap_svg
from pmcode.render.charts.inputs import ChartLink, GanttInputs, baseline_dates, baseline_span, gantt_inputs
from pmcode.render.charts.load import PersonLoad, heatmap_rows, week_starts, weekly_load
from pmcode.render.charts.palette import stylesheet
from pmcode.render.charts.risk import cost_distribution_svg, finish_distribution_svg, tornado_svg
from pmcode.render.charts.scurve import scurve_svg
from pmcode.render.charts.timeline import portfolio_timeline_svg

__all__ = [
    "ChartLink",
    "GanttInputs",
    "PersonLoad",
    "baseline_dates",
    "baseline_span",
    "cost_distribution_svg",
    "finish_distribution_svg",
    "gantt_inputs",
    "gantt_svg",
    "heatmap_rows",
    "heatmap_svg",
    "portfolio_timeline_svg",
    "scurve_svg",
    "stylesheet",
    "tornado_svg",
    "week_starts",
    "weekly_load",
]
