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
