"""`pmcode site serve`: a real server on a free port, a real rebuild after an edit, and the last good site kept."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from plans import SMALL, write_plan

from pmcode.cli import cli
from pmcode.render import site_serve
from pmcode.render.site_serve import SiteServer, snapshot

SITE_DIR = Path(__file__).resolve().parents[1] / "site"
TIMEOUT = 30.0  # seconds a rebuild may take at most; the small plan builds in about one


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Running:
    """A SiteServer on a free port of 127.0.0.1, watching every 50 ms in a thread; `messages` collects its reports."""

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.messages: list[str] = []
        self.server = SiteServer(root, site_dir, port=0, interval=0.05, report=self.messages.append)
        self.first_build = self.server.start()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.server.watch, args=(self.stop,))
        self.thread.start()

    def page(self, path: str) -> tuple[int, str]:
        return fetch(self.server.url + path)

    def wait_for_build(self, attempts: int) -> None:
        assert self.server.wait_for_attempts(attempts, TIMEOUT), f"no rebuild within {TIMEOUT} s"

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.server.close()


def copy_site(target: Path) -> Path:
    """The mkdocs project, copied: a test that edits it, or that counts rebuilds, must not see other edits."""
    target.mkdir()
    shutil.copyfile(SITE_DIR / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(SITE_DIR / folder, target / folder)
    return target


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    serving = Running(write_plan(tmp_path / "projects", SMALL), copy_site(tmp_path / "site"))
    yield serving
    serving.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_the_site_and_rebuilds_after_an_edit(running: Running) -> None:
    assert running.first_build
    assert running.server.url.startswith("http://127.0.0.1:")
    status, index = running.page("index.html")
    assert status == 200
    assert "<title>" in index and "Test portfolio" in index
    status, page = running.page("portfolio/erp.html")
    assert status == 200 and "ERP upgrade" in page and "ERP renewal" not in page
    # the task list links each assignee to their page, relative to the project page
    links = '<a href="people/alice.html">Alice Chen</a>, <a href="people/bob.html">Bob Stone</a> (50%)'
    assert links in page
    person = urllib.parse.urljoin(running.server.url + "portfolio/erp.html", "people/bob.html")
    assert person == running.server.url + "portfolio/people/bob.html"
    status, bob = fetch(person)
    assert status == 200 and "Bob Stone" in bob

    edit(running.server.root / "erp" / "project.yaml", "name: ERP upgrade", "name: ERP renewal")
    running.wait_for_build(2)

    status, page = running.page("portfolio/erp.html")
    assert status == 200 and "ERP renewal" in page and "ERP upgrade" not in page
    assert running.server.builds == 2
    assert running.messages == [f"site rebuilt: {running.server.url}"]


def test_a_plan_with_errors_keeps_the_last_good_site(running: Running) -> None:
    edit(running.server.root / "erp" / "project.yaml", "name: ERP upgrade", "name: ERP broken")
    edit(running.server.root / "erp" / "project.yaml", "depends: [design]", "depends: [desgin]")
    running.wait_for_build(2)

    assert running.server.builds == 1  # the second build was refused
    status, page = running.page("portfolio/erp.html")
    assert status == 200 and "ERP upgrade" in page and "ERP broken" not in page
    report = "\n".join(running.messages)
    assert "error PM202 unknown task 'desgin'" in report
    assert "still serving the last good site" in report

    edit(running.server.root / "erp" / "project.yaml", "depends: [desgin]", "depends: [design]")
    # Not `wait_for_build(3)`: on a loaded machine the watcher may count a third refused attempt (it saw the two
    # edits above apart) before it sees this fix. The fixed plan's page must come, whatever the count.
    deadline = time.monotonic() + TIMEOUT
    status, page = running.page("portfolio/erp.html")
    while "ERP broken" not in page and time.monotonic() < deadline:
        time.sleep(0.1)
        status, page = running.page("portfolio/erp.html")
    assert status == 200 and "ERP broken" in page


def test_an_edit_of_the_site_rebuilds_but_a_site_built_into_it_does_not(running: Running) -> None:
    site_dir = running.server.site_dir
    (site_dir / "public").mkdir()
    (site_dir / "public" / "index.html").write_text("built by pmcode site build", encoding="utf-8")
    assert not running.server.changed()
    with (site_dir / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write("\nA sentence added while serving.\n")
    running.wait_for_build(2)
    status, index = running.page("index.html")
    assert status == 200 and "A sentence added while serving." in index


def test_serves_files_only_and_nothing_outside_the_site(running: Running, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    assert running.page("assets/")[0] == 404  # a folder without index.html: no listing
    assert running.page("../secret.txt")[0] == 404
    assert running.page("%2e%2e/%2e%2e/secret.txt")[0] == 404
    assert running.page("portfolio/")[0] == 200  # its index.html


def test_a_plan_with_errors_at_start_serves_a_notice_until_fixed(tmp_path: Path) -> None:
    broken = dict(SMALL)
    broken["erp/project.yaml"] = SMALL["erp/project.yaml"].replace("depends: [design]", "depends: [desgin]")
    serving = Running(write_plan(tmp_path / "projects", broken), copy_site(tmp_path / "site"))
    try:
        assert not serving.first_build
        status, body = serving.page("index.html")
        assert status == 503 and "No site yet" in body
        edit(serving.server.root / "erp" / "project.yaml", "depends: [desgin]", "depends: [design]")
        serving.wait_for_build(2)
        assert serving.page("portfolio/erp.html")[0] == 200
    finally:
        serving.close()


def test_snapshot_sees_edits_new_and_removed_files_but_not_hidden_ones(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    first = snapshot(tmp_path)
    assert list(first) == [str(tmp_path / "a.yaml")]
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("x", encoding="utf-8")
    (tmp_path / ".public-staging").mkdir()
    (tmp_path / ".public-staging" / "index.html").write_text("x", encoding="utf-8")
    assert snapshot(tmp_path) == first
    (tmp_path / "a.yaml").write_text("a: 12\n", encoding="utf-8")
    assert snapshot(tmp_path) != first
    (tmp_path / "b.yaml").write_text("b: 1\n", encoding="utf-8")
    assert len(snapshot(tmp_path)) == 2
    (tmp_path / "a.yaml").unlink()
    assert list(snapshot(tmp_path)) == [str(tmp_path / "b.yaml")]
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "index.html").write_text("x", encoding="utf-8")
    assert len(snapshot(tmp_path)) == 2
    assert list(snapshot(tmp_path, skip=[tmp_path / "public"])) == [str(tmp_path / "b.yaml")]


def test_cli_stops_cleanly_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[SiteServer] = []

    def interrupted(self: SiteServer, stop: threading.Event) -> None:
        served.append(self)
        assert fetch(self.url + "portfolio/erp.html")[0] == 200
        raise KeyboardInterrupt

    monkeypatch.setattr(site_serve.SiteServer, "watch", interrupted)
    root = write_plan(tmp_path / "projects", SMALL)
    result = CliRunner().invoke(cli, ["site", "serve", str(root), "--site-dir", str(SITE_DIR), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert f"serving {root} at http://127.0.0.1:" in result.output
    assert result.output.endswith("stopped\n")
    assert not served[0].output.exists()  # the temporary site is removed


def test_cli_reports_a_port_in_use(tmp_path: Path) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    blocker = SiteServer(root, SITE_DIR, port=0)
    try:
        port = blocker.url.rsplit(":", 1)[1].strip("/")
        result = CliRunner().invoke(cli, ["site", "serve", str(root), "--site-dir", str(SITE_DIR), "--port", port])
        assert result.exit_code == 2
        assert f"cannot serve on 127.0.0.1:{port}" in result.output
    finally:
        blocker.close()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_the_command_serves_until_stopped_and_removes_its_site(tmp_path: Path, stop: signal.Signals) -> None:
    root = write_plan(tmp_path / "projects", SMALL)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "pmcode", "site", "serve", str(root), "--site-dir", str(SITE_DIR), "--port", "0"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a shell's background jobs ignore it
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+/) ", first)
        assert found, first
        assert fetch(found.group(1) + "portfolio/erp.html")[0] == 200
        assert len(list(scratch.iterdir())) == 1  # the temporary site
        process.send_signal(stop)
        rest, _ = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0, rest
    assert rest == "stopped\n"
    assert list(scratch.iterdir()) == []
