"""`pmcode diff` on two revisions of the demo portfolio against one `pmcode check` of it: the target is under 3x.

A diff runs the whole check pipeline twice (plus an unleveled schedule per side and the git reads), so about 2x
is the floor. Standalone: `python benchmarks/diff.py [--runs N]`; builds a temporary git repository holding a copy
of `projects/` with two commits (the second lengthens a critical task), then times each command as a user runs it,
in a fresh process, best of N. Exit status 1 when the ratio is at or above the target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 3.0
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
PMCODE = [sys.executable, "-m", "pmcode"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


def _repository(folder: Path) -> Path:
    repo = folder / "repo"
    shutil.copytree(REPO / "projects", repo / "projects")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "demo")
    plan = repo / "projects" / "erp-upgrade" / "project.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("duration: 25d", "duration: 28d", 1), encoding="utf-8")
    _git(repo, "commit", "-qam", "lengthen SIT")
    return repo


def _best(command: list[str], cwd: Path, runs: int, ok: tuple[int, ...]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in ok:
            sys.exit(f"{' '.join(command[2:])} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
        best = min(best, elapsed)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command; the best counts (default 5)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="pmcode-bench-diff-") as folder:
        repo = _repository(Path(folder))
        check = _best([*PMCODE, "check", "projects"], repo, runs, ok=(0, 1))
        diff = _best([*PMCODE, "diff", "HEAD~1", "HEAD", "--format", "markdown"], repo, runs, ok=(0,))
    ratio = diff / check
    verdict = "ok" if ratio < TARGET else "too slow"
    print(f"pmcode check (demo):              {check:.2f} s (best of {runs})")
    print(f"pmcode diff HEAD~1 HEAD (demo):   {diff:.2f} s (best of {runs})")
    print(f"ratio: {ratio:.2f}x, target under {TARGET:g}x: {verdict}")
    return 0 if ratio < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
