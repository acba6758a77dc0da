"""The shape explorer on a phone (375 x 667 CSS pixels): the output shape
stays in sight while each field is edited, every target is at least 44 px
tall, and text in fields is 16 px (smaller makes iOS zoom in on focus)."""

from __future__ import annotations

import pytest

from browser.explorer_widget import open_explorers, type_into

PHONE = {"width": 375, "height": 667}
# Where the result sits, and whether it is the topmost thing at its centre.
RESULT_BOX = """() => {
  const shape = document.querySelector(".cx-shape").getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const top = document.elementFromPoint(shape.x + shape.width / 2,
                                        shape.y + shape.height / 2);
  return {top: shape.top, bottom: shape.bottom, header: header.bottom,
          visible: !!top && !!top.closest(".cx-bar")};
}"""
TARGETS = """() => [...document.querySelectorAll(
    ".conv-explorer :is(input[inputmode], select, .cx-check, button)")]
  .filter(el => el.offsetParent).map(el => [el.name || el.textContent.trim(),
    el.getBoundingClientRect().height, parseFloat(getComputedStyle(el).fontSize)])"""


@pytest.mark.parametrize("path", ["explorer/", "lessons/channels/"])
def test_the_result_stays_in_sight_while_editing(site_page, path):
    page = site_page.page
    page.set_viewport_size(PHONE)
    open_explorers(page, site_page.recorder.site_url + path)
    names = page.locator(".conv-explorer form [name]").evaluate_all(
        "els => els.filter(el => !el.disabled).map(el => el.name)")
    assert len(names) >= 15
    for name in names:
        if name in ("pad", "mode", "bias"):
            page.locator(f".conv-explorer [name={name}]").first.focus()
        else:
            type_into(page, name, page.locator(f".conv-explorer [name={name}]")
                      .first.input_value())
        box = page.evaluate(RESULT_BOX)
        assert box["header"] - 1 <= box["top"], (name, box)
        assert box["bottom"] <= PHONE["height"], (name, box)
        assert box["visible"], (name, box)
    assert site_page.console_errors == []


def test_targets_are_44_px_and_text_16_px(site_page):
    page = site_page.page
    page.set_viewport_size(PHONE)
    open_explorers(page, site_page.recorder.site_url + "explorer/")
    targets = page.evaluate(TARGETS)
    assert len(targets) >= 19  # 15 numbers, 2 selects, bias, Reset, Copy
    small = [t for t in targets if t[1] < 44]
    assert not small, small
    tiny_text = [t for t in targets if t[2] < 16 and t[0] != "bias"]
    assert not tiny_text, tiny_text
