"""The tracer's receptive fields against PyTorch: for a few stacks, which
input rows and columns reach one output value in the middle of the map.

With every weight 1 and no bias, in eval mode (BatchNorm2d's running
statistics, no dropout), an input row reaches an output value exactly when
lighting that row alone changes it; the field is the span from the first
such row to the last (dilation leaves holes inside it).
"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from support.node import Node
from support.traced import traced

STACKS = [  # input shape, layers
    ("1, 3, 64, 64", ["nn.Conv2d(3, 32, kernel_size=3, padding=1)", "nn.ReLU()",
                      "nn.MaxPool2d(2)", "nn.Conv2d(32, 64, kernel_size=3, padding=1)",
                      "nn.ReLU()", "nn.MaxPool2d(2)"]),
    ("1, 3, 80, 80", ["nn.Conv2d(3, 8, (3, 5), stride=2, dilation=(2, 1))",
                      "nn.BatchNorm2d(8)", "nn.ReLU()",
                      "nn.MaxPool2d(3, stride=2, padding=1, dilation=(1, 2))",
                      "nn.Conv2d(8, 4, 3, padding=2, dilation=2)"]),
    ("1, 2, 60, 50", ["nn.ConvTranspose2d(2, 4, 3, dilation=2)",
                      "nn.Conv2d(4, 4, 5, stride=3)", "nn.AvgPool2d((2, 3), stride=1)",
                      "nn.Dropout(0.5)"]),
    ("1, 3, 48, 48", ["nn.Conv2d(3, 4, 3, stride=2, padding=1)", "nn.GELU()",
                      "nn.AdaptiveAvgPool2d(6)", "nn.Conv2d(4, 4, 3)"]),
]


def javascript_fields(stacks: list[tuple[str, list[str]]]) -> list[list]:
    with Node() as node:
        answers = traced(node, [(shape, "\n".join(layers))
                                for shape, layers in stacks])
    return [answer["fields"] for answer in answers]


def measured_field(model: nn.Sequential, shape: list[int]) -> list[int]:
    """[rows, columns] an output value in the middle of the map spans."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d | nn.ConvTranspose2d):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
    model.eval()
    spans = []
    with torch.no_grad():
        base = model(torch.zeros(shape))
        middle = (0, 0, base.shape[2] // 2, base.shape[3] // 2)
        for axis in (2, 3):
            lit = torch.zeros(shape[axis], *shape[1:])
            for i in range(shape[axis]):  # image i lights row (column) i
                lit[i].select(axis - 1, i).fill_(1)
            out = model(lit)[:, middle[1], middle[2], middle[3]]
            reach = (out != base[middle]).nonzero().flatten().tolist()
            spans.append(reach[-1] - reach[0] + 1)
    return spans


@pytest.fixture(scope="module")
def fields() -> list[list]:
    return javascript_fields(STACKS)


@pytest.mark.parametrize("index", range(len(STACKS)))
def test_the_last_field_is_what_torch_measures(fields, index):
    shape, layers = STACKS[index]
    # The test's own strings, run as Python to build the modules.
    model = nn.Sequential(*(eval(layer, {"nn": nn}) for layer in layers))
    expected = measured_field(model, [int(n) for n in shape.split(",")])
    assert fields[index][-1] == expected, (layers, fields[index])
    assert max(expected) < min(int(n) for n in shape.split(",")[2:])  # not clipped


def test_the_fields_grow_as_the_lesson_computes(fields):
    assert [field[0] for field in fields[0]] == [3, 3, 4, 8, 8, 10]
