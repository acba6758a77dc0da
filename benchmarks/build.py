"""The warm `mkdocs build --strict` against the stock stack.

The stock stack builds the same generated sources (every page with its
includes expanded, the lessons' notebooks as .ipynb files in docs/, the
same nav, theme settings and extensions) with Material, pymdownx and
mkdocs-jupyter's plugin alone: none of our plugin's extra work (lesson
model, notebook generation and outputs cache, stamp, explorer embed).
Both builds are warm (notebook outputs and mkdocs-jupyter's cache filled)
and alternate, A B A B. Budget: budgets.toml.

Run: .venv/bin/python -m benchmarks.build [--runs 5]
"""

from __future__ import annotations

import copy
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.budgets import budget
from benchmarks.timing import compare, runs_option
from benchmarks.twins import bare_site, dump, markdown_extensions
from course.lessons import VARIANTS
from workbench.repository import ROOT, course_lessons, mkdocs_config

BIN = Path(sys.executable).parent
BUDGET = budget("build", "warm")
NOTEBOOKS = ROOT / ".cache" / "notebooks"  # what our last build wrote


def stock_stack(workdir: Path) -> Path:
    """The generated sources, built by Material + pymdownx + mkdocs-jupyter."""
    bare_site(workdir)
    lessons = list(course_lessons())
    (workdir / "docs" / "notebooks").mkdir()
    for lesson in lessons:
        for variant in VARIANTS:
            uri = lesson.notebook_uri(variant)
            shutil.copy(NOTEBOOKS / uri, workdir / "docs" / uri)
    config = copy.deepcopy(mkdocs_config())
    plugins = [plugin for plugin in config["plugins"]
               if "course" not in (plugin if isinstance(plugin, dict) else [plugin])]
    (workdir / "mkdocs.yml").write_text(dump({
        "site_name": config["site_name"], "site_url": config["site_url"],
        "nav": config["nav"], "not_in_nav": config["not_in_nav"],
        "theme": config["theme"], "plugins": plugins,
        "validation": config["validation"],
        "markdown_extensions": markdown_extensions()}))
    return workdir


def main() -> int:
    runs = runs_option(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build = [str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp / "site")]
        stock = stock_stack(tmp / "stock")
        ok = compare("warm mkdocs build --strict vs the stock stack", [build],
                     [build], ROOT, stock, runs, BUDGET)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
