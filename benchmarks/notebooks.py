"""Issue 4 budgets: the lesson notebooks, measured side by side.

1. Warm `mkdocs build --strict` (notebook outputs cached) vs the same site
   built without notebooks (no mkdocs-jupyter, no hooks/notebooks.py):
   budget 2x.
2. Time the notebook tests add to a pytest run vs one kernel start plus
   `import torch` per notebook: budget 2x. (The ratio to a single kernel
   start is printed too: the tests share one kernel.)

Run: .venv/bin/python benchmarks/notebooks.py [--runs 5]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "hooks")]

from includes import ROOT, mkdocs_config  # noqa: E402

from timing import compare, runs_option, wall_time  # noqa: E402

BIN = Path(sys.executable).parent
NOTEBOOK_HOOK = "hooks/notebooks.py"
KERNEL_AND_TORCH = f"""
import sys
sys.path.insert(0, {str(ROOT / 'hooks')!r})
from nbformat.v4 import new_code_cell, new_notebook
from notebook_runner import Kernel
with Kernel() as kernel:
    kernel.run(new_notebook(cells=[new_code_cell("import torch")]), "floor")
"""


def without_notebooks(workdir: Path) -> Path:
    """mkdocs.yml minus mkdocs-jupyter and the notebook hook."""
    config = mkdocs_config()
    plugins = [plugin for plugin in config["plugins"]
               if "mkdocs-jupyter" not in str(plugin)]
    hooks = [str(ROOT / hook) for hook in config["hooks"] if hook != NOTEBOOK_HOOK]
    path = workdir / "mkdocs-without-notebooks.yml"
    path.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n" + yaml.safe_dump({
        "docs_dir": str(ROOT / "docs"), "plugins": plugins, "hooks": hooks,
        "theme": {"custom_dir": str(ROOT / "overrides")}}))
    return path


def notebook_count() -> int:
    return 2 * len(list((ROOT / "docs" / "lessons").glob("*.md")))


def added_by_tests(runs: int) -> bool:
    """The notebook tests' wall time beyond the same pytest run without them."""
    pytest = [str(BIN / "pytest"), "-q", "tests/test_notebooks.py"]
    floor = [sys.executable, "-c", KERNEL_AND_TORCH]
    wall_time([pytest], ROOT)  # warm-up: the site build's notebook cache
    samples = [(wall_time([pytest], ROOT),
                wall_time([[*pytest, "-m", "not notebook"]], ROOT),
                wall_time([floor], ROOT)) for _ in range(runs)]
    added = statistics.median(full - empty for full, empty, _ in samples)
    one = statistics.median(kernel for _, _, kernel in samples)
    count = notebook_count()
    ratio = added / (count * one)
    verdict = "within" if ratio <= 2 else "OVER"
    print(f"notebook tests add {added:.2f} s; one kernel start + import torch "
          f"{one:.2f} s x {count} notebooks = {count * one:.2f} s -> ratio "
          f"{ratio:.2f} (budget 2x, {verdict}); vs a single kernel start: "
          f"{added / one:.2f}x")
    return ratio <= 2


def main() -> int:
    runs = runs_option(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp / "site")]
        ok = compare("warm mkdocs build --strict with notebooks vs without",
                     [mkdocs], [[*mkdocs, "-f", str(without_notebooks(tmp))]],
                     ROOT, ROOT, runs, 2.0)
    ok &= added_by_tests(max(1, runs // 2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
