"""hooks/explorer.py: each lesson's embedded explorer starts from the
lesson's exercise, read from its snippet file and checked against PyTorch."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
from torch import nn

import explorer
from pages import snippet_files
from torch_oracle import torch_answer

LESSONS = [path.stem for path in snippet_files()
           if "[start:solution]" in path.read_text()
           and "[start:exercise]" in path.read_text()]


def run_solution(lesson: str) -> tuple[list[int], nn.Conv2d]:
    """(input shape, first Conv2d layer) of the exercise and its solution."""
    scope: dict = {}
    exec(explorer.section(lesson, "exercise") + "\n"
         + explorer.section(lesson, "solution"), scope)
    layer = next(value for value in scope.values() if isinstance(value, nn.Module))
    first = layer if isinstance(layer, nn.Conv2d) else next(
        module for module in layer.modules() if isinstance(module, nn.Conv2d))
    return list(scope["x"].shape), first


@pytest.mark.parametrize("lesson", LESSONS)
def test_preset_is_the_exercise_as_pytorch_runs_it(lesson):
    preset = explorer.lesson_preset(lesson)
    shape, layer = run_solution(lesson)
    assert preset["input"] == shape
    assert preset["kernel_size"] == list(layer.kernel_size)
    assert preset["padding"] == (layer.padding if isinstance(layer.padding, str)
                                 else list(layer.padding))
    answer = torch_answer(preset)
    assert answer["shape"] == list(layer(layer.weight.new_zeros(shape)).shape)
    assert answer["params"] == sum(p.numel() for p in layer.parameters())


def test_lessons_with_exercises_exist():
    assert "channels" in LESSONS


def page(src_uri: str) -> SimpleNamespace:
    url = src_uri.removesuffix(".md") + "/"
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_a_lesson_page_gets_a_prefilled_explorer_and_its_module():
    markdown = explorer.on_page_markdown("# Channels\n", page("lessons/channels.md"))
    preset = re.search(r'data-preset="([^"]+)"', markdown)[1]
    assert html.unescape(preset) == explorer.url_state(
        explorer.lesson_preset("channels"))
    assert 'data-link="../../explorer/"' in markdown
    content = explorer.on_page_content("<div data-conv-explorer></div>",
                                       page("lessons/channels.md"))
    assert content.endswith('<script type="module">addEventListener("load", '
                            '() => import("./../../javascripts/explorer.js"))'
                            '</script>\n')


def test_pages_without_an_explorer_stay_as_they_are():
    assert explorer.on_page_markdown("# Map\n", page("index.md")) == "# Map\n"
    assert explorer.on_page_content("<p>x</p>", page("index.md")) == "<p>x</p>"
    assert explorer.lesson_preset("no_such_lesson") is None


def fake_lesson(tmp_path, monkeypatch, exercise: str, solution: str) -> None:
    """snippets/fake.py with these two sections, as the hook reads them."""
    sections = {"exercise": exercise, "solution": solution}
    (tmp_path / "fake.py").write_text(
        "".join(f"# --8<-- [start:{name}]\n{code}\n# --8<-- [end:{name}]\n"
                for name, code in sections.items()))
    monkeypatch.setattr(explorer, "SNIPPETS", tmp_path)
    monkeypatch.setattr(explorer, "section", lambda lesson, name: sections[name])


def test_a_non_literal_exercise_is_a_warning_naming_the_file(
        tmp_path, monkeypatch, caplog):
    fake_lesson(tmp_path, monkeypatch, "size = 9\nx = torch.randn(2, 4, size, 9)",
                "conv = nn.Conv2d(4, 6, 3)")
    assert explorer.lesson_preset("fake") is None
    assert "snippets/fake.py: the explorer needs" in caplog.text
    assert caplog.records[-1].levelname == "WARNING"


def test_a_sequential_solution_presets_its_first_layer(tmp_path, monkeypatch):
    fake_lesson(tmp_path, monkeypatch, "x = torch.randn(2, 4, 9, 9)",
                "conv = nn.Sequential(nn.Conv2d(4, 6, 3, 2, groups=2, "
                "bias=False), nn.Conv2d(6, 1, 1))")
    preset = explorer.lesson_preset("fake")
    assert preset == {
        "input": [2, 4, 9, 9], "in_channels": 4, "out_channels": 6,
        "kernel_size": [3, 3], "stride": [2, 2], "padding": [0, 0],
        "dilation": [1, 1], "groups": 2, "bias": False, "padding_mode": "zeros"}
    assert explorer.url_state(preset) == (
        "n=2&c=4&h=9&w=9&o=6&kh=3&kw=3&sh=2&sw=2&dh=1&dw=1&g=2&pad=numbers"
        "&ph=0&pw=0&bias=0&mode=zeros")
