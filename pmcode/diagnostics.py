"""Diagnostics: every finding pmcode reports, from a YAML syntax error to a budget overrun, is one of these."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a source file: 1-based line and column (column counts characters, not bytes)."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding. `file` is relative to the portfolio root, with forward slashes."""

    file: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    @classmethod
    def at(cls, loc: Loc, code: str, message: str, severity: Severity | None = None) -> Diagnostic:
        from pmcode.codes import CODES  # local import: codes documents diagnostics, not the other way round

        return cls(loc.file, loc.line, loc.col, severity or CODES[code].severity, code, message)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.col, self.code, self.message)

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by path and position, duplicates removed: the same input always reports the same lines."""
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


def has_failures(diagnostics: list[Diagnostic], *, strict: bool) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diagnostics)
