"""The shape of a diagnostic code's entry: pmcode.codes holds the table, each records area adds its own rows."""

from __future__ import annotations

from dataclasses import dataclass

from pmcode.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    explanation: str
