"""Issue 3 budgets, measured side by side.

1. The CPU test suite vs its floor (`python -c "import torch"` plus an
   empty pytest run): budget 1.5x. Reported for the core suite (snippets,
   contracts, PyTorch cross-checks, site builds) and for the whole suite
   (adds notebook kernels and the browser).
2. `mkdocs build --strict` vs the same pages built with the plain material
   theme and no plugins, hooks or extensions: budget 1.5x.

Run: .venv/bin/python benchmarks/suite.py [--runs 5]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "hooks")]

from includes import ROOT, expand, mkdocs_config  # noqa: E402

from timing import compare, runs_option  # noqa: E402

BIN = Path(sys.executable).parent
PYTEST = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"]


def bare_site(workdir: Path) -> Path:
    """The same pages, includes expanded, with plain material and nothing else."""
    # The pages' images too, so the bare pages load what the Markdown shows.
    shutil.copytree(ROOT / "docs", workdir / "docs",
                    ignore=shutil.ignore_patterns("*.md"))
    for page in (ROOT / "docs").rglob("*.md"):
        target = workdir / "docs" / page.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = expand(page.read_text(), str(page))
        target.write_text("".join(line + "\n" for _, line in lines))
    (workdir / "mkdocs.yml").write_text(
        f"site_name: bare\nnav: {mkdocs_config()['nav']!r}\n"
        "theme: {name: material}\nplugins: []\n")
    return workdir


def main() -> int:
    runs = runs_option(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty"
        empty.mkdir()
        floor = [[sys.executable, "-c", "import torch"], PYTEST]
        ok = compare("core suite vs floor",
                     [[*PYTEST, "-m", "not browser and not notebook"]], floor,
                     ROOT, empty, runs, 1.5)
        # Minutes per run (browser, kernels): one pair, after the core's warm-up.
        compare("whole suite vs floor (for the record)", [PYTEST], floor,
                ROOT, empty, 1, 1.5, warm_up=False)
        mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "-d"]
        bare = bare_site(tmp / "bare")
        ok &= compare("mkdocs build --strict vs bare material",
                      [[*mkdocs, str(tmp / "site")]],
                      [[*mkdocs, str(tmp / "bare-site")]], ROOT, bare, runs, 1.5)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
