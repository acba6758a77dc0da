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

OUTCOMES = pytest.StashKey[dict[str, dict[str, str]]]()  # page -> block -> outcome
BLOCKS = pytest.StashKey[dict[str, int]]()  # page -> its number of blocks
KEY = "docs page outcome"  # in a block's reports' user_properties


def pytest_configure(config: pytest.Config) -> None:
    config.stash[OUTCOMES] = defaultdict(dict)
    config.stash[BLOCKS] = {}
    config.pluginmanager.register(Collector(config), "verification-collector")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """What the block's phase says about its page travels in its report:
    under pytest-xdist the reports reach the process that writes the file."""
    report = yield
    if isinstance(item, TestBlock):
        outcome = _outcome(item, report)
        if outcome:
            page = item.parent.path.relative_to(item.config.rootpath).as_posix()
            blocks = len(list(item.parent.collect()))
            report.user_properties.append((KEY, (page, item.name, outcome, blocks)))
    return report


class Collector:
    """Gathers the pages' outcomes from the reports, wherever they ran."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for key, value in report.user_properties:
            if key == KEY:
                page, block, outcome, blocks = value
                outcomes = self.config.stash[OUTCOMES][page]
                self.config.stash[BLOCKS][page] = blocks
                if outcomes.get(block) != "failed":
                    outcomes[block] = outcome

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
    if hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: the controller writes the file
    pages = session.config.stash[OUTCOMES]
    if not pages:
        return  # no snippet ran: keep the previous results
    statuses = {}
    for page, outcomes in pages.items():
        if "failed" in outcomes.values():
            statuses[page] = "failed"
        elif (set(outcomes.values()) == {"passed"}
              and len(outcomes) == session.config.stash[BLOCKS][page]):
            statuses[page] = "passed"
    record_run(session.config.rootpath, session.config.stash[DEVICE],
               torch.__version__, statuses)
