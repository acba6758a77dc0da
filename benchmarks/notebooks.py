"""The time the notebook tests add, side by side.

The notebook tests' wall time beyond the same pytest run without them vs
one kernel start plus `import torch` per notebook (budget: budgets.toml;
the ratio
to a single kernel start is printed too: the tests share one kernel.) The
build's budget with notebooks is benchmarks/build.py's.

Run: .venv/bin/python -m benchmarks.notebooks [--runs 5]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from benchmarks.budgets import budget
from benchmarks.timing import runs_option, wall_time
from course.lessons import VARIANTS
from workbench.repository import ROOT, course_lessons

BIN = Path(sys.executable).parent
BUDGET = budget("notebooks", "tests")
KERNEL_AND_TORCH = """
from nbformat.v4 import new_code_cell, new_notebook
from course.notebooks.kernel import Kernel
with Kernel() as kernel:
    kernel.run(new_notebook(cells=[new_code_cell("import torch")]), "floor")
"""

NOTEBOOK_TESTS = "tests/builds/test_notebooks.py"

def added_by_tests(runs: int) -> bool:
    """The notebook tests' wall time beyond the same pytest run without them."""
    pytest = [str(BIN / "pytest"), "-q", NOTEBOOK_TESTS]
    floor = [sys.executable, "-c", KERNEL_AND_TORCH]
    wall_time([pytest], ROOT)  # warm-up: the site build's notebook cache
    samples = [(wall_time([pytest], ROOT),
                wall_time([[*pytest, "--deselect", NOTEBOOK_TESTS]], ROOT),
                wall_time([floor], ROOT)) for _ in range(runs)]
    added = statistics.median(full - empty for full, empty, _ in samples)
    one = statistics.median(kernel for _, _, kernel in samples)
    count = len(VARIANTS) * len(course_lessons())
    ratio = added / (count * one)
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(f"notebook tests add {added:.2f} s; one kernel start + import torch "
          f"{one:.2f} s x {count} notebooks = {count * one:.2f} s -> ratio "
          f"{ratio:.2f} (budget {BUDGET}x, {verdict}); vs a single kernel start: "
          f"{added / one:.2f}x")
    return ratio <= BUDGET


def main() -> int:
    runs = runs_option(__doc__)
    return 0 if added_by_tests(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
