"""The shape explorer in headless Chromium, driven by the keyboard.

What it shows is checked against PyTorch: the copied code runs in a real
interpreter and prints the shape on screen; a rejected setting shows the
message PyTorch raises. Every test ends with no console error and no
request to another host.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from browser.explorer_widget import (
    copied_code,
    field,
    open_explorers,
    result_shown,
    shown_shape,
    type_into,
)
from support.torch_oracle import torch_answer


def run_python(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


BAD_INPUTS = ["", "0", "-3", "abc", "1e9", "1000000000", "3.5", "Infinity",
              "NaN", "x = torch.randn(4, 3)", "９"]


def test_keyboard_settings_give_the_shape_the_copied_code_prints(explorer):
    page = explorer.page
    for name, text in [("n", "2"), ("c", "6"), ("i", "6"), ("h", "17"), ("w", "10"),
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
    type_into(page, "sh", "2")
    error = page.locator(".cx-error").first
    assert error.text_content() == ("PyTorch raises ValueError: padding='same' "
                                    "is not supported for strided convolutions")
    assert not result_shown(page)  # no shape that is not this setting's
    for name in ("pad", "sh"):  # the fields at fault, described by the error
        assert field(page, name).get_attribute("aria-invalid") == "true", name
        assert error.get_attribute("id") in field(page, name).get_attribute(
            "aria-describedby").split(), name
    assert field(page, "sw").get_attribute("aria-invalid") == "false"
    assert "stride=(2, 1)" in copied_code(page)  # the code that raises it


def test_an_error_of_one_field_marks_it(explorer):
    page = explorer.page
    type_into(page, "g", "2")  # in_channels 3, out_channels 4
    assert [name for name in ("c", "i", "o", "g")
            if field(page, name).get_attribute("aria-invalid") == "true"] == \
        ["i", "g"]
    assert page.locator(".cx-error").first.text_content().endswith(
        "in_channels must be divisible by groups")


def test_in_channels_is_the_layer_s_so_a_mismatch_shows(explorer):
    page = explorer.page
    type_into(page, "c", "4")  # the layer's in_channels stays 3
    config = {"input": [1, 4, 8, 8], "in_channels": 3, "out_channels": 4,
              "kernel_size": [3, 3], "stride": [1, 1], "padding": [0, 0],
              "dilation": [1, 1], "groups": 1, "bias": True,
              "padding_mode": "zeros"}
    error = torch_answer(config)["error"]
    assert page.locator(".cx-error").first.text_content() == \
        f"PyTorch raises {error['type']}: {error['message']}"
    assert field(page, "c").get_attribute("aria-invalid") == "true"
    assert field(page, "i").get_attribute("aria-invalid") == "true"
    type_into(page, "i", "4")
    assert shown_shape(page) == (1, 4, 6, 6)


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


def test_bad_input_marks_the_field_and_hides_every_result(explorer):
    page = explorer.page
    box = field(page, "h")
    why = page.locator(f"#{box.get_attribute('aria-describedby')}")
    for text in BAD_INPUTS:
        type_into(page, "h", text, paste=True)
        assert box.get_attribute("aria-invalid") == "true", text
        assert why.text_content().strip(), text
        assert not result_shown(page), text
        assert page.locator("[data-copy]").first.is_hidden(), text
        text_shown = page.locator(".conv-explorer").first.inner_text()
        assert "NaN" not in text_shown and "Infinity" not in text_shown, text
        assert "last valid" not in text_shown, text
    type_into(page, "h", "8")
    assert box.get_attribute("aria-invalid") == "false"
    assert result_shown(page)


@pytest.mark.parametrize(("text", "why"), [
    ("1e9", "at most 4096"), ("1000000000", "at most 4096"),
    ("-3", "at least 1"), ("3.5", "enter a whole number"),
    ("1e2", "write it as 100"), ("abc", "enter a whole number")])
def test_each_refusal_says_why_in_words_that_fit(explorer, text, why):
    page = explorer.page
    type_into(page, "h", text, paste=True)
    assert page.locator("#cx0-h-why").text_content() == why


def test_a_half_typed_value_leaves_no_result(explorer):
    """Typing 4097 passes through 409, which fits: nothing of it stays."""
    page = explorer.page
    type_into(page, "h", "4097")
    assert not result_shown(page)
    assert "(1, 4, 407, " not in page.locator(".conv-explorer").first.inner_text()


def test_a_fresh_load_with_an_error_shows_and_copies_nothing(explorer):
    page = explorer.page
    open_explorers(page, explorer.recorder.site_url + "explorer/#h=abc")
    assert not result_shown(page)
    assert page.locator(".cx-error").first.text_content() == "Fix the marked field."
    assert page.locator("[data-copy]").first.is_hidden()


def test_the_error_note_is_a_description_not_part_of_the_name(explorer):
    page = explorer.page
    type_into(page, "h", "0")
    box = page.get_by_role("textbox", name="height H", exact=True)
    expect(box).to_have_accessible_description("at least 1")


def test_text_fields_show_a_focus_ring(explorer):
    page = explorer.page
    field(page, "n").focus()
    page.keyboard.press("Tab")  # to the next field, as a keyboard user does
    ring = page.evaluate("""() => { const el = document.activeElement;
        const style = getComputedStyle(el);
        return [el.name, style.outlineStyle, parseFloat(style.outlineWidth)]; }""")
    assert ring[0] == "c" and ring[1] == "solid" and ring[2] >= 2, ring
