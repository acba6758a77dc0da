"""The cost model's receptive field and jump (shapes/cost.py; cost.js
computes the same, tests/model/test_cost_property.py) against PyTorch, on
1-D, 2-D and 3-D stacks: with
every weight 1 and no bias, in eval mode, an input row reaches an output
value exactly when lighting that position alone changes it. The field is the
span from the first such row to the last; the jump is how far the first
moves from one output to the next, in the middle of the map (no border).
"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from shapes.cost import stack_cost


def conv(a: int, b: int, k, kind: str = "Conv2d", **more) -> dict:
    return {"type": kind, "args": {"in_channels": a, "out_channels": b,
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
    ([1, 2, 120], [conv(2, 3, 5, "Conv1d", stride=2, dilation=2),
                   {"type": "MaxPool1d", "args": {"kernel_size": 3, "stride": 2,
                                                  "dilation": 2}},
                   conv(3, 3, 3, "ConvTranspose1d", dilation=3),
                   {"type": "AvgPool1d", "args": {"kernel_size": 3, "stride": 1}},
                   {"type": "AdaptiveMaxPool1d", "args": {"output_size": 6}},
                   conv(3, 2, 2, "Conv1d")]),
    ([1, 2, 30, 76, 26], [conv(2, 3, (3, 1, 5), "Conv3d", stride=(1, 2, 1),
                               dilation=(2, 1, 1)),
                          {"type": "MaxPool3d", "args": {"kernel_size": 2}},
                          conv(3, 2, (2, 3, 1), "ConvTranspose3d",
                               dilation=(1, 1, 2)),
                          {"type": "AvgPool3d", "args": {"kernel_size": (1, 2, 2),
                                                         "stride": 1}},
                          {"type": "AdaptiveAvgPool3d", "args": {
                              "output_size": (7, 10, 5)}},
                          conv(2, 2, 3, "Conv3d")]),
]


def spans(model: nn.Sequential, shape: list[int], axis: int) -> list[range]:
    """The input positions along spatial ``axis`` (2 and on) reaching the
    middle output value and the one after it along that axis."""
    for module in model.modules():
        if "Conv" in type(module).__name__:
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
            at = [size // 2 for size in base.shape[2:]]
            at[axis - 2] += step
            changed = out[(slice(None), 0, *at)] != base[(0, 0, *at)]
            rows = changed.nonzero().flatten().tolist()
            reached.append(range(rows[0], rows[-1] + 1))
    return reached


@pytest.mark.parametrize("input_shape, layers", STACKS)
def test_the_last_field_and_jump_are_what_torch_measures(input_shape, layers):
    field = stack_cost(input_shape, layers)["rows"][-1]["field"]
    model = nn.Sequential(*(getattr(nn, layer["type"])(**layer["args"])
                            for layer in layers))
    measured = {"size": [], "jump": []}
    for axis in range(2, len(input_shape)):
        middle, after = spans(model, input_shape, axis)
        assert middle.start > 0 and middle.stop < input_shape[axis]  # no border
        measured["size"].append(len(middle))
        measured["jump"].append(after.start - middle.start)
    assert field == measured, layers
