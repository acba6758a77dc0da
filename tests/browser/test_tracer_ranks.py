"""The layer-stack tracer in headless Chromium past two dimensions: a 1-D
stack typed by keyboard at 375 px and a 3-D stack from the address give
the shapes and parameters PyTorch's nn.Sequential gives and the mult-adds
and output bytes torchinfo counts; a 3-D stack PyTorch refuses stops at
its layer with PyTorch's message."""

from __future__ import annotations

from importlib.metadata import version
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from shapes.rewordings import as_printed_by
from support.layer_oracle import stack_answer

PHONE = {"width": 375, "height": 667}
SEQUENCE = """nn.Sequential(
nn.Conv1d(40, 64, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool1d(2),
nn.Conv1d(64, 64, kernel_size=3, dilation=2), nn.ReLU(),
nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(64, 12))"""
VOLUME = """nn.Sequential(
    nn.Conv3d(2, 8, kernel_size=3, padding=1), nn.BatchNorm3d(8), nn.ReLU(),
    nn.MaxPool3d((1, 2, 2)),
    nn.ConvTranspose3d(8, 4, kernel_size=(1, 2, 2), stride=(1, 2, 2)),
    nn.AdaptiveMaxPool3d((2, 4, 4)), nn.Flatten(), nn.Linear(128, 3),
)"""


def table(page) -> list[list[str]]:
    return page.locator(".tracer-scroll tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))")


def modules_of(text: str) -> list:
    from torch import nn
    return list(eval(text, {"nn": nn}))  # the test's own constants


def expected_rows(input_shape: list[int], text: str) -> list[list[str]]:
    """Shape, parameters, mult-adds and output bytes of each layer, from
    torchinfo 1.8.0's summary of the stack."""
    torchinfo = pytest.importorskip("torchinfo")
    from torch import nn
    stats = torchinfo.summary(nn.Sequential(*modules_of(text)),
                              input_size=input_shape, verbose=0)
    return [[str(tuple(info.output_size)), f"{info.num_params:,}",
             f"{info.macs:,}", f"{info.output_bytes:,}"]
            for info in stats.summary_list if info.is_leaf_layer]


def test_a_1d_stack_typed_by_keyboard_on_a_phone(site_page):
    page = site_page.page
    page.set_viewport_size(PHONE)
    site_page.goto("tools/tracer/")
    page.locator("#tracer-input").focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("8, 40, 100")
    page.keyboard.press("Tab")  # the stack's text area comes next
    expect(page.locator("#tracer-stack")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(SEQUENCE)
    expect(page.locator(".tracer-scroll tbody tr")).to_have_count(9)
    rows = table(page)
    assert rows[0][2] == "(8, 40, 100)"
    assert [row[2:6] for row in rows[1:]] == expected_rows([8, 40, 100],
                                                           SEQUENCE)
    # one number per axis: the length, in frames
    assert [row[6:8] for row in rows[1:4]] == [["5", "1"], ["5", "1"], ["6", "2"]]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    summary = page.locator(".tracer-summary").text_content()
    assert "The first Linear (layer 8) gets an input of shape (8, 64): its " \
        "in_features must be 64." in summary
    assert site_page.console_errors == [] and site_page.foreign_requests() == []


def test_a_3d_stack_in_the_address_and_pytorch_s_refusal(site_page):
    page = site_page.page
    site_page.goto("tools/tracer/#input=2,2,4,16,16&stack=" + quote(VOLUME, safe=""))
    expect(page.locator(".tracer-scroll tbody tr")).to_have_count(9)
    rows = table(page)
    assert [row[2:6] for row in rows[1:]] == expected_rows([2, 2, 4, 16, 16],
                                                           VOLUME)
    assert rows[1][6:8] == ["3 × 3 × 3", "1 × 1 × 1"]
    assert rows[4][6:8] == ["3 × 4 × 4", "1 × 2 × 2"]
    assert rows[5][6:8] == ["—", "—"]  # a transposed convolution of stride 2
    # one volume (C, D, H, W): BatchNorm3d wants a batch, as PyTorch says
    page.locator("#tracer-input").fill("2, 4, 16, 16")
    torch = stack_answer([2, 4, 16, 16], [
        {"type": "Conv3d", "args": {"in_channels": 2, "out_channels": 8,
                                    "kernel_size": 3, "padding": 1}},
        {"type": "BatchNorm3d", "args": {"num_features": 8}}])
    error = torch[-1]["error"]
    expect(page.locator(".tracer-scroll tbody tr").nth(2)).to_contain_text(
        error["type"])
    rows = table(page)
    assert rows[1][2] == str(tuple(torch[0]["shape"])) == "(8, 4, 16, 16)"
    newest = rows[2][2].partition("PyTorch 2.")[0]
    assert as_printed_by(newest, version("torch")) == \
        f"{error['type']}: {error['message']}"
    assert rows[3][2] == "not reached"
    assert site_page.console_errors == [] and site_page.foreign_requests() == []
