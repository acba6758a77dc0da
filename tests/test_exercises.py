"""Each exercise's published check accepts the solution, rejects the
typical wrong answers a learner writes (each lesson's ``wrong_layers``
section), and says when the answer is missing rather than test another
layer of the lesson.

In-process, on the session's device: the notebook tests (test_notebooks.py)
run the check inside a kernel only to prove the notebook itself works."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
import torch

from course.includes import section as snippet_section
from course.includes import sections
from course.lessons import UNPUBLISHED, course_lessons
from support.exercises import MISSING, blank_name
from support.pages import snippet_files

LESSONS = {lesson.name: lesson for lesson in course_lessons()}


def section(lesson: str, name: str) -> str:
    return LESSONS[lesson].section(name)


def run_exercise(lesson: str, layer: str, device: str,
                 names: dict | None = None) -> str:
    """Run exercise, ``layer`` and check in ``names``; return what it printed."""
    source = section(lesson, "exercise") + layer + "\n" + section(lesson, "check")
    printed = io.StringIO()
    with torch.device(device), contextlib.redirect_stdout(printed):
        exec(compile(source, f"{lesson} exercise", "exec"), names or {})
    return printed.getvalue()


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_passes_the_check(lesson, torch_device):
    printed = run_exercise(lesson, section(lesson, "solution"), torch_device)
    assert printed.startswith("Correct: (")


@pytest.mark.parametrize("lesson, layer", [
    (lesson.name, layer) for lesson in course_lessons()
    for layer in lesson.wrong_answers()])
def test_wrong_answer_fails_the_check(lesson, layer, torch_device):
    """A wrong layer fails the assert (shape) or the call (channels)."""
    with pytest.raises((AssertionError, RuntimeError)) as failure:
        run_exercise(lesson, layer, torch_device)
    if failure.type is AssertionError:
        assert str(failure.value).startswith("Expected (")


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_blank_says_missing_whatever_layer_came_before(lesson,
                                                           torch_device):
    """The lesson's earlier blocks leave layers named ``conv``; an answer
    still ``...`` is reported missing, not replaced by one of them."""
    stale = {"conv": torch.nn.Conv2d(16, 16, 3), "model": torch.nn.Identity()}
    printed = run_exercise(lesson, section(lesson, "blank"), torch_device, stale)
    assert printed.startswith(MISSING)


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
    clashes = [f"snippets/{path.name}:{name} assigns {target}"
               for path in snippet_files()
               for name in sections(path)
               if name not in ("blank", "solution", "check", *UNPUBLISHED)
               for target in exercise_names
               if re.search(rf"^\s*{target}\s*=",
                            snippet_section(path.name, name), re.M)]
    names = [blank_name(LESSONS[lesson]) for lesson in LESSONS]
    assert not clashes and len(set(names)) == len(names), clashes or names
