"""The cost model's receptive field and jump (shapes/cost.py; cost.js
computes the same, tests/model/test_cost_property.py) against PyTorch: with
every weight 1 and no bias, in eval mode, an input row reaches an output
value exactly when lighting that row alone changes it. The field is the
span from the first such row to the last; the jump is how far the first
moves from one output to the next, in the middle of the map (no border).
"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from shapes.cost import stack_cost


def conv(a: int, b: int, k, **more) -> dict:
    return {"type": "Conv2d", "args": {"in_channels": a, "out_channels": b,
                                       "kernel_size": k, **more}}


STACKS = [  # input shape, layers
    ([1, 3, 64, 64], [conv(3, 4, 3, padding=1), {"type": "ReLU", "args": {}},
                      {"type": "MaxPool2d", "args": {"kernel_size": 2}},
                      conv(4, 4, 3, padding=1),
                      {"type": "MaxPool2d", "args": {"kernel_size": 2}}]),
    ([1, 2, 90, 90], [conv(2, 3, (3, 5), stride=(2, 3), dilation=(2, 1)),
                      {"type": "BatchNorm2d", "args": {"num_features": 3}},
                      {"type": "AvgPool2d", "args": {"kernel_size": (2, 3),
                                                     "stride": 1}},
                      conv(3, 2, 3, stride=2, dilation=2)]),
    ([1, 2, 64, 48], [{"type": "ConvTranspose2d", "args": {
                          "in_channels": 2, "out_channels": 2, "kernel_size": 3,
                          "dilation": 2}},
                      {"type": "AdaptiveAvgPool2d", "args": {"output_size": (17, 13)}},
                      conv(2, 2, 3, stride=(1, 2))]),
]


def spans(model: nn.Sequential, shape: list[int], axis: int) -> list[range]:
    """The input rows (axis 2) or columns (axis 3) reaching the middle
    output value and the one after it along that axis."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d | nn.ConvTranspose2d):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
    model.eval()
    with torch.no_grad():
        base = model(torch.zeros(shape))
        lit = torch.zeros(shape[axis], *shape[1:])
        for i in range(shape[axis]):
            lit[i].select(axis - 1, i).fill_(1)
        out = model(lit)
        reached = []
        for step in (0, 1):
            at = [base.shape[2] // 2, base.shape[3] // 2]
            at[axis - 2] += step
            changed = out[:, 0, at[0], at[1]] != base[0, 0, at[0], at[1]]
            rows = changed.nonzero().flatten().tolist()
            reached.append(range(rows[0], rows[-1] + 1))
    return reached


@pytest.mark.parametrize("input_shape, layers", STACKS)
def test_the_last_field_and_jump_are_what_torch_measures(input_shape, layers):
    field = stack_cost(input_shape, layers)["rows"][-1]["field"]
    model = nn.Sequential(*(getattr(nn, layer["type"])(**layer["args"])
                            for layer in layers))
    measured = {"size": [], "jump": []}
    for axis in (2, 3):
        middle, after = spans(model, input_shape, axis)
        assert middle.start > 0 and middle.stop < input_shape[axis]  # no border
        measured["size"].append(len(middle))
        measured["jump"].append(after.start - middle.start)
    assert field == measured, layers
