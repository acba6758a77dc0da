"""The shape explorer's links: settings in the URL (shared, tampered, old),
page anchors beside them, the lessons' embeds, and the picture's red cells
against PyTorch's gradients. Every test ends with no console error and no
request to another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser.explorer_widget import (
    copied_code,
    drawn_unseen,
    field,
    form_config,
    open_explorers,
    shown_shape,
    type_into,
)
from browser.tour import EXPLORERS_BUILT
from support.torch_oracle import exercise_and_solution, torch_answer, unseen_cells
from workbench.repository import course_lessons


def address(page: Page) -> str:
    """The address the page shows now. ``page.url`` is Playwright's copy,
    updated by an event that may arrive after the keystroke has returned
    (on a loaded machine it did), so it can still hold the one before."""
    return page.evaluate("location.href")

def test_the_url_holds_the_settings_and_reset_restores_defaults(explorer):
    page = explorer.page
    defaults = shown_shape(page)
    type_into(page, "w", "31")
    type_into(page, "dw", "3")
    field(page, "pad").focus()
    page.keyboard.press("End")  # valid
    shape = shown_shape(page)
    assert shape != defaults
    shared = address(page)
    other = page.context.new_page()
    open_explorers(other, shared)
    assert shown_shape(other) == shape
    assert field(other, "w").input_value() == "31"
    assert field(other, "pad").input_value() == "valid"
    other.close()
    page.locator("[data-reset]").first.focus()
    page.keyboard.press("Enter")
    assert shown_shape(page) == defaults


def test_page_anchors_leave_the_settings_alone(explorer):
    """A table-of-contents link or a heading's ¶ link changes the hash: the
    page scrolls there, and the explorer neither resets nor rewrites it."""
    page = explorer.page
    type_into(page, "w", "31")
    shape = shown_shape(page)
    for link in (".md-sidebar--secondary a[href='#reading-the-picture']",
                 "#sharing-a-configuration a.headerlink"):
        page.locator(link).first.click()
        anchor = link.split("#")[1].split("'")[0].split(" ")[0]
        page.wait_for_url(f"**/explorer/#{anchor}")
        assert field(page, "w").input_value() == "31"
        assert shown_shape(page) == shape
        assert page.url.endswith(f"#{anchor}")
        assert page.locator(f"#{anchor}").is_visible()
        assert page.locator(".cx-note").first.is_hidden()
    type_into(page, "h", "9")  # the next change writes the settings again
    assert "w=31" in address(page) and "h=9" in address(page)
    page.goto("about:blank")  # a fresh load, not a hash change
    open_explorers(page, explorer.recorder.site_url + "explorer/#reading-the-picture")
    assert address(page).endswith("#reading-the-picture")  # not overwritten on load
    assert field(page, "w").input_value() == "8"
    assert page.locator(".cx-note").first.is_hidden()


def test_a_link_of_unknown_keys_is_noted_not_taken_for_an_anchor(explorer):
    """A hash of key=value pairs is the explorer's even when it knows none
    of the keys: the note names them and the defaults stay."""
    page = explorer.page
    open_explorers(page, explorer.recorder.site_url + "explorer/#height=5")
    note = page.locator(".cx-note").first
    assert note.is_visible() and "height (not a setting)" in note.text_content()
    assert field(page, "h").input_value() == "8"
    page.evaluate("location.hash = 'stride=2'")  # a hash change, not a load
    page.locator(".cx-note", has_text="stride (not a setting)").first.wait_for()
    assert field(page, "sh").input_value() == "1"


def test_a_tampered_url_is_noted_and_never_shows_nan(explorer):
    page = explorer.page
    open_explorers(page, explorer.recorder.site_url + "explorer/#h=abc&w=1e9"
                   "&pad=bogus&mode=evil&bias=yes&sh=-1&zz=1")
    for name in ("h", "w", "sh"):
        assert field(page, name).get_attribute("aria-invalid") == "true", name
    assert field(page, "pad").input_value() == "numbers"
    assert field(page, "mode").input_value() == "zeros"
    note = page.locator(".cx-note").first
    assert note.is_visible()
    for value in ("pad=bogus", "mode=evil", "bias=yes", "zz"):
        assert value in note.text_content(), value
    text_shown = page.locator(".conv-explorer").first.inner_text()
    assert "NaN" not in text_shown and "undefined" not in text_shown


@pytest.mark.parametrize(("value", "bias"), [("0", False), ("false", False),
                                             ("1", True), ("true", True)])
def test_bias_in_a_link_means_what_it_says(explorer, value, bias):
    page = explorer.page
    open_explorers(page, explorer.recorder.site_url + f"explorer/#bias={value}")
    assert field(page, "bias").is_checked() is bias
    assert ("bias=False" in copied_code(page)) is not bias
    assert page.locator(".cx-note").first.is_hidden()


def test_an_old_link_without_in_channels_keeps_working(explorer):
    """Before in_channels had its own field (key i), c set both."""
    page = explorer.page
    open_explorers(page, explorer.recorder.site_url
                   + "explorer/#n=2&c=6&h=9&w=9&g=3&o=3")
    assert field(page, "i").input_value() == "6"
    assert shown_shape(page) == (2, 3, 7, 7)


def test_red_cells_are_those_no_output_depends_on(explorer):
    page = explorer.page
    settings = ["h=8&w=10&kh=1&kw=2&sh=2&sw=4&dw=3",  # red rows and columns
                "h=9&w=7&kh=2&kw=3&sh=3&sw=2&ph=1&pw=2&mode=reflect",
                "h=5&w=6&kh=2&kw=1&sh=4&sw=3&ph=3&pw=1&mode=circular",
                "h=11&w=6&kh=3&kw=2&sh=3&sw=5&dh=2&ph=2&mode=replicate"]
    for setting in settings:
        page.evaluate(f"location.hash = '{setting}'")
        page.wait_for_function(f"location.hash === '#{setting}'")
        assert drawn_unseen(page) == unseen_cells(form_config(page)), setting
    assert drawn_unseen(page) != [[], []]  # the cases draw red cells
    assert page.locator(".cx-key .unseen").first.is_visible()  # a legend


def test_each_lesson_embeds_its_exercise_input_not_its_solution(site_page):
    page = site_page.page
    for known in [lesson for lesson in course_lessons() if lesson.preset]:
        lesson = known.name
        open_explorers(page, f"{site_page.recorder.site_url}lessons/{lesson}/")
        config = form_config(page)
        shape, solution = exercise_and_solution(known)
        assert config["input"] == shape, lesson
        # the neutral layer the lesson's text announces
        assert (config["in_channels"], config["kernel_size"], config["stride"],
                config["padding"]) == (shape[1], [3, 3], [1, 1], [0, 0]), lesson
        if solution is not None:  # None: the answer is no Conv2d (pooling)
            padding = solution.padding
            assert (config["out_channels"], config["kernel_size"],
                    config["stride"], config["padding"]) != (
                solution.out_channels, list(solution.kernel_size),
                list(solution.stride),
                padding if isinstance(padding, str) else list(padding)), lesson
        assert list(shown_shape(page)) == torch_answer(config)["shape"], lesson
        # the strips, with their axis labels and legend, on the lesson too
        type_into(page, "h", "8")
        type_into(page, "w", "12")
        type_into(page, "kh", "1")
        type_into(page, "sh", "2")
        assert drawn_unseen(page)[0] == [1, 3, 5, 7], lesson
        assert drawn_unseen(page) == unseen_cells(form_config(page)), lesson
        assert page.locator(".cx-axis").first.text_content().startswith("Height")
        assert page.locator(".cx-key").first.is_visible()
        shape = shown_shape(page)
        page.locator(".conv-explorer [data-open]").first.click()
        page.wait_for_url("**/explorer/#*")
        page.wait_for_function(EXPLORERS_BUILT)
        assert shown_shape(page) == shape, lesson
    assert site_page.console_errors == []
    assert site_page.foreign_requests() == []
