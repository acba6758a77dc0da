"""The layer-stack tracer in headless Chromium: a stack given in the address
bar gives the table PyTorch's nn.Sequential gives, the failing layer with
its message; bad input gets a message naming the problem and its place;
the lesson's link preloads its stack. Every test ends with no console error
and no request to another host."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from shapes.rewordings import as_printed_by
from support.layer_oracle import stack_answer

MISTAKE = """model = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1),  # 32 maps of 32 x 32
    nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),
    nn.BatchNorm2d(32),
    nn.Flatten(),
    nn.Linear(32 * 32 * 32, 10),
    nn.Dropout(0.25),
)"""
# The same layers for PyTorch (tests/support/layer_oracle.py's format).
MISTAKE_LAYERS = [
    {"type": "Conv2d", "args": {"in_channels": 3, "out_channels": 32,
                                "kernel_size": 3, "padding": 1}},
    {"type": "ReLU", "args": {}},
    {"type": "MaxPool2d", "args": {"kernel_size": 2, "ceil_mode": True}},
    {"type": "BatchNorm2d", "args": {"num_features": 32}},
    {"type": "Flatten", "args": {}},
    {"type": "Linear", "args": {"in_features": 32 * 32 * 32, "out_features": 10}},
    {"type": "Dropout", "args": {"p": {"float": 0.25}}},
]
PHONE = {"width": 375, "height": 667}


def open_tracer(site_page, hash_: str = "") -> None:
    site_page.goto("tools/tracer/" + hash_)
    expect(site_page.page.locator("#tracer-stack")).to_be_visible()


def table(page) -> list[list[str]]:
    return page.locator(".tracer-scroll tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))")


def problem(page) -> str:
    return page.locator("#tracer-problem").text_content()


def tuple_text(shape: list[int]) -> str:
    return str(tuple(shape))


def test_a_stack_in_the_address_gives_pytorch_s_table(site_page):
    open_tracer(site_page, "#input=2,3,32,32&stack=" + quote(MISTAKE, safe=""))
    page = site_page.page
    torch = stack_answer([2, 3, 32, 32], MISTAKE_LAYERS)
    rows = table(page)
    assert rows[0][2] == "(2, 3, 32, 32)"
    assert len(torch) == 6  # PyTorch stops at the Linear
    for row, answer in zip(rows[1:7], torch, strict=True):
        if "shape" in answer:
            assert row[2:4] == [tuple_text(answer["shape"]), f"{answer['params']:,}"]
        else:  # the newest release's words, then what older releases print
            error = answer["error"]  # the installed torch's words
            newest, _, older = row[2].partition("PyTorch 2.14 and older: ")
            assert as_printed_by(newest, version("torch")) == \
                f"{error['type']}: {error['message']}"
            message = newest.removeprefix(f"{error['type']}: ")
            assert older == as_printed_by(message, "2.14") != message
    assert rows[-1][2] == "not reached"  # the Dropout after the failing Linear
    assert rows[1][6:8] == ["3 × 3", "1 × 1"] and rows[3][6:8] == ["4 × 4", "2 × 2"]
    summary = page.locator(".tracer-summary").text_content()
    assert "its in_features must be 8192" in summary
    assert "PyTorch stops at layer 6 with RuntimeError: addmm: mat1 and mat2" \
        in summary
    assert problem(page) == ""
    assert site_page.console_errors == [] and site_page.foreign_requests() == []


def test_the_python_shown_runs_and_prints_the_last_shape(site_page):
    open_tracer(site_page)  # the default stack
    page = site_page.page
    code = page.locator(".tracer-python").text_content()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, timeout=600, check=True)
    last = table(page)[-1][2]
    assert run.stdout.strip() == f"torch.Size([{last.strip('()')}])" == \
        "torch.Size([4, 10])"


@pytest.mark.parametrize("stack, message", [
    ("nn.Conv2d(3, 8 3)", "Stack, line 1, column 16: expected ',' or ')', found '3'."),
    ("nn.Sequential(\n  nn.ReLU(),\n  nn.Fold((4, 4), 2),\n)",
     "Stack, line 3, column 3: nn.Fold is not a layer the tracer knows"),
    ("nn.Linear(123456789012345678901, 2)",
     "Stack, line 1, column 11: the number 123456789012345678901 is too large."),
    ("nn.ReLU(", "Stack, line 1, column 8: the '(' of ReLU is never closed."),
    ("nn.Linear(4, bias=False, 2)",
     "Stack, line 1, column 26: positional argument follows keyword argument."),
    ("import os\nos.system('x')", "Stack, line 1, column 8: expected"),
])
def test_typed_mistakes_are_named_with_their_place(site_page, stack, message):
    open_tracer(site_page)
    page = site_page.page
    page.locator("#tracer-stack").fill(stack)
    assert problem(page).startswith(message), problem(page)
    expect(page.locator("#tracer-stack")).to_have_attribute("aria-invalid", "true")
    assert table(page) == []
    assert site_page.console_errors == []


@pytest.mark.parametrize("hash_, message", [
    ("#input=4,3,x,32&stack=nn.ReLU()",
     'Input shape: size 3 of the input shape, "x", is not a whole number.'),
    ("#input=4,3,99999999999,32&stack=nn.ReLU()",
     "Input shape: size 3 of the input shape, 99999999999, is not between 1 "
     "and 2147483647."),  # the largest the page says it takes
    ("#input=4,3,32,32&stack=%E0%A4%A",
     "The address's stack is not valid URL encoding"),
])
def test_a_bad_address_gets_a_message(site_page, hash_, message):
    open_tracer(site_page, hash_)
    text = site_page.page.locator("[data-stack-tracer]").text_content()
    assert message in text, text
    assert site_page.console_errors == []


def paste(page, text: str) -> float:
    """Put ``text`` in the stack field as a paste does (one input event;
    Playwright's fill takes seconds on long text); milliseconds taken."""
    return page.locator("#tracer-stack").evaluate("""(field, text) => {
        const start = performance.now();
        field.value = text;
        field.dispatchEvent(new Event("input"));
        return performance.now() - start; }""", text)


def test_a_huge_stack_answers_at_once(site_page):
    open_tracer(site_page)
    page = site_page.page
    assert paste(page, "nn.ReLU(),\n" * 900 + "(" * 5000) < 1000
    assert "line 901, column 1" in problem(page)
    assert paste(page, "nn.Conv2d(3, 3, 3, padding=1)\n" * 300) < 1000
    assert len(table(page)) == 301
    assert site_page.console_errors == []


def test_typing_writes_the_address_and_a_reload_restores_it(site_page):
    open_tracer(site_page)
    page = site_page.page
    page.locator("#tracer-input").fill("1, 3, 9, 9")
    page.locator("#tracer-stack").fill("nn.MaxPool2d(2)")
    assert page.evaluate("location.hash") == "#input=1,3,9,9&stack=nn.MaxPool2d(2)"
    page.reload(wait_until="networkidle")
    assert table(page)[1][2] == "(1, 3, 4, 4)"


def test_the_classifier_lesson_opens_the_tracer_with_its_stack(site_page):
    site_page.goto("lessons/classifier/")
    page = site_page.page
    page.get_by_role("link", name="open it with this lesson's stack").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".tracer-scroll tbody tr").last).to_contain_text("(4, 10)")
    assert site_page.console_errors == [] and site_page.foreign_requests() == []


def test_on_a_phone_nothing_spills_over_and_fields_are_16_px(site_page):
    site_page.page.set_viewport_size(PHONE)
    open_tracer(site_page)
    page = site_page.page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    sizes = page.locator("#tracer-input, #tracer-stack, #tracer-dtype").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
    assert len(sizes) == 3 and min(sizes) >= 16
    # the wide table scrolls in its own box, which a keyboard reaches
    box = page.locator(".tracer-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert box.get_attribute("tabindex") == "0"


def test_a_setting_outside_the_model_says_what_the_tracer_models(site_page):
    stack = quote("nn.Flatten()\nnn.Conv2d(3, 4, 3, padding=1, padding_mode='reflect')")
    open_tracer(site_page, "#input=1,3,8,8&stack=" + stack)
    rows = table(site_page.page)
    assert rows[1][2] == "(1, 192)"
    assert rows[2][2] == ("The tracer models only a 3-D or 4-D input where "
                          "Conv2d's padding_mode is not 'zeros': here PyTorch's "
                          "answer may depend on more than the shapes.")
    assert site_page.console_errors == []


UNBATCHED = [  # one (C, H, W) image, as lesson 7 gives one
    {"type": "Conv2d", "args": {"in_channels": 3, "out_channels": 16,
                                "kernel_size": 3}},
    {"type": "MaxPool2d", "args": {"kernel_size": 2}},
    {"type": "ConvTranspose2d", "args": {"in_channels": 16, "out_channels": 8,
                                         "kernel_size": 2, "stride": 2}},
    {"type": "AdaptiveAvgPool2d", "args": {"output_size": 4}},
    {"type": "Flatten", "args": {"start_dim": 0}},
    {"type": "Linear", "args": {"in_features": 128, "out_features": 10}},
]


@pytest.mark.parametrize("input_shape, stack, layers", [
    ([3, 32, 32], "nn.Conv2d(3, 16, 3)\nnn.MaxPool2d(2)\n"
     "nn.ConvTranspose2d(16, 8, 2, stride=2)\nnn.AdaptiveAvgPool2d(4)\n"
     "nn.Flatten(0)\nnn.Linear(128, 10)", UNBATCHED),
    ([8, 28, 28], "nn.Conv2d(1, 16, 3)",  # lesson 7's 8 grayscale digits
     [{"type": "Conv2d", "args": {"in_channels": 1, "out_channels": 16,
                                  "kernel_size": 3}}]),
    ([3, 32, 32], "nn.Conv2d(3, 16, 3)\nnn.BatchNorm2d(16)",
     [UNBATCHED[0], {"type": "BatchNorm2d", "args": {"num_features": 16}}]),
])
def test_an_unbatched_image_gets_pytorch_s_table(site_page, input_shape,
                                                  stack, layers):
    open_tracer(site_page, f"#input={','.join(map(str, input_shape))}"
                f"&stack={quote(stack)}")
    rows = table(site_page.page)
    for row, answer in zip(rows[1:], stack_answer(input_shape, layers),
                           strict=True):
        if "shape" in answer:
            assert row[2:4] == [tuple_text(answer["shape"]),
                                f"{answer['params']:,}"]
        else:
            error = answer["error"]
            assert row[2] == f"{error['type']}: {error['message']}"
    assert "or without N for one sample" in site_page.page.locator(
        "label[for=tracer-input]").text_content()
    assert site_page.console_errors == []


@pytest.mark.parametrize("stack, says", [
    ("nn.Linear(4096, 10)",
     "The first Linear (layer 1) gets an input of shape (4, 64, 8, 8), but a "
     "Linear reads only the last axis: a Flatten is missing. nn.Flatten() "
     "right before it gives (4, 4096), one row per sample, so the Linear's "
     "in_features must be 4096 (not 8)."),
    ("nn.Flatten(0)\nnn.Linear(4096, 10)",
     "The first Linear (layer 2) gets an input of shape (16384,): the batch "
     "axis was flattened into the other axes at layer 1, so the samples are "
     "no longer apart. nn.Flatten() there keeps the batch axis (start_dim=1): "
     "it gives (4, 4096), one row per sample, so the Linear's in_features "
     "must be 4096."),
])
def test_the_summary_names_the_missing_flatten(site_page, stack, says):
    open_tracer(site_page, "#input=4,64,8,8&stack=" + quote(stack))
    summary = site_page.page.locator(".tracer-summary p")
    expect(summary.last).to_have_text(says)
    assert site_page.console_errors == []


def test_the_costs_and_totals_are_torchinfo_s(site_page):
    torchinfo = pytest.importorskip("torchinfo")
    from torch import nn
    open_tracer(site_page, "#input=2,3,32,32&stack=" + quote(MISTAKE.replace(
        "32 * 32 * 32", "32 * 16 * 16"), safe=""))
    page = site_page.page
    modules = [nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
               nn.MaxPool2d(2, ceil_mode=True), nn.BatchNorm2d(32), nn.Flatten(),
               nn.Linear(32 * 16 * 16, 10), nn.Dropout(0.25)]
    stats = torchinfo.summary(nn.Sequential(*modules), input_size=(2, 3, 32, 32),
                              verbose=0)
    leaves = [info for info in stats.summary_list if info.is_leaf_layer]
    assert [row[4:6] for row in table(page)[1:]] == [
        [f"{info.macs:,}", f"{info.output_bytes:,}"] for info in leaves]
    totals = page.locator(".tracer-totals code").text_content().splitlines()
    assert len(totals) == 8
    assert [line for line in totals if line not in str(stats).splitlines()] == []
    assert site_page.console_errors == []


def test_the_dtype_is_chosen_by_keyboard_and_kept_in_the_address(site_page):
    open_tracer(site_page)
    page = site_page.page
    float32 = [row[5] for row in table(page)]
    page.locator("#tracer-stack").focus()
    page.keyboard.press("Tab")  # the dtype's select comes next
    expect(page.locator("#tracer-dtype")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#tracer-dtype")).to_have_value("float16")
    assert page.get_by_label("Output bytes and sizes for the dtype").count() == 1
    expect(page.locator(".tracer-scroll thead")).to_contain_text(
        "Output bytes (float16)")
    halves = [f"{int(n.replace(',', '')) // 2:,}" for n in float32]
    assert [row[5] for row in table(page)] == halves
    assert page.evaluate("location.hash").endswith("&dtype=float16")
    expect(page.locator(".tracer-totals")).to_contain_text("(float16)")
    page.reload(wait_until="networkidle")
    expect(page.locator("#tracer-dtype")).to_have_value("float16")
    assert [row[5] for row in table(page)] == halves
    assert site_page.console_errors == []


def test_adaptive_pooling_rows_say_their_windows(site_page):
    open_tracer(site_page, "#input=1,3,7,30&stack="
                + quote("nn.AdaptiveAvgPool2d((3, 9))"))
    cell = site_page.page.locator(".tracer-scroll tbody tr").nth(1).locator("td").nth(6)
    expect(cell).to_have_text(
        "—height windows: 0: [0, 3), 1: [2, 5), 2: [4, 7)"
        "width windows: 0: [0, 4), 1: [3, 7), 2: [6, 10), …, 8: [26, 30)")
    assert site_page.console_errors == []


def test_an_unknown_dtype_in_the_address_gets_a_message(site_page):
    open_tracer(site_page, "#input=1,3,8,8&stack=nn.ReLU()&dtype=int8")
    text = site_page.page.locator("[data-stack-tracer]").text_content()
    assert "The tracer does not know the dtype int8; float32 is shown instead." in text
    expect(site_page.page.locator("#tracer-dtype")).to_have_value("float32")
