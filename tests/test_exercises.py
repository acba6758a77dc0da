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
    "dilation": [
        'answer = nn.Conv2d(16, 16, kernel_size=3, padding=1)',  # spans 3
        'answer = nn.Conv2d(16, 16, kernel_size=3, dilation=4)',  # 56 x 56
        'answer = nn.Conv2d(16, 16, kernel_size=3, dilation=3, padding=4)',  # 66
        'answer = nn.Conv2d(16, 16, kernel_size=3, dilation=3, padding=3)',  # spans 7
        'answer = nn.Conv2d(16, 16, kernel_size=3, dilation=2, padding=2)',  # spans 5
        'answer = nn.Conv2d(16, 16, kernel_size=9, padding=4)',  # 9x9, not 3x3
    ],
    "transposed": [
        'answer = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1)',  # 55
        'answer = nn.ConvTranspose2d(64, 32, 4, stride=2)',  # padding 0: 58
        'answer = nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1,'
        ' output_padding=1)',  # 57
        'answer = nn.ConvTranspose2d(64, 32, 3, padding=1)',  # stride 1: 28
        'answer = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1,'
        ' output_padding=2)',  # refused: not smaller than the stride
        'answer = nn.ConvTranspose2d(32, 64, 4, stride=2, padding=1)',  # swapped
    ],
}


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
        exec(compile(source, f"{lesson} exercise", "exec"), names or {})
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
    """A wrong layer fails the assert (shape) or the call (channels)."""
    with pytest.raises((AssertionError, RuntimeError)) as failure:
        run_exercise(lesson, layer, torch_device)
    if failure.type is AssertionError:
        assert str(failure.value).startswith("Expected (")


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
