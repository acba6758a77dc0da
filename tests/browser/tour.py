"""The site tour: every page of the built site opened once, as a reader
opens it, in headless Chromium. What each page did is kept for the tests
that judge it: privacy and console errors (test_page_visits.py),
accessibility (test_accessibility.py), the copy path (test_copy_path.py),
the fit on a phone's screen (test_phone_width.py).

One visit per page does it all: open the page and scroll to its end (lazy
content loads; a lesson's explorer is built after the load event, the
tracer, the solver and the practice problem once their stylesheets are
in), type a search on the first page (the search worker's requests), run
axe-core in the light scheme, switch to the dark scheme with the page's
own toggle and run axe-core's colour rules, press every python block's
copy button and read the clipboard, then narrow the tab to a phone's width
and see what does not fit (phone.py); on a notebook page, count the formulas
of its Markdown cells (test_notebook_math.py).

The tour is a job of the test run (tests/conftest.py): once per run, in a
background thread of one worker as soon as a collected test needs it,
with Playwright's async API, in two tabs that go from page to page: the
browser works while the rest of the suite runs, and the tests judging it
wait for it wherever they run.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Page, async_playwright

from browser.phone import PHONE, STICKING_OUT
from support.recorder import Recorder
from workbench.chromium import PATIENCE_MS, launch_options
from workbench.repository import ROOT
from workbench.served_site import page_paths, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Material picks its palette from prefers-color-scheme until a reader chooses.
SCHEMES = {"light": "default", "dark": "slate"}
# The dark palette changes colours only, so it needs only the colour rules;
# the others see the same DOM in both schemes (and axe is the slow part).
RULES = {
    "light": {"resultTypes": ["violations"]},
    "dark": {"resultTypes": ["violations"],
             "runOnly": ["color-contrast", "link-in-text-block"]},
    # A wide formula scrolls, and so must be reachable, only on a narrow screen.
    "phone": {"resultTypes": ["violations"],
              "runOnly": ["scrollable-region-focusable"]},
}
AXE_RUN = "options => axe.run(document, options).then(found => found.violations)"

TABS = 2  # one tab's page renders while the other's waits on axe
SHOWN_SCHEME = "document.body.dataset.mdColorScheme"
PALETTE_TOGGLE = "form[data-md-component=palette] label:visible"
# Colours are read once the toggle's transitions have finished.
SETTLED = "document.getAnimations().every(a => a.playState !== 'running')"
EXPLORERS_BUILT = ("[...document.querySelectorAll('[data-conv-explorer]')]"
                   ".every(widget => widget.querySelector('form'))")
TRACERS_BUILT = ("[...document.querySelectorAll('[data-stack-tracer]')]"
                 ".every(widget => widget.querySelector('textarea'))")
FORMS_BUILT = ("[...document.querySelectorAll("
               "'[data-inverse-solver], [data-practice]')]"
               ".every(widget => widget.querySelector('form'))")
# For each Markdown cell of a notebook page (none elsewhere): how many MathML
# formulas it shows, and whether a "$" of TeX is left in its text.
NOTEBOOK_MATH = """() => [...document.querySelectorAll(".jp-RenderedMarkdown")]
  .map(cell => [cell.querySelectorAll("math").length,
                cell.textContent.includes("$")])"""
# For each python block: the HTML comments just before it (pytest marks)
# and the text of the output block right after it, if the page shows one.
BLOCKS_JS = """() => [...document.querySelectorAll("div.language-python")]
.map(block => {
  const marks = [];
  let node = block.previousSibling;
  while (node && (node.nodeType === Node.COMMENT_NODE || !node.textContent.trim())) {
    if (node.nodeType === Node.COMMENT_NODE) marks.push(node.textContent.trim());
    node = node.previousSibling;
  }
  const next = block.nextElementSibling;
  const shown = next && next.matches('div.language-text')
    ? next.querySelector('code').textContent : null;
  return {marks, shown};
})"""


class TourError(Exception):
    """The tour could not open a page as a reader would."""


@dataclass
class CopiedBlock:
    where: str  # page and block number, for messages
    code: str  # what the copy button put on the clipboard
    shown: str | None  # the output the page shows after the block
    needs_gpu: bool  # the page marks it as needing a CUDA device


@dataclass
class Visit:
    """What one page did while the tour had it open."""

    foreign_requests: list[str]
    console_errors: list[str]
    violations: dict[str, list[dict]]  # scheme or "phone" -> axe's violations
    copied: list[CopiedBlock]
    phone: dict  # at a phone's width: STICKING_OUT's findings
    notebook_math: list[tuple[int, bool]]  # NOTEBOOK_MATH's findings


def axe_source() -> str:
    if not AXE.exists():
        raise TourError(f"{AXE.relative_to(ROOT)} is missing: `make test` "
                        "installs it (npm ci)")
    return AXE.read_text()


async def use_search(page: Page) -> None:
    """Type a query so the search worker runs and shows its results."""
    search = page.locator("input.md-search__input")
    if not await search.count():
        return  # a page without the theme's header
    await search.click()
    await search.press_sequentially("padding")
    await page.wait_for_function("() => /matching/.test(document.querySelector("
                                 "'.md-search-result__meta')?.textContent)")
    await search.press("Escape")  # axe then sees the page, not the results


async def copy_blocks(page: Page, path: str,
                      clipboard: asyncio.Lock) -> list[CopiedBlock]:
    """Press every python block's copy button and read the clipboard."""
    # Solutions sit in collapsed <details>: open them, as a reader would.
    await page.evaluate("document.querySelectorAll('details')"
                        ".forEach(d => d.open = true)")
    copied = []
    for number, info in enumerate(await page.evaluate(BLOCKS_JS), start=1):
        button = (page.locator("div.language-python").nth(number - 1)
                  .locator("button.md-code__button[data-md-type=copy]"))
        async with clipboard:  # the browser has one clipboard for all tabs
            await page.evaluate("navigator.clipboard.writeText('')")
            await button.click()
            code = await page.evaluate("navigator.clipboard.readText()")
        copied.append(CopiedBlock(f"/{path} python block {number}", code,
                                  info["shown"], "pytest.mark.gpu" in info["marks"]))
    return copied


async def visit(page: Page, recorder: Recorder, path: str, search: bool,
                axe: str, clipboard: asyncio.Lock) -> Visit:
    """Open one page in ``page``'s tab and do everything the tests judge."""
    recorder.start_over()
    await page.goto(recorder.site_url + path, wait_until="load")
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    if search:
        await use_search(page)
    await page.wait_for_load_state("networkidle")
    await page.wait_for_function(
        f"{EXPLORERS_BUILT} && {TRACERS_BUILT} && {FORMS_BUILT}")
    await page.evaluate(axe)
    # After the load and the network's idle: a notebook page's script has
    # swapped its TeX for the MathML it fetched.
    notebook_math = [tuple(cell) for cell in await page.evaluate(NOTEBOOK_MATH)]
    violations = {}
    shown = await page.evaluate(SHOWN_SCHEME)  # the reader's last choice
    for scheme, palette in sorted(SCHEMES.items(), key=lambda s: s[1] != shown):
        if await page.evaluate(SHOWN_SCHEME) != palette:
            await page.locator(PALETTE_TOGGLE).click()
        await page.wait_for_function(f"{SHOWN_SCHEME} === '{palette}' && {SETTLED}")
        violations[scheme] = await page.evaluate(AXE_RUN, RULES[scheme])
    copied = await copy_blocks(page, path, clipboard)
    phone, violations["phone"] = await on_a_phone(page)
    return Visit(recorder.foreign_requests(), list(recorder.console_errors),
                 violations, copied, phone, notebook_math)


async def on_a_phone(page: Page) -> tuple[dict, list[dict]]:
    """What does not fit a phone's screen (the solutions are open), and
    axe-core's rule for boxes that scroll; then the tab's size back."""
    size = page.viewport_size
    await page.set_viewport_size(PHONE)
    # Two frames: the page's own resize handlers run before the measure.
    await page.evaluate("new Promise(done => requestAnimationFrame("
                        "() => requestAnimationFrame(done)))")
    await page.wait_for_function(SETTLED)
    found = await page.evaluate(STICKING_OUT)
    violations = await page.evaluate(AXE_RUN, RULES["phone"])
    await page.set_viewport_size(size)
    return found, violations


async def tour(site_url: str, paths: list[str],
               stop: threading.Event) -> dict[str, Visit]:
    """Visit ``paths`` in ``TABS`` tabs, each going from page to page as a
    reader does (its cache and palette choice kept); a query is typed on
    the first page."""
    axe = axe_source()
    try:
        options = launch_options()
    except RuntimeError as missing:
        raise TourError(str(missing)) from None
    pending, visits, clipboard = iter(paths), {}, asyncio.Lock()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**options)

        async def tab() -> None:
            context = await browser.new_context(color_scheme="light")
            context.set_default_timeout(PATIENCE_MS)
            await context.grant_permissions(["clipboard-read", "clipboard-write"])
            page = await context.new_page()
            recorder = Recorder(site_url)
            recorder.attach(page)
            for path in pending:  # shared by the tabs: each page once
                if stop.is_set():
                    raise TourError("the test session ended before the tour")
                try:
                    visits[path] = await visit(page, recorder, path,
                                               path == paths[0], axe, clipboard)
                except Exception as error:
                    raise TourError(f"/{path}: the tour could not take this "
                                    f"page: {error}") from error
            await context.close()

        await asyncio.gather(*(tab() for _ in range(TABS)))
        await browser.close()
    return {path: visits[path] for path in paths}


def take(site: Path, stop: threading.Event) -> dict[str, Visit]:
    """Serve ``site`` and tour it; ``stop`` ends the tour early."""
    with tempfile.TemporaryDirectory() as root, serve(site, Path(root)) as url:
        return asyncio.run(tour(url, page_paths(site), stop))
