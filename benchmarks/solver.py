"""The inverse solver and the practice page (budgets: budgets.toml).

1. solve() for one request over the default bounds, in node
   (benchmarks/solver.mjs: the slowest of 60 seeded requests).
2. Each tool page (tools/solver/, practice/) against a plain lesson page
   in bytes: every byte headless Chromium fetches to show it (HTML, CSS, JS,
   modules loaded by scripts), against the lightest lesson page of the site
   built without the course plugin (so without the explorer embed): the
   strictest plain lesson to compare with. The HTML alone is printed too.

Run: .venv/bin/python -m benchmarks.solver
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.budgets import budget
from benchmarks.explorer import build, page_weights
from workbench.repository import ROOT

TOOL_PAGES = ["tools/solver/", "practice/"]
BUDGET = budget("solver", "page")


def main() -> int:
    lessons = sorted(f"lessons/{path.stem}/" for path in
                     (ROOT / "docs" / "lessons").glob("*.md"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        weights = {}
        for variant, pages in (("with", TOOL_PAGES), ("without", lessons)):
            build(tmp / variant, variant)
            (tmp / f"{variant}-root").mkdir()
            weights |= page_weights(tmp / variant, tmp / f"{variant}-root", pages)
    plain = min(lessons, key=lambda lesson: weights[lesson][1])
    plain_html, plain_full = weights[plain]
    print(f"lightest plain lesson page: {plain} {plain_full} bytes fetched "
          f"(HTML {plain_html})")
    ok = True
    for page in TOOL_PAGES:
        html, full = weights[page]
        ratio = full / plain_full
        ok &= ratio <= BUDGET
        print(f"{page}: {full} bytes fetched = {ratio:.3f}x (HTML alone {html} "
              f"= {html / plain_html:.3f}x); budget {BUDGET}x: "
              + ("within" if ratio <= BUDGET else "OVER"))
    speed = subprocess.run(["node", str(ROOT / "benchmarks" / "solver.mjs"),
                            str(budget("solver", "solve_ms"))])
    return 0 if ok and speed.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
