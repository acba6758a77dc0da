"""No page logs an error (failed load, script exception) to the console."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_no_page_logs_a_console_error(site_tour):
    errors = [f"/{path}: {error}"
              for path, visit in site_tour.items()
              for error in visit.console_errors]
    assert not errors, "console errors:\n" + "\n".join(errors)


def test_a_script_error_and_a_failed_load_are_caught(site_page):
    """The recorder itself: uncaught errors and failed loads are seen."""
    site_page.page.route("**/broken.html", lambda route: route.fulfill(
        content_type="text/html",
        body='<script>throw new Error("boom")</script><img src="missing.png">'))
    site_page.goto("broken.html")
    assert "uncaught boom" in site_page.console_errors
    assert any("404" in error and "missing.png" in error
               for error in site_page.console_errors), site_page.console_errors
