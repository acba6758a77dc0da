"""The node tests (``*.test.mjs``), one pytest test each: node's own test
runner runs each file once per test run (a job of tests/conftest.py,
shared by the workers), and each of its tests is reported under its own
name, with node's message when it fails."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from support.once import ONCE


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.name.endswith(".test.mjs"):
        return NodeFile.from_parent(parent, path=file_path)
    return None


class NodeFile(pytest.File):
    def collect(self):
        once = self.config.stash[ONCE]
        name = f"node {self.path.name}"
        once.jobs.setdefault(
            name, lambda workdir, stopping: run_node(self.path, workdir))
        for test, failure in once.result(name):
            yield NodeTest.from_parent(self, name=test, failure=failure)


class NodeTest(pytest.Item):
    def __init__(self, *, failure: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.failure = failure

    def runtest(self) -> None:
        if self.failure is not None:
            raise NodeTestFailed(self.failure)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, NodeTestFailed):
            return f"{self.path.name}: {self.name}\n{excinfo.value}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"{self.path.name}: {self.name}"


class NodeTestFailed(Exception):
    """A node test failed (the message is node's)."""


def run_node(script: Path, workdir: Path) -> list[tuple[str, str | None]]:
    """Each test of ``script`` with node's failure message, or None."""
    if not shutil.which("node"):
        return [("node", "node is missing: the widgets' tests need Node.js >= 20")]
    report = workdir / "junit.xml"
    subprocess.run(["node", "--test", "--test-reporter=junit",
                    f"--test-reporter-destination={report}", str(script)],
                   capture_output=True, text=True, timeout=600, check=False)
    results = []
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        failure = case.find("failure")
        results.append((case.get("name"), None if failure is None else
                        (failure.get("message") or "") + "\n" + (failure.text or "")))
    return results


