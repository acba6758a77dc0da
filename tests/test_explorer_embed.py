"""hooks/explorer.py: each lesson's embedded explorer starts from the
lesson's exercise input, read from its snippet file, and never from the
solution's layer (the exercise asks the learner to find it)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace
from urllib.parse import parse_qsl

import pytest

import explorer
from pages import snippet_files
from torch_oracle import exercise_and_solution

LESSONS = [path.stem for path in snippet_files()
           if "[start:solution]" in path.read_text()
           and "[start:exercise]" in path.read_text()
           and "torch.randn(" in explorer.section(path.stem, "exercise")]


@pytest.mark.parametrize("lesson", LESSONS)
def test_preset_is_the_exercise_input_and_no_layer(lesson):
    """The embed gets the input PyTorch runs, and not one layer argument:
    the layer is the explorer's neutral default, the learner's to change."""
    preset = explorer.lesson_preset(lesson)
    shape, _ = exercise_and_solution(lesson)
    assert preset == dict(zip("nchw", shape, strict=True))


def test_lessons_with_exercises_exist():
    assert "channels" in LESSONS


def page(src_uri: str) -> SimpleNamespace:
    url = src_uri.removesuffix(".md") + "/"
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_a_lesson_page_gets_its_exercise_input_and_the_module():
    markdown = explorer.on_page_markdown("# Channels\n", page("lessons/channels.md"))
    preset = html.unescape(re.search(r'data-preset="([^"]+)"', markdown)[1])
    shape, _ = exercise_and_solution("channels")
    assert dict(parse_qsl(preset)) == dict(zip("nchw", map(str, shape),
                                               strict=True))
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


def test_the_solution_s_layer_is_not_in_the_preset(tmp_path, monkeypatch):
    fake_lesson(tmp_path, monkeypatch, "x = torch.randn(2, 4, 9, 9)",
                "conv = nn.Sequential(nn.Conv2d(4, 6, 3, 2, groups=2, "
                "bias=False), nn.Conv2d(6, 1, 1))")
    assert explorer.lesson_preset("fake") == {"n": 2, "c": 4, "h": 9, "w": 9}
    markdown = explorer.on_page_markdown("# Fake\n", page("lessons/fake.md"))
    assert 'data-preset="n=2&amp;c=4&amp;h=9&amp;w=9"' in markdown


def test_an_input_of_the_wrong_rank_is_a_warning(tmp_path, monkeypatch, caplog):
    fake_lesson(tmp_path, monkeypatch, "x = torch.randn(4, 9, 9)",
                "conv = nn.Conv2d(4, 6, 3)")
    assert explorer.lesson_preset("fake") is None
    assert "a 4-D shape of ints, got [4, 9, 9]" in caplog.text


def test_an_exercise_without_a_torch_input_gets_no_explorer(
        tmp_path, monkeypatch):
    """A lesson whose exercise starts from NumPy (images) has no input for
    a Conv2d explorer: the page stays as it is."""
    fake_lesson(tmp_path, monkeypatch,
                "photos = np.zeros((4, 32, 48, 3), dtype=np.uint8)",
                "batch_nchw = torch.as_tensor(photos).permute(0, 3, 1, 2)")
    assert explorer.lesson_preset("fake") is None
    assert explorer.on_page_markdown("# Fake\n", page("lessons/fake.md")) == \
        "# Fake\n"
