"""Each lesson whose exercise is a Conv2d's embeds an explorer that starts
from the lesson's exercise input, read from its snippet file
(course/explorer.py), and never from the solution's layer (the exercise
asks the learner to find it). Lessons whose answer is no Conv2d (a pooling
layer, a Linear, a tensor from NumPy) get no explorer."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl

import pytest
from torch import nn

from course import explorer, widgets
from support.exercises import blank_name
from support.torch_oracle import exercise_and_solution
from workbench.repository import course_lessons

LESSONS = {lesson.name: lesson for lesson in course_lessons()}
WITH_EXPLORER = [name for name, lesson in LESSONS.items() if lesson.preset]


def answer_has_a_conv2d(lesson) -> bool:
    """Whether the solution's answer, run as the page runs it, holds a Conv2d."""
    scope: dict = {}
    exec(lesson.section("exercise") + lesson.section("solution"), scope)
    answer = scope[blank_name(lesson)]
    return isinstance(answer, nn.Module) and any(
        isinstance(module, nn.Conv2d) for module in answer.modules())


@pytest.mark.parametrize("lesson", WITH_EXPLORER)
def test_preset_is_the_exercise_input_and_no_layer(lesson):
    """The embed gets the input PyTorch runs, and not one layer argument:
    the layer is the explorer's neutral default, the learner's to change."""
    shape, _ = exercise_and_solution(LESSONS[lesson])
    assert LESSONS[lesson].preset == dict(zip("nchw", shape, strict=True))


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_gets_an_explorer_exactly_when_its_answer_is_a_conv2d(lesson):
    assert bool(LESSONS[lesson].preset) == answer_has_a_conv2d(LESSONS[lesson])


def test_the_core_lessons_and_groups_have_an_explorer_the_others_not():
    assert {"channels", "padding", "stride", "combination", "groups"} <= set(
        WITH_EXPLORER)
    assert not {"pooling", "classifier", "images"} & set(WITH_EXPLORER)


def test_the_embed_holds_the_input_and_links_the_explorer():
    markdown = explorer.embed(LESSONS["channels"].preset, "lessons/channels/")
    preset = html.unescape(re.search(r'data-preset="([^"]+)"', markdown)[1])
    shape, _ = exercise_and_solution(LESSONS["channels"])
    assert dict(parse_qsl(preset)) == dict(zip("nchw", map(str, shape),
                                               strict=True))
    assert 'data-link="../../explorer/"' in markdown
    assert widgets.module_script("explorer", "lessons/channels/") == (
        '<script type="module">addEventListener("load", () => '
        'import("./../../javascripts/explorer.js"))</script>\n')


def test_the_embed_tells_how_to_find_a_stack_one_layer_at_a_time():
    markdown = explorer.embed({"n": 1, "c": 3, "h": 8, "w": 8}, "lessons/x/")
    assert ("It shows one layer at a time: for a stack, find the first layer, "
            "then enter its output as the input to find the next.") in markdown


def test_the_solution_s_layer_is_not_in_the_preset():
    assert explorer.preset("x = torch.randn(2, 4, 9, 9)",
                           "conv = nn.Sequential(nn.Conv2d(4, 6, 3, 2, "
                           "groups=2, bias=False))",
                           "snippets/fake.py") == {"n": 2, "c": 4, "h": 9, "w": 9}


@pytest.mark.parametrize("exercise, solution", [
    ("photos = np.zeros((4, 32, 48, 3), dtype=np.uint8)",
     "batch_nchw = torch.as_tensor(photos).permute(0, 3, 1, 2)"),
    ("x = torch.randn(8, 64, 55, 55)", "pool = nn.MaxPool2d(3, stride=2)"),
    ("x = torch.randn(2, 64, 28, 28)", "up = nn.ConvTranspose2d(64, 32, 4)"),
    ("x = torch.randn(16, 128, 40)", "conv = nn.Conv1d(128, 256, 5)"),
    ("x = torch.randn(2, 3, 16, 64, 64)", "conv = nn.Conv3d(3, 8, 3)"),
], ids=["NumPy input", "pooling", "transposed", "Conv1d", "Conv3d"])
def test_an_exercise_whose_answer_is_no_conv2d_gets_no_explorer(exercise,
                                                                solution):
    """No PresetError either: a NumPy input is no Conv2d input to read, and
    the explorer models Conv2d alone, so a Conv1d's 3-D or a Conv3d's 5-D
    input is no input it could start from."""
    assert explorer.preset(exercise, solution, "snippets/fake.py") is None


def test_lessons_without_a_preset_get_no_explorer(site_dir):
    """Neither the embed nor its module: the lessons with a preset get
    both, as browser/test_explorer_links.py sees when it opens each one."""
    for name, lesson in LESSONS.items():
        page = (site_dir / "lessons" / name / "index.html").read_text()
        if not lesson.preset:
            assert explorer.MARKER not in page, name
            assert "javascripts/explorer.js" not in page, name


@pytest.mark.parametrize("exercise, problem", [
    ("size = 9\nx = torch.randn(2, 4, size, 9)", "malformed node"),
    ("x = torch.randn(4, 9, 9)", "a 4-D shape of ints, got [4, 9, 9]"),
    ("x = torch.zeros(4, 9, 9, 9)", "no torch.randn(...) input"),
], ids=["not literal", "wrong rank", "no input"])
def test_an_unreadable_exercise_is_an_error_naming_the_file(exercise, problem):
    """Its solution holds a Conv2d, so the page needs the explorer's input."""
    with pytest.raises(explorer.PresetError, match=re.escape(problem)) as error:
        explorer.preset(exercise, "conv = nn.Conv2d(4, 6, 3)", "snippets/fake.py")
    assert str(error.value).startswith("snippets/fake.py: the explorer needs")
