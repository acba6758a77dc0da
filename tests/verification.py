"""pytest plugin: record which docs pages had every snippet pass.

At the end of a session that ran docs snippets, ``.verification/<device>.json``
(in the rootdir, read by course/verified.py for the "Verified" stamp) records
each page the session ran as "passed" (every block of the page passed;
gpu-only blocks count on CUDA only) or "failed" (a block failed), with
this torch and today's date. A page the session did not run, or ran only
in part (``-k``, a skip) with no failure, keeps its earlier result: running
one page's blocks leaves the other pages' stamps as they were.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
import torch
from pytest_codeblocks.plugin import TestBlock

from course.verified import record_run
from device import DEVICE

OUTCOMES = pytest.StashKey[dict[pytest.File, dict[str, str]]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[OUTCOMES] = defaultdict(dict)  # page -> block -> outcome


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    if isinstance(item, TestBlock):
        outcomes = item.config.stash[OUTCOMES][item.parent]
        outcome = _outcome(item, report)
        if outcome and outcomes.get(item.name) != "failed":
            outcomes[item.name] = outcome
    return report


def _outcome(item: pytest.Item, report: pytest.TestReport) -> str | None:
    """What one phase of a block says about its page, if anything."""
    if report.failed:
        return "failed"
    if report.skipped:
        # A gpu-only block skipped on CPU makes no CPU claim either way.
        gpu_only = (item.get_closest_marker("gpu") is not None
                    and item.config.stash[DEVICE] == "cpu")
        return "passed" if gpu_only else "skipped"
    return "passed" if report.when == "call" else None


def pytest_sessionfinish(session: pytest.Session) -> None:
    pages = session.config.stash[OUTCOMES]
    if not pages:
        return  # no snippet ran: keep the previous results
    statuses = {}
    for page, outcomes in pages.items():
        name = page.path.relative_to(session.config.rootpath).as_posix()
        if "failed" in outcomes.values():
            statuses[name] = "failed"
        elif (set(outcomes.values()) == {"passed"}
              and len(outcomes) == len(list(page.collect()))):
            statuses[name] = "passed"
    record_run(session.config.rootpath, session.config.stash[DEVICE],
               torch.__version__, statuses)
