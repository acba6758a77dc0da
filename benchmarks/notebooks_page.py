"""The weight of the Notebooks page and of the lesson pages.

1. The Notebooks page (notebooks/) <= 1.15x a plain lesson page in bytes:
   every byte headless Chromium fetches to show it, against the lightest
   lesson page of the site built without the course plugin (the strictest
   plain lesson, as benchmarks/solver.py compares the tool pages).
2. With --against COMMIT: each lesson page <= 1.01x the same page built
   from COMMIT (its own course/ and mkdocs.yml, by this environment).

Run: .venv/bin/python -m benchmarks.notebooks_page [--against COMMIT]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.budgets import budget
from benchmarks.explorer import BUILD, page_weights, with_and_without
from workbench.repository import ROOT

PAGE = "notebooks/"
PAGE_BUDGET = budget("notebooks_page", "page")
LESSON_BUDGET = budget("notebooks_page", "lessons")


def build_commit(commit: str, checkout: Path, site: Path) -> None:
    """Build the site of ``commit``: its files, built from their folder."""
    checkout.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive, check=True)
    subprocess.run([sys.executable, "-c", BUILD, str(site), "with"], cwd=checkout,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True,
                   capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", metavar="COMMIT",
                        help="compare the lesson pages with this commit's")
    against = parser.parse_args().against
    lessons = sorted(f"lessons/{path.stem}/" for path in
                     (ROOT / "docs" / "lessons").glob("*.md"))
    ok = True
    weights = with_and_without([PAGE, *lessons])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain = min(lessons, key=lambda lesson: weights["without"][lesson][1])
        full, plain_full = weights["with"][PAGE][1], weights["without"][plain][1]
        ok &= full / plain_full <= PAGE_BUDGET
        print(f"/{PAGE}: {full:,} bytes fetched (HTML {weights['with'][PAGE][0]:,});"
              f" the lightest plain lesson page, /{plain}: {plain_full:,};"
              f" ratio {full / plain_full:.3f}x, budget {PAGE_BUDGET}x: "
              + ("within" if full / plain_full <= PAGE_BUDGET else "OVER"))
        if against:
            build_commit(against, tmp / "commit", tmp / "commit-site")
            (tmp / "commit-root").mkdir()
            before = page_weights(tmp / "commit-site", tmp / "commit-root", lessons)
            for lesson in lessons:
                html, now = weights["with"][lesson]
                html_before, then = before[lesson]
                ok &= now / then <= LESSON_BUDGET
                print(f"/{lesson}: {then:,} -> {now:,} bytes fetched "
                      f"({now / then:.4f}x; HTML {html_before:,} -> {html:,}); "
                      f"budget {LESSON_BUDGET}x: "
                      + ("within" if now / then <= LESSON_BUDGET else "OVER"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
