"""Shared pytest options: `--update-golden` rewrites expected-output files instead of comparing against them."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files (tests/cases/*/*/expected.txt, ...) from the current output instead of comparing. "
        "Each rewritten file is listed as a warning; review the diff before committing.",
    )


class Golden:
    """Compares an output with its golden file, or rewrites the file under --update-golden (and says so)."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, path: Path, actual: str) -> None:
        expected = path.read_bytes().decode("utf-8") if path.is_file() else None
        if self.update:
            if actual != expected:
                path.write_bytes(actual.encode("utf-8"))
                warnings.warn(f"golden file {'rewritten' if expected is not None else 'created'}: {path}", stacklevel=2)
            return
        assert expected is not None, f"{path} is missing; create it with `pytest --update-golden` and review it"
        assert actual == expected, f"output differs from {path} (if the change is intended: pytest --update-golden)"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))
