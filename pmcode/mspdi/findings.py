"""What an import or export could not carry over exactly, as pmcode diagnostics pointing into the source file."""

from __future__ import annotations

from dataclasses import dataclass, field

from pmcode.diagnostics import Diagnostic, Loc


@dataclass(slots=True)
class Findings:
    file: str  # as shown in diagnostics
    items: list[Diagnostic] = field(default_factory=list)

    def add(self, line: int, code: str, message: str) -> None:
        self.items.append(Diagnostic.at(Loc(self.file, line, 1), code, message))
