"""Validation: load every file, check it against its schema, build the model, apply the plan rules.

`validate_root` is the API behind `pmcode validate`; every other command starts from its result.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from pmcode.diagnostics import Diagnostic, Severity, has_failures, sort_diagnostics
from pmcode.gcpause import paused_gc
from pmcode.load import Document, discover, load_document
from pmcode.model import Portfolio
from pmcode.model.build import build_portfolio, part_name
from pmcode.schedule.network import Network
from pmcode.validate.rules import RULES, cycles, duplicate_ids
from pmcode.validate.schema import check_schema


@dataclass(frozen=True)
class ValidationResult:
    diagnostics: tuple[Diagnostic, ...]
    portfolio: Portfolio
    network: Network  # the event graph the cycle check built; the scheduler reuses it

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        return has_failures(list(self.diagnostics), strict=strict)


def validate_root(root: Path, prefix: str | None = None) -> ValidationResult:
    """Validate the portfolio under `root`. `prefix` is how the root appears in diagnostics (default: as given)."""
    with paused_gc():
        result = _validate(root, prefix)
        # Everything made while the collector was paused would otherwise be scanned by the first collection after
        # it resumes: a quarter of validate_root's time on a large plan. Freezing and unfreezing moves it all to the
        # oldest generation unscanned; it stays collectable there, like any long-lived object.
        gc.freeze()
        gc.unfreeze()
    return result


def _validate(root: Path, prefix: str | None) -> ValidationResult:
    shown = root.as_posix() if prefix is None else prefix
    found = discover(root, shown)
    diagnostics: list[Diagnostic] = list(found.diagnostics)
    valid: list[tuple[Document, str | None]] = []
    broken: set[str] = set()
    for source in found.files:
        document, problems = load_document(source.path, source.file, source.kind)
        if document is not None:  # read despite problems (duplicate keys): its schema errors are worth showing too
            problems.extend(check_schema(document))
        diagnostics.extend(problems)
        if document is not None and not any(p.severity is Severity.ERROR for p in problems):
            valid.append((document, source.project))
        else:
            broken.add(part_name(source.kind, source.project))
    for project in found.projects:  # a project folder whose project.yaml never loaded
        if not any(p == project and d.kind.value == "project" for d, p in valid):
            broken.add(f"project:{project}")
    portfolio = build_portfolio(valid, broken)
    diagnostics.extend(duplicate_ids(document for document, _ in valid))
    network = Network(portfolio)
    diagnostics.extend(cycles(network))
    for rule in RULES:
        diagnostics.extend(rule(portfolio))
    return ValidationResult(tuple(sort_diagnostics(diagnostics)), portfolio, network)
