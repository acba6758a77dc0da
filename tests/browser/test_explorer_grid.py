"""The explorer's 2-D picture (docs/javascripts/explorer-grid.js) in
headless Chromium: an output cell picked by pointer or keyboard lights
exactly the input cells PyTorch's gradient of that output says it reads;
red cells are exactly those no output reads; padding cells of a copying
padding_mode name the input cell F.pad copies there; an input too large to
draw says so; the picture fits a phone; docs/explorer.md says what it
shows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browser.explorer_widget import (
    drawn_grid,
    form_config,
    open_explorers,
    shown_shape,
)
from support.window_oracle import padding_sources, read_cells, unseen_grid
from workbench.repository import ROOT

CONFIGS = {
    "defaults": "",
    "stride and padding": "h=9&w=11&kh=3&kw=2&sh=2&sw=3&ph=1&pw=2",
    "dilation": "h=10&w=8&dh=2&dw=3&ph=2&pw=1",
    "reflect": "h=7&w=9&kw=2&sh=2&sw=3&dh=2&ph=2&pw=1&mode=reflect",
    "circular": "h=6&w=7&kh=2&sh=3&dw=2&ph=3&pw=4&mode=circular",
    "replicate": "h=5&w=6&kw=2&sw=2&ph=2&pw=2&mode=replicate",
    "same": "pad=same&kh=4&kw=2&dh=2",
    "rows and columns": "h=8&w=10&kh=1&kw=2&sh=2&sw=4&dw=3",
}
PHONE = {"width": 375, "height": 667}
PROSE = " ".join((ROOT / "docs" / "explorer.md").read_text(encoding="utf-8").split())


def open_with(explorer, settings: str) -> Page:
    page = explorer.page
    open_explorers(page, f"{explorer.recorder.site_url}explorer/#{settings}")
    return page


def taps(config: dict, pick: tuple[int, int]) -> set[tuple[int, int]]:
    """The padded cells output ``pick``'s kernel taps: ``stride`` apart from
    one output to the next, ``dilation`` apart within a window."""
    rows, columns = ({pick[a] * config["stride"][a] + t * config["dilation"][a]
                      for t in range(config["kernel_size"][a])} for a in (0, 1))
    return {(r, c) for r in rows for c in columns}


def check_pick(page: Page, config: dict, pick: tuple[int, int]) -> None:
    drawn = drawn_grid(page)
    assert drawn["read"] == read_cells(config, pick), pick
    assert drawn["taps"] == taps(config, pick), pick
    said = page.locator(".cx-said").text_content()
    assert said.startswith(f"Output ({pick[0]}, {pick[1]}) reads "), said
    assert ("reads no input cell" in said) == (not drawn["read"]), said
    on_padding = re.search(r"; (\d+) of its (\d+) taps fall on padding", said)
    padding_taps = len(drawn["taps"] & drawn["pad"])
    assert (int(on_padding[1]) if on_padding else 0) == padding_taps, said
    assert not on_padding or int(on_padding[2]) == len(drawn["taps"])
    active = page.locator(".cx-output").get_attribute("aria-activedescendant")
    cell = page.locator(f"#{active}")
    assert cell.get_attribute("data-at") == f"{pick[0]},{pick[1]}"
    assert cell.get_attribute("aria-selected") == "true"
    assert cell.get_attribute("aria-label") == said


@pytest.mark.parametrize("settings", CONFIGS.values(), ids=CONFIGS.keys())
def test_a_clicked_output_lights_the_cells_torch_says_it_reads(explorer, settings):
    page = open_with(explorer, settings)
    config = form_config(page)
    height, width = shown_shape(page)[2:]
    for pick in {(0, 0), (height - 1, width - 1), (height // 2, width // 2),
                 (0, width - 1)}:
        page.locator(f".cx-output [data-at='{pick[0]},{pick[1]}']").click()
        check_pick(page, config, pick)


@pytest.mark.parametrize("settings", ["stride and padding", "reflect"])
def test_arrow_keys_pick_outputs_in_the_focused_grid(explorer, settings):
    page = open_with(explorer, CONFIGS[settings])
    config = form_config(page)
    height, width = shown_shape(page)[2:]
    page.locator("[data-reset]").focus()
    page.keyboard.press("Tab")  # the next stop after the form: the grid
    grid = page.locator(".cx-output")
    expect(grid).to_be_focused()
    expect(grid).to_have_accessible_name(
        f"Output, {height} × {width}: pick a cell")
    ring = grid.evaluate("""el => [getComputedStyle(el).outlineStyle,
                                   parseFloat(getComputedStyle(el).outlineWidth)]""")
    assert ring[0] == "solid" and ring[1] >= 2, ring
    scrolled = page.evaluate("scrollY")
    last = (height - 1, width - 1)
    for key, pick in [("ArrowRight", (0, 1)), ("ArrowDown", (1, 1)),
                      ("ArrowLeft", (1, 0)), ("ArrowLeft", (1, 0)),
                      ("End", (1, last[1])), ("ArrowRight", (1, last[1])),
                      ("Control+End", last), ("ArrowDown", last),
                      ("Home", (last[0], 0)), ("PageUp", (0, 0)),
                      ("ArrowUp", (0, 0)), ("PageDown", (last[0], 0)),
                      ("Control+Home", (0, 0))]:
        page.keyboard.press(key)
        check_pick(page, config, pick)
        expect(grid).to_have_accessible_description(
            page.locator(".cx-said").text_content())
    assert page.evaluate("scrollY") == scrolled  # arrows pick, not scroll


@pytest.mark.parametrize("settings", CONFIGS.values(), ids=CONFIGS.keys())
def test_red_cells_are_those_no_output_reads(explorer, settings):
    page = open_with(explorer, settings)
    assert drawn_grid(page)["unseen"] == unseen_grid(form_config(page))


def test_some_cases_draw_red_cells(explorer):
    """The cases above are not all trivial: "rows and columns" has both red
    rows and red columns."""
    page = open_with(explorer, CONFIGS["rows and columns"])
    unseen = drawn_grid(page)["unseen"]
    assert {r for r, _ in unseen} >= {1, 3, 5, 7}
    assert {c for _, c in unseen} >= {1, 2, 5, 6, 8, 9}


@pytest.mark.parametrize("settings", ["reflect", "circular", "replicate",
                                      "stride and padding"])
def test_padding_cells_name_the_input_cell_they_copy(explorer, settings):
    page = open_with(explorer, CONFIGS[settings])
    config = form_config(page)
    copies = drawn_grid(page)["copies"]
    if config["padding_mode"] == "zeros":
        assert copies == {}  # zeros copies nothing
    else:
        assert copies == padding_sources(config)


def test_an_input_too_large_to_draw_says_so_and_keeps_the_strips(explorer):
    page = open_with(explorer, "h=31&ph=1")  # 33 padded rows
    note = page.locator(".cx-big")
    expect(note).to_have_text(re.compile(
        r"^The padded input is 33 × 8 cells, too many to draw as a grid "
        r"\(at most 32 a side\)"))
    assert page.locator(".cx-input").count() == 0
    assert page.locator(".cx-svg svg").count() == 2  # both strips
    assert "more than 32 cells a side, padding included" in PROSE
    page = open_with(explorer, "h=30&ph=1")  # 32: drawn
    assert page.locator(".cx-big").count() == 0
    check_pick(page, form_config(page), (0, 0))


@pytest.mark.parametrize("settings", ["", "h=30&w=32&ph=1&kh=5&dh=3&sh=2"])
def test_the_picture_fits_a_phone(explorer, settings):
    page = explorer.page
    page.set_viewport_size(PHONE)
    page = open_with(explorer, settings)
    boxes = page.evaluate("""() => [".cx-input", ".cx-output"].map(s => {
        const box = document.querySelector(s).getBoundingClientRect();
        return [box.left, box.right, box.top, box.bottom]; })""")
    (in_left, in_right, _, in_bottom), (out_left, out_right, out_top, _) = boxes
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert 0 <= in_left and in_right <= PHONE["width"], boxes
    assert 0 <= out_left and out_right <= PHONE["width"], boxes
    assert out_top >= in_bottom, boxes  # the output grid under the input
    height, width = shown_shape(page)[2:]
    corner = page.locator(f".cx-output [data-at='{height - 1},{width - 1}']")
    if not settings:  # the defaults' 6 x 6 outputs: finger-sized
        assert corner.bounding_box()["height"] >= 44
    corner.click()
    check_pick(page, form_config(page), (height - 1, width - 1))


def test_the_output_grid_sits_beside_the_input_on_a_wide_screen(explorer):
    page = explorer.page
    page.set_viewport_size({"width": 1200, "height": 900})
    left = page.locator(".cx-output").bounding_box()["x"]
    input_box = page.locator(".cx-input").bounding_box()
    assert left >= input_box["x"] + input_box["width"]


def test_the_page_s_example_is_what_the_picture_says(explorer):
    """docs/explorer.md's example, its block checked by the gradient."""
    page = explorer.page
    page.locator(".cx-output [data-at='2,3']").click()
    said = page.locator(".cx-said").text_content()
    assert said == "Output (2, 3) reads input rows 2–4, columns 3–5."
    assert "output (2, 3) reads input rows 2–4, columns 3–5:" in PROSE
    assert read_cells(form_config(page), (2, 3)) == {
        (r, c) for r in (2, 3, 4) for c in (3, 4, 5)}
