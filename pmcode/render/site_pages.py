"""What every page pmcode generates for the site shares: the Jinja2 environment, page names and safe links.

The pages are Markdown files holding escaped HTML: the dashboard (site_portfolio.py), one page per project
(site_project.py) and per person (site_people.py).

Every data string goes through Jinja2's autoescaping, inside HTML blocks that Markdown leaves alone, so text from
a pull request can never become markup or a link. Page titles and file names use project ids, which the schema
restricts to letters, digits, '-' and '_'. The only links built from data are `safe_href`'s: http(s) and mailto.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote, urlsplit

import jinja2

# Stems mkdocs gives a meaning (a folder's index page), and the records pages' (site_records.PAGES): a project with
# such an id gets a page name no id can have.
RECORD_STEMS = frozenset({"requirements", "raid", "changes", "status", "actions", "quality", "operations", "strategy"})
_RESERVED_STEMS = frozenset({"index", "readme"}) | RECORD_STEMS
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\\<>\"'`]")


def project_page_stem(project_id: str) -> str:
    """The page file of a project, without `.md`: its id, except for ids mkdocs reserves (`index`, `README`) and
    the records pages' names (`raid`, `status`, ...), which get a leading '_' (no id starts with one, so no two
    projects and no reserved page share a name)."""
    return f"_{project_id}" if project_id.lower() in _RESERVED_STEMS else project_id


def safe_href(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) or mailto link without spaces, quotes or control characters, else None:
    data never links to `javascript:`, `data:` or a relative path. Still attribute-escaped by the template."""
    if not url or _URL_FORBIDDEN.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc):
        return None
    return url


def mailto_href(email: str | None) -> str | None:
    """A mailto link for an address, percent-encoded so that nothing in it is read as URL syntax but the '@'."""
    return safe_href(f"mailto:{quote(email, safe='@')}") if email else None


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("pmcode.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["safe_href"] = safe_href
    return environment
