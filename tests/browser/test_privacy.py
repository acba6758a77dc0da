"""Reading the site asks no other host for anything: no fonts, math, icons,
scripts or analytics from elsewhere, so it works offline and tracks no one."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_every_page_requests_only_the_local_server(site_tour):
    leaks = [f"/{path}: requested {url}"
             for path, visit in site_tour.items()
             for url in visit.foreign_requests]
    assert not leaks, "pages request other hosts:\n" + "\n".join(leaks)


def test_a_request_to_another_host_is_caught_even_from_a_worker(site_page):
    """The recorder itself: a leak from the page or its worker is seen."""
    site_page.page.route("**/leaky.html", lambda route: route.fulfill(
        content_type="text/html",
        body='<img src="https://fonts.example.com/a.woff2">'
             '<script>new Worker("leaky.js")</script>'))
    site_page.page.route("**/leaky.js", lambda route: route.fulfill(
        content_type="text/javascript",
        body="fetch('https://cdn.example.com/index.json')"))
    site_page.goto("leaky.html")
    assert sorted(site_page.foreign_requests()) == [
        "https://cdn.example.com/index.json", "https://fonts.example.com/a.woff2"]
