"""Reading MS Project XML safely: untrusted input parsed with defusedxml, every element's line kept for findings.

MSPDI files come from anywhere (e-mail, a customer's share), so the parser refuses DTDs, entity declarations and
external references outright (no 'billion laughs', no file or network access), and the file size is capped.
"""

from __future__ import annotations

import re
from datetime import datetime
from xml.etree.ElementTree import Element, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

NAMESPACE = "http://schemas.microsoft.com/project"
MAX_BYTES = 100 * 1024 * 1024  # timephased data makes real files large; anything above this is not a plan
_ISO_DURATION = re.compile(
    r"(-)?P(?:([0-9.]+)Y)?(?:([0-9.]+)M)?(?:([0-9.]+)D)?(?:T(?:([0-9.]+)H)?(?:([0-9.]+)M)?(?:([0-9.]+)S)?)?\Z"
)


_REFUSED = {
    "DTDForbidden": "a document type declaration (DTD)",
    "EntitiesForbidden": "an entity declaration",
    "ExternalReferenceForbidden": "a reference to an external file or URL",
}


def _line(parser: DefusedXMLParser) -> int:
    expat = getattr(parser, "parser", None)
    return int(expat.CurrentLineNumber) if expat is not None else 1


class MspdiError(Exception):
    """The file cannot be read as MS Project XML; `line` is where the problem is, when known."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


class _LineBuilder(TreeBuilder):
    """A tree builder that notes the line each element starts on (read from the expat parser as it calls us)."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.lines: dict[int, int] = {}  # id(element) -> line

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


class Tree:
    """The parsed document: its root and the line of every element, with typed accessors for MSPDI values."""

    def __init__(self, root: Element, lines: dict[int, int]) -> None:
        self.root = root
        self._lines = lines

    def line(self, element: Element) -> int:
        return self._lines.get(id(element), 1)


def parse(data: bytes) -> Tree:
    if len(data) > MAX_BYTES:
        raise MspdiError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as error:
        raise MspdiError(f"not well-formed XML: {error}", error.position[0]) from None
    except DefusedXmlException as error:
        what = _REFUSED.get(type(error).__name__, "a construct MS Project XML never uses")
        raise MspdiError(f"refused: the file holds {what}, which can expand or fetch content", _line(parser)) from None
    if root.tag != f"{{{NAMESPACE}}}Project":
        raise MspdiError(f'the root element is <{root.tag}>, not MS Project\'s <Project xmlns="{NAMESPACE}">')
    return Tree(root, builder.lines)


def child(element: Element, name: str) -> Element | None:
    return element.find(f"{{{NAMESPACE}}}{name}")


def children(element: Element, path: str) -> list[Element]:
    """Elements at a slash-separated path of MSPDI names (`Tasks/Task`)."""
    return element.findall("/".join(f"{{{NAMESPACE}}}{part}" for part in path.split("/")))


def text(element: Element, name: str, default: str = "") -> str:
    found = child(element, name)
    return found.text.strip() if found is not None and found.text is not None else default


def integer(element: Element, name: str, default: int = 0) -> int:
    value = text(element, name)
    try:
        return int(float(value)) if value else default
    except ValueError:
        return default


def number(element: Element, name: str, default: float = 0.0) -> float:
    value = text(element, name)
    try:
        return float(value) if value else default
    except ValueError:
        return default


def flag(element: Element, name: str) -> bool:
    return text(element, name).lower() in ("1", "true")


def moment(element: Element, name: str) -> datetime | None:
    """An MSPDI date-time (`2027-01-04T08:00:00`), or None when absent or unreadable."""
    value = text(element, name)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=None, second=0, microsecond=0)


def duration_minutes(value: str) -> float | None:
    """`PT8H30M0S` -> 510.0 minutes; days count 24 hours (MSPDI writes working time in hours)."""
    match = _ISO_DURATION.match(value.strip()) if value else None
    if match is None:
        return None
    sign, years, months, days, hours, minutes, seconds = match.groups()
    if years or months:
        return None
    total = float(days or 0) * 1440 + float(hours or 0) * 60 + float(minutes or 0) + float(seconds or 0) / 60
    return -total if sign else total


def duration(element: Element, name: str) -> float | None:
    return duration_minutes(text(element, name))
