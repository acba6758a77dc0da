"""Run the JavaScript tests (tests/js/*.test.mjs) with node's test runner,
so `make test` covers the explorer's shape module too."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).parent / "js"


def test_node_test_runner_passes():
    if not shutil.which("node"):
        pytest.fail("node is missing: the explorer's tests need Node.js >= 18")
    tests = sorted(str(path) for path in JS_TESTS.glob("*.test.mjs"))
    assert tests, f"no *.test.mjs in {JS_TESTS}"
    run = subprocess.run(["node", "--test", *tests], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
