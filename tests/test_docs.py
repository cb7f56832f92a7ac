"""Docs that cannot drift: the reference pages are generated from the code, and these tests fail when they are stale
or when the code has something undocumented (a schema key without description or example, an unlisted code, a
command missing from the CLI page)."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

import click
import markdown
import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from pmcode.cli import cli
from pmcode.codes import CODES
from pmcode.docgen import build_pages, write_pages
from pmcode.docgen.markdown import prose
from pmcode.docgen.schema_doc import page_example
from pmcode.docgen.schema_walk import Schemas, walk
from pmcode.docgen.snippets import to_yaml
from pmcode.load import FileKind
from pmcode.load.yamlsafe import parse
from pmcode.resources import load_schemas

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "site" / "docs" / "reference"
SCHEMAS = load_schemas()
SCHEMA_KEYWORDS = ("properties", "patternProperties", "definitions", "dependencies")
SUBSCHEMA_KEYWORDS = ("items", "additionalItems", "additionalProperties", "contains", "propertyNames", "not")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return build_pages()


# (a) the committed pages are what the code generates


def test_reference_pages_are_up_to_date(tmp_path: Path) -> None:
    write_pages(tmp_path)
    generated = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    committed = {
        p.relative_to(REFERENCE).as_posix(): p.read_bytes() for p in sorted(REFERENCE.rglob("*")) if p.is_file()
    }
    stale = sorted(name for name in generated.keys() | committed.keys() if generated.get(name) != committed.get(name))
    diff = [
        line
        for name in stale
        for line in difflib.unified_diff(
            committed.get(name, b"").decode("utf-8", "replace").splitlines(),
            generated.get(name, b"").decode("utf-8", "replace").splitlines(),
            f"committed/{name}",
            f"generated/{name}",
            lineterm="",
        )
    ]
    assert not stale, f"site/docs/reference is out of date ({', '.join(stale)}): run make docs\n" + "\n".join(diff[:60])


def test_generation_is_deterministic(pages: dict[str, str]) -> None:
    assert build_pages() == pages


# (b), (c), (f) the schemas document themselves


def _pointer(*tokens: str) -> str:
    return "".join("/" + quote(t.replace("~", "~0").replace("/", "~1"), safe="") for t in tokens)


def _nodes(node: Any, tokens: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every subschema with its JSON-pointer tokens, whatever keyword holds it."""
    if not isinstance(node, dict):
        return
    yield tokens, node
    for keyword in SCHEMA_KEYWORDS:
        for name, sub in node.get(keyword, {}).items():
            yield from _nodes(sub, (*tokens, keyword, name))
    for keyword in SUBSCHEMA_KEYWORDS:
        yield from _nodes(node.get(keyword), (*tokens, keyword))
    for keyword in ("anyOf", "oneOf", "allOf", "items"):
        if isinstance(node.get(keyword), list):
            for index, sub in enumerate(node[keyword]):
                yield from _nodes(sub, (*tokens, keyword, str(index)))


ALL_NODES = [(file, tokens, node) for file, schema in SCHEMAS.items() for tokens, node in _nodes(schema)]
PROPERTIES = [
    pytest.param(file, tokens, node, id=f"{file}#{'/'.join(tokens)}")
    for file, tokens, node in ALL_NODES
    if len(tokens) >= 2 and tokens[-2] in ("properties", "patternProperties")
]
EXAMPLES = [
    pytest.param(file, tokens, index, example, id=f"{file}#{'/'.join(tokens)}[{index}]")
    for file, tokens, node in ALL_NODES
    for index, example in enumerate(node.get("examples", []))
]


@pytest.fixture(scope="module")
def registry() -> Registry[Any]:
    return Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT7)) for name, schema in SCHEMAS.items()
    )


@pytest.mark.parametrize(("file", "tokens", "node"), PROPERTIES)
def test_every_property_has_description_and_examples(file: str, tokens: tuple[str, ...], node: dict[str, Any]) -> None:
    assert str(node.get("description", "")).strip(), f"{file}#/{'/'.join(tokens)} has no description"
    examples = node.get("examples")
    assert isinstance(examples, list) and examples, f"{file}#/{'/'.join(tokens)} has no examples"


@pytest.mark.parametrize(("file", "tokens", "index", "example"), EXAMPLES)
def test_every_example_is_valid(
    registry: Registry[Any], file: str, tokens: tuple[str, ...], index: int, example: Any
) -> None:
    # A `$ref` to the node itself, so that its own `$ref`s resolve against the file it is in.
    validator = Draft7Validator(
        {"$ref": f"{file}#{_pointer(*tokens)}"}, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(example)]
    assert not errors, f"example {index} of {file}#/{'/'.join(tokens)} fails its own schema: {errors}"


@pytest.mark.parametrize("kind", list(FileKind))
def test_page_example_is_a_valid_file(registry: Registry[Any], kind: FileKind) -> None:
    schemas = Schemas(SCHEMAS)
    example = page_example(schemas.view(SCHEMAS[kind.schema_file], kind.schema_file))
    validator = Draft7Validator(
        SCHEMAS[kind.schema_file], registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(example)] == []


@pytest.mark.parametrize(("file", "tokens", "index", "example"), EXAMPLES)
def test_example_snippets_read_back_as_the_example(
    file: str, tokens: tuple[str, ...], index: int, example: Any
) -> None:
    data, _, problems = parse(to_yaml({"key": example}))
    assert not problems
    assert data == {"key": example}


@pytest.mark.parametrize("file", sorted(SCHEMAS))
def test_every_schema_is_valid_draft7(file: str) -> None:
    Draft7Validator.check_schema(SCHEMAS[file])


@pytest.mark.parametrize("file", sorted(SCHEMAS))
def test_root_and_definitions_are_described(file: str) -> None:
    schema = SCHEMAS[file]
    assert str(schema.get("description", "")).strip(), f"{file} has no description"
    undescribed = [name for name, node in schema.get("definitions", {}).items() if not node.get("description")]
    assert not undescribed, f"{file}: definitions without a description: {undescribed}"


@pytest.mark.parametrize("file", sorted(SCHEMAS))
def test_every_documented_key_has_a_description(file: str) -> None:
    schemas = Schemas(SCHEMAS)
    root = schemas.view(SCHEMAS[file], file)
    entries = list(walk(root))
    for name, node in SCHEMAS[file].get("definitions", {}).items():
        entries += walk(root.sub(node), name)
    assert [e.path for e in entries if not e.view.description] == []


def test_every_file_kind_has_a_page(pages: dict[str, str]) -> None:
    for kind in FileKind:
        assert f"schema/{kind.value}.md" in pages
        assert "$schema=" in pages[f"schema/{kind.value}.md"]
        assert f"](schema/{kind.value}.md)" in pages["index.md"]


# (d) diagnostic codes


def test_every_code_used_is_in_the_table() -> None:
    used: dict[str, list[str]] = {}
    for path in sorted((REPO / "pmcode").rglob("*.py")):
        for code in re.findall(r"\bPM[0-9]{3}\b", path.read_text(encoding="utf-8")):
            used.setdefault(code, []).append(path.relative_to(REPO).as_posix())
    unknown = {code: files for code, files in used.items() if code not in CODES}
    assert not unknown, f"codes used but missing from pmcode/codes.py: {unknown}"


def test_every_code_is_documented(pages: dict[str, str]) -> None:
    page = pages["diagnostics.md"]
    for code in CODES.values():
        assert f'<a id="{code.code.lower()}"></a>{code.code}: ' in page
        assert f"[{code.code}](#{code.code.lower()})" in page


# (e) commands


def _commands(
    command: click.Command, name: str, parent: click.Context | None = None
) -> Iterator[tuple[str, click.Command]]:
    """The command tree as users reach it (make_context applies each command's context settings)."""
    with command.make_context(name, [], parent=parent, resilient_parsing=True) as ctx:
        yield ctx.command_path, command
        if isinstance(command, click.Group):
            for sub_name in command.list_commands(ctx):
                sub = command.get_command(ctx, sub_name)
                if sub is not None and not sub.hidden:
                    yield from _commands(sub, sub_name, ctx)


@pytest.mark.parametrize(("path", "command"), [pytest.param(p, c, id=p) for p, c in _commands(cli, "pmcode")])
def test_every_command_is_documented(pages: dict[str, str], path: str, command: click.Command) -> None:
    sections = {s.split("\n", 1)[0]: s for s in pages["cli.md"].split("\n## ")[1:]}
    heading = f'<a id="{path.replace(" ", "-")}"></a>`{path}`'
    assert heading in sections, f"{path} is missing from cli.md: run make docs"
    section = sections[heading]
    assert f"Usage: {path} " in section
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            for flag in param.opts + param.secondary_opts:
                assert flag in section, f"{path}: option {flag} is missing from cli.md"


# The Markdown renders as intended: nothing read as HTML, no table broken by a stray pipe


class _Html(HTMLParser):
    ALLOWED: ClassVar[set[str]] = {"a", "code", "em", "h1", "h2", "h3", "li", "p", "pre", "strong", "ul"}
    ALLOWED |= {"table", "thead", "tbody", "tr", "th", "td"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.rows: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append(0)
        elif tag in ("td", "th"):
            self.rows[-1] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("name", sorted(build_pages()))
def test_pages_render_literally(pages: dict[str, str], name: str) -> None:
    rendered = markdown.markdown(pages[name], extensions=["tables", "fenced_code", "toc"])
    html = _Html()
    html.feed(rendered)
    assert html.tags <= _Html.ALLOWED, f"{name}: unexpected HTML {html.tags - _Html.ALLOWED}"
    tables = re.findall(r"<table>.*?</table>", rendered, re.DOTALL)
    for table in tables:
        cells = _Html()
        cells.feed(table)
        assert len(set(cells.rows)) == 1, f"{name}: a table row has the wrong number of cells"


def test_angle_brackets_are_shown(pages: dict[str, str]) -> None:
    html = _Html()
    html.feed(markdown.markdown(pages["schema/project.md"], extensions=["tables", "fenced_code", "toc"]))
    assert "<project>/project.yaml" in "".join(html.text)


def test_links_and_anchors_resolve(pages: dict[str, str]) -> None:
    broken = []
    for name, text in pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            path, _, fragment = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if resolved not in pages or (fragment and f'<a id="{fragment}"></a>' not in pages[resolved]):
                broken.append(f"{name}: {target}")
    assert broken == []


@pytest.mark.parametrize(
    ("text", "table", "expected"),
    [
        ("`<project>/project.yaml` holds it", False, "`<project>/project.yaml` holds it"),
        ("<project>/project.yaml & *all* [x](y)", False, "&lt;project&gt;/project.yaml &amp; \\*all\\* \\[x\\](y)"),
        ("a | b `c|d`", True, "a \\| b <code>c&#124;d</code>"),
        ("a | b `c|d`", False, "a | b `c|d`"),
        ("one ` stray backtick", False, "one \\` stray backtick"),
        ("- not a list\nnor two lines", False, "\\- not a list nor two lines"),
    ],
)
def test_prose_is_shown_literally(text: str, table: bool, expected: str) -> None:
    assert prose(text, table) == expected
