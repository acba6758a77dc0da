"""Each lesson's embedded explorer starts from the lesson's exercise, read
from its snippet file (course/explorer.py) and checked against PyTorch."""

from __future__ import annotations

import html
import re

import pytest
from torch import nn

from course import explorer
from course.lessons import course_lessons
from support.torch_oracle import torch_answer

LESSONS = {lesson.name: lesson for lesson in course_lessons()}


def run_solution(lesson: str) -> tuple[list[int], nn.Conv2d]:
    """(input shape, first Conv2d layer) of the exercise and its solution."""
    scope: dict = {}
    exec(LESSONS[lesson].section("exercise")
         + LESSONS[lesson].section("solution"), scope)
    layer = scope["conv"]
    first = layer if isinstance(layer, nn.Conv2d) else next(
        module for module in layer.modules() if isinstance(module, nn.Conv2d))
    return list(scope["x"].shape), first


@pytest.mark.parametrize("lesson", LESSONS)
def test_preset_is_the_exercise_as_pytorch_runs_it(lesson):
    preset = LESSONS[lesson].preset
    shape, layer = run_solution(lesson)
    assert preset["input"] == shape
    assert preset["kernel_size"] == list(layer.kernel_size)
    assert preset["padding"] == (layer.padding if isinstance(layer.padding, str)
                                 else list(layer.padding))
    answer = torch_answer(preset)
    assert answer["shape"] == list(layer(layer.weight.new_zeros(shape)).shape)
    assert answer["params"] == sum(p.numel() for p in layer.parameters())


def test_the_embed_holds_the_preset_and_links_the_explorer():
    preset = LESSONS["channels"].preset
    markdown = explorer.embed(preset, "lessons/channels/")
    shown = re.search(r'data-preset="([^"]+)"', markdown)[1]
    assert html.unescape(shown) == explorer.url_state(preset)
    assert 'data-link="../../explorer/"' in markdown
    assert explorer.module_script("lessons/channels/") == (
        '<script type="module">addEventListener("load", () => '
        'import("./../../javascripts/explorer.js"))</script>\n')


def test_a_non_literal_exercise_is_an_error_naming_the_file():
    with pytest.raises(explorer.PresetError, match=re.escape(
            "snippets/fake.py: the explorer needs the exercise's")):
        explorer.preset("size = 9\nx = torch.randn(2, 4, size, 9)",
                        "conv = nn.Conv2d(4, 6, 3)", "snippets/fake.py")


def test_a_sequential_solution_presets_its_first_layer():
    preset = explorer.preset("x = torch.randn(2, 4, 9, 9)",
                             "conv = nn.Sequential(nn.Conv2d(4, 6, 3, 2, "
                             "groups=2, bias=False), nn.Conv2d(6, 1, 1))",
                             "snippets/fake.py")
    assert preset == {
        "input": [2, 4, 9, 9], "in_channels": 4, "out_channels": 6,
        "kernel_size": [3, 3], "stride": [2, 2], "padding": [0, 0],
        "dilation": [1, 1], "groups": 2, "bias": False, "padding_mode": "zeros"}
    assert explorer.url_state(preset) == (
        "n=2&c=4&h=9&w=9&o=6&kh=3&kw=3&sh=2&sw=2&dh=1&dw=1&g=2&pad=numbers"
        "&ph=0&pw=0&bias=0&mode=zeros")
