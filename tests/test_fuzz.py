"""Random and mutated input for the loader and validator: whatever the files hold, `validate_root` returns.

The property, for every input: no exception; every diagnostic has a 1-based position, a file under the root and a
code from pmcode.codes; and the text output is one printable line per diagnostic (a file cannot inject terminal
escapes or break a line).
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import trees

from pmcode.codes import CODES
from pmcode.render.diagnostics import render_text
from pmcode.validate import validate_root

FUZZ = settings(
    max_examples=1000,
    deadline=timedelta(seconds=3),  # generous for a loaded machine; a slow input is a finding too
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PORTFOLIO = "name: Northwind IT portfolio\ncurrency: USD\nstatus_date: 2027-02-15\ncalendar: standard\n"
VALID = {
    "portfolio.yaml": PORTFOLIO,
    "calendars.yaml": (
        "calendars:\n"
        "  - id: standard\n"
        "    workdays: [mon, tue, wed, thu, fri]\n"
        '    hours: ["09:00-12:00", "13:00-17:00"]\n'
        '    week: {fri: ["09:00-13:00"]}\n'
        "    holidays: {country: US, dates: [2027-01-06, {date: 2027-12-24, name: Eve}]}\n"
    ),
    "people.yaml": (
        "roles:\n"
        "  - {id: developer, rate: 95}\n"
        "people:\n"
        "  - id: alice\n"
        "    name: Alice Chen\n"
        "    role: developer\n"
        "    units: 100%\n"
        "    leave: [{from: 2027-01-06, to: 2027-01-07, reason: vacation}]\n"
        "    available: {from: 2026-06-01, to: 2027-12-31}\n"
        "  - {id: bob, name: Bob Stone, role: developer, units: 50%}\n"
    ),
    "erp/project.yaml": (
        "name: ERP upgrade\n"
        "manager: alice\n"
        "start: 2027-01-04\n"
        "tasks:\n"
        "  - id: design\n"
        "    name: Solution design\n"
        "    effort: 10d\n"
        "    assign: [alice, {person: bob, units: 50%}]\n"
        "  - {id: build, name: Build, duration: 15d, depends: [design], line: licences}\n"
        "  - {id: migrate, name: Migrate, duration: 5d, depends: [{task: design, type: SS, lag: 2d}]}\n"
        "  - {id: golive, name: Go-live, milestone: true, depends: [build, migrate], deadline: 2027-04-30}\n"
        "  - id: hypercare\n"
        "    name: Hypercare\n"
        "    tasks:\n"
        "      - {id: support, name: Floor support, duration: 2w, depends: [golive]}\n"
        "      - {id: close, name: Close-out, duration: 2d, depends: [support], alap: true}\n"
        "deliverables:\n"
        "  - {id: design-doc, name: Design document, task: design, owner: alice, due: 2027-02-15}\n"
    ),
    "erp/budget.yaml": (
        "lines:\n"
        "  - {id: labor, category: labor}\n"
        "  - {id: licences, category: software, amount: 12000, on: 2027-01-15}\n"
        "  - {id: cloud, category: infrastructure, monthly: 4200, from: 2027-02, to: 2027-12}\n"
        "reserves: {contingency: 10%, management: 50000}\n"
        "annual: {FY2027: {capex: 400000, opex: 250000}}\n"
    ),
    "erp/actuals/2027-01.yaml": (
        "period: 2027-01\n"
        "progress: {design: 100%, build: 40%}\n"
        "actual: {design: {start: 2027-01-04, finish: 2027-01-15}}\n"
        "hours: [{person: alice, task: design, hours: 80}]\n"
        "costs: [{line: licences, amount: 12000, ref: INV-1}]\n"
        "notes: [{about: licences, text: Paid early}]\n"
    ),
    "erp/baseline.yaml": "tasks:\n  design: {start: 2027-01-04T09:00, finish: 2027-01-15T17:00, hours: 80}\n",
}


def check(files: dict[str, str | bytes]) -> None:
    """Validate `files` (relative path -> content) as a portfolio root and check the property."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
        result = validate_root(root, "CASE")
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1, diagnostic
        assert diagnostic.col >= 1, diagnostic
        assert diagnostic.code in CODES, diagnostic
        assert diagnostic.file.startswith("CASE/"), diagnostic
    lines = render_text(result.diagnostics).splitlines()
    assert len(lines) == len(result.diagnostics)
    assert all(line.isprintable() for line in lines), [line for line in lines if not line.isprintable()]


def test_the_valid_portfolio_is_valid() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for relative, content in VALID.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(content)
        assert validate_root(root).diagnostics == ()  # else the mutations below start from a broken plan


# --- (a) arbitrary text and bytes as project.yaml

YAMLISH = st.lists(
    st.sampled_from(
        [
            *":-[]{}&*!|>'\"#%@,?~\t\n ",
            *("\r\n", "- ", ": ", "  ", "---", "...", "!!str", "!!python/object", "tasks", "id", "name", "depends"),
            *("2027-01-04", "5d", "true", "null", "1e400", ".nan", "\x00", "\ufeff", "\u2028", "\x85", "é", "\x1b[2J"),
            *("&a", "*a", "<<", "%YAML 1.1", "%TAG ! tag:x,2000:", "0x1F"),
        ]
    ),
    max_size=60,
).map("".join)


@FUZZ
@given(text=st.one_of(st.text(), YAMLISH))
def test_any_text_as_project_yaml(text: str) -> None:
    check({"portfolio.yaml": PORTFOLIO, "erp/project.yaml": text})


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_project_yaml(raw: bytes) -> None:
    check({"portfolio.yaml": PORTFOLIO, "erp/project.yaml": raw})


# --- (b) mutations of a valid portfolio

PUNCTUATION = [*":-[]{}&*!|>'\"#%@", "\t", "\n", " ", "\\", "\x00", "\x1b"]
MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
    st.tuples(st.just("delete-line"), st.integers(min_value=0)),
    st.tuples(st.just("duplicate-line"), st.integers(min_value=0)),
    st.tuples(st.just("swap-lines"), st.integers(min_value=0), st.integers(min_value=0)),
    st.tuples(st.just("truncate"), st.integers(min_value=0)),
    st.tuples(st.just("insert"), st.integers(min_value=0), st.sampled_from(PUNCTUATION)),
)


def mutate(raw: bytes, mutation: tuple[Any, ...]) -> bytes:
    kind, at = mutation[0], mutation[1]
    lines = raw.split(b"\n")
    if kind == "flip" and raw:
        at %= len(raw)
        return raw[:at] + bytes([raw[at] ^ mutation[2]]) + raw[at + 1 :]
    if kind == "delete-line":
        del lines[at % len(lines)]
    elif kind == "duplicate-line":
        lines.insert(at % len(lines), lines[at % len(lines)])
    elif kind == "swap-lines":
        a, b = at % len(lines), mutation[2] % len(lines)
        lines[a], lines[b] = lines[b], lines[a]
    elif kind == "truncate":
        return raw[: at % (len(raw) + 1)]
    elif kind == "insert":
        at %= len(raw) + 1
        return raw[:at] + mutation[2].encode() + raw[at:]
    return b"\n".join(lines)


@FUZZ
@given(target=st.sampled_from(sorted(VALID)), mutations=st.lists(MUTATION, min_size=1, max_size=5))
def test_mutated_portfolio(target: str, mutations: list[tuple[Any, ...]]) -> None:
    raw = VALID[target].encode()
    for mutation in mutations:
        raw = mutate(raw, mutation)
    check({**VALID, target: raw})


# --- (c) random JSON-like trees as any file

KEYS = [
    *("name", "id", "tasks", "depends", "assign", "duration", "effort", "milestone", "start", "status_date"),
    *("calendar", "calendars", "people", "roles", "role", "rate", "units", "leave", "from", "to", "available"),
    *("workdays", "hours", "week", "holidays", "country", "subdiv", "dates", "lines", "category", "amount", "on"),
    *("monthly", "period", "progress", "actual", "costs", "notes", "about", "text", "line", "task", "person"),
    *("type", "lag", "alap", "deadline", "priority", "manager", "currency", "reserves", "contingency", "finish"),
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(),  # with nan and infinities
    st.sampled_from(["design", "build", "hypercare.support", "erp:golive", "alice", "bob", "standard", "labor"]),
    st.sampled_from(["2027-01-04", "2027-02-30", "2027-02", "5d", "-2d", "0h", "50%", "0%", "09:00-17:00"]),
    st.sampled_from(["17:00-09:00", "00:00-24:00", "US", "CA", "FS", "SS", "mon", "sat", "software", "USD"]),
    st.text(max_size=12),
)
TREES = trees(SCALARS, KEYS, key_size=6, max_leaves=25)


def mostly(valid: list[Any]) -> st.SearchStrategy[Any]:
    """Mostly one of `valid`, sometimes any scalar: plans valid enough for the plan rules to judge them."""
    return st.sampled_from([True] * 9 + [False]).flatmap(lambda ok: st.sampled_from(valid) if ok else SCALARS)


REFS = ["design", "build", "golive", "child", "build.child", "design.child", "erp:design", "erp:golive", "crm:x"]
DEPENDENCY = st.one_of(
    mostly(REFS),
    st.fixed_dictionaries(
        {"task": mostly(REFS)},
        optional={"type": mostly(["FS", "SS", "FF", "SF"]), "lag": mostly(["2d", "-1d", "50%", "3ed", "0h"])},
    ),
)
DATES = ["2026-12-01", "2027-01-04", "2027-02-15", "2027-06-30"]


def task(children: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A task-shaped mapping whose values are mostly valid, so that the plan rules get to judge it."""
    return st.fixed_dictionaries(
        {"id": st.sampled_from(["design", "build", "golive", "child"]), "name": st.just("Task")},
        optional={
            "duration": mostly(["5d", "0.5d", "3ed", "2w", "0h", "1mo", "999999d"]),
            "effort": mostly(["10d", "4h", "0d"]),
            "milestone": mostly([True, False]),
            "assign": st.lists(
                st.one_of(mostly(["alice", "bob", "carol"]), st.just({"person": "bob", "units": "50%"}))
            ),
            "depends": st.lists(DEPENDENCY, max_size=3),
            "tasks": children,
            "alap": mostly([True, False]),
            "start": mostly(DATES),
            "deadline": mostly(DATES),
            "priority": mostly([0, 500, 1000]),
            "line": mostly(["labor", "licences", "cloud", "hardware"]),
        },
    )


TASK = task(st.lists(task(st.just([])), max_size=2))
PROJECT = st.fixed_dictionaries(
    {"name": st.just("ERP"), "start": mostly(DATES), "tasks": st.lists(TASK, max_size=5)},
    optional={"status_date": mostly(DATES), "manager": mostly(["alice", "carol"]), "calendar": mostly(["standard"])},
)
FILES = ["portfolio.yaml", "calendars.yaml", "people.yaml", "erp/project.yaml", "erp/budget.yaml"]
FILES += ["erp/actuals/2027-01.yaml", "erp/baseline.yaml"]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value used twice is written twice, not as an anchor and alias (which pmcode refuses)


def dump(tree: Any) -> str:
    return yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


@FUZZ
@given(target=st.sampled_from(FILES), tree=TREES)
def test_random_tree_as_any_file(target: str, tree: Any) -> None:
    check({**VALID, target: dump(tree)})


@FUZZ
@given(project=PROJECT)
def test_random_project_shaped_tree(project: dict[str, Any]) -> None:
    check({**VALID, "erp/project.yaml": dump(project)})
