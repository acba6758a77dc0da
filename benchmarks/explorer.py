"""The shape explorer's weight and speed (budgets: budgets.toml).

1. Explorer JS + CSS (shapes/conv.js, explorer.js, explorer-grid.js,
   explorer.css) in bytes, uncompressed: the fields at fault, the red
   cells, the legend, the 2-D picture and the phone layout included.
   tests/widgets/test_assets.py checks it too.
2. Each lesson page with its embedded explorer against the same page
   without it (the site built again without the course plugin). Weight =
   every byte headless Chromium fetches to show the page (HTML, CSS, JS,
   fonts, images, modules loaded by scripts); the HTML alone is printed too.
3. explore() per configuration in node, over 100,000 configurations
   (benchmarks/explorer.mjs, given the budget in microseconds).

Run: .venv/bin/python -m benchmarks.explorer
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.budgets import budget
from workbench.chromium import launch
from workbench.repository import ROOT
from workbench.served_site import serve

ASSETS = ["docs/javascripts/shapes/conv.js", "docs/javascripts/explorer.js",
          "docs/javascripts/explorer-grid.js", "docs/javascripts/widget.js",
          "docs/javascripts/widgets.json", "docs/stylesheets/explorer.css"]
ASSET_BUDGET = budget("explorer", "assets_bytes")
PAGE_BUDGET = budget("explorer", "page")
# "without": the course plugin off, so no explorer embed (nor the stamp and
# notebook links, a few hundred bytes): a slightly stricter comparison.
BUILD = """import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
plugins = {} if sys.argv[2] == "with" else {"plugins": ["search"]}
build(load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True, **plugins))
"""


def build(site: Path, variant: str) -> None:
    """Build the site into ``site``; ``variant`` "without" drops the plugin."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-c", BUILD, str(site), variant], cwd=ROOT,
                   env=env, check=True, capture_output=True)


def fetched(browser, url: str) -> dict[str, int]:
    """URL -> bytes of everything Chromium fetches to show the page at url."""
    page = browser.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    sizes = {response.url: len(response.body()) for response in responses
             if response.ok}
    page.close()
    return sizes


def page_weights(site: Path, tmp: Path, pages: list[str]) -> dict[str, tuple]:
    """page -> (bytes of HTML, bytes of everything fetched), in Chromium."""
    weights = {}
    with serve(site, tmp) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for page_path in pages:
            sizes = fetched(browser, url + page_path)
            weights[page_path] = (sizes[url + page_path], sum(sizes.values()))
        browser.close()
    return weights


def with_and_without(pages: list[str]) -> dict[str, dict[str, tuple]]:
    """"with" and "without" the course plugin -> page_weights of ``pages``
    in that build."""
    weights = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for variant in ("with", "without"):
            build(tmp / variant, variant)
            (tmp / f"{variant}-root").mkdir()
            weights[variant] = page_weights(tmp / variant, tmp / f"{variant}-root",
                                            pages)
    return weights


def main() -> int:
    ok = True
    sizes = {asset: (ROOT / asset).stat().st_size for asset in ASSETS}
    total = sum(sizes.values())
    ok &= total <= ASSET_BUDGET
    print("explorer JS + CSS: " + " + ".join(f"{Path(a).name} {n}"
                                            for a, n in sizes.items())
          + f" = {total} bytes; budget {ASSET_BUDGET}: "
          + ("within" if total <= ASSET_BUDGET else "OVER"))
    lessons = sorted(f"lessons/{path.stem}/" for path in
                     (ROOT / "docs" / "lessons").glob("*.md"))
    weights = with_and_without(lessons)
    for lesson in lessons:
        (html, full), (bare_html, bare_full) = (weights["with"][lesson],
                                                weights["without"][lesson])
        ratio = full / bare_full
        ok &= ratio <= PAGE_BUDGET
        print(f"{lesson}: {full} / {bare_full} bytes fetched = {ratio:.3f}x "
              f"(HTML alone {html} / {bare_html} = {html / bare_html:.3f}x); "
              f"budget {PAGE_BUDGET}x: "
              + ("within" if ratio <= PAGE_BUDGET else "OVER"))
    speed = subprocess.run(["node", str(ROOT / "benchmarks" / "explorer.mjs"),
                            str(budget("explorer", "explore_us"))])
    return 0 if ok and speed.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
