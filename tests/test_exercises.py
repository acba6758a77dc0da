"""Each exercise's published check accepts the solution, rejects the
typical wrong answers a learner writes, and says when the answer is missing
rather than test another layer of the lesson."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
import torch

from includes import snippet_section
from pages import SECTION, snippet_files

# lesson -> layers a learner plausibly writes instead of the solution
# (``answer = ...`` becomes ``<the blank's name> = ...``)
WRONG_ANSWERS = {
    "channels": [
        'answer = nn.Conv2d(3, 32, kernel_size=3)',  # padding 0
        'answer = nn.Conv2d(32, 3, kernel_size=3, padding="same")',  # swapped
        'answer = nn.Conv2d(3, 32, kernel_size=3, stride=2, padding=1)',
    ],
    "padding": [
        'answer = nn.Conv2d(16, 16, kernel_size=(3, 5))',  # padding 0
        'answer = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=1)',  # int, not (H, W)
        'answer = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=(2, 1))',  # (W, H)
        'answer = nn.Conv2d(16, 16, kernel_size=(5, 3), padding=(1, 2))',  # (kw, kh)
        'answer = nn.Conv2d(16, 16, kernel_size=(3, 5), padding="valid")',
    ],
    "stride": [
        'answer = nn.Conv2d(32, 32, kernel_size=5, stride=2)',  # padding 0
        'answer = nn.Conv2d(32, 32, kernel_size=5, stride=2, padding=1)',
        'answer = nn.Conv2d(32, 32, kernel_size=5, padding=2)',  # stride 1
        'answer = nn.Conv2d(32, 32, kernel_size=5, stride=2, padding=3)',
        'answer = nn.Conv2d(32, 16, kernel_size=5, stride=2, padding=2)',  # halves C
    ],
    "combination": [
        'answer = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Conv2d(16, 32, 5, stride=2))',
        'answer = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),'
        ' nn.Conv2d(16, 32, 5, stride=2, padding=1))',  # 5x5 with padding 1
        'answer = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),'
        ' nn.Conv2d(16, 32, 5, padding=2))',  # stride 1
        'answer = nn.Sequential(nn.Conv2d(16, 3, 3, padding=1),'
        ' nn.Conv2d(3, 32, 5, stride=2, padding=2))',  # in/out swapped
        'answer = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),'
        ' nn.Conv2d(32, 16, 5, stride=2, padding=2))',  # second layer swapped
    ],
    "pooling": [
        'answer = nn.MaxPool2d(kernel_size=3)',  # stride defaults to 3: 18
        'answer = nn.MaxPool2d(kernel_size=3, stride=1)',  # 53
        'answer = nn.MaxPool2d(kernel_size=3, stride=3, ceil_mode=True)',  # 19
        'answer = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)',  # 28
        'answer = nn.MaxPool2d(kernel_size=2)',  # 27, but 2x2 windows
        'answer = nn.AvgPool2d(kernel_size=3, stride=2)',  # 27, but the mean
        'answer = nn.AdaptiveMaxPool2d(27)',  # 27, windows of its own choice
    ],
    "classifier": [
        'answer = nn.Linear(32 * 8 * 8, 2)',  # the batch size as out_features
        'answer = nn.Linear(8 * 8, 10)',  # the channels forgotten
        'answer = nn.Linear(3 * 64 * 64, 10)',  # the input's size
        'answer = nn.Linear(32 * 16 * 16, 10)',  # the last pool missed
        'answer = nn.Linear(16 * 8 * 8, 10)',  # the first convolution's channels
        'answer = nn.Linear(32, 10)',  # channels only: needs a global pool first
        'answer = nn.Linear(10, 32 * 8 * 8)',  # in and out swapped
    ],
    "images": [
        'answer = torch.as_tensor(photos).permute(0, 3, 2, 1).float() / 255',
        'answer = torch.as_tensor(photos).reshape(4, 3, 32, 48).float() / 255',
        'answer = torch.as_tensor(photos).view(4, 3, 32, 48).float() / 255',
        'answer = torch.as_tensor(photos).permute(0, 3, 1, 2).float()',  # 0..255
        'answer = torch.as_tensor(photos).permute(0, 3, 1, 2)',  # uint8
        'answer = torch.as_tensor(photos / 255).permute(0, 3, 1, 2)',  # float64
        'answer = torch.as_tensor(photos).permute(2, 0, 1).float() / 255',  # 3 axes
    ],
    "groups": [
        'answer = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=32))',
        'answer = nn.Conv2d(32, 64, 3, padding=1, groups=32)',  # no pointwise
        'answer = nn.Conv2d(32, 64, 3, padding=1)',  # regular
        'answer = nn.Sequential(nn.Conv2d(32, 64, 1),'
        ' nn.Conv2d(64, 64, 3, padding=1, groups=64))',  # pointwise first
        'answer = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=64),'
        ' nn.Conv2d(32, 64, 1))',  # groups = out channels
        'answer = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=3),'
        ' nn.Conv2d(32, 64, 1))',  # groups does not divide
        'answer = nn.Sequential(nn.Conv2d(32, 32, 3, groups=32),'
        ' nn.Conv2d(32, 64, 1))',  # no padding
    ],
}

# Answers that give the expected shape while breaking a rule the exercise
# states, and what the check tells the learner instead of "Correct".
RULE_BREAKERS = [
    ("channels", "nn.Conv2d(3, 32, 1)",
     "your kernel_size is (1, 1); the exercise asks for (3, 3)"),
    ("channels", 'nn.Sequential(nn.Conv2d(3, 32, 3, padding="same"))',
     "your layer is a Sequential; the exercise asks for a Conv2d"),
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
     "your answer is a Conv2d; the exercise asks for an nn.Sequential"),
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
]
# What every failed check says: what is wrong, in one line.
TOLD = re.compile(r"your [^\n]+; the exercise asks for [^\n]+")

BLANK = re.compile(r"^(?P<name>\w+) = \.\.\.", re.M)
MISSING = "Missing: write your"


def section(lesson: str, name: str) -> str:
    return "".join(line + "\n" for line in snippet_section(f"{lesson}.py", name))


def blank_name(lesson: str) -> str:
    """The name the exercise's blank assigns (``to_32_maps = ...``)."""
    return BLANK.search(section(lesson, "blank"))["name"]


def wrong_answers(lesson: str) -> list[str]:
    return [layer.replace("answer = ", f"{blank_name(lesson)} = ", 1)
            for layer in WRONG_ANSWERS[lesson]]


def exercise_lessons() -> list[str]:
    return [path.stem for path in snippet_files()
            if "[start:check]" in path.read_text()]


def run_exercise(lesson: str, layer: str, device: str,
                 names: dict | None = None) -> str:
    """Run exercise, ``layer`` and check in ``names``; return what it printed."""
    source = section(lesson, "exercise") + layer + "\n" + section(lesson, "check")
    printed = io.StringIO()
    with torch.device(device), contextlib.redirect_stdout(printed):
        exec(compile(source, f"{lesson} exercise", "exec"),
             {} if names is None else names)
    return printed.getvalue()


def test_every_exercise_has_wrong_answers():
    assert sorted(WRONG_ANSWERS) == sorted(exercise_lessons())


@pytest.mark.parametrize("lesson", exercise_lessons())
def test_solution_passes_the_check(lesson, torch_device):
    printed = run_exercise(lesson, section(lesson, "solution"), torch_device)
    assert printed.startswith("Correct: (")


@pytest.mark.parametrize("lesson, layer", [
    (lesson, layer) for lesson in WRONG_ANSWERS
    for layer in wrong_answers(lesson)])
def test_wrong_answer_fails_the_check(lesson, layer, torch_device):
    """A wrong layer fails one of the check's asserts, which says what is
    wrong; never PyTorch's call (a stack trace through torch's code)."""
    with pytest.raises(AssertionError) as failure:
        run_exercise(lesson, layer, torch_device)
    assert TOLD.fullmatch(str(failure.value))


@pytest.mark.parametrize("lesson, answer, message", RULE_BREAKERS)
def test_a_broken_rule_is_named_though_the_shape_is_right(lesson, answer,
                                                          message,
                                                          torch_device):
    solved = {}
    run_exercise(lesson, section(lesson, "solution"), torch_device, solved)
    names = {}
    with pytest.raises(AssertionError) as failure:
        run_exercise(lesson, f"{blank_name(lesson)} = {answer}", torch_device,
                     names)
    assert str(failure.value) == message
    with torch.device(torch_device):  # a check of the shape alone passes it
        assert names[blank_name(lesson)](names["x"]).shape == solved["y"].shape


@pytest.mark.parametrize("lesson", exercise_lessons())
def test_the_blank_says_missing_whatever_layer_came_before(lesson,
                                                           torch_device):
    """The lesson's earlier blocks leave layers named ``conv``; an answer
    still ``...`` is reported missing, not replaced by one of them."""
    stale = {"conv": torch.nn.Conv2d(16, 16, 3), "model": torch.nn.Identity()}
    printed = run_exercise(lesson, section(lesson, "blank"), torch_device, stale)
    assert printed.startswith(MISSING)


@pytest.mark.parametrize("lesson", exercise_lessons())
def test_a_check_tests_only_the_exercise_own_name(lesson, torch_device):
    """An answer that never ran leaves its name undefined: the check says
    so, whatever earlier cells left in ``conv``."""
    stale = {"conv": torch.nn.Conv2d(16, 16, 3), "x": torch.randn(1, 16, 8, 8)}
    with pytest.raises(NameError, match=f"'{blank_name(lesson)}'"):
        run_exercise(lesson, "", torch_device, stale)


def test_each_exercise_name_is_its_own():
    """No other section of any snippet assigns an exercise's name, so no
    earlier block can leave a layer under it."""
    exercise_names = {blank_name(lesson) for lesson in exercise_lessons()}
    clashes = [f"snippets/{path.name}:{name} assigns {target}"
               for path in snippet_files()
               for name in SECTION.findall(path.read_text())
               if name not in ("blank", "solution", "check")
               for target in exercise_names
               if re.search(rf"^\s*{target}\s*=", section(path.stem, name), re.M)]
    names = [blank_name(lesson) for lesson in exercise_lessons()]
    assert not clashes and len(set(names)) == len(names), clashes or names
