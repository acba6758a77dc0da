"""Every link and resource in the built HTML resolves: internal ``href`` and
``src`` to a file of the site, ``#anchors`` to an element id of the page they
name (a fragment with "=" is a widget's state, such as the tracer's
``#input=...&stack=...``). Complements MkDocs' own link validation, which
sees only the Markdown (not the theme, the course plugin, notebooks or raw
HTML)."""

from __future__ import annotations

import posixpath
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from workbench.served_site import base_path, deployed_url


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append(value)


@cache
def parsed(html: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser


def site_path(link: str, page: str) -> str | None:
    """``link`` on ``page`` as a path from the site root; None if external."""
    if link.startswith(deployed_url()):
        link = base_path() + link.removeprefix(deployed_url())
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # another site, mailto:, data:
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_path()):
            return parts.path  # outside the site: reported as missing
        return parts.path.removeprefix(base_path())
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))


def target_file(site: Path, path: str) -> Path:
    target = site / unquote(path)
    return target / "index.html" if target.is_dir() else target


def broken_links(site: Path, html: Path) -> list[str]:
    page = html.relative_to(site).as_posix()
    problems = []
    for link in parsed(html).links:
        path = site_path(link, page)
        if path is None:
            continue
        fragment = unquote(urlsplit(link).fragment)
        target = html if not urlsplit(link).path else target_file(site, path)
        if path == ".." or path.startswith("../") or not target.is_file():
            problems.append(f"{page}: {link!r} -> no file {path}")
        elif fragment and "=" not in fragment and target.suffix == ".html" \
                and fragment not in parsed(target).ids:  # "=": a widget's state
            problems.append(f"{page}: {link!r} -> no element with id "
                            f"{fragment!r} in {target.relative_to(site)}")
    return problems


def test_every_internal_link_resolves(site_dir: Path):
    problems = [problem for html in sorted(site_dir.rglob("*.html"))
                for problem in broken_links(site_dir, html)]
    assert not problems, "broken links:\n" + "\n".join(problems)


def test_a_broken_link_names_page_link_and_target(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="#here">ok</a><a href="#gone">1</a>'
        '<a href="#input=1,2&stack=ReLU()">state, ok</a>'
        '<a href="../b/">2</a><img src="../../outside.png">')
    assert broken_links(tmp_path, tmp_path / "a" / "index.html") == [
        "a/index.html: '#gone' -> no element with id 'gone' in a/index.html",
        "a/index.html: '../b/' -> no file b",
        "a/index.html: '../../outside.png' -> no file ../outside.png",
    ]
