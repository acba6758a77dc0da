"""What a reader's browser loads, and the cold build (budgets: budgets.toml).

1. Bytes each page loads (HTML and every CSS, JS, font, image and search
   file it fetches), the largest page, the site's size on disk, each page
   against its bare twin: the same Markdown rendered the same way (our
   Markdown extensions) by `theme: material` with MkDocs' defaults (search
   on), without our plugin, theme templates, palette, extra CSS/JS or features.
2. DOMContentLoaded and load in headless Chromium (fresh cache each time),
   the heaviest lesson page vs its themed twin: the bare twin with our
   theme settings (palette toggle, copy buttons and the other features, no
   web fonts) but none of our plugin, theme templates or extra CSS/JS, so that
   what Material's features cost is not counted as ours.
   For the record, the main thread's work by load (style, layout, script):
   where a difference comes from.
3. `mkdocs build --strict` cold (a fresh copy: no .cache, no __pycache__)
   vs the bare build of benchmarks/suite.py (same Markdown, no extensions),
   also cold (suite.py measures the warm build).

Run: .venv/bin/python -m benchmarks.pages [--runs 5]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.budgets import budget
from benchmarks.timing import report, runs_option, wall_time
from benchmarks.twins import bare_site, dump, markdown_extensions
from workbench.chromium import launch
from workbench.repository import ROOT, mkdocs_config
from workbench.served_site import page_paths, serve

BYTES_BUDGET = budget("pages", "bytes")
TIME_BUDGET = budget("pages", "load")
BUILD_BUDGET = budget("pages", "cold_build")
# Where a page's time goes (Chromium's names): less noisy than wall time.
MAIN_THREAD = {"TaskDuration": "main-thread work", "RecalcStyleDuration": "style",
               "LayoutDuration": "layout", "ScriptDuration": "script"}
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", ".cache", "site", "__pycache__",
                                     ".verification", "*.egg-info")
BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"]
LESSONS = "lessons/"  # where the lesson pages are, in the site as in docs/


def fresh_copy(target: Path) -> Path:
    """The project as a fresh clone has it (plus uncommitted work)."""
    shutil.copytree(ROOT, target, ignore=NOT_SOURCES)
    return target


def bare_twin(workdir: Path, theme: dict | None = None) -> Path:
    """The bare site of suite.py, rendered with our Markdown extensions
    (snippets aside: its pages are expanded already), by plain material or
    by material with ``theme``'s settings."""
    bare_site(workdir)
    (workdir / "mkdocs.yml").write_text(dump(
        {"site_name": "bare", "nav": mkdocs_config()["nav"],
         "theme": theme or {"name": "material"},
         "markdown_extensions": markdown_extensions()}))
    return workdir


def themed_twin(workdir: Path) -> Path:
    """The bare twin with our theme settings (palette, features, no web
    fonts) but none of our plugin, templates or extra CSS/JS: it tells what
    Material's features cost from what we add."""
    theme = {key: value for key, value in mkdocs_config()["theme"].items()
             if key != "custom_dir"}
    return bare_twin(workdir, theme)


def cold_builds(workdir: Path, runs: int) -> tuple[bool, Path]:
    """Time cold builds of the course and the bare site, alternately; return
    the verdict and the last course project (its site is measured next)."""
    pairs = []
    for run in range(runs):
        course = fresh_copy(workdir / f"course-{run}")
        bare = bare_site(workdir / f"bare-{run}")
        pairs.append((wall_time([BUILD], course), wall_time([BUILD], bare)))
    return report("mkdocs build --strict, cold, vs bare", pairs,
                  BUILD_BUDGET), course


def page_bytes(browser: Browser, url: str) -> Counter[str]:
    """Bytes a first visit to ``url`` downloads, by resource type."""
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(url, wait_until="networkidle")
    sizes = Counter()
    for request in requests:
        sizes[request.resource_type] += request.sizes()["responseBodySize"]
    context.close()
    return sizes


def load_times(browser: Browser, url: str) -> dict[str, float]:
    """Milliseconds to DOMContentLoaded and to load, with an empty cache, and
    the main thread's work by then (Chromium's Performance metrics)."""
    context = browser.new_context()
    page = context.new_page()
    metrics = context.new_cdp_session(page)
    metrics.send("Performance.enable")
    page.goto(url, wait_until="load")
    times = page.evaluate("""() => {
        const t = performance.getEntriesByType('navigation')[0];
        return {DOMContentLoaded: t.domContentLoadedEventEnd,
                load: t.loadEventEnd}; }""")
    work = {metric["name"]: metric["value"]
            for metric in metrics.send("Performance.getMetrics")["metrics"]}
    context.close()
    return times | {part: work[name] * 1000 for name, part in MAIN_THREAD.items()}


def site_size(site: Path) -> int:
    return sum(file.stat().st_size for file in site.rglob("*") if file.is_file())


def by_kind(sizes: Counter[str]) -> str:
    return ", ".join(f"{kind} {size:,}" for kind, size in sizes.most_common())


def weights(browser: Browser, course_url: str, bare_url: str,
            paths: list[str], bare_paths: set[str]) -> tuple[bool, str]:
    """Print each page's bytes (and its bare twin's); return the verdict and
    the heaviest lesson page (every lesson has a twin)."""
    sizes = {path: page_bytes(browser, course_url + path) for path in paths}
    twins = {path: page_bytes(browser, bare_url + path)
             for path in paths if path in bare_paths}
    total = {path: sum(kinds.values()) for path, kinds in sizes.items()}
    bare = {path: sum(kinds.values()) for path, kinds in twins.items()}
    print(f"{'page':40} {'bytes':>10} {'bare':>10} ratio")
    for path in paths:
        twin = (f" {bare[path]:10,} {total[path] / bare[path]:.2f}"
                if path in bare else "")
        print(f"/{path:39} {total[path]:10,}{twin}")
    largest = max(paths, key=total.get)
    heaviest = max(twins, key=total.get)
    print(f"largest page: /{largest}: {by_kind(sizes[largest])}")
    print(f"heaviest page with a twin: /{heaviest}: {by_kind(sizes[heaviest])}; "
          f"bare: {by_kind(twins[heaviest])}")
    ok = all(total[path] <= BYTES_BUDGET * bare[path] for path in bare)
    print(f"every page <= {BYTES_BUDGET}x its bare twin: {'yes' if ok else 'NO'}")
    lessons = [path for path in bare if path.startswith(LESSONS)]
    return ok, max(lessons, key=total.get)


def load_comparison(browser: Browser, page: str, course_url: str,
                    themed_url: str, runs: int) -> bool:
    """Time ``page`` on the course and on its themed twin, in turn; print
    the ratios; return the verdict on the budget."""
    times = [[load_times(browser, url + page) for url in (course_url, themed_url)]
             for _ in range(2 * runs)]
    ok = True
    for event in ("DOMContentLoaded", "load"):
        ok &= report(f"/{page} {event} vs the themed twin",
                     [(ours[event], themed[event]) for ours, themed in times],
                     TIME_BUDGET, "ms")
    for part in MAIN_THREAD.values():  # where a difference comes from
        report(f"  {part} by load", [(ours[part], themed[part])
                                     for ours, themed in times], None, "ms")
    return ok


def main() -> int:
    runs = runs_option(__doc__)
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        tmp = Path(tmp)
        ok, course = cold_builds(tmp, runs)
        bare = bare_twin(tmp / "bare-twin")
        themed = themed_twin(tmp / "themed-twin")
        wall_time([BUILD], bare)
        wall_time([BUILD], themed)
        print(f"site size: {site_size(course / 'site'):,} bytes "
              f"(bare: {site_size(bare / 'site'):,})")
        course_url = stack.enter_context(serve(course / "site", tmp / "served"))
        bare_url = stack.enter_context(serve(bare / "site", tmp / "served-bare", "/"))
        themed_url = stack.enter_context(serve(themed / "site", tmp / "served-themed",
                                               "/"))
        browser = launch(stack.enter_context(sync_playwright()))
        paths = page_paths(course / "site")
        verdict, lesson = weights(browser, course_url, bare_url, paths,
                                  set(page_paths(bare / "site")))
        ok &= verdict
        ok &= load_comparison(browser, lesson, course_url, themed_url, runs)
        browser.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
