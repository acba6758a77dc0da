"""Each exercise's published check accepts the solution, rejects the
typical wrong answers a learner writes (each lesson's ``wrong_layers``
section) saying in one line what is wrong, names a broken rule even when
the shape comes out right, and says when the answer is missing rather than
test another layer of the lesson.

In-process, on the session's device: the notebook tests (test_notebooks.py)
run the check inside a kernel only to prove the notebook itself works."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
import torch

from course.lessons import UNPUBLISHED
from course.markdown.includes import sections
from support.exercises import CORRECT, MISSING, TOLD, blank_name, wrong_answers
from support.pages import snippet_files, snippet_section
from workbench.repository import course_lessons

LESSONS = {lesson.name: lesson for lesson in course_lessons()}

# Answers that give the expected shape while breaking a rule the exercise
# states, and what the check tells the learner instead of "Correct".
RULE_BREAKERS = [
    ("channels", "nn.Conv2d(3, 32, 1)",
     "your kernel_size is (1, 1); the exercise asks for (3, 3)"),
    ("channels", 'nn.Sequential(nn.Conv2d(3, 32, 3, padding="same"))',
     "your layer is Sequential; the exercise asks for Conv2d"),
    ("padding", 'nn.Conv2d(16, 16, kernel_size=(3, 5), padding="same")',
     "your padding is 'same'; the exercise asks for numbers (ph, pw)"),
    ("padding", "nn.Conv2d(16, 16, 1)",
     "your kernel_size is (1, 1); the exercise asks for (3, 5)"),
    ("stride", "nn.Conv2d(32, 32, 2, stride=2)",
     "your kernel_size is (2, 2); the exercise asks for (5, 5)"),
    ("stride", "nn.Conv2d(32, 32, 3, stride=2, padding=1)",
     "your kernel_size is (3, 3); the exercise asks for (5, 5)"),
    ("combination", "nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1),"
     " nn.Conv2d(16, 32, 5, padding=2))",
     "your first layer makes 32 x 32; the exercise asks for 64 x 64"),
    ("combination", "nn.Conv2d(3, 32, 5, stride=2, padding=2)",
     "your answer is Conv2d; the exercise asks for nn.Sequential"),
    ("combination", "nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),"
     " nn.Conv2d(16, 32, 5, stride=2, padding=2))",
     "your layers are ['Conv2d', 'ReLU', 'Conv2d']; the exercise asks for"
     " ['Conv2d', 'Conv2d']"),
    ("combination", "nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),"
     " nn.Conv2d(16, 32, 3, stride=2, padding=1))",
     "your kernel sizes are [(3, 3), (3, 3)]; the exercise asks for"
     " [(3, 3), (5, 5)]"),
    ("combination", "nn.Sequential(nn.Conv2d(3, 8, 3, padding=1),"
     " nn.Conv2d(8, 32, 5, stride=2, padding=2))",
     "your channels (in, out) are [(3, 8), (8, 32)]; the exercise asks for"
     " [(3, 16), (16, 32)]"),
    ("pooling", "nn.AvgPool2d(kernel_size=3, stride=2)",
     "your layer is AvgPool2d; the exercise asks for MaxPool2d"),
    ("pooling", "nn.MaxPool2d(kernel_size=2)",
     "your kernel_size is 2; the exercise asks for 3"),
    ("groups", "nn.Sequential(nn.Conv2d(32, 32, 3, padding=1),"
     " nn.Conv2d(32, 64, 1))",
     "your depthwise (in, out, groups) are (32, 32, 1); the exercise asks for"
     " (32, 32, 32), one filter per channel"),
    ("groups", "nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=32,"
     " bias=False), nn.Conv2d(32, 64, 1, bias=False))",
     "your layers have 2336 parameters; the exercise asks for 2432, biases"
     " included (bias=True, the default)"),
    ("dilation", "nn.Conv2d(16, 16, kernel_size=3, dilation=3, padding=3)",
     "your window spans (7, 7) pixels; the exercise asks for (9, 9)"),
    ("transposed", "nn.ConvTranspose2d(64, 32, 2, stride=2)",
     "your kernel_size is (2, 2); the exercise asks for (4, 4) or (3, 3)"),
    ("cost", "nn.Conv2d(64, 128, 3, stride=2, padding=1)",
     "your layer costs 57,802,752 multiply-adds; the exercise asks for at most"
     " 14,450,688"),
    ("cost", "nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=8)",
     "your filters see 8 input channels each; the exercise asks for 16, the"
     " most the budget allows"),
    ("cost", "nn.Conv2d(64, 128, 1, stride=2)",
     "your kernel_size is (1, 1); the exercise asks for (3, 3)"),
    ("cost", "nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=4, bias=False)",
     "your layer has no bias; the exercise asks for bias=True, the default"),
    ("dimensions", "nn.Conv1d(128, 256, 3, padding=1)",
     "your kernel_size is (3,); the exercise asks for (5,)"),
    ("dimensions", "nn.Conv1d(128, 256, 1)",
     "your kernel_size is (1,); the exercise asks for (5,)"),
    ("resizing", "nn.Conv2d(64, 27, 1)",
     "your kernel_size is (1, 1); the exercise asks for (3, 3)"),
    ("resizing", "nn.Conv2d(64, 27, 5, padding=2)",
     "your kernel_size is (5, 5); the exercise asks for (3, 3)"),
]


def section(lesson: str, name: str) -> str:
    return LESSONS[lesson].section(name)


def told(lesson: str, answer: str, must: str, said: str) -> str:
    """Why a check failed the test: the file to fix, what it must say, and
    what it said."""
    return (f"snippets/{LESSONS[lesson].snippets.name}: for {answer}, the "
            f"check must {must}; it said {said!r}")


def run_exercise(lesson: str, layer: str, device: str,
                 names: dict | None = None) -> str:
    """Run exercise, ``layer`` and check in ``names``; return what it printed."""
    names = {} if names is None else names
    printed = io.StringIO()
    with torch.device(device), contextlib.redirect_stdout(printed):
        for part, source in (("exercise", section(lesson, "exercise")),
                             ("answer", layer), ("check", section(lesson, "check"))):
            exec(compile(source, f"{lesson} {part}", "exec"), names)
    return printed.getvalue()


def answer_line_raises(lesson: str, layer: str, device: str) -> bool:
    """Whether PyTorch refuses the answer's own line (groups that do not
    divide the channels raise ValueError when the layer is built)."""
    names: dict = {}
    with torch.device(device):
        exec(section(lesson, "exercise"), names)
        try:
            exec(layer, names)
        except (RuntimeError, ValueError):
            return True
    return False


def test_every_exercise_has_wrong_answers():
    assert all(wrong_answers(lesson) for lesson in course_lessons())


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_passes_the_check(lesson, torch_device):
    try:
        printed = run_exercise(lesson, section(lesson, "solution"), torch_device)
    except AssertionError as refused:
        printed = f"AssertionError: {refused}"
    assert printed.startswith(CORRECT), told(
        lesson, "the solution", f"print {CORRECT}...) with the output shape",
        printed)


@pytest.mark.parametrize("lesson, layer", [
    (lesson.name, layer) for lesson in course_lessons()
    for layer in wrong_answers(lesson)])
def test_wrong_answer_fails_the_check(lesson, layer, torch_device):
    """A wrong layer fails one of the check's asserts, which says what is
    wrong; never PyTorch's call (a stack trace through torch's code). Only
    an answer whose own line PyTorch refuses gets no check to run."""
    if answer_line_raises(lesson, layer, torch_device):
        return
    with pytest.raises(AssertionError) as failure:
        run_exercise(lesson, layer, torch_device)
    assert TOLD.fullmatch(str(failure.value)), told(
        lesson, layer, "fail an assert saying in one line \"your X; the "
        "exercise asks for Y\"", str(failure.value))


@pytest.mark.parametrize("lesson, answer, message", RULE_BREAKERS)
def test_a_broken_rule_is_named_though_the_shape_is_right(lesson, answer,
                                                          message,
                                                          torch_device):
    solved: dict = {}
    run_exercise(lesson, section(lesson, "solution"), torch_device, solved)
    names: dict = {}
    name = blank_name(LESSONS[lesson])
    with pytest.raises(AssertionError) as failure:
        run_exercise(lesson, f"{name} = {answer}", torch_device, names)
    assert str(failure.value) == message
    with torch.device(torch_device):  # a check of the shape alone passes it
        assert names[name](names["x"]).shape == solved["y"].shape


def test_the_classifier_check_says_why_it_refuses_lazylinear(torch_device):
    """The lesson teaches nn.LazyLinear, and the exercise asks for the
    number it would find: the check says that, not just the class."""
    with pytest.raises(AssertionError) as failure:
        run_exercise("classifier", "head = nn.LazyLinear(10)", torch_device)
    assert str(failure.value) == ("your layer is LazyLinear; the exercise asks "
                                  "for nn.Linear, with the in_features you "
                                  "work out")


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_blank_says_missing_whatever_layer_came_before(lesson,
                                                           torch_device):
    """The lesson's earlier blocks leave layers named ``conv``; an answer
    still ``...`` is reported missing, not replaced by one of them."""
    stale = {"conv": torch.nn.Conv2d(16, 16, 3), "model": torch.nn.Identity()}
    printed = run_exercise(lesson, section(lesson, "blank"), torch_device, stale)
    assert printed.startswith(MISSING), told(
        lesson, "the blank left as ...", f"print {MISSING} ...", printed)


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_check_tests_only_the_exercise_own_name(lesson, torch_device):
    """An answer that never ran leaves its name undefined: the check says
    so, whatever earlier cells left in ``conv``."""
    stale = {"conv": torch.nn.Conv2d(16, 16, 3), "x": torch.randn(1, 16, 8, 8)}
    with pytest.raises(NameError, match=f"'{blank_name(LESSONS[lesson])}'"):
        run_exercise(lesson, "", torch_device, stale)


def test_each_exercise_name_is_its_own():
    """No other section of any snippet assigns an exercise's name, so no
    earlier block can leave a layer under it."""
    exercise_names = {blank_name(LESSONS[lesson]) for lesson in LESSONS}
    clashes = [f"{path.parent.name}/{path.name}:{name} assigns {target}"
               for path in snippet_files()
               for name in sections(path)
               if name not in ("blank", "solution", "check", *UNPUBLISHED)
               for target in exercise_names
               if re.search(rf"^\s*{target}\s*=",
                            snippet_section(path.name, name), re.M)]
    names = [blank_name(LESSONS[lesson]) for lesson in LESSONS]
    assert not clashes and len(set(names)) == len(names), clashes or names
