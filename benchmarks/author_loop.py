"""The author loop, `pytest docs/lessons/padding.md`, against its floor:
`python -c "import torch"` plus a pytest run of one trivial test (pytest's
own start-up and collection, none of ours). Budget: budgets.toml.

The docs plugin compiles each block from its snippet and Markdown lines,
rewrites its asserts and keeps what it needs to report a failure; this
measures what that costs on a passing page, the loop an author repeats.

Run: .venv/bin/python -m benchmarks.author_loop [--runs 5]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.budgets import budget
from benchmarks.timing import compare, runs_option
from workbench.repository import ROOT

PYTEST = [str(Path(sys.executable).parent / "pytest"), "-q", "-p", "no:cacheprovider"]
BUDGET = budget("author_loop", "page")
PAGE = "docs/lessons/padding.md"


def main() -> int:
    runs = runs_option(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        trivial = Path(tmp)
        (trivial / "pytest.ini").write_text("[pytest]\n")
        (trivial / "test_trivial.py").write_text("def test_trivial():\n    pass\n")
        floor = [[sys.executable, "-c", "import torch"], PYTEST]
        ok = compare(f"pytest {PAGE} vs floor", [[*PYTEST, PAGE]], floor,
                     ROOT, trivial, runs, BUDGET)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
