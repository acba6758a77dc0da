"""Session-wide test setup: the MkDocs builds and the site tour, started in
the background.

The docs snippets' collection, the --device option and the verification
results are plugins loaded from pyproject.toml's addopts (``-p``), so
``pytest docs/lessons/padding.md`` runs one page without tests/.

A lesson's code block runs at most five times per suite, each run proving
something the others cannot: as a docs block (it prints what the page
shows, on the --device asked for), pasted line by line into a REPL
(test_contracts.py: self-contained, no blank line inside a block), twice
in the practice notebook (test_notebooks.py: top to bottom in a Jupyter
kernel, as it comes and with an answer that raises), and as the page's
copy button copies it (browser/test_copy_path.py: the HTML carries
runnable code). The solutions notebooks run in the site build, only when
their code changed; the tests read those runs.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from concurrent.futures import wait
from pathlib import Path

import pytest

from support import site_builds as site_builds_module

pytest_plugins = ["pytester"]


def pytest_sessionstart(session):
    """Start the MkDocs builds now; tests wait for them via ``site_builds``."""
    workdir = Path(tempfile.mkdtemp(prefix="conv2d-course-builds-"))
    session.config.add_cleanup(lambda: shutil.rmtree(workdir, ignore_errors=True))
    session.config.site_builds = site_builds_module.start_all(workdir)


@pytest.fixture(scope="session")
def site_builds(request) -> dict:
    return request.config.site_builds


def pytest_collection_modifyitems(config, items):
    """Browser tests last, and those judging the site tour after the others:
    the tour (tests/browser/tour.py) runs in the background meanwhile."""
    items.sort(key=lambda item: (item.get_closest_marker("browser") is not None,
                                 judges_the_tour(item)))


def judges_the_tour(item: pytest.Item) -> bool:
    return "site_tour" in getattr(item, "fixturenames", ())  # docs blocks: none


def pytest_collection_finish(session):
    """Start the site tour now if a selected test needs it."""
    if not any(map(judges_the_tour, session.items)):
        return
    from browser import tour  # Playwright, only when the browser is used

    stop = threading.Event()
    session.config.site_tour = tour.start(session.config.site_builds["site"], stop)
    # Cleanups run last-in first-out: the tour stops before its site goes.
    session.config.add_cleanup(lambda: (stop.set(), wait([session.config.site_tour])))
