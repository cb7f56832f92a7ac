"""The S-curve: cumulative PV, EV and AC (EV and AC through the status month), the EAC projection, BAC, axes."""

from __future__ import annotations

from pathlib import Path

from charts_plan import find_all, svg_of
from conftest import Golden

from pmcode.render.charts import scurve_svg
from pmcode.render.charts.scurve import nice_step

GOLDEN = Path(__file__).parent / "golden" / "charts"
MONTHS = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]
PV = [100_000.0, 250_000.0, 450_000.0, 650_000.0, 800_000.0, 900_000.0]
EV = [90_000.0, 200_000.0, 380_000.0, None, None, None]
AC = [110_000.0, 260_000.0, 470_000.0, None, None, None]
# Plot area of the default 760 x 360 chart: x from 96 to 694 (6 months of 99.67 px), y from 20 to 316.
# The axis tops at 1,250,000: the EAC of 1,100,000 x 1.05 = 1,155,000 asks for ~5 steps of 231,000, rounded up to
# 250,000.
X0, MONTH, Y0, PLOT = 96.0, (760 - 96 - 70) / 6, 316.0, 360 - 20 - 44


def chart(**changes: object) -> str:
    arguments: dict[str, object] = {
        "bac": 900_000.0,
        "eac": 1_100_000.0,
        "status_month": "2027-03",
        "currency": "EUR",
        "forecast_finish": "2027-06",
    }
    arguments.update(changes)
    return scurve_svg(MONTHS, PV, EV, AC, **arguments)  # type: ignore[arg-type]


def points(path: str) -> list[tuple[float, float]]:
    pairs = path.lstrip("M").split("L")
    return [(float(a), float(b)) for a, b in (pair.split(",") for pair in pairs)]


def y_of(value: float, top: float) -> float:
    return Y0 - value / top * PLOT


def test_golden_scurve(golden: Golden) -> None:
    golden.check(GOLDEN / "scurve.html", chart())


def test_ev_and_ac_stop_at_the_status_month() -> None:
    svg = svg_of(chart())
    top = 1_250_000.0
    for kind, values in (("pv", PV), ("ev", EV[:3]), ("ac", AC[:3])):
        (series,) = find_all(svg, "g", class_=f"pmc-series-{kind}")
        (line,) = find_all(series, "path", class_=f"pmc-{kind}")
        drawn = points(line.get("d", ""))
        assert drawn[0] == (X0, Y0)  # from zero at the start of the first month
        assert len(drawn) == len(values) + 1
        for index, (value, (x, y)) in enumerate(zip(values, drawn[1:], strict=True)):
            assert abs(x - (X0 + (index + 1) * MONTH)) < 0.06
            assert abs(y - y_of(value or 0, top)) < 0.06


def test_eac_projection_runs_from_the_last_ac_point_to_the_forecast_finish() -> None:
    svg = svg_of(chart())
    (projection,) = [p for p in svg.findall("{http://www.w3.org/2000/svg}path") if p.get("class") == "pmc-eac"]
    (start, end) = points(projection.get("d", ""))
    top = 1_250_000.0
    assert abs(start[0] - (X0 + 3 * MONTH)) < 0.06 and abs(start[1] - y_of(470_000, top)) < 0.06
    assert abs(end[0] - (X0 + 6 * MONTH)) < 0.06 and abs(end[1] - y_of(1_100_000, top)) < 0.06
    assert projection.get("stroke-dasharray") not in (None, "none")


def test_axis_labels_have_thousands_separators_and_lines_differ_without_colour() -> None:
    text = chart()
    for label in ("0", "250,000", "1,000,000", "1,250,000", "Cumulative cost (EUR)", "BAC (900,000)"):
        assert f">{label}<" in text
    svg = svg_of(text)
    dashes = {
        kind: next(p.get("stroke-dasharray") for p in find_all(svg, "path", class_=f"pmc-{kind}"))
        for kind in ("pv", "ev", "ac", "eac", "bac")
    }
    assert len(set(dashes.values())) == 5
    assert find_all(svg, "circle", class_="pmc-pv-mark") and find_all(svg, "rect", class_="pmc-ev-mark")
    assert find_all(svg, "path", class_="pmc-ac-mark")
    desc = svg.findtext("{http://www.w3.org/2000/svg}desc") or ""
    assert "At the end of 2027-03: PV 450,000, EV 380,000, AC 470,000" in desc


def test_status_line_and_without_eac() -> None:
    svg = svg_of(chart(eac=None))
    assert not [p for p in svg.findall("{http://www.w3.org/2000/svg}path") if p.get("class") == "pmc-eac"]
    assert "EAC projection" not in chart(eac=None)
    (group,) = find_all(svg, "g", class_="pmc-status-line")
    (line,) = find_all(group, "path")
    assert abs(float(line.get("d", "").split(",")[0][1:]) - (X0 + 3 * MONTH)) < 0.06  # the end of March


def test_nice_steps() -> None:
    assert [nice_step(v) for v in (945_000, 1_155_000, 10, 0, 3)] == [200_000, 250_000, 2, 1, 1]


def test_deterministic_and_empty() -> None:
    assert chart() == chart()
    assert svg_of(scurve_svg([], [], [], [], bac=0, eac=None, status_month=None, currency="EUR")) is not None
