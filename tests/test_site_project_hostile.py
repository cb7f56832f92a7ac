"""The project page with hostile text in every field it shows: the page's Markdown, turned into HTML the way mkdocs
turns it (Python-Markdown with site/mkdocs.yml's extensions), holds no element, attribute, heading or link that
came from the plan; the text is all there, as text. The whole hostile site in a browser: tests/test_site_browser.py.
"""

from __future__ import annotations

import html.parser
from pathlib import Path

import markdown
import pytest
from site_project_plan import web_plan

from pmcode.render.site_figures import site_figures
from pmcode.render.site_project import project_page
from pmcode.validate import validate_root

HOSTILE_SITE = Path(__file__).parent / "fixtures" / "hostile-site"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"
TEMPLATE = "{{ 7*7 }} {% raw %}"
RTL = "\u202eevil\u202c \u0645\u0631\u062d\u0628\u0627 \U0001f680"
# Blank lines and a heading: text that would end an HTML block and start Markdown, if Markdown ever saw it.
BLOCK = f"</td></tr></table></div>\n\n# Injected heading\n\n{LINK} <!-- | a | b |"
SECTIONS = ["Schedule", "Milestones and deliverables", "Staffing", "Budget", "Earned value", "Findings", "Downloads"]


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def hostile(label: str) -> str:
    return quoted(f"{label} {SCRIPT} {IMG} {LINK} {TEMPLATE} {RTL}")


CHANGES = {
    "people.yaml": f"""
        roles:
          - {{id: dev, name: Developer, rate: 100}}
        people:
          - {{id: alice, name: {hostile("Alice")}, role: dev, email: alice@example.com}}
          - {{id: bob, name: {hostile("Bob")}, role: dev, units: 50%}}
    """,
    "web/project.yaml": f"""
        name: {hostile("Shop")}
        description: {quoted("Describe " + BLOCK)}
        customer: {hostile("Customer")}
        sponsor: {hostile("Sponsor")}
        manager: alice
        start: 2027-01-04
        tasks:
          - {{id: design, name: {hostile("Design")}, duration: 10d, assign: [alice]}}
          - id: build
            name: {hostile("Build")}
            tasks:
              - {{id: code, name: {hostile("Code")}, effort: 10d, assign: [alice], depends: [design]}}
              - {{id: test, name: {hostile("Test")}, duration: 5d, assign: [bob], depends: [code]}}
          - {{id: launch, name: {hostile("Launch")}, milestone: true, depends: [build], deadline: 2027-02-05}}
        deliverables:
          - {{id: shop, name: {hostile("Deliverable")}, task: launch, due: 2027-02-08, owner: bob}}
    """,
    "web/budget.yaml": f"""
        lines:
          - {{id: labor, name: {hostile("Labor")}, category: labor}}
    """,
    "web/baseline.yaml": f"""
        name: {hostile("Baseline")}
        approved: 2027-01-04
        approved_by: {hostile("Approver")}
        finish: 2027-02-05T17:00
        bac: 18000
        tasks:
          design: {{start: 2027-01-04T09:00, finish: 2027-01-15T17:00, hours: 80, cost: 8000}}
          build: {{start: 2027-01-18T09:00, finish: 2027-02-05T17:00, hours: 100, cost: 10000}}
          build.code: {{start: 2027-01-18T09:00, finish: 2027-01-29T17:00, hours: 80, cost: 8000}}
          build.test: {{start: 2027-02-01T09:00, finish: 2027-02-05T17:00, hours: 20, cost: 2000}}
          launch: {{start: 2027-02-05T17:00, finish: 2027-02-05T17:00}}
        pv:
          2027-01: 16000
          2027-02: 2000
    """,
    "web/actuals/2027-02.yaml": f"""
        period: 2027-02
        status_date: 2027-02-12
        progress: {{build.code: 75%}}
        hours:
          - {{person: alice, task: build.code, hours: 40}}
        notes:
          - about: labor
            text: {quoted("Note " + BLOCK)}
            action: {hostile("Action")}
            owner: bob
            due: 2027-02-19
          - about: build.code
            text: {hostile("Second note")}
            action: {quoted(BLOCK)}
    """,
}


class Page(html.parser.HTMLParser):
    """Elements, attributes and text of an HTML fragment, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def as_html(page: str) -> Page:
    """The page as mkdocs renders its Markdown (front matter off; site/mkdocs.yml's extensions)."""
    body = page.split("---\n", 2)[2]
    rendered = markdown.markdown(body, extensions=["tables", "admonition", "attr_list", "toc"])
    parsed = Page()
    parsed.feed(rendered)
    return parsed


def assert_inert(parsed: Page) -> None:
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "style"), (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            # pmcode's own pages, the downloads, the reference, or a mailto link: never a scheme from the plan
            assert href.startswith(("people/", "downloads/", "../reference/diagnostics.html#pm", "mailto:", "#")), href
    assert [tag for tag, _ in parsed.tags if tag == "h1"] == ["h1"]  # the page's title, the project id
    headings = [tag for tag, _ in parsed.tags if tag == "h2"]
    assert len(headings) == len(SECTIONS) + 1  # the sections and the project's name, none from the data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    portfolio, figures = web_plan(tmp_path_factory.mktemp("hostile"), CHANGES)
    return project_page(portfolio, portfolio.projects["web"], figures)


def test_every_field_stays_text(page: str) -> None:
    parsed = as_html(page)
    assert_inert(parsed)
    text = "".join(parsed.text)
    for label in ("Shop", "Customer", "Sponsor", "Alice", "Baseline", "Approver", "Launch", "Deliverable", "Bob"):
        assert f"{label} {SCRIPT} {IMG} {LINK} {TEMPLATE} {RTL}" in text, label
    assert "Action " + SCRIPT in text and "Second note " + SCRIPT in text
    assert "Labor " + SCRIPT in text  # the note's budget line, by name
    assert "# Injected heading" in text  # the note's blank lines did not end the HTML block
    assert text.count(BLOCK) >= 3  # description, note text, note action


def test_sections_are_pmcode_s_own(page: str) -> None:
    parsed = as_html(page)
    ids = [attrs.get("id") for tag, attrs in parsed.tags if tag == "h2" and attrs.get("id")]
    assert ids == [
        "schedule",
        "milestones-and-deliverables",
        "staffing",
        "budget",
        "earned-value",
        "findings",
        "downloads",
    ]


def test_the_hostile_fixture_project_pages(tmp_path: Path) -> None:
    result = validate_root(HOSTILE_SITE)
    assert result.errors == 0
    figures = site_figures(result)
    for project in result.portfolio.projects.values():
        assert_inert(as_html(project_page(result.portfolio, project, figures)))
