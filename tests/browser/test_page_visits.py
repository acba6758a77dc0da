"""What every page does when a reader opens it (the site tour, tour.py):

- privacy/offline: it asks no other host for anything (fonts, math, icons,
  scripts, analytics), so it works offline and tracks no one;
- it logs no error to the console (failed load, uncaught exception).

The last two tests check the recorder itself on pages made up on the spot.
"""

from __future__ import annotations


def findings(site_tour: dict, kind: str, label: str) -> str:
    """Every page's findings of one kind, one line each, naming the page."""
    return "\n".join(f"/{path}: {label} {item}"
                     for path, visit in site_tour.items()
                     for item in getattr(visit, kind))


def test_every_page_requests_only_the_local_server(site_tour):
    leaks = findings(site_tour, "foreign_requests", "requested")
    assert not leaks, "pages request other hosts:\n" + leaks


def test_no_page_logs_a_console_error(site_tour):
    errors = findings(site_tour, "console_errors", "logged")
    assert not errors, "console errors:\n" + errors


def test_a_request_to_another_host_is_caught_even_from_a_worker(site_page):
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


def test_a_script_error_and_a_failed_load_are_caught(site_page):
    site_page.page.route("**/broken.html", lambda route: route.fulfill(
        content_type="text/html",
        body='<script>throw new Error("boom")</script><img src="missing.png">'))
    site_page.goto("broken.html")
    assert "uncaught boom" in site_page.console_errors
    assert any("404" in error and "missing.png" in error
               for error in site_page.console_errors), site_page.console_errors
