"""Ask real PyTorch what a Conv2d configuration does.

A configuration is the explorer's (course/explorer.py defines it). The
answer is what the explorer must show, straight from PyTorch: the output
shape, the weight shape and parameter count, or the exception raised.
"""

from __future__ import annotations

import warnings

import torch
from torch import nn

from course.lessons import Lesson

from .configurations import conv2d_arguments


def torch_answer(config: dict) -> dict:
    """What ``conv(torch.randn(*input))`` gives, run as the reader would."""
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # zero-element init warnings
            x = torch.randn(*config["input"])
            conv = nn.Conv2d(**conv2d_arguments(config))
            shape = list(conv(x).shape)
    except (RuntimeError, ValueError) as error:
        return {"error": {"type": type(error).__name__, "message": str(error)}}
    return {"shape": shape, "weight": list(conv.weight.shape),
            "params": sum(p.numel() for p in conv.parameters())}


def unseen_cells(config: dict) -> list[list[int]]:
    """[rows, columns] of the input no output depends on: where the gradient
    of the output's sum is zero, with every weight 1 so nothing cancels.
    One axis at a time (the other gets kernel 1, stride 1, no padding, so
    it reads every cell): an axis that reads no input cell at all would
    zero the whole gradient and hide the other axis's answer."""
    return [_unseen_along(config, axis) for axis in (0, 1)]


def _unseen_along(config: dict, axis: int) -> list[int]:
    alone = dict(config)
    for key, plain in (("kernel_size", 1), ("stride", 1), ("dilation", 1),
                       ("padding", 0)):
        if isinstance(config[key], list):
            alone[key] = [config[key][a] if a == axis else plain for a in (0, 1)]
    x = torch.zeros(*config["input"], requires_grad=True)
    conv = nn.Conv2d(**conv2d_arguments(alone))
    nn.init.ones_(conv.weight)
    conv(x).sum().backward()
    grad = x.grad.abs().sum(dim=(0, 1, 3 - axis))
    return [i for i, value in enumerate(grad.tolist()) if value == 0]


def exercise_and_solution(lesson: Lesson) -> tuple[list[int], nn.Conv2d | None]:
    """(input shape, first Conv2d layer) of a lesson's exercise and solution,
    run from its snippet file as the page includes them; no layer when the
    answer holds no Conv2d (a pooling layer)."""
    scope: dict = {}
    exec(lesson.section("exercise") + lesson.section("solution"), scope)
    # Each exercise names its own layer (to_32_maps, keep_size, ...).
    layer = next(value for value in scope.values() if isinstance(value, nn.Module))
    first = next((module for module in layer.modules()
                  if isinstance(module, nn.Conv2d)), None)
    return list(scope["x"].shape), first
