"""Hostile text in every chart: it stays text, the SVG stays well-formed XML, and Markdown leaves the chart alone.

Also: every template autoescapes, and the site stylesheet carries exactly the palette's rules."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

import markdown
import pytest
import yaml
from charts_plan import SVG, parse
from test_charts_gantt import FOUR_WEEKS, project, task

from pmcode.model import TaskKind
from pmcode.render.charts import ChartLink, gantt_svg, heatmap_svg, portfolio_timeline_svg, scurve_svg, stylesheet
from pmcode.render.charts.svg import environment, xml_text
from pmcode.schedule import Schedule

ROOT = Path(__file__).parent.parent
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    'Tom & Jerry\'s "quote" &amp; &lt;',
    "{{ 7 * 7 }} {% raw %} ${x}",
    "]]><!-- --> <![CDATA[x]]> <?xml version='1.0'?> <!DOCTYPE x [<!ENTITY a 'b'>]> &a;",
    "*bold* _em_ `code` [link](javascript:alert(1)) <b>html</b>",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u0645\u0631\u062d\u0628\u0627 \u202e reversed",
    "\U0001f680 \U0001f469\u200d\U0001f4bb \u2603\ufe0f",
    "bell\x07 escape\x1b null\x00 tab\t line\nbreak\n\npara\u2028sep \ud800 lone",
    "x" * 10_000,
]
MD_EXTENSIONS = ["tables", "admonition", "attr_list", "toc"]  # as site/mkdocs.yml


def charts_of(name: str) -> dict[str, str]:
    tasks = (
        task("a", datetime(2027, 1, 4, 9), datetime(2027, 1, 8, 17), name=name, critical=True),
        task("a.b", datetime(2027, 1, 11, 9), datetime(2027, 1, 12, 17), name=name, unscheduled=None),
        task("m", datetime(2027, 1, 12, 17), datetime(2027, 1, 12, 17), name=name, kind=TaskKind.MILESTONE),
        task("n", None, None, name=name, unscheduled=name),
    )
    planned = project(*tasks, status=date(2027, 1, 6))
    planned = type(planned)("p", name, planned.start, planned.finish, tasks)
    links = [ChartLink("a", "a.b", "FS"), ChartLink("a.b", "m", "FF")]
    baseline = {"a": (datetime(2027, 1, 4, 9), datetime(2027, 1, 6, 17))}
    return {
        "gantt": gantt_svg(planned, baseline=baseline, status_date=date(2027, 1, 6), links=links),
        "timeline": portfolio_timeline_svg(
            Schedule((planned,), (), (), False), baselines={"p": baseline["a"]}, status_date=date(2027, 1, 6)
        ),
        "heatmap": heatmap_svg(
            [(name, name, [120.0, math.nan, math.inf, 10.0])],
            [date(2027, 1, 4), date(2027, 1, 11), date(2027, 1, 18), date(2027, 1, 25)],
            title=name,
            detail=[[(48.0, 40.0), (0.0, 0.0), (8.0, 0.0), (4.0, 40.0)]],
        ),
        "scurve": scurve_svg(
            ["2027-01", "2027-02"],
            [1.0, 2.0],
            [1.0, None],
            [1.5, None],
            bac=2.0,
            eac=3.0,
            status_month="2027-01",
            currency=name,
        ),
    }


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_names_stay_inert_text(name: str) -> None:
    for kind, chart in charts_of(name).items():
        root = parse(chart)  # defusedxml: well-formed, no DTD, no entities
        elements = list(root.iter())
        tags = {element.tag.split("}")[-1] for element in elements}
        assert tags <= {
            "div", "svg", "title", "desc", "defs", "pattern", "rect", "path", "circle", "marker", "clipPath", "g",
            "text",
        }, kind  # fmt: skip
        for element in elements:
            assert not any(attribute.lower().startswith("on") for attribute in element.attrib), kind
            for value in element.attrib.values():
                assert "javascript:" not in value.lower() and "<" not in value, kind
        texts = "".join(root.itertext())
        shown = xml_text(name)[:150]  # clipped in tooltips and labels, never changed otherwise
        if len(name) < 100:
            assert shown in texts, kind
        assert "49" not in texts.replace(name, ""), kind  # {{ 7 * 7 }} was not evaluated
        assert "\n\n" not in chart.strip(), kind  # no blank line: Markdown keeps the block whole
        assert len(chart) < 120_000, kind  # a 10,000-character name is clipped, not repeated in full


@pytest.mark.parametrize("name", HOSTILE[:7], ids=range(7))
def test_markdown_passes_charts_through_untouched(name: str) -> None:
    for chart in charts_of(name).values():
        page = f"# Page\n\nBefore *text*.\n{chart}After.\n"
        html = markdown.markdown(page, extensions=MD_EXTENSIONS)
        assert chart.strip() in html
        assert "<p>After.</p>" in html


def test_wrapper_starts_at_column_zero_with_blank_lines_around() -> None:
    chart = gantt_svg(FOUR_WEEKS)
    assert chart.startswith('\n<div class="pmcode-chart pmcode-chart-gantt" markdown="0">\n<svg ')
    assert chart.endswith("</svg>\n</div>\n\n")
    svg = parse(chart)[0]
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby", "").split()
    assert [svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")] == [svg.find(f".//*[@id='{i}']") for i in ids]


def test_ids_differ_between_charts_of_one_page() -> None:
    first = gantt_svg(FOUR_WEEKS)
    other = gantt_svg(project(task("q", datetime(2027, 1, 4, 9), datetime(2027, 1, 5, 17))))
    ids = [{e.get("id") for e in parse(chart).iter() if e.get("id")} for chart in (first, other)]
    assert ids[0] and not ids[0] & ids[1]


def test_every_template_autoescapes() -> None:
    env = environment()
    assert env.autoescape is True  # for every template, whatever its name
    templates = env.list_templates()
    assert {"gantt.svg.j2", "timeline.svg.j2", "heatmap.svg.j2", "scurve.svg.j2"} <= set(templates)
    for name in templates:
        source = (ROOT / "pmcode" / "render" / "charts" / "templates" / name).read_text(encoding="utf-8")
        for escape_hatch in ("|safe", "| safe", "autoescape false", "Markup"):
            assert escape_hatch not in source, name
    assert env.from_string("{{ x }}").render(x="<a href='\x01'>") == "&lt;a href=&#39; &#39;&gt;"


def test_site_stylesheet_carries_the_palette() -> None:
    css = (ROOT / "site" / "docs" / "assets" / "pmcode.css").read_text(encoding="utf-8")
    assert stylesheet() in css  # regenerate: python -c "from pmcode.render.charts import stylesheet; ..."


def test_yaml_cannot_smuggle_markup_through_the_loader_either() -> None:
    # What a plan file can really hold: double-quoted YAML escapes give control characters and line breaks.
    name = yaml.safe_load('"a\\x07b\\nc\\u2028d <e>"')
    chart = charts_of(name)["gantt"]
    assert "a b c d &lt;e&gt;" in chart
