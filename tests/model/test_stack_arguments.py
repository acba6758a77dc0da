"""Arguments that do not fit a layer's signature: the tracer
(stacktrace.js, through its text) gives Python's TypeError, in its words,
for every layer the model knows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from torch import nn

from support.node import Node
from support.traced import traced


@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    with Node() as server:
        yield server


@pytest.mark.parametrize("text", [
    "nn.Conv2d(3)", "nn.Conv2d(3, 4, 3, kernel_size=3)", "nn.ReLU(foo=1)",
    "nn.Flatten(1, 2, 3)", "nn.Sigmoid(3)", "nn.Tanh(x=1)", "nn.MaxPool2d()",
    "nn.AdaptiveAvgPool2d()", "nn.BatchNorm2d()", "nn.Dropout(0.1, True, 3)",
    "nn.Linear(3)", "nn.LazyLinear(out=3)",
    "nn.ConvTranspose2d(1, 2, 3, 1, 0, 0, 1, True, 1, 'zeros', None, None, 9)",
    "nn.Conv1d(3, 4)", "nn.Conv3d(3, 4, 3, 1, 0, 1, 1, True, 'zeros', None, None, 1)",
    "nn.ConvTranspose1d(3)", "nn.MaxPool1d()", "nn.MaxPool3d(2, size=3)",
    "nn.AvgPool1d(2, divisor_override=1)",
    "nn.AvgPool3d(2, 2, 0, False, True, None, 1)",
    "nn.AdaptiveAvgPool1d(2, True)", "nn.AdaptiveMaxPool3d()",
    "nn.AdaptiveMaxPool2d(2, False, 1)", "nn.BatchNorm1d()",
    "nn.BatchNorm3d(4, bias=1, x=2)",
    "nn.Upsample(1, 2, 'nearest', None, None, 3)", "nn.Upsample(scale=2)",
    "nn.PixelShuffle()", "nn.PixelUnshuffle(2, 3)", "nn.Unfold()",
    "nn.Unfold(3, 1, 0, 1, 1)",
])
def test_arguments_that_do_not_fit_get_python_s_type_error(node, text):
    try:
        eval(text, {"nn": nn})  # the test's own strings, to get Python's words
    except TypeError as error:
        expected = {"error": {"type": "TypeError", "message": str(error)}}
    [answer] = traced(node, [("1, 3, 8, 8", text)])
    assert answer["rows"] == [expected]
