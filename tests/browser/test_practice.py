"""The practice page in headless Chromium, from the keyboard: it accepts
the right answer and rejects off-by-one ones, explains unreadable answers
and links, keeps the problem in the URL, and fits a phone. Every test ends
with no console error and no request to another host."""

from __future__ import annotations

import subprocess
import sys

import pytest

PHONE = {"width": 375, "height": 667}
# The problem on screen, drawn again by the page's own module.
PROBLEM = """async () => {
  const link = new URLSearchParams(location.hash.slice(1));
  const module = new URL("../javascripts/problems.js", location.href);
  return (await import(module)).draw(Number(link.get("seed")),
                                     link.get("kind") ?? undefined);
}"""


@pytest.fixture
def practice(site_page):
    yield site_page
    assert site_page.console_errors == []
    assert site_page.foreign_requests() == []


def open_practice(site_page, hash_: str = ""):
    page = site_page.page
    page.goto(site_page.recorder.site_url + "practice/" + hash_, wait_until="load")
    page.locator(".tf-question").wait_for()
    return page


def answer(page, text: str) -> tuple[str, str]:
    """Type ``text`` and press Enter: (the feedback, its class)."""
    field = page.get_by_label("Your answer")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    if text:
        page.keyboard.insert_text(text)
    page.keyboard.press("Enter")
    feedback = page.locator(".tf-feedback")
    return feedback.text_content(), feedback.get_attribute("class")


@pytest.mark.parametrize("kind", ["output", "padding", "stride", "linear", "pool"])
def test_right_answer_accepted_off_by_one_rejected(practice, kind):
    page = open_practice(practice, f"#seed=2026&kind={kind}")
    want = page.evaluate(PROBLEM)["answer"]
    text, style = answer(page, ", ".join(map(str, want)))
    assert text.startswith("Right") and "tf-good" in style, text
    for index in range(len(want)):
        for step in (-1, 1):
            off = [n + step * (i == index) for i, n in enumerate(want)]
            text, style = answer(page, f"({', '.join(map(str, off))})")
            assert text.startswith("Not") and "tf-bad" in style, (off, text)
    assert page.get_by_label("Your answer").get_attribute("aria-invalid") == "false"


@pytest.mark.parametrize("text, message", [
    ("", "Type an answer first."), ("abc", "Write whole numbers only"),
    ("99999999999999999999999999", "far too large"), ("1, 2", "numbers"),
    ("(" + "9, " * 40 + "9)", "Write whole numbers only")])
def test_unreadable_answers_get_a_message(practice, text, message):
    page = open_practice(practice, "#seed=7&kind=output")
    shown, style = answer(page, text)
    assert message in shown and "tf-bad" in style
    assert page.get_by_label("Your answer").get_attribute("aria-invalid") == "true"


def test_the_seed_in_the_url_brings_the_problem_back(practice):
    page = open_practice(practice)
    assert "seed=" in page.evaluate("location.hash")  # a fresh visit writes it
    problem = page.locator(".tf-task").text_content()
    page.reload(wait_until="load")
    page.locator(".tf-question").wait_for()
    assert page.locator(".tf-task").text_content() == problem
    page.get_by_role("button", name="New problem").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"!document.querySelector('.tf-task').textContent"
                           f".includes({problem[:25]!r})")
    page.go_back()
    page.wait_for_function("t => document.querySelector('.tf-task').textContent"
                           " === t", arg=problem)


def test_a_malformed_link_is_named_and_a_problem_drawn(practice):
    page = open_practice(practice, "#seed=12abc&kind=nope&level=9")
    note = page.locator(".tf-note").text_content()
    for piece in ('seed "12abc"', 'kind "nope"', "level is not a setting"):
        assert piece in note
    assert page.locator(".tf-question").text_content()
    page.goto(practice.recorder.site_url + "practice/#seed=99999999999",
              wait_until="load")
    assert "is not a whole number" in page.locator(".tf-note").text_content()


def test_hint_and_solution_from_the_keyboard(practice):
    page = open_practice(practice, "#seed=11&kind=padding")
    problem = page.evaluate(PROBLEM)
    for name, part in (("Hint", ".tf-hint"), ("Solution", ".tf-solution")):
        assert page.locator(part).is_hidden()
        button = page.get_by_role("button", name=name)
        button.focus()
        page.keyboard.press("Enter")
        assert page.locator(part).is_visible()
        assert button.get_attribute("aria-expanded") == "true"
    assert "⌊(" in page.locator(".tf-hint").text_content()
    code = page.locator(".tf-solution code").text_content()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, timeout=600, check=True)
    assert run.stdout.strip() == problem["printed"]


def test_usable_on_a_phone(practice):
    practice.page.set_viewport_size(PHONE)
    page = open_practice(practice, "#seed=3&kind=output")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    heights = page.locator(".practice :is(input, button)").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().height)")
    assert len(heights) == 5 and min(heights) >= 44


def test_tab_walks_the_widget_and_shows_where_it_is(practice):
    page = open_practice(practice, "#seed=5&kind=pool")
    page.get_by_label("Your answer").focus()
    outline = "getComputedStyle(document.activeElement).outlineStyle"
    assert page.evaluate(outline) != "none"
    names = []
    for _ in range(4):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent"))
        assert page.evaluate(outline) != "none", names[-1]
    assert names == ["Check", "Hint", "Solution", "New problem"]


@pytest.mark.parametrize("lesson, link, kind", [
    ("padding", "padding problems only", "padding"),
    ("stride", "stride problems only", "stride")])
def test_a_lesson_opens_problems_of_its_kind(practice, lesson, link, kind):
    page = practice.page
    page.goto(practice.recorder.site_url + f"lessons/{lesson}/", wait_until="load")
    page.get_by_role("link", name=link).click()
    page.locator(".tf-question").wait_for()
    assert f"({kind})" in page.locator(".tf-task").text_content()
    assert page.locator(".tf-note").text_content() == ""
    page.get_by_role("button", name="New problem").click()
    page.wait_for_function("location.hash.includes('seed=')")
    assert f"kind={kind}" in page.evaluate("location.hash")
