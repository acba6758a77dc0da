"""Shared fixtures for the browser tests: the built site, served on
127.0.0.1, and one headless Chromium for the whole session.

Fixture names avoid pytest-playwright's (``browser``, ``page``, ``context``)
so installing that plugin later changes nothing here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    sync_playwright,
)

from browser.built_site import page_paths, serve
from browser.chromium import launch


@pytest.fixture(scope="session")
def site_dir(site_builds) -> Path:
    """The site built by ``mkdocs build --strict`` at session start."""
    build = site_builds["site"]
    code, stderr = build.result()
    if code != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {code}); "
                    f"the browser tests need the built site:\n{stderr}")
    return build.site


@pytest.fixture(scope="session")
def site_url(site_dir: Path, tmp_path_factory) -> Iterator[str]:
    """URL of the built site, e.g. ``http://127.0.0.1:PORT/course/``."""
    with serve(site_dir, tmp_path_factory.mktemp("served")) as url:
        yield url


@pytest.fixture(scope="session")
def site_page_paths(site_dir: Path) -> list[str]:
    """Every page of the built site, relative to ``site_url``."""
    return page_paths(site_dir)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium, started once per session."""
    with sync_playwright() as playwright:
        try:
            browser = launch(playwright)
        except RuntimeError as missing:
            pytest.fail(str(missing))
        yield browser
        browser.close()


@dataclass
class RecordedPage:
    """A browser tab on the local site that records what the page does."""

    page: Page
    site_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str = "") -> None:
        """Open ``path`` (relative to the site root) and wait until it is idle."""
        self.page.goto(self.site_url + path, wait_until="networkidle")

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than the local server."""
        local = urlparse(self.site_url).netloc
        return [url for url in self.requests
                if urlparse(url).scheme not in ("data", "blob")
                and urlparse(url).netloc != local]

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught {error}")


def recorded_page(context: BrowserContext, site_url: str) -> RecordedPage:
    """A new tab of ``context`` that records what it requests and logs."""
    recorded = RecordedPage(context.new_page(), site_url)
    # A page's events include its workers' (search): checked with Chromium.
    recorded.page.on("request", recorded._on_request)
    recorded.page.on("console", recorded._on_console)
    recorded.page.on("pageerror", recorded._on_page_error)
    return recorded


@pytest.fixture
def site_page(chromium: Browser, site_url: str) -> Iterator[RecordedPage]:
    """A fresh browser context and tab that record requests and console errors.

    ``site_page.goto("lessons/channels/")`` opens a page; afterwards
    ``site_page.foreign_requests()`` and ``site_page.console_errors`` say
    what it fetched from elsewhere and what it logged as an error.
    """
    context = chromium.new_context()
    yield recorded_page(context, site_url)
    context.close()


@dataclass
class Visit:
    """What one page did while a reader opened it (and, on the first page,
    used its search)."""

    foreign_requests: list[str]
    console_errors: list[str]


def use_search(page: Page) -> None:
    """Type a query so the search worker runs and shows its results."""
    search = page.locator("input.md-search__input")
    if not search.count():
        return  # a page without the theme's header
    search.click()
    search.press_sequentially("padding")
    page.wait_for_function("() => /matching/.test(document.querySelector("
                           "'.md-search-result__meta')?.textContent)")


@pytest.fixture(scope="session")
def site_tour(chromium: Browser, site_url: str,
              site_page_paths: list[str]) -> dict[str, Visit]:
    """Every page opened once and scrolled to the end (lazy content loads):
    what each requested and logged. Shared by the privacy and console tests
    (test_page_visits.py) so each page is visited once. Every page loads the
    search worker and index; a query is typed on the first page only, as
    the results are the same on all pages."""
    context = chromium.new_context()
    visits = {}
    for path in site_page_paths:
        tab = recorded_page(context, site_url)
        tab.page.goto(site_url + path, wait_until="load")
        tab.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        if path == site_page_paths[0]:
            use_search(tab.page)
        tab.page.wait_for_load_state("networkidle")
        visits[path] = Visit(tab.foreign_requests(), tab.console_errors)
        tab.page.close()
    context.close()
    return visits
