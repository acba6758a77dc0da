"""shapes/conv.py against PyTorch: live on a grid of settings and its
messages, and case by case against the stored answers of
tests/cases/conv2d.json, which also check shapes/conv.js
(tests/widgets/convshape.test.mjs), so Python, JavaScript and PyTorch agree.
"""

from __future__ import annotations

import itertools
import json
import warnings
from pathlib import Path

import pytest
import torch
from torch import nn

from shapes.conv import (
    TorchError,
    conv2d_output_shape,
    conv_output_size,
    explore,
    same_padding,
)
from support.torch_oracle import torch_answer


def torch_result(input_shape, in_channels, out_channels, **options):
    """Output shape from a real nn.Conv2d, or PyTorch's error message."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            conv = nn.Conv2d(in_channels, out_channels, **options)
            return tuple(conv(torch.zeros(input_shape)).shape)
    except (RuntimeError, ValueError) as error:
        return str(error)


def ours(input_shape, in_channels, out_channels, **options):
    try:
        return conv2d_output_shape(input_shape, in_channels, out_channels,
                                   **options)
    except ValueError as error:
        return str(error)


GRID = list(itertools.product(range(1, 8), range(1, 5), range(1, 4),
                              range(0, 3), range(1, 4)))


@pytest.mark.parametrize("axis", ["height", "width"])
def test_matches_torch_on_a_grid(axis):
    mismatches = []
    for size, kernel, stride, padding, dilation in GRID:
        shape = (2, 3, size, 5) if axis == "height" else (2, 3, 5, size)
        kernel_size = (kernel, 2) if axis == "height" else (2, kernel)
        options = dict(kernel_size=kernel_size, stride=stride,
                       padding=padding, dilation=dilation)
        expected = torch_result(shape, 3, 4, **options)
        if ours(shape, 3, 4, **options) != expected:
            mismatches.append((shape, options, expected))
    assert not mismatches, mismatches[:5]


@pytest.mark.parametrize("kernel, dilation", [(1, 1), (2, 1), (3, 2), (4, 3), (5, 1)])
def test_same_padding_keeps_size_like_torch(kernel, dilation):
    for size in range(max(1, dilation * (kernel - 1)), 10):
        options = dict(kernel_size=kernel, padding="same", dilation=dilation)
        assert ours((1, 2, size, size + 1), 2, 2, **options) == \
            torch_result((1, 2, size, size + 1), 2, 2, **options)
    total = dilation * (kernel - 1)
    assert sum(same_padding(kernel, dilation)) == total


@pytest.mark.parametrize("case", [
    dict(input_shape=(1, 3, 2, 2), kernel_size=3),
    dict(input_shape=(1, 3, 4, 4), kernel_size=3, dilation=2),
    dict(input_shape=(1, 3, 8, 8), kernel_size=3, stride=2, padding="same"),
    dict(input_shape=(1, 3, 8, 8), kernel_size=3, stride=0),
    dict(input_shape=(1, 3, 8, 8), kernel_size=3, padding=-1),
    dict(input_shape=(1, 3, 8, 8), kernel_size=3, dilation=0),
    dict(input_shape=(1, 3, 8, 8), kernel_size=3, padding="full"),
    dict(input_shape=(4, 3, 16, 16), in_channels=4, kernel_size=3),
    dict(input_shape=(1, 4, 8, 8), in_channels=4, kernel_size=3, groups=3),
    dict(input_shape=(1, 4, 8, 8), in_channels=4, out_channels=6,
         kernel_size=3, groups=4),
])
def test_rejects_what_torch_rejects_with_its_message(case):
    case = {"in_channels": case["input_shape"][1], "out_channels": 8, **case}
    expected = torch_result(**case)
    assert isinstance(expected, str), f"torch accepted {case}"
    with pytest.raises(ValueError) as error:
        conv2d_output_shape(**case)
    assert str(error.value) == expected


@pytest.mark.parametrize("args", [(0, 3), (5, 0), (5, 3, 0), (5, 3, 1, -1),
                                  (5, 3, 1, 0, 0), (2, 3)])
def test_one_axis_rejects_impossible_settings(args):
    with pytest.raises(ValueError):
        conv_output_size(*args)


CASES = json.loads((Path(__file__).parents[1] / "cases" / "conv2d.json").read_text())


def python_answer(config: dict) -> dict:
    """shapes.conv.explore's answer, in torch_oracle's format."""
    arguments = {**config, "input_shape": tuple(config["input"])}
    del arguments["input"]
    try:
        result = explore(**arguments)
    except TorchError as error:
        return {"error": {"type": error.kind, "message": str(error)}}
    return {key: result[key] for key in ("shape", "weight", "params")}


def test_convshape_matches_every_stored_case():
    mismatches = [(case["config"], case["torch"])
                  for case in CASES["cases"]
                  if python_answer(case["config"]) != case["torch"]]
    assert not mismatches, f"{len(mismatches)} differ, first: {mismatches[:2]}"


def test_stored_cases_are_what_this_torch_says():
    """After a PyTorch upgrade: rerun tests/cases/generate.py."""
    stale = [case["config"] for case in CASES["cases"]
             if torch_answer(case["config"]) != case["torch"]]
    assert not stale, (f"{len(stale)} cases differ under torch "
                       f"{torch.__version__} (stored: {CASES['torch_version']}); "
                       f"first: {stale[:2]}")


EDGES = {
    "1x1 input": lambda c: c["input"][2:] == [1, 1],
    "even kernel with same": lambda c: c["padding"] == "same"
    and c["kernel_size"][0] % 2 == 0,
    "dilation >= 10": lambda c: max(c["dilation"]) >= 10,
    "groups = channels": lambda c: c["groups"] == c["in_channels"] > 1,
}


@pytest.mark.parametrize("edge", EDGES)
def test_cases_include_the_edge_cases(edge):
    count = sum(map(EDGES[edge], (case["config"] for case in CASES["cases"])))
    assert count >= 10, f"only {count} cases with {edge}"


def test_cases_hold_hundreds_of_accepted_and_rejected_settings():
    rejected = sum("error" in case["torch"] for case in CASES["cases"])
    accepted = len(CASES["cases"]) - rejected
    assert rejected >= 200 and accepted >= 200, (rejected, accepted)
