"""Search from a reader's side: a search for an exercise's name lands on
the lesson's exercise, which links its notebooks (the index leaves the
notebooks out: they repeat the lessons, and every page loads the index);
and a result links with an empty ``?h=`` only where Material puts a page
in as the head of its matching sections (its search worker gives that head
no terms, and the highlight feature writes the matched terms into ``h``)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from browser.search import RESULTS, search
from support.exercises import blank_name
from workbench.repository import course_lessons

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lesson", [course_lessons()[1], course_lessons()[-1]],
                         ids=lambda lesson: lesson.name)
def test_an_exercise_s_name_finds_its_lesson_and_notebooks(search_page, site_url,
                                                         lesson):
    search(search_page, blank_name(lesson))
    first = search_page.locator(f"{RESULTS}[href*='#']").first
    assert f"/lessons/{lesson.name}/" in first.get_attribute("href")
    anchor = first.get_attribute("href").partition("#")[2]
    first.click()  # the way to the notebooks, right under the heading searched to
    search_page.locator(f"[id='{anchor}'] + p").get_by_role(
        "link", name="the lesson's notebooks").click()
    line = search_page.locator("#lesson-notebooks")
    line.get_by_role("link", name="read").first.click()  # practice comes first
    expect(search_page).to_have_url(f"{site_url}notebooks/{lesson.name}-practice/")
    expect(search_page.locator("body")).to_contain_text(f"{blank_name(lesson)} = ...")


QUERIES = ["padding", "stride 2", "nn.Conv2d", "Conv2d(3, 16, 3)", "same"]


def test_an_empty_highlight_is_only_material_s_page_head(search_page):
    """Which queries put in such a head depends on the pages' text, so the
    queries together must show one at least, each a page with no score."""
    empty = []
    for query in QUERIES:
        search(search_page, query)
        links = search_page.locator(RESULTS).evaluate_all(
            """links => links.map(link => [link.getAttribute('href'),
                link.querySelector('article').dataset.mdScore])""")
        heads = [(href, score) for href, score in links
                 if parse_qs(urlparse(href).query).get("h", [""]) == [""]]
        assert len(heads) < len(links), query
        empty += heads
    assert empty, "no page head without a matching term: nothing to check"
    for href, score in empty:  # a page of its own, put in with no score
        assert "#" not in href and score == "0.00", (href, score)
