"""Each lesson's embedded explorer starts from the lesson's exercise input,
read from its snippet file (course/explorer.py), and never from the
solution's layer (the exercise asks the learner to find it)."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl

import pytest

from course import explorer
from course.lessons import course_lessons
from support.torch_oracle import exercise_and_solution

LESSONS = {lesson.name: lesson for lesson in course_lessons()}


@pytest.mark.parametrize("lesson", LESSONS)
def test_preset_is_the_exercise_input_and_no_layer(lesson):
    """The embed gets the input PyTorch runs, and not one layer argument:
    the layer is the explorer's neutral default, the learner's to change."""
    shape, _ = exercise_and_solution(LESSONS[lesson])
    assert LESSONS[lesson].preset == dict(zip("nchw", shape, strict=True))


def test_the_embed_holds_the_input_and_links_the_explorer():
    markdown = explorer.embed(LESSONS["channels"].preset, "lessons/channels/")
    preset = html.unescape(re.search(r'data-preset="([^"]+)"', markdown)[1])
    shape, _ = exercise_and_solution(LESSONS["channels"])
    assert dict(parse_qsl(preset)) == dict(zip("nchw", map(str, shape),
                                               strict=True))
    assert 'data-link="../../explorer/"' in markdown
    assert explorer.module_script("lessons/channels/") == (
        '<script type="module">addEventListener("load", () => '
        'import("./../../javascripts/explorer.js"))</script>\n')


def test_the_solution_s_layer_is_not_in_the_preset():
    assert explorer.preset("x = torch.randn(2, 4, 9, 9)\nconv = nn.Sequential("
                           "nn.Conv2d(4, 6, 3, 2, groups=2, bias=False))",
                           "snippets/fake.py") == {"n": 2, "c": 4, "h": 9, "w": 9}


@pytest.mark.parametrize("exercise, problem", [
    ("size = 9\nx = torch.randn(2, 4, size, 9)", "malformed node"),
    ("x = torch.randn(4, 9, 9)", "a 4-D shape of ints, got [4, 9, 9]"),
    ("x = torch.zeros(4, 9, 9, 9)", "no torch.randn(...) input"),
], ids=["not literal", "wrong rank", "no input"])
def test_an_unreadable_exercise_is_an_error_naming_the_file(exercise, problem):
    with pytest.raises(explorer.PresetError, match=re.escape(problem)) as error:
        explorer.preset(exercise, "snippets/fake.py")
    assert str(error.value).startswith("snippets/fake.py: the explorer needs")
