"""Session-wide test setup: markers by folder, and the site builds and the
site tour, each run once per test run (however many pytest-xdist workers
share it) and only when a collected test needs it.

The docs snippets' collection, the --device option and the verification
results are plugins (tests/plugins/) loaded from pyproject.toml's addopts
(``-p``), so ``pytest docs/lessons/padding.md`` runs one page without tests/.

A lesson's code block runs at most four times per suite, each run proving
something the others cannot: as a docs block (it prints what the page
shows, on the --device asked for), pasted line by line into a REPL
(docs/test_contracts.py: self-contained, no blank line inside a block),
once in the practice notebook (builds/test_notebooks.py: top to bottom in a
Jupyter kernel as it comes, with an attempt that raises run before the
exercise), and as the
page's copy button copies it (browser/test_copy_path.py: the HTML carries
runnable code). The solutions notebooks run in the site build, only when
their code changed; the tests read those runs.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from support.once import ONCE, JobFailed, Once
from support.site_builds import BREAKAGES, JOBS, BuildFailed, Built

# Hypothesis's pytest plugin comes from here, not from its entry point
# (pyproject's addopts: -p no:hypothesispytest), as Hypothesis's docs show:
# the entry point imports all of Hypothesis at the end of every session,
# about 0.8 s of an author's `pytest docs/lessons/<page>.md`, which has no
# property test.
pytest_plugins = ["pytester", "_hypothesis_pytestplugin"]

TESTS = Path(__file__).parent
# What each folder's tests prove, as a marker (``pytest -m "not browser"``).
SUBJECTS = {
    "model": "the shape formulas, in Python and JavaScript, against PyTorch",
    "builds": "the site builds: plugin, lessons, notebooks, stamp, both builders",
    "docs": "contracts over the pages and their code blocks",
    "widgets": "the widgets' JavaScript, in node",
    "browser": "drives the built site in headless Chromium",
    "repository": "workflows, Makefile, budgets, what is published",
}
# The jobs a test waits for, by the fixtures it uses (directly or not).
JOBS_OF_FIXTURE = {
    "site_dir": ("site",),
    "properdocs_site": ("properdocs",),
    "extra_lesson_build": ("extra lesson",),
    "site_tour": ("site", "tour"),
}


def pytest_configure(config: pytest.Config) -> None:
    for subject, meaning in SUBJECTS.items():
        config.addinivalue_line("markers", f"{subject}: {meaning}")
    if hasattr(config, "workerinput"):  # a pytest-xdist worker
        folder = Path(config.workerinput["course_jobs"])
    else:  # the whole run's folder, removed when it ends
        folder = Path(tempfile.mkdtemp(prefix="conv2d-course-jobs-"))
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    once = Once(folder, {**JOBS, "tour": lambda workdir, stopping:
                         take_the_tour(once, stopping)})
    config.stash[ONCE] = once
    # A worker lets the jobs it runs end, for the workers still waiting;
    # the only process of a run stops them: nobody else needs them.
    config.add_cleanup(lambda: once.finish(stop=not hasattr(config, "workerinput")))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """pytest-xdist: each worker gets the run's folder of jobs."""
    node.workerinput["course_jobs"] = str(node.config.stash[ONCE].folder)


def take_the_tour(once: Once, stopping: threading.Event):
    from browser import tour  # Playwright, only when the browser is used

    return tour.take(once.result("site").built_site(), stopping)


def jobs_of(item: pytest.Item) -> list[str]:
    names = getattr(item, "fixturenames", ())  # docs blocks: none
    jobs = [job for fixture, needed in JOBS_OF_FIXTURE.items()
            if fixture in names for job in needed]
    if "broken_build" in names:
        jobs.append(item.callspec.params["broken_build"])
    return jobs


def pytest_collection_modifyitems(config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    """Mark each test with its folder's subject; tests that wait for a
    build, and most of all for the tour, go after the others, so the jobs
    run while the others do (a speed-up only: a test waits for its job
    wherever it runs)."""
    for item in items:
        subject = item.path.relative_to(config.rootpath).parts
        if subject[0] == "tests" and subject[1] in SUBJECTS:
            item.add_marker(subject[1])
    items.sort(key=lambda item: ("tour" in jobs_of(item), bool(jobs_of(item))))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start now the jobs the collected tests need (each once per run)."""
    if session.config.option.collectonly:
        return
    for name in dict.fromkeys(job for item in session.items
                              for job in jobs_of(item)):
        session.config.stash[ONCE].start(name)


def job_result(request: pytest.FixtureRequest, name: str):
    try:
        return request.config.stash[ONCE].result(name)
    except JobFailed as failed:
        pytest.fail(str(failed))


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The course built by ``mkdocs build --strict``."""
    try:
        return job_result(request, "site").built_site()
    except BuildFailed as failed:
        pytest.fail(f"this test needs the built site: {failed}")


@pytest.fixture(scope="session")
def properdocs_site(request) -> Path:
    """The course built by ``properdocs build --strict``."""
    return job_result(request, "properdocs").built_site()


@pytest.fixture(scope="session")
def extra_lesson_build(request) -> Built:
    """A copy of the course with a throwaway extra lesson, built."""
    return job_result(request, "extra lesson")


@pytest.fixture(params=list(BREAKAGES))
def broken_build(request) -> Built:
    """The smallest copy of the course with one breakage, built."""
    return job_result(request, request.param)


@pytest.fixture(scope="session")
def site_tour(request) -> dict:
    """Every page as the site tour (browser/tour.py) saw it, by path."""
    return job_result(request, "tour")
