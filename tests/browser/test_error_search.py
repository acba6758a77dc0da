"""Search finds each message of the error gallery from what PyTorch printed:
a reader pastes the message, numbers and all, and the first section listed
is the one named by that message."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browser.search import search
from support.pages import DOCS, python_fences

PAGE = DOCS / "errors.md"
# The first result that is a section of a page (its link has an anchor).
FIRST_SECTION = ".md-search-result__link[href*='#'] h2"


def messages_and_headings() -> list[tuple[str, str]]:
    """(message as a traceback's last line has it, without the exception's
    name; the ``##`` heading above the block that prints it)."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    found = []
    for fence in python_fences(PAGE):
        if fence.shown and "Error: " in fence.shown:
            heading = next(line for line in reversed(lines[:fence.line])
                           if line.startswith("## "))
            message = fence.shown.splitlines()[0].partition(": ")[2]
            found.append((message, heading.removeprefix("## ")))
    return found


def test_the_gallery_has_messages_to_search():
    assert len(messages_and_headings()) >= 12


@pytest.mark.parametrize("message, heading", messages_and_headings(),
                         ids=[m[:40] for m, _ in messages_and_headings()])
def test_a_pasted_message_lists_its_gallery_section_first(
        search_page: Page, message: str, heading: str):
    search(search_page, message)
    expect(search_page.locator(FIRST_SECTION).first).to_have_text(heading)


def test_a_layer_name_is_found_inside_its_module_path(search_page: Page):
    """The search separator splits nn.ConvTranspose2d( at the dot and the
    parenthesis, so the bare class name finds it."""
    search(search_page, "ConvTranspose2d")
    expect(search_page.locator(".md-search-result__item mark").first
           ).to_have_text(re.compile(r"^ConvTranspose2d$"))
