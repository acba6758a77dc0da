"""Material's search box, as a reader uses it: type a query, wait for the
results."""

from __future__ import annotations

from playwright.sync_api import Page, expect

SEARCH = "input.md-search__input"
RESULTS = ".md-search-result__link"


def search(page: Page, query: str) -> None:
    page.locator(SEARCH).fill(query)
    page.locator(SEARCH).press("End")  # the theme searches on a key event
    expect(page.locator(RESULTS).first).to_be_attached()
