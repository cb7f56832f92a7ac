"""`pmcode site serve`: build the site into a temporary directory, serve it over http, rebuild when a file changes.

Watching is a poll of every file's modification time and size under the plan root and the mkdocs project (but
not the sites built into it), once a second: no dependency, and the same on every platform and file system.
(mkdocs' own `LiveReloadServer` is not part of its documented API, serves one fixed directory and rebuilds with
its own builder; the staged docs and the atomic swap of `build_site` fit a plain poll better.) A rebuild goes
through the same path as `pmcode site build`: validate, then `build_site`. A plan with errors, or a failed
mkdocs build, leaves the last good site in place (`build_site` swaps the new site in only once it is complete)
and reports the diagnostics.

The http server is the standard library's `ThreadingHTTPServer` with a handler rooted at the output directory:
it serves files only (no directory listings), nothing outside the directory, and tells browsers not to cache,
so a reload shows the latest build.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from pmcode.errors import PmcodeError
from pmcode.render.diagnostics import render_text
from pmcode.render.site import build_site
from pmcode.validate import validate_root

Snapshot = dict[str, tuple[int, int]]  # path -> (modification time in ns, size)
# Built sites inside the mkdocs project are not its sources: `pmcode site build`'s default output (site/public) and
# `mkdocs build`'s (site/site). Watching them would rebuild after every `pmcode site build`.
BUILT_SITES = ("public", "site")
NO_SITE_YET = b"No site yet: the plan has errors (see the terminal running pmcode site serve). Fix them and save.\n"


def snapshot(*paths: Path, skip: Collection[Path] = ()) -> Snapshot:
    """Modification time and size of every file under `paths` (files or directories), except under the folders in
    `skip`. Hidden files and folders (`.git`, build_site's `.public-*` staging folders) are skipped too; a file
    that vanishes mid-scan is left out."""
    found: Snapshot = {}
    skipped = set(skip)
    for path in paths:
        if path.is_file():
            _stat_into(found, path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and d != "__pycache__" and Path(folder, d) not in skipped
            )
            for name in files:
                if not name.startswith("."):
                    _stat_into(found, Path(folder) / name)
    return found


def _stat_into(found: Snapshot, path: Path) -> None:
    try:
        stat = path.stat()
    except OSError:
        return
    found[str(path)] = (stat.st_mtime_ns, stat.st_size)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Files from the site directory only: no listings, no caching, no request log on stderr."""

    def send_head(self) -> BytesIO | BinaryIO | None:
        if not Path(self.directory).is_dir():  # no good build yet
            self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(NO_SITE_YET)))
            self.end_headers()
            return BytesIO(NO_SITE_YET)
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]) -> BytesIO | None:
        self.send_error(HTTPStatus.NOT_FOUND, "No directory listings")
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class SiteServer:
    """Serves the site of the plan at `root` (built with the mkdocs project in `site_dir`) and rebuilds it on change.

    `start()` builds once and starts the http server in a thread; `watch(stop)` polls for changes every `interval`
    seconds until `stop` is set (the CLI runs it in the main thread, so Ctrl-C ends it); `close()` stops the
    server and removes the temporary directory. `report` receives every message (diagnostics, "site rebuilt");
    `revision` gives the source revision for the footer at each build."""

    def __init__(
        self,
        root: Path,
        site_dir: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        interval: float = 1.0,
        report: Callable[[str], None] = print,
        revision: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.root = root
        self.site_dir = site_dir
        self.interval = interval
        self.report = report
        self.revision = revision
        self._workdir = Path(tempfile.mkdtemp(prefix="pmcode-serve-"))
        self.output = self._workdir / "site"
        handler = functools.partial(_SiteHandler, directory=str(self.output))
        try:
            self._httpd = ThreadingHTTPServer((host, port), handler)
        except OSError:  # e.g. the port is in use
            shutil.rmtree(self._workdir, ignore_errors=True)
            raise
        self._thread: threading.Thread | None = None
        self._seen: Snapshot = {}
        self.builds = 0  # good builds so far; a test waits for this to grow
        self.attempts = 0  # builds tried, good or not
        self._built = threading.Condition()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host if isinstance(host, str) else host.decode()}:{port}/"

    def start(self) -> bool:
        """Build once and start serving; returns whether the first build succeeded (the server runs either way)."""
        ok = self.rebuild()
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="pmcode-site-serve", daemon=True)
        self._thread.start()
        return ok

    def rebuild(self) -> bool:
        """Validate and build now, whatever changed; True when a new site is being served."""
        self._seen = self._snapshot()
        ok = self._build()
        with self._built:
            self.attempts += 1
            self.builds += ok
            self._built.notify_all()
        return ok

    def _build(self) -> bool:
        result = validate_root(self.root)
        if result.errors:
            self.report(render_text(result.diagnostics).rstrip("\n"))
            self.report(f"{result.errors} errors in the plan; still serving the last good site")
            return False
        try:
            build_site(result, self.site_dir, self.output, revision=self.revision())
        except PmcodeError as error:
            self.report(f"{error.message}; still serving the last good site")
            return False
        return True

    def changed(self) -> bool:
        """Whether a file under the root or the site directory was added, removed or changed since the last build."""
        return self._snapshot() != self._seen

    def _snapshot(self) -> Snapshot:
        return snapshot(self.root, self.site_dir, skip=[self.site_dir / name for name in BUILT_SITES])

    def watch(self, stop: threading.Event) -> None:
        """Rebuild after every change until `stop` is set."""
        while not stop.wait(self.interval):
            if self.changed() and self.rebuild():
                self.report(f"site rebuilt: {self.url}")

    def wait_for_attempts(self, count: int, timeout: float) -> bool:
        """Block until `count` builds were tried (or `timeout` seconds passed); whether they were."""
        with self._built:
            return self._built.wait_for(lambda: self.attempts >= count, timeout)

    def close(self) -> None:
        """Stop serving and remove the temporary site."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()
        shutil.rmtree(self._workdir, ignore_errors=True)
