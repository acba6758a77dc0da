"""The site builds strictly, and bad input fails the build clearly."""

from __future__ import annotations

import pytest

from site_builds import BREAKAGES, LESSON


def test_site_builds_strictly(site_builds):
    site = site_builds["site"].built_site()
    assert (site / "lessons" / "channels" / "index.html").exists()


@pytest.mark.parametrize("name", BREAKAGES)
def test_broken_source_fails_the_build_naming_it(site_builds, name):
    build = site_builds[name]
    code, stderr = build.result()
    assert code != 0, f"{name}: the build passed"
    message = BREAKAGES[name][2]
    if name != "broken anchor":  # MkDocs names the page, not the line
        message = f"{LESSON}:{build.line}: {message}"
    assert message in stderr
