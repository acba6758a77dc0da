"""The inverse solver's page in headless Chromium, from the keyboard: its
first line, run in PyTorch, gives the target; the state is in the URL; bad
fields and links get a message in the page. Every test ends with no console
error and no request to another host."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def solver(site_page):
    yield site_page
    assert site_page.console_errors == []
    assert site_page.foreign_requests() == []


def open_solver(site_page, hash_: str = ""):
    page = site_page.page
    page.goto(site_page.recorder.site_url + "tools/solver/" + hash_,
              wait_until="load")
    page.wait_for_function("document.querySelector('.tf-summary')?.textContent")
    return page


def type_into(page, label: str, text: str) -> None:
    page.get_by_label(label).focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    if text:
        page.keyboard.insert_text(text)


def test_typed_sizes_give_lines_pytorch_agrees_with(solver):
    page = open_solver(solver)
    type_into(page, "input size (H = W)", "28")
    type_into(page, "target size", "14")
    type_into(page, "kernel_size (blank: any)", "3")
    assert page.evaluate("location.hash") == "#size=28&target=14&kernel=3"
    assert page.locator(".tf-good").text_content().startswith(
        "3 nn.Conv2d settings turn 28 into 14")
    first = page.locator(".tf-list li").first.text_content()
    assert first == "nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)"
    code = page.locator(".tf-result pre code").first.text_content()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, timeout=600, check=True)
    assert run.stdout.strip() == "torch.Size([1, 16, 14, 14])"


def test_a_link_sets_the_fields_and_names_what_it_ignores(solver):
    page = open_solver(solver, "#size=32&target=30&stride=4&colour=red")
    assert page.get_by_label("stride (blank: any)").input_value() == "4"
    assert "colour (not a setting)" in page.locator(".tf-note").text_content()
    assert "reaches sizes 1 to 11" in page.locator(".tf-bad").text_content()


@pytest.mark.parametrize("text, why", [
    ("", "enter a whole number"), ("abc", "enter a whole number"),
    ("0", "at least 1"), ("3.5", "enter a whole number"),
    ("99999999999999999999", "at most 4096")])
def test_a_bad_field_is_marked_in_the_page(solver, text, why):
    page = open_solver(solver)
    type_into(page, "target size", text)
    field = page.get_by_label("target size")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.locator(f"#{field.get_attribute('id')}-why").text_content() == why
    assert page.locator(".tf-bad").text_content() == "Fix the marked field."


def test_the_largest_input_answers_at_once(solver):
    page = open_solver(solver)
    start = time.perf_counter()
    type_into(page, "input size (H = W)", "4096")
    type_into(page, "target size", "1024")
    page.locator(".tf-good", has_text="turn 4096 into 1024").wait_for()
    assert time.perf_counter() - start < 5


def test_the_solution_list_scrolls_from_the_keyboard_on_a_phone(solver):
    solver.page.set_viewport_size(PHONE)
    page = open_solver(solver)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.get_by_role("region", name="nn.Conv2d settings")
    box.focus()
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('.tf-list').scrollTop > 0")


@pytest.mark.parametrize("lesson, link, sizes", [
    ("stride", "open it with this exercise's sizes and kernel", ("56", "28", "5")),
    ("transposed", "open it with 28 and 56", ("28", "56", ""))])
def test_a_lesson_opens_the_solver_with_its_exercise(solver, lesson, link, sizes):
    page = solver.page
    page.goto(solver.recorder.site_url + f"lessons/{lesson}/", wait_until="load")
    page.get_by_role("link", name=link).click()
    page.wait_for_function("document.querySelector('.tf-summary')?.textContent")
    fields = ["input size (H = W)", "target size", "kernel_size (blank: any)"]
    assert tuple(page.get_by_label(f).input_value() for f in fields) == sizes
    assert f"turn {sizes[0]} into {sizes[1]}" in page.locator(".tf-good").text_content()


def test_the_usual_settings_come_first_and_each_effect_once(solver):
    page = open_solver(solver, "#size=32&target=64")
    grow = page.get_by_role("region", name="nn.ConvTranspose2d settings")
    lines = grow.locator("li").all_text_contents()
    assert lines[:3] == [
        "nn.ConvTranspose2d(3, 16, kernel_size=2, stride=2)",
        "nn.ConvTranspose2d(3, 16, kernel_size=3, stride=2, padding=1, "
        "output_padding=1)",
        "nn.ConvTranspose2d(3, 16, kernel_size=4, stride=2, padding=1)"]
    dilated = ["dilation=" in line for line in lines]
    assert dilated.index(True) > 3 and all(dilated[dilated.index(True):])
    assert "the usual first" in page.locator(".tf-good").text_content()
    type_into(page, "target size", "16")
    shrink = page.get_by_role("region", name="nn.Conv2d settings")
    one_by_one = [line for line in shrink.locator("li").all_text_contents()
                  if "kernel_size=1," in line]
    assert one_by_one == ["nn.Conv2d(3, 16, kernel_size=1, stride=2)"]
