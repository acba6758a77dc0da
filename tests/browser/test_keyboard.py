"""The page's widgets work from the keyboard alone: each is reached with Tab,
shows that it has focus, has a name, and does its job with Enter (or arrows).
The shape explorer's own keyboard tests live with the explorer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser.phone import PHONE
from browser.tour import SETTLED, SHOWN_SCHEME
from workbench.chromium import PATIENCE_MS
from workbench.served_site import page_file

MAX_TABS = 300  # more Tab presses than any page has focusable elements
NAMED = re.compile(r"\w")


@pytest.fixture
def keyboard_page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    context.set_default_timeout(PATIENCE_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def first_page_with(site: Path, paths: list[str], *markup: str) -> str:
    """The first page whose HTML contains every piece of ``markup``."""
    for path in paths:
        html = page_file(site, path).read_text()
        if all(piece in html for piece in markup):
            return path
    pytest.fail(f"no page of the site has {markup}: nothing to test")


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until ``selector`` has focus, then check that it shows."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            break
    else:
        pytest.fail(f"{page.url}: Tab never reaches {selector}")
    element = page.evaluate_handle("document.activeElement")
    page.wait_for_function(SETTLED)  # the theme animates focus (search)
    focused = page.screenshot()
    # Leave as a keyboard user would: Escape closes the search, which the
    # theme keeps open on a mere blur; then nothing has focus.
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")
    page.wait_for_function(SETTLED)
    assert page.screenshot() != focused, \
        f"{page.url}: {selector} looks the same with and without focus"
    element.as_element().focus()
    expect(page.locator(":focus")).to_have_accessible_name(NAMED)


def scheme(page: Page) -> str:
    return page.evaluate(SHOWN_SCHEME)


def test_palette_toggle(keyboard_page: Page, site_url: str):
    keyboard_page.goto(site_url)
    tab_to(keyboard_page, "input.md-option")
    first = scheme(keyboard_page)
    keyboard_page.keyboard.press("Enter")
    switched = scheme(keyboard_page)
    assert switched != first, "Enter on the palette toggle changes nothing"
    keyboard_page.keyboard.press("Enter")
    assert scheme(keyboard_page) == first, "Enter does not switch back"


def test_search_finds_and_opens_a_page(keyboard_page: Page, site_url: str):
    keyboard_page.goto(site_url)
    tab_to(keyboard_page, "input.md-search__input")
    keyboard_page.keyboard.type("padding")
    # Results are redrawn as each letter arrives ("padd" finds pages too):
    # wait for those of the whole word before stepping into them.
    expect(keyboard_page.locator(".md-search-result__item mark").first
           ).to_have_text(re.compile(r"^padding$", re.IGNORECASE))
    expect(keyboard_page.locator(".md-search-result__meta")
           ).to_have_text(re.compile(r"\d+ matching"))
    keyboard_page.keyboard.press("ArrowDown")
    expect(keyboard_page.locator(".md-search-result__link").first).to_be_focused()
    keyboard_page.keyboard.press("Enter")
    expect(keyboard_page).to_have_url(re.compile(r"\?h=padding"))


def test_copy_button(keyboard_page: Page, site_url: str, site_dir: Path,
                     site_page_paths: list[str]):
    path = first_page_with(site_dir, site_page_paths, "language-python")
    keyboard_page.goto(site_url + path)
    tab_to(keyboard_page, "button.md-code__button")
    keyboard_page.keyboard.press("Enter")
    code = keyboard_page.locator("div.highlight code").first.text_content()
    copied = keyboard_page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() == code.strip(), \
        f"/{path}: Enter on the first copy button copied {copied!r}"


def test_solution_opens_and_its_code_is_reachable(
        keyboard_page: Page, site_url: str, site_dir: Path,
        site_page_paths: list[str]):
    path = first_page_with(site_dir, site_page_paths, "<details", "language-python")
    keyboard_page.goto(site_url + path)
    tab_to(keyboard_page, "details:not([open]) > summary")
    keyboard_page.keyboard.press("Enter")
    assert keyboard_page.evaluate("document.activeElement.parentElement.open"), \
        f"/{path}: Enter does not open the collapsed block"
    keyboard_page.keyboard.press("Tab")
    assert keyboard_page.evaluate(
        "document.activeElement.closest('details') !== null"), \
        f"/{path}: Tab does not move into the opened block"


def test_a_formula_wider_than_a_phone_scrolls_from_the_keyboard(
        keyboard_page: Page, site_url: str, site_dir: Path,
        site_page_paths: list[str]):
    """Its box scrolls (course.css): Tab reaches it, shows that it has
    focus, and the arrow keys scroll it."""
    path = first_page_with(site_dir, site_page_paths, 'class="math"')
    keyboard_page.set_viewport_size(PHONE)
    keyboard_page.goto(site_url + path)
    wide = keyboard_page.evaluate_handle(
        "[...document.querySelectorAll('.math, .conv-formula')]"
        ".find(box => box.scrollWidth > box.clientWidth)").as_element()
    assert wide, f"/{path}: no formula is wider than a phone"
    for _ in range(MAX_TABS):
        keyboard_page.keyboard.press("Tab")
        if wide.evaluate("box => box === document.activeElement"):
            break
    else:
        pytest.fail(f"/{path}: Tab never reaches the formula wider than a phone")
    focused = wide.screenshot()
    keyboard_page.keyboard.press("ArrowRight")
    try:  # the browser scrolls smoothly: the box moves over a few frames
        keyboard_page.wait_for_function("box => box.scrollLeft > 0", arg=wide)
    except PlaywrightTimeout:
        pytest.fail(f"/{path}: ArrowRight does not scroll the wide formula")
    wide.evaluate("box => { box.scrollLeft = 0; box.blur(); }")
    assert wide.screenshot() != focused, \
        f"/{path}: the wide formula looks the same with and without focus"


def test_notebook_links(keyboard_page: Page, site_url: str):
    """On the Notebooks page Tab reaches a notebook's Colab link, and Enter
    on its "read" link opens the notebook's page, whose Colab button Tab
    reaches too (Enter on a Colab link would leave the site: not pressed)."""
    keyboard_page.goto(site_url + "notebooks/")
    tab_to(keyboard_page, "td a[href^='https://colab.research.google.com/']")
    tab_to(keyboard_page, "td a[href$='-practice/']")
    keyboard_page.keyboard.press("Enter")
    expect(keyboard_page).to_have_url(re.compile(r"/notebooks/[\w-]+-practice/$"))
    tab_to(keyboard_page, "a.notebook-colab")
