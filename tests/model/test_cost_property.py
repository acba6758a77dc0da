"""Random stacks: the cost model (shapes/cost.py) against torchinfo 1.8.0's
``summary`` of the same ``nn.Sequential``, and its JavaScript twin
(docs/javascripts/shapes/cost.js) against it.

Hypothesis draws stacks of 1 to 6 layers that PyTorch runs, each layer
drawn for the shape the layers before give (a new layer there joins these
tests): image stacks of tests/cases/layer_cases.py's ``random_layer`` on a
batch (N, C, H, W) or one image (C, H, W), and stacks of every rank of
tests/cases/rank_cases.py's ``random_rank_layer`` (1-D, 2-D and 3-D inputs,
batched or not, through Conv1d/3d, ConvTranspose1d/3d, pooling of every
rank, BatchNorm1d/3d and the resizing layers), in one of the dtypes the
tracer offers. torchinfo
runs the stack in that dtype; its totals (the public attributes of its
ModelStatistics), each leaf layer's mult-adds and output bytes, and the
totals it prints must be the model's. One node process answers each batch of
stacks (tests/support/node.py), and its answers must be Python's, field by
field.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import nn

from cases.layer_cases import random_layer
from cases.rank_cases import random_rank_layer, random_shape
from shapes.cost import DTYPES, stack_cost, summary_text
from shapes.layers import layer_output
from support.layer_oracle import python_layer
from support.node import Node

torchinfo = pytest.importorskip("torchinfo")

TORCH_DTYPES = {"float32": torch.float32, "float16": torch.float16,
                "bfloat16": torch.bfloat16, "float64": torch.float64}
TOTALS = ("total_params", "trainable_params", "total_mult_adds", "total_input",
          "total_output_bytes", "total_param_bytes")


def input_shape(rng: random.Random) -> list[int]:
    """A batch (N, C, H, W) or, a third of the time, one image (C, H, W)."""
    shape = [rng.randint(1, 3), rng.randint(1, 6), rng.randint(2, 14),
             rng.randint(2, 14)]
    return shape[rng.choice((0, 0, 1)):]


def any_rank_layer(rng: random.Random, shape: list[int]) -> dict:
    """A 1-D, 2-D, 3-D or resizing layer, or now and then one of the image
    stack's layers (Flatten, Linear, LazyLinear, Dropout, ReLU...)."""
    return (random_rank_layer if rng.random() < 0.75 else random_layer)(rng, shape)


@st.composite
def stacks(draw, shape_of: Callable = input_shape,
           layer_of: Callable = random_layer) -> dict:
    """An input shape, a dtype and layers PyTorch runs on it: each layer
    the first of a few draws that the layer model accepts."""
    rng = draw(st.randoms(use_true_random=False))
    shape = shape_of(rng)
    layers, current = [], shape
    for _ in range(rng.randint(1, 6)):
        for _ in range(20):
            layer = python_layer(layer_of(rng, current)["layer"])
            try:
                answer = layer_output(layer, current)
            except ValueError:  # refused (TorchError) or outside the model
                continue
            layers.append(layer)
            current = answer["shape"]
            break
    # PyTorch's CPU kernels have no AvgPool3d in 16 bits (torchinfo runs it)
    dtypes = [dtype for dtype in DTYPES if DTYPES[dtype] > 2 or "AvgPool3d" not in
              [layer["type"] for layer in layers]]
    return {"input": shape, "layers": layers, "dtype": rng.choice(dtypes)}


def summary_of(stack: dict):
    """torchinfo's ModelStatistics for the stack in its dtype, with fresh
    modules as nn.Sequential builds them."""
    modules = [getattr(nn, layer["type"])(**layer["args"])
               for layer in stack["layers"]]
    dtype = TORCH_DTYPES[stack["dtype"]]
    model = nn.Sequential(*modules)
    x = torch.rand(stack["input"])
    model(x)  # a LazyLinear takes its in_features before the dtype changes
    return torchinfo.summary(model.to(dtype), input_data=x.to(dtype), verbose=0)


@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    with Node() as server:
        yield server


def javascript_costs(node: Node, stacks: list[dict]) -> list[dict | None]:
    """cost.js's stackCost() of each stack, with its totals' printed lines
    (summaryText) as ``text``."""
    costs = node.call_each("shapes/cost.js", "stackCost", [
        (stack["input"], stack["layers"], stack["dtype"]) for stack in stacks])
    texts = iter(node.call_each("shapes/cost.js", "summaryText",
                                [(cost["totals"],) for cost in costs if cost]))
    return [cost and {**cost, "text": next(texts)} for cost in costs]


def assert_torchinfo_counts(stack: dict) -> None:
    """Each leaf layer's mult-adds and output bytes, the totals and their
    printed lines are torchinfo's."""
    cost = stack_cost(stack["input"], stack["layers"], stack["dtype"])
    assert cost is not None, stack
    stats = summary_of(stack)
    leaves = [info for info in stats.summary_list if info.is_leaf_layer]
    assert [(row["mult_adds"], row["output_bytes"]) for row in cost["rows"]] == \
        [(info.macs, info.output_bytes) for info in leaves], stack
    assert cost["totals"] == {name: getattr(stats, name) for name in TOTALS}, stack
    printed = str(stats).splitlines()
    assert [line for line in summary_text(cost["totals"])
            if line not in printed] == [], (stack, str(stats))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(stacks())
def test_the_costs_are_torchinfo_s(stack):
    assert_torchinfo_counts(stack)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(stacks(random_shape, any_rank_layer))
def test_the_costs_of_every_rank_are_torchinfo_s(stack):
    assert_torchinfo_counts(stack)


def jsonable(value):
    """Python's answer as JSON gives it back: tuples as lists."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(stacks(), min_size=10, max_size=10)
       | st.lists(stacks(random_shape, any_rank_layer), min_size=10, max_size=10))
def test_javascript_computes_what_python_computes(node, batch):
    answers = javascript_costs(node, jsonable(batch))
    for stack, answer in zip(batch, answers, strict=True):
        cost = stack_cost(stack["input"], stack["layers"], stack["dtype"])
        expected = {**cost, "text": summary_text(cost["totals"])}
        assert answer == jsonable(expected), stack


def test_a_size_halfway_between_two_hundredths_prints_as_torchinfo_does(node):
    # 31,234 float32 numbers and torchinfo's 64 bytes of storage: 0.125 MB,
    # which Python rounds to the even 0.12 where JavaScript's toFixed says 0.13
    stack = {"input": [1, 31234], "layers": [{"type": "ReLU", "args": {}}],
             "dtype": "float32"}
    line = "Input size (MB): 0.12"
    assert line in str(summary_of(stack)).splitlines()
    cost = stack_cost(stack["input"], stack["layers"])
    assert summary_text(cost["totals"])[4] == line
    assert javascript_costs(node, [stack])[0]["text"][4] == line


def layer(kind: str, **args) -> dict:
    return {"type": kind, "args": args}


def conv(kind: str, a: int, b: int, k, **more) -> dict:
    return layer(kind, in_channels=a, out_channels=b, kernel_size=k, **more)


# Every layer past two dimensions at least once, batched and unbatched, in
# case the random stacks above miss one: its mult-adds and bytes torchinfo's.
RANK_STACKS = [
    ([2, 3, 50], [conv("Conv1d", 3, 8, 5, padding=2),
                  layer("BatchNorm1d", num_features=8), layer("ReLU"),
                  layer("MaxPool1d", kernel_size=2),
                  conv("ConvTranspose1d", 8, 4, 3, stride=2, output_padding=1),
                  layer("AvgPool1d", kernel_size=3),
                  layer("Upsample", scale_factor=2, mode="linear"),
                  layer("AdaptiveAvgPool1d", output_size=4),
                  layer("AdaptiveMaxPool1d", output_size=2), layer("Flatten"),
                  layer("Linear", in_features=8, out_features=5),
                  layer("BatchNorm1d", num_features=5)]),
    ([3, 20], [conv("Conv1d", 3, 6, 3, groups=3, bias=False),
               conv("ConvTranspose1d", 6, 2, 4, dilation=2),
               layer("MaxPool1d", kernel_size=3, stride=1)]),
    ([2, 2, 4, 10, 10], [conv("Conv3d", 2, 4, 3, padding=1),
                         layer("BatchNorm3d", num_features=4),
                         layer("MaxPool3d", kernel_size=(1, 2, 2)),
                         conv("ConvTranspose3d", 4, 3, (1, 2, 2), stride=(1, 2, 2)),
                         layer("AvgPool3d", kernel_size=2),
                         layer("Upsample", size=(3, 6, 6), mode="trilinear"),
                         layer("AdaptiveAvgPool3d", output_size=(1, 2, 2)),
                         layer("AdaptiveMaxPool3d", output_size=1)]),
    ([2, 5, 6, 7], [conv("Conv3d", 2, 3, 2),
                    conv("ConvTranspose3d", 3, 1, 3, stride=2)]),
    ([2, 8, 6, 6], [layer("PixelShuffle", upscale_factor=2),
                    layer("PixelUnshuffle", downscale_factor=3),
                    layer("Upsample", scale_factor=2.0, mode="bilinear"),
                    layer("Unfold", kernel_size=3, stride=2),
                    layer("AdaptiveMaxPool2d", output_size=(4, 2))]),
    ([4, 6, 6], [layer("PixelShuffle", upscale_factor=2),
                 layer("Unfold", kernel_size=2)]),
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape, layers", RANK_STACKS)
def test_each_layer_of_every_rank_costs_what_torchinfo_counts(node, shape, layers,
                                                               dtype):
    stack = {"input": shape, "layers": layers, "dtype": dtype}
    assert_torchinfo_counts(stack)
    cost = stack_cost(shape, layers, dtype)
    [answer] = javascript_costs(node, [jsonable(stack)])
    assert answer == jsonable({**cost, "text": summary_text(cost["totals"])})
