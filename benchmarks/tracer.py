"""The layer-stack tracer (budgets: budgets.toml).

1. trace() of a 100-layer stack of each rank (1-D, 2-D, 3-D), from its
   text, in node, the slowest against the budget
   (benchmarks/tracer.mjs, given the budget in milliseconds).
2. The tracer page against a plain lesson page in bytes: every byte
   headless Chromium fetches to show it (HTML, CSS, JS, the tracer's modules
   and stylesheet) against the lightest lesson page's, a lesson without a
   widget of its own being the plainest page of the site.

Run: .venv/bin/python -m benchmarks.tracer
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.budgets import budget
from benchmarks.explorer import build
from benchmarks.pages import page_bytes
from workbench.chromium import launch
from workbench.repository import ROOT
from workbench.served_site import serve

PAGE_BUDGET = budget("tracer", "page")
TRACER = "tools/tracer/"


def main() -> int:
    speed = subprocess.run(["node", str(ROOT / "benchmarks" / "tracer.mjs"),
                            str(budget("tracer", "trace_ms"))])
    lessons = sorted(f"lessons/{path.stem}/" for path in
                     (ROOT / "docs" / "lessons").glob("*.md"))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = Path(tmp) / "site"
        build(site, "with")
        with serve(site, Path(tmp) / "served") as url:
            browser = launch(playwright)
            sizes = {path: sum(page_bytes(browser, url + path).values())
                     for path in [TRACER, *lessons]}
            browser.close()
    plain = min(lessons, key=sizes.get)
    ratio = sizes[TRACER] / sizes[plain]
    ok = ratio <= PAGE_BUDGET
    print(f"/{TRACER}: {sizes[TRACER]:,} bytes fetched; the lightest lesson page, "
          f"/{plain}: {sizes[plain]:,}; ratio {ratio:.3f}x; budget {PAGE_BUDGET}x: "
          + ("within" if ok else "OVER"))
    print("lesson pages: " + ", ".join(f"/{p} {sizes[p]:,}" for p in lessons))
    return 0 if ok and speed.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
