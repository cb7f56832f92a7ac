"""The file-format reference: one page per file kind, and one for the shared value types, from the JSON Schemas.

Every word on these pages comes from the schemas (descriptions, examples, patterns and their messages), so adding a
key to a schema and running `make docs` documents it; a test fails when a key has no description or example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pmcode.docgen.markdown import code, fence, first_sentence, heading, page, prose, table
from pmcode.docgen.schema_facts import Linker, default, facts, type_words
from pmcode.docgen.schema_walk import Entry, EntryKind, Schemas, View, walk
from pmcode.docgen.snippets import to_yaml
from pmcode.load import FileKind
from pmcode.resources import load_schemas

# Where each kind of file lives under the portfolio root (see FORMAT.md and pmcode.load.discover).
_PLACES: dict[FileKind, tuple[str, str]] = {
    FileKind.PORTFOLIO: ("portfolio.yaml", "At the portfolio root (by default `projects/`)."),
    FileKind.CALENDARS: ("calendars.yaml", "At the portfolio root."),
    FileKind.PEOPLE: ("people.yaml", "At the portfolio root."),
    FileKind.PROJECT: (
        "<project>/project.yaml",
        "One per project folder under the portfolio root; the folder name is the project id.",
    ),
    FileKind.BUDGET: ("<project>/budget.yaml", "In the project folder, next to `project.yaml`."),
    FileKind.ACTUALS: ("<project>/actuals/YYYY-MM.yaml", "In the project's `actuals/` folder, one file per month."),
    FileKind.BASELINE: ("<project>/baseline.yaml", "In the project folder, next to `project.yaml`."),
    FileKind.REQUIREMENTS: ("<project>/requirements.yaml", "In the project folder, next to `project.yaml`."),
    FileKind.RAID: ("<project>/raid.yaml", "In the project folder, next to `project.yaml`."),
    FileKind.CHANGE: (
        "<project>/changes/CR-<id>.yaml",
        "In the project's `changes/` folder, one file per change request; the file name is its id.",
    ),
    FileKind.STATUS: (
        "<project>/status/YYYY-MM-DD.yaml",
        "In the project's `status/` folder, one file per report, named after its as-of date.",
    ),
    FileKind.MEETING: (
        "meetings/<name>.md",
        "In `meetings/` at the portfolio root (portfolio-wide meetings) or in a project folder: Markdown with this "
        "YAML as front matter between `---` lines, the minutes after it; or the same fields as `<name>.yaml`.",
    ),
    FileKind.QUALITY: (
        "quality.yaml",
        "At the portfolio root (standards and audits for every project) and/or in a project folder.",
    ),
    FileKind.DR: ("operations/dr.yaml", "In the `operations/` folder at the portfolio root."),
    FileKind.SECURITY: ("operations/security.yaml", "In the `operations/` folder at the portfolio root."),
    FileKind.STRATEGY: ("strategy.yaml", "At the portfolio root."),
}
_STRICT = (
    "Keys not listed on this page are refused ([PM101](../diagnostics.md#pm101)), as are values that do not match "
    "their type and form."
)
_MODELINE_ADVICE = (
    "Start the file with this line so that editors using the YAML language server (such as VS Code's YAML "
    "extension) complete keys and flag mistakes as you type. The path is relative to the file and assumes the "
    "portfolio root sits next to `schemas/`, as `projects/` does in the pmcode repository; adjust it otherwise."
)


@dataclass(frozen=True)
class SchemaPage:
    name: str  # the page is schema/<name>.md
    title: str
    where: str | None  # the file's place under the portfolio root; None for shared definitions
    summary: str
    text: str


def anchor(path: str) -> str:
    """A stable HTML id for a key path: `tasks[].depends[].lag` -> `tasks-item-depends-item-lag`."""
    slug = path.replace("[]", "-item").replace(".", "-").replace("*", "any")
    return re.sub(r"[^A-Za-z0-9_-]", "-", slug)


def _linker(schemas: Schemas, page_file: str) -> Linker:
    """Definitions in a shared file (one that is not itself a file kind) are linked, not repeated inline."""
    kind_files = {kind.schema_file for kind in FileKind}

    def link(uri: str) -> str | None:
        file, _, pointer = uri.partition("#")
        if file in kind_files or not pointer.startswith("/definitions/"):
            return None
        name = pointer.rsplit("/", 1)[1]
        page_of = "" if file == page_file else f"{file.removesuffix('.schema.json')}.md"
        return f"[{prose(name)}]({page_of}#{anchor(name)})"

    return link


def _example(entry: Entry, value: Any) -> Any:
    if entry.kind is EntryKind.ITEM:
        return [value]
    if entry.key is not None:
        return {entry.key: value}
    return value


def page_example(view: View) -> dict[str, Any]:
    """A whole file built from the first example of each top-level key."""
    return {
        name: examples[0]
        for name, node in view.target.get("properties", {}).items()
        if (examples := view.sub(node).examples)
    }


def _required(entry: Entry) -> str:
    return {True: "yes", False: "no", None: "–"}[entry.required]


def _section(entry: Entry, link: Linker, level: int) -> str:
    lines = [heading(level, anchor(entry.path), code(entry.path)), ""]
    if entry.view.description:
        lines += [prose(entry.view.description), ""]
    if entry.same_as is not None:
        same = f"[{code(entry.same_as)}](#{anchor(entry.same_as)})"
        lines += [f"The same structure as {same}, nested: its keys are documented there.", ""]
    details = [("Type", type_words(entry.view, link))]
    if entry.required is not None:
        details.append(("Required", _required(entry)))
    if entry.key_pattern is not None:
        details.append(("Keys", f"any key matching {code(entry.key_pattern)}"))
    stated = default(entry.view)
    if stated is not None:
        details.append(("Default", prose(stated)))
    details += facts(entry.view)
    lines += [f"- **{prose(label)}:** {text}" for label, text in details]
    examples = entry.view.examples
    if examples:
        lines += ["", "Example:" if len(examples) == 1 else "Examples:"]
        for value in examples:
            lines += ["", fence(to_yaml(_example(entry, value)), "yaml")]
    return "\n".join(lines)


def _overview(entries: Iterable[Entry], link: Linker, first_column: str) -> str:
    rows = [
        [
            f"[{code(e.path)}](#{anchor(e.path)})",
            type_words(e.view, link, table=True),
            _required(e),
            prose(first_sentence(e.view.description), table=True),
        ]
        for e in entries
    ]
    return table([first_column, "Type", "Required", "Description"], rows)


def _check_anchors(entries: list[Entry]) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        other = seen.setdefault(anchor(entry.path), entry.path)
        if other != entry.path:
            raise ValueError(f"key paths {other!r} and {entry.path!r} would share the anchor {anchor(other)!r}")


def _strict(entries: Iterable[Entry]) -> bool:
    objects = [e.view.target for e in entries if e.view.objects() == [e.view]]
    return all(target.get("additionalProperties", True) is False for target in objects)


def kind_page(schemas: Schemas, kind: FileKind) -> SchemaPage:
    file = kind.schema_file
    root = schemas.view(schemas.files[file], file)
    entries = list(walk(root))[1:]
    _check_anchors(entries)
    link = _linker(schemas, file)
    where, placement = _PLACES[kind]
    modeline = f"# yaml-language-server: $schema={'../' * where.count('/')}../schemas/{file}"
    title = f"{kind.value.capitalize()} file"
    intro = [
        f"# {title}",
        prose(root.description),
        "\n".join(
            [
                f"- **File:** {code(where)}. {prose(placement)}",
                f"- **Schema:** {code('schemas/' + file)}",
                f"- **Required keys:** {', '.join(code(k) for k in root.target.get('required', [])) or 'none'}",
            ]
        ),
    ]
    if _strict(entries):
        intro.append(_STRICT)
    intro += [_MODELINE_ADVICE, fence(modeline, "yaml")]
    example = page_example(root)
    blocks = [
        *intro,
        "## Example",
        fence(modeline + "\n" + to_yaml(example), "yaml"),
        "## Keys",
        _overview(entries, link, "Key"),
        "## Details",
        *(_section(e, link, 3) for e in entries),
    ]
    return SchemaPage(kind.value, title, where, first_sentence(root.description), page(blocks))


def definitions_page(schemas: Schemas, file: str) -> SchemaPage:
    """A shared-definitions file (common.schema.json): one section per definition and per key inside it."""
    root = schemas.view(schemas.files[file], file)
    link = _linker(schemas, file)
    entries: list[Entry] = []
    for name, node in root.target.get("definitions", {}).items():
        entries += walk(root.sub(node), name, EntryKind.DEFINITION)
    _check_anchors(entries)
    title = str(root.target.get("title", file)).removeprefix("pmcode ").capitalize()
    blocks = [
        f"# {prose(title)}",
        prose(root.description),
        f"- **Schema:** {code('schemas/' + file)}",
        "The pages of the plan files link each key's type here.",
        "## Types",
        _overview(entries, link, "Name"),
        "## Details",
        *(_section(e, link, 3) for e in entries),
    ]
    name = file.removesuffix(".schema.json")
    return SchemaPage(name, title, None, first_sentence(root.description), page(blocks))


def schema_pages() -> list[SchemaPage]:
    """Every file kind in FileKind order, then the shared-definitions files in name order."""
    schemas = Schemas(load_schemas())
    kind_files = {kind.schema_file for kind in FileKind}
    pages = [kind_page(schemas, kind) for kind in FileKind]
    pages += [definitions_page(schemas, file) for file in sorted(schemas.files) if file not in kind_files]
    return pages
