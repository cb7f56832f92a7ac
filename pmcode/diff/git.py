"""A portfolio root as it was at a git revision, copied into a directory: read with `git ls-tree` and
`git cat-file --batch`, never by checking anything out, so the working tree and the index are never touched.

Only regular files are copied. Symbolic links and submodules are left out (the loader never follows links either),
and a path that could leave the target directory (`..`, an absolute path, a NUL) is refused. Every way this fails
(git missing, not a repository, an unknown revision, no root at that revision) is a `PmcodeError`: exit status 2.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pmcode.errors import PmcodeError
from pmcode.text import printable, quote

GIT_TIMEOUT_SECONDS = 60
_REGULAR_MODES = (b"100644", b"100755")


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise PmcodeError("git is not installed (or not on PATH): comparing revisions needs it") from None
    except subprocess.TimeoutExpired:
        raise PmcodeError(f"git did not answer within {GIT_TIMEOUT_SECONDS} s") from None
    except OSError as error:
        raise PmcodeError(f"cannot run git: {error.strerror or error}") from None


def looks_like_revision(revision: str) -> bool:
    """A name git could take for a revision and not for an option: printable, no spaces, no leading dash."""
    return (
        bool(revision)
        and not revision.startswith("-")
        and revision.isprintable()
        and not any(c.isspace() for c in revision)
    )


def toplevel(cwd: Path) -> Path:
    found = _git(cwd, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise PmcodeError(f"{printable(cwd.as_posix())} is not in a git repository, so revisions cannot be read")
    return Path(os.fsdecode(found.stdout.rstrip(b"\n")))


def commit_of(top: Path, revision: str) -> str:
    """The commit a revision names; a clear error when there is none."""
    if not looks_like_revision(revision):
        raise PmcodeError(f"{quote(revision)} is not a revision name")
    found = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise PmcodeError(f"revision {quote(revision)} is not in the git repository (a commit, tag or branch name)")
    return found.stdout.decode("ascii").strip()


def root_in_repository(top: Path, root: Path) -> str:
    """The root's path from the top of the repository, with forward slashes ('' for the top itself)."""
    absolute = root.absolute()
    try:
        relative = absolute.relative_to(top.absolute())
    except ValueError:
        try:
            relative = absolute.resolve().relative_to(top.resolve())
        except ValueError:
            raise PmcodeError(f"{printable(root.as_posix())} is not inside the git repository {top}") from None
    return relative.as_posix() if relative.parts else ""


def _entries(top: Path, commit: str, relative: str) -> list[tuple[bytes, bytes]]:
    """(object id, path below the root) of each regular file of the root at `commit`."""
    listed = _git(top, "ls-tree", "-r", "-z", commit, *(["--", relative] if relative else []))
    if listed.returncode != 0:
        raise PmcodeError(
            f"git could not list revision {commit[:12]}: {printable(listed.stderr.decode(errors='replace'))}"
        )
    prefix = (relative + "/").encode() if relative else b""
    found: list[tuple[bytes, bytes]] = []
    for record in listed.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, oid = meta.split(b" ")[:3]
        if kind != b"blob" or mode not in _REGULAR_MODES or not path.startswith(prefix):
            continue
        below = path[len(prefix) :]
        parts = below.split(b"/")
        if b"\0" in below or any(part in (b"", b".", b"..") for part in parts):
            continue  # git itself refuses such paths; never write outside the target
        found.append((oid, below))
    return found


def _read_blobs(top: Path, oids: list[bytes]) -> list[bytes]:
    answered = _git(top, "cat-file", "--batch", stdin=b"".join(oid + b"\n" for oid in oids))
    if answered.returncode != 0:
        raise PmcodeError("git could not read the files of the revision")
    out, at, blobs = answered.stdout, 0, []
    for _ in oids:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split(b" ")
        if len(header) != 3 or header[1] != b"blob":
            raise PmcodeError("git could not read the files of the revision")
        size = int(header[2])
        start = header_end + 1
        blobs.append(out[start : start + size])
        at = start + size + 1
    return blobs


def export_revision(cwd: Path, root: Path, revision: str, into: Path) -> str:
    """Write the regular files under `root` (a path as the user gave it, from `cwd`) at git `revision` into the
    directory `into`. Returns the commit id. No root at that revision is an error."""
    top = toplevel(cwd)
    commit = commit_of(top, revision)
    relative = root_in_repository(top, cwd / root)
    entries = _entries(top, commit, relative)
    if not entries:
        shown = printable(root.as_posix())
        raise PmcodeError(f"there are no files under {shown} at revision {quote(revision)}")
    for (_, path), content in zip(entries, _read_blobs(top, [oid for oid, _ in entries]), strict=True):
        destination = into / os.fsdecode(path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
    return commit
