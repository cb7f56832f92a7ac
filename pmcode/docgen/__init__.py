"""Reference documentation generated from the code: file formats (schemas), diagnostics (codes) and the CLI (click).

`python -m pmcode.docgen OUTDIR` (or `make docs`) writes the pages; tests/test_docs.py fails when the committed pages
differ from what the code generates, so the reference cannot drift from the tool.
"""

from __future__ import annotations

from pathlib import Path

from pmcode.docgen.markdown import GENERATED, code, page, prose, table
from pmcode.docgen.schema_doc import SchemaPage, schema_pages


def _index(schemas: list[SchemaPage]) -> str:
    rows = [
        [
            f"[{prose(p.title, table=True)}](schema/{p.name}.md)",
            code(p.where, table=True) if p.where else "–",
            prose(p.summary, table=True),
        ]
        for p in schemas
    ]
    return page(
        [
            "# Reference",
            "Generated from pmcode itself: the file formats from the JSON Schemas in `schemas/`, the diagnostics from "
            "the code table, the command line from the commands' own help. Run `make docs` after changing any of them.",
            "## Files",
            table(["Page", "File", "What it describes"], rows),
            "## Diagnostics and commands",
            "\n".join(
                [
                    f"- [Diagnostics](diagnostics.md): every {code('PMnnn')} code, its severity and what it means.",
                    "- [Command line](cli.md): every command and its options.",
                ]
            ),
        ]
    )


def build_pages() -> dict[str, str]:
    """Every reference page, by path relative to the output directory, in a fixed order."""
    from pmcode.docgen.cli_doc import cli_page
    from pmcode.docgen.codes_doc import diagnostics_page

    schemas = schema_pages()
    pages = {"index.md": _index(schemas)}
    pages.update({f"schema/{p.name}.md": p.text for p in schemas})
    pages["diagnostics.md"] = diagnostics_page()
    pages["cli.md"] = cli_page()
    return pages


def write_pages(outdir: Path) -> list[Path]:
    """Write every page under `outdir` and remove generated pages that are no longer generated. Returns the files."""
    pages = build_pages()
    written: list[Path] = []
    for relative, text in pages.items():
        path = outdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    for stale in sorted(outdir.rglob("*.md")):
        if stale.relative_to(outdir).as_posix() not in pages and stale.read_text(encoding="utf-8").startswith(
            GENERATED
        ):
            stale.unlink()
    return written
