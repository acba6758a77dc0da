"""Shared fixtures for the browser tests: the built site (tests/conftest.py),
served on 127.0.0.1, and one headless Chromium per worker.

Fixture names avoid pytest-playwright's (``browser``, ``page``, ``context``)
so installing that plugin later changes nothing here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from browser.explorer_widget import explorer_page
from support.recorder import RecordedPage, Recorder
from workbench.chromium import PATIENCE_MS, launch
from workbench.served_site import page_paths, serve

# expect() waits on its condition as long as any other wait.
expect.set_options(timeout=PATIENCE_MS)


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


@pytest.fixture
def site_page(chromium: Browser, site_url: str) -> Iterator[RecordedPage]:
    """A fresh browser context and tab that record requests and console errors.

    ``site_page.goto("lessons/channels/")`` opens a page; afterwards
    ``site_page.foreign_requests()`` and ``site_page.console_errors`` say
    what it fetched from elsewhere and what it logged as an error.
    """
    context = chromium.new_context()
    context.set_default_timeout(PATIENCE_MS)
    recorded = RecordedPage(context.new_page(), Recorder(site_url))
    recorded.recorder.attach(recorded.page)
    yield recorded
    context.close()


@pytest.fixture
def explorer(site_page: RecordedPage) -> Iterator[RecordedPage]:
    """The explorer page, its widget built (tests/browser/explorer_widget.py)."""
    yield from explorer_page(site_page)


@pytest.fixture(scope="module")
def search_page(chromium: Browser, site_url: str) -> Iterator[Page]:
    """A page of the site whose search box the module's tests type into."""
    context = chromium.new_context()
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()
