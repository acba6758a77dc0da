"""The shape explorer in headless Chromium, driven by the keyboard.

What it shows is checked against PyTorch: the copied code runs in a real
interpreter and prints the shape on screen; a rejected setting shows the
message PyTorch raises. Every test ends with no console error and no
request to another host.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from browser.tour import EXPLORERS_BUILT
from course.lessons import course_lessons
from support.recorder import RecordedPage
from support.torch_oracle import torch_answer

pytestmark = pytest.mark.browser

BAD_INPUTS = ["", "0", "-3", "abc", "1e9", "1000000000", "3.5", "Infinity",
              "NaN", "x = torch.randn(4, 3)", "９"]


def open_explorers(page: Page, url: str) -> None:
    """Open ``url`` and wait until its explorers are built: their module
    loads after the page's load event, and its requests come before the
    form, so waiting for the network to idle is not needed."""
    page.goto(url, wait_until="load")
    page.wait_for_function(EXPLORERS_BUILT)


@pytest.fixture
def explorer(site_page: RecordedPage) -> Iterator[RecordedPage]:
    """The explorer page, checked for console errors and foreign requests."""
    site_page.page.context.grant_permissions(["clipboard-read",
                                              "clipboard-write"])
    open_explorers(site_page.page, site_page.recorder.site_url + "explorer/")
    yield site_page
    assert site_page.console_errors == []
    assert site_page.foreign_requests() == []


def field(page: Page, name: str):
    return page.locator(f".conv-explorer [name={name}]").first


def type_into(page: Page, name: str, text: str, paste: bool = False) -> None:
    """Focus a field and replace its text with keystrokes (or one paste)."""
    field(page, name).focus()
    page.keyboard.press("Control+A")
    if not text:
        page.keyboard.press("Backspace")
    elif paste:
        page.keyboard.insert_text(text)
    else:
        page.keyboard.type(text)


def shown_shape(page: Page) -> tuple[int, ...]:
    return ast.literal_eval(page.locator(".cx-shape").first.text_content())


def copied_code(page: Page) -> str:
    page.locator("[data-copy]").first.focus()
    page.keyboard.press("Enter")
    page.locator(".cx-copied", has_text="Copied").first.wait_for()
    return page.evaluate("navigator.clipboard.readText()")


def run_python(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_keyboard_settings_give_the_shape_the_copied_code_prints(explorer):
    page = explorer.page
    for name, text in [("n", "2"), ("c", "6"), ("h", "17"), ("w", "10"),
                       ("o", "9"), ("kh", "4"), ("sh", "3"), ("dw", "2"),
                       ("g", "3"), ("ph", "2"), ("kw", "4")]:
        type_into(page, name, text)
    field(page, "mode").focus()
    page.keyboard.press("ArrowDown")  # zeros -> reflect
    field(page, "bias").focus()
    page.keyboard.press("Space")
    shape = shown_shape(page)
    code = copied_code(page)
    assert "padding_mode=\"reflect\"" in code and "bias=False" in code
    assert run_python(code) == f"torch.Size({list(shape)})"
    intended = {"input": [2, 6, 17, 10], "in_channels": 6, "out_channels": 9,
                "kernel_size": [4, 4], "stride": [3, 1], "padding": [2, 0],
                "dilation": [1, 2], "groups": 3, "bias": False,
                "padding_mode": "reflect"}  # what the keys above set
    assert list(shape) == torch_answer(intended)["shape"]


def test_a_rejected_setting_shows_pytorch_s_message(explorer):
    page = explorer.page
    field(page, "pad").focus()
    page.keyboard.press("ArrowDown")  # numbers -> same
    before = shown_shape(page)
    type_into(page, "sh", "2")
    error = page.locator(".cx-error").first.text_content()
    assert error == ("PyTorch raises ValueError: padding='same' is not "
                     "supported for strided convolutions")
    assert page.locator(".cx-result.cx-stale").count() == 1
    assert shown_shape(page) == before  # the last valid result, dimmed


def test_messages_are_pytorch_s_own(explorer):
    """Kernel larger than the padded input, with the defaults (8 x 8 input)."""
    page = explorer.page
    type_into(page, "kh", "11")
    config = {"input": [1, 3, 8, 8], "in_channels": 3, "out_channels": 4,
              "kernel_size": [11, 3], "stride": [1, 1], "padding": [0, 0],
              "dilation": [1, 1], "groups": 1, "bias": True,
              "padding_mode": "zeros"}
    error = torch_answer(config)["error"]
    assert page.locator(".cx-error").first.text_content() == \
        f"PyTorch raises {error['type']}: {error['message']}"


def test_bad_input_marks_the_field_and_dims_the_last_result(explorer):
    page = explorer.page
    box = field(page, "h")
    why = page.locator(f"#{box.get_attribute('aria-describedby')}")
    before = shown_shape(page)
    for text in BAD_INPUTS:
        type_into(page, "h", text, paste=True)
        assert box.get_attribute("aria-invalid") == "true", text
        assert why.text_content().strip(), text
        assert page.locator(".cx-result.cx-stale").count() == 1, text
        assert shown_shape(page) == before, text
        text_shown = page.locator(".conv-explorer").first.inner_text()
        assert "NaN" not in text_shown and "Infinity" not in text_shown, text
    type_into(page, "h", "8")
    assert box.get_attribute("aria-invalid") == "false"
    assert page.locator(".cx-result.cx-stale").count() == 0


def test_the_url_holds_the_settings_and_reset_restores_defaults(explorer):
    page = explorer.page
    defaults = shown_shape(page)
    type_into(page, "w", "31")
    type_into(page, "dw", "3")
    field(page, "pad").focus()
    page.keyboard.press("End")  # valid
    shape = shown_shape(page)
    assert shape != defaults
    shared = page.url
    other = page.context.new_page()
    open_explorers(other, shared)
    assert shown_shape(other) == shape
    assert field(other, "w").input_value() == "31"
    assert field(other, "pad").input_value() == "valid"
    other.close()
    page.locator("[data-reset]").first.focus()
    page.keyboard.press("Enter")
    assert shown_shape(page) == defaults


def test_a_tampered_url_marks_fields_and_never_shows_nan(explorer):
    page = explorer.page
    open_explorers(page, explorer.recorder.site_url + "explorer/#h=abc&w=1e9"
                   "&pad=bogus&mode=evil&bias=yes&sh=-1")
    for name in ("h", "w", "sh"):
        assert field(page, name).get_attribute("aria-invalid") == "true", name
    assert field(page, "pad").input_value() == "numbers"
    assert field(page, "mode").input_value() == "zeros"
    text_shown = page.locator(".conv-explorer").first.inner_text()
    assert "NaN" not in text_shown and "undefined" not in text_shown


def test_each_lesson_embeds_its_exercise(site_page, site_dir):
    lessons = sorted(path.parent.name for path in
                     (site_dir / "lessons").glob("*/index.html")
                     if "data-conv-explorer" in path.read_text())
    assert "channels" in lessons
    page = site_page.page
    for lesson in lessons:
        open_explorers(page, f"{site_page.recorder.site_url}lessons/{lesson}/")
        shape = shown_shape(page)
        preset = next(known.preset for known in course_lessons()
                      if known.name == lesson)
        assert list(shape) == torch_answer(preset)["shape"], lesson
        page.locator(".conv-explorer [data-open]").first.click()
        page.wait_for_url("**/explorer/#*")
        page.wait_for_function(EXPLORERS_BUILT)
        assert shown_shape(page) == shape, lesson
    assert site_page.console_errors == []
    assert site_page.foreign_requests() == []
