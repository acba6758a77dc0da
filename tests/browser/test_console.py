"""No page logs an error (failed load, script exception) to the console."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_no_page_logs_a_console_error(site_tour):
    errors = [f"/{path}: {error}"
              for path, visit in site_tour.items()
              for error in visit.console_errors]
    assert not errors, "console errors:\n" + "\n".join(errors)
