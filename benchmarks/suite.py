"""The test suite and the build, measured side by side (budgets: budgets.toml).

1. The CPU test suite vs its floor (`python -c "import torch"` plus an
   empty pytest run). Judged for the core suite (snippets,
   contracts, PyTorch cross-checks, site builds) and for the whole suite
   (adds notebook kernels and the browser), for the record.
2. `mkdocs build --strict` vs the same pages built with the plain material
   theme and no plugins or extensions.

Run: .venv/bin/python -m benchmarks.suite [--runs 5]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.budgets import budget
from benchmarks.timing import compare, runs_option
from benchmarks.twins import bare_site
from workbench.repository import ROOT

BIN = Path(sys.executable).parent
PYTEST = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"]


def main() -> int:
    runs = runs_option(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty"
        empty.mkdir()
        floor = [[sys.executable, "-c", "import torch"], PYTEST]
        ok = compare("core suite vs floor",
                     [[*PYTEST, "-m", "not browser", "--deselect",
                       "tests/builds/test_notebooks.py"]], floor,
                     ROOT, empty, runs, budget("suite", "core"))
        # Minutes per run (browser, kernels): one pair, after the core's warm-up.
        compare("whole suite vs floor (for the record)", [PYTEST], floor,
                ROOT, empty, 1, budget("suite", "core"), warm_up=False)
        mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "-d"]
        bare = bare_site(tmp / "bare")
        ok &= compare("mkdocs build --strict vs bare material",
                      [[*mkdocs, str(tmp / "site")]],
                      [[*mkdocs, str(tmp / "bare-site")]], ROOT, bare, runs,
                      budget("suite", "build"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
