"""One file -> a Document (its data and source positions) or the diagnostics that say why it cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmcode.diagnostics import Diagnostic, Loc
from pmcode.load.discover import FileKind
from pmcode.load.plaindata import parse_data
from pmcode.load.sourcemap import PathItem, SourceMap
from pmcode.load.yamlsafe import MAX_LINE_FINDINGS, YamlProblem, parse, tab_indentation

MAX_FILE_BYTES = 5 * 1024 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"


class Document:
    """A loaded YAML file. `file` is its path relative to the portfolio root, with forward slashes.

    `source`, the positions of its values, is read from the text the first time a finding needs it: a valid
    file is read once, without positions (pmcode.load.plaindata).
    """

    __slots__ = ("_source", "_text", "body", "data", "file", "kind")

    def __init__(self, file: str, kind: FileKind, data: Any, source: SourceMap | None = None, text: str = "") -> None:
        self.file = file
        self.kind = kind
        self.data = data
        self._source = source
        self._text = text
        self.body = ""  # a Markdown record's text after its front matter (meetings/*.md): shown, never parsed

    def __repr__(self) -> str:
        return f"Document({self.file!r}, {self.kind.value})"

    @property
    def source(self) -> SourceMap:
        if self._source is None:
            # The text read without problems once, so it does again: the same reader, the same positions.
            _, self._source, _ = parse(self._text)
            self._text = ""
        return self._source

    def loc(self, path: tuple[PathItem, ...] = (), *, key: bool = False) -> Loc:
        """Where the value at `path` (or, with key=True, its mapping key) is in the file."""
        line, col = self.source.key(path) if key else self.source.value(path)
        return Loc(self.file, line, col)


def _byte_loc(raw: bytes, offset: int, file: str) -> Loc:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return Loc(file, before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", errors="replace")) + 1)


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    skipped = len(_UTF8_BOM) if raw.startswith(_UTF8_BOM) else 0  # editors on Windows write one; it means nothing
    raw = raw[skipped:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 4].hex(" ")
        message = f"file is not UTF-8 text (byte {bad} at offset {skipped + error.start}); save it as UTF-8"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = "file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
        return None, [Diagnostic.at(_byte_loc(raw, error.start, file), "PM002", message)]
    nul = raw.find(b"\x00")
    if nul != -1:  # valid UTF-8, but text holds no NUL bytes: UTF-16 without a byte-order mark does, binary files do
        kind = "UTF-16 or a binary file?"
        message = f"file is not UTF-8 text (NUL byte at offset {skipped + nul}: {kind}); save it as UTF-8"
        return None, [Diagnostic.at(_byte_loc(raw, nul, file), "PM002", message)]
    return text, []


def _too_large(file: str, size: int) -> Diagnostic:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return Diagnostic.at(Loc(file), "PM001", f"file is larger than {limit} MB ({size} bytes); split it")


def split_front_matter(text: str) -> tuple[str, str] | None:
    """A Markdown file's YAML front matter and its body, or None when it has none. The YAML keeps the opening
    `---` line, so its positions are the file's; the closing `---` (or `...`) line is in neither part."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None
    for n, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") in ("---", "..."):
            return "".join(lines[:n]), "".join(lines[n + 1 :])
    return None


def parse_text(raw: bytes, file: str, kind: FileKind) -> tuple[Document | None, list[Diagnostic]]:
    """Bytes of a file -> Document. Never raises for bad input. A `.md` file is read for its YAML front matter."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(file, len(raw))]
    text, diagnostics = _decode(raw, file)
    if text is None:
        return None, diagnostics
    if file.endswith(".md"):
        parts = split_front_matter(text)
        if parts is None:
            message = "a Markdown record starts with YAML front matter: a '---' line, the fields, then '---'"
            return None, [Diagnostic.at(Loc(file), "PM015", message)]
        document, problems = _parse_yaml(parts[0], file, kind)
        if document is not None:
            document.body = parts[1]
        return document, problems
    return _parse_yaml(text, file, kind)


def _parse_yaml(text: str, file: str, kind: FileKind) -> tuple[Document | None, list[Diagnostic]]:
    tabs = tab_indentation(text)
    if tabs:
        return None, _problem_diagnostics(file, tabs)
    read, data = parse_data(text)
    if read:
        return Document(file, kind, data, text=text), []
    try:
        data, source, problems = parse(text)
    except YamlProblem as problem:
        return None, _problem_diagnostics(file, [problem])
    except RecursionError:  # pragma: no cover - nesting is capped long before Python's limit
        return None, [Diagnostic.at(Loc(file), "PM006", "document is nested too deeply")]
    document = Document(file, kind, data, source)
    return document, _problem_diagnostics(file, problems)


def _problem_diagnostics(file: str, problems: list[YamlProblem]) -> list[Diagnostic]:
    shown = problems[:MAX_LINE_FINDINGS]
    diagnostics = [Diagnostic.at(Loc(file, *p.pos), p.code, p.message) for p in shown]
    if len(problems) > len(shown):  # said where the first one left out is: sorted by position, the summary comes last
        first_hidden = problems[len(shown)]
        more = len(problems) - len(shown)
        message = f"... and {more} more like this"
        diagnostics.append(Diagnostic.at(Loc(file, *first_hidden.pos), first_hidden.code, message))
    return diagnostics


def load_document(path: Path, file: str, kind: FileKind) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one file; unreadable or oversized files are diagnostics, not exceptions."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [Diagnostic.at(Loc(file), "PM011", f"cannot read file: {error.strerror or error}")]
    if len(raw) > MAX_FILE_BYTES:
        try:
            return None, [_too_large(file, path.stat().st_size)]
        except OSError:
            return None, [_too_large(file, len(raw))]
    return parse_text(raw, file, kind)
