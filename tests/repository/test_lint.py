"""The code is ruff-clean (pyproject.toml's rules), so `make test` and CI
hold every contributor to it, not only those who run `make lint`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workbench.repository import ROOT

RUFF = Path(sys.executable).parent / "ruff"


def test_ruff_finds_nothing():
    run = subprocess.run([str(RUFF), "check", "--quiet", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
