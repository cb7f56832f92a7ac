"""A baseline as it was at a git revision (`--baseline REV`): read with `git`, never by checking anything out.

`baseline_at_revision(root, project, rev)` asks git for `<root>/<project>/baseline.yaml` at `rev` and reads it
with the same safe loader, schema and model builder as the working tree's files. Every way this can fail (git
missing, not a repository, an unknown revision, no baseline at that revision, a file that is not valid) is a
diagnostic, not an exception. Its file name is shown as `<root>/<project>/baseline.yaml@REV`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pmcode.diagnostics import Diagnostic, Loc, Severity
from pmcode.load import FileKind
from pmcode.load.discover import display_path
from pmcode.load.documents import MAX_FILE_BYTES, parse_text
from pmcode.model import Baseline
from pmcode.model.build_project import build_baseline
from pmcode.text import printable, quote
from pmcode.validate.schema import check_schema

GIT_TIMEOUT_SECONDS = 60
_SYMLINK_MODE = "120000"


class _GitFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise _GitFailed("PM510", "git is not installed (or not on PATH): baselines at a revision need it") from None
    except subprocess.TimeoutExpired:
        raise _GitFailed("PM510", f"git did not answer within {GIT_TIMEOUT_SECONDS} s") from None
    except OSError as error:
        raise _GitFailed("PM510", f"cannot run git: {error.strerror or error}") from None


def _commit(root: Path, revision: str) -> str:
    shown = quote(revision)
    if not revision or revision.startswith("-") or not revision.isprintable() or any(c.isspace() for c in revision):
        raise _GitFailed("PM510", f"{shown} is not a revision name")
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode == 0:
        return found.stdout.decode("ascii").strip()
    if _git(root, "rev-parse", "--git-dir").returncode != 0:
        raise _GitFailed(
            "PM510", f"{printable(root.as_posix())} is not in a git repository, so revision {shown} cannot be read"
        )
    raise _GitFailed("PM510", f"revision {shown} is not in the git repository (a commit, tag or branch name)")


def _blob(root: Path, commit: str, relative: str, revision: str) -> bytes:
    listed = _git(root, "ls-tree", "-l", "-z", commit, "--", relative)
    entry = listed.stdout.split(b"\0", 1)[0].decode("utf-8", errors="replace") if listed.returncode == 0 else ""
    if not entry:
        raise _GitFailed("PM511", f"there is no {relative} at revision {quote(revision)}")
    mode, kind, oid, size = entry.split("\t", 1)[0].split()
    if kind != "blob" or mode == _SYMLINK_MODE:
        raise _GitFailed("PM511", f"{relative} at revision {quote(revision)} is not a regular file")
    if size.isdigit() and int(size) > MAX_FILE_BYTES:
        raise _GitFailed("PM001", f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB ({size} bytes); split it")
    content = _git(root, "cat-file", "blob", oid)
    if content.returncode != 0:
        raise _GitFailed("PM511", f"git could not read {relative} at revision {quote(revision)}")
    return content.stdout


def baseline_at_revision(
    root: Path, project_id: str, revision: str, shown_root: str | None = None
) -> tuple[Baseline | None, list[Diagnostic]]:
    """The baseline of `project_id` at git `revision`, or None and the diagnostics that say why not.
    `shown_root`: how the root appears in diagnostics (default: as given)."""
    relative = f"{project_id}/baseline.yaml"
    file = display_path(root.as_posix() if shown_root is None else shown_root, relative) + f"@{printable(revision)}"
    try:
        raw = _blob(root, _commit(root, revision), relative, revision)
    except _GitFailed as failure:
        return None, [Diagnostic.at(Loc(file), failure.code, str(failure))]
    document, problems = parse_text(raw, file, FileKind.BASELINE)
    if document is not None:
        problems.extend(check_schema(document))
    if document is None or any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return build_baseline(document), problems
