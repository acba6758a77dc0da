"""Session-wide test setup: the MkDocs builds started in the background.

The docs snippets' collection, the --device option and the verification
results are plugins loaded from pyproject.toml's addopts (``-p``), so
``pytest docs/lessons/padding.md`` runs one page without tests/.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

import site_builds as site_builds_module

pytest_plugins = ["pytester"]


def pytest_sessionstart(session):
    """Start the MkDocs builds now; tests wait for them via ``site_builds``."""
    workdir = Path(tempfile.mkdtemp(prefix="conv2d-course-builds-"))
    session.config.add_cleanup(lambda: shutil.rmtree(workdir, ignore_errors=True))
    session.config.site_builds = site_builds_module.start_all(workdir)


@pytest.fixture(scope="session")
def site_builds(request) -> dict:
    return request.config.site_builds
