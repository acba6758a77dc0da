"""Each exercise's published check accepts the solution and rejects the
typical wrong answers a learner writes."""

from __future__ import annotations

import pytest
import torch

from includes import snippet_section
from pages import snippet_files

# lesson -> layers a learner plausibly writes instead of the solution
WRONG_ANSWERS = {
    "channels": [
        'conv = nn.Conv2d(3, 32, kernel_size=3)',  # padding 0
        'conv = nn.Conv2d(32, 3, kernel_size=3, padding="same")',  # swapped
        'conv = nn.Conv2d(3, 32, kernel_size=3, stride=2, padding=1)',
    ],
    "padding": [
        'conv = nn.Conv2d(16, 16, kernel_size=(3, 5))',  # padding 0
        'conv = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=1)',  # int, not (H, W)
        'conv = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=(2, 1))',  # (W, H)
        'conv = nn.Conv2d(16, 16, kernel_size=(5, 3), padding=(1, 2))',  # kernel (W, H)
        'conv = nn.Conv2d(16, 16, kernel_size=(3, 5), padding="valid")',
    ],
    "stride": [
        'conv = nn.Conv2d(32, 32, kernel_size=5, stride=2)',  # padding 0
        'conv = nn.Conv2d(32, 32, kernel_size=5, stride=2, padding=1)',
        'conv = nn.Conv2d(32, 32, kernel_size=5, padding=2)',  # stride 1
        'conv = nn.Conv2d(32, 32, kernel_size=5, stride=2, padding=3)',
        'conv = nn.Conv2d(32, 16, kernel_size=5, stride=2, padding=2)',  # halves C
    ],
    "combination": [
        'conv = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Conv2d(16, 32, 5, stride=2))',
        'conv = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),'
        ' nn.Conv2d(16, 32, 5, stride=2, padding=1))',  # 5x5 with padding 1
        'conv = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),'
        ' nn.Conv2d(16, 32, 5, padding=2))',  # stride 1
        'conv = nn.Sequential(nn.Conv2d(16, 3, 3, padding=1),'
        ' nn.Conv2d(3, 32, 5, stride=2, padding=2))',  # in/out swapped
        'conv = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),'
        ' nn.Conv2d(32, 16, 5, stride=2, padding=2))',  # second layer swapped
    ],
}


def section(lesson: str, name: str) -> str:
    return "".join(line + "\n" for line in snippet_section(f"{lesson}.py", name))


def exercise_lessons() -> list[str]:
    return [path.stem for path in snippet_files()
            if "[start:check]" in path.read_text()]


def run_exercise(lesson: str, layer: str, device: str) -> None:
    source = section(lesson, "exercise") + layer + "\n" + section(lesson, "check")
    with torch.device(device):  # the device of --device, like the docs blocks
        exec(compile(source, f"{lesson} exercise", "exec"), {})


def test_every_exercise_has_wrong_answers():
    assert sorted(WRONG_ANSWERS) == sorted(exercise_lessons())


@pytest.mark.parametrize("lesson", exercise_lessons())
def test_solution_passes_the_check(lesson, torch_device):
    run_exercise(lesson, section(lesson, "solution"), torch_device)


@pytest.mark.parametrize("lesson, layer", [
    (lesson, layer) for lesson, layers in WRONG_ANSWERS.items()
    for layer in layers])
def test_wrong_answer_fails_the_check(lesson, layer, torch_device):
    """A wrong layer fails the assert (shape) or the call (channels)."""
    with pytest.raises((AssertionError, RuntimeError)) as failure:
        run_exercise(lesson, layer, torch_device)
    if failure.type is AssertionError:
        assert str(failure.value).startswith("Expected (")
