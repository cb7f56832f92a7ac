"""The scaffold's files: templates shipped inside the package, and writing them without leaving the target.

Template names carry no leading dot (`github/`, `vscode/`, `gitignore`) so that no packaging tool drops them as
hidden files; `TARGET_NAMES` maps them to the names written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pmcode import __version__
from pmcode.errors import PmcodeError
from pmcode.resources import schema_dir
from pmcode.text import printable

TEMPLATES = Path(__file__).resolve().parent / "templates"
NEW_PROJECT = "new-project"  # the folder of `pmcode new project`'s templates: not part of `pmcode init`
VERSION_PLACEHOLDER = "@PMCODE_VERSION@"
TARGET_NAMES = {
    "github": ".github",
    "vscode": ".vscode",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}
_PACKAGE = Path(__file__).resolve().parent.parent
STYLESHEET = "site/docs/assets/pmcode.css"


def _stylesheet() -> Path:
    """The site's stylesheet: in the wheel under pmcode/_data, in a checkout where the site keeps it."""
    packaged = _PACKAGE / "_data" / "site" / "pmcode.css"
    return packaged if packaged.is_file() else _PACKAGE.parent / STYLESHEET


def _walk(folder: Path) -> Iterator[Path]:
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def target_name(relative: str) -> str:
    first, _, rest = relative.partition("/")
    first = TARGET_NAMES.get(first, first)
    return f"{first}/{rest}" if rest else first


def repository_files(version: str = __version__) -> dict[str, bytes]:
    """Every file of a new plan repository except the example's baseline (made by the baseline engine): its path
    relative to the repository (POSIX) -> its bytes."""
    files: dict[str, bytes] = {}
    for path in _walk(TEMPLATES):
        relative = path.relative_to(TEMPLATES).as_posix()
        if relative.startswith(f"{NEW_PROJECT}/"):
            continue
        files[target_name(relative)] = path.read_bytes().replace(VERSION_PLACEHOLDER.encode(), version.encode())
    for schema in sorted(schema_dir().glob("*.schema.json")):
        files[f"schemas/{schema.name}"] = schema.read_bytes()
    files[STYLESHEET] = _stylesheet().read_bytes()
    return dict(sorted(files.items()))


def new_project_template(name: str) -> str:
    return (TEMPLATES / NEW_PROJECT / name).read_text(encoding="utf-8")


def write_inside(target: Path, relative: str, data: bytes) -> Path:
    """Write `data` to `target/relative`, creating folders; refuses a path through a symbolic link (it could lead
    outside `target`) and replaces nothing but a regular file."""
    path = target
    for part in relative.split("/"):
        path = path / part
        if path.is_symlink():
            raise PmcodeError(f"not writing through the symbolic link {printable(path.as_posix())}")
    if path.exists() and not path.is_file():
        raise PmcodeError(f"not writing {printable(path.as_posix())}: something else than a file is there")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
