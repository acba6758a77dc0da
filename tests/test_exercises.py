"""Each exercise's published check accepts the solution and rejects the
typical wrong answers a learner writes (each lesson's ``wrong_answers``
section), with both shapes in its message.

In-process, on the session's device: the notebook tests (test_notebooks.py)
run the same check inside a kernel only to prove the notebook itself works."""

from __future__ import annotations

import re

import pytest
import torch

from course.lessons import course_lessons

LESSONS = {lesson.name: lesson for lesson in course_lessons()}


def run_exercise(lesson: str, layer: str, device: str) -> None:
    exercise = LESSONS[lesson]
    source = (exercise.section("exercise") + layer + "\n"
              + exercise.section("check"))
    with torch.device(device):  # the device of --device, like the docs blocks
        exec(compile(source, f"{lesson} exercise", "exec"), {})


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_passes_the_check(lesson, torch_device):
    run_exercise(lesson, LESSONS[lesson].section("solution"), torch_device)


@pytest.mark.parametrize("lesson, layer", [
    (lesson.name, layer) for lesson in course_lessons()
    for layer in lesson.wrong_answers()])
def test_wrong_answer_fails_the_check(lesson, layer, torch_device):
    """A wrong layer fails the assert (shape) or the call (channels)."""
    with pytest.raises((AssertionError, RuntimeError)) as failure:
        run_exercise(lesson, layer, torch_device)
    if failure.type is AssertionError:
        assert re.match(r"Expected \(.+\), got \(.+\)$", str(failure.value))
