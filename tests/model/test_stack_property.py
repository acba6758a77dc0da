"""Random stacks: the tracer (stacktrace.js, through its text) and the
Python model (shapes/layers.py) against torch.nn.Sequential.

Hypothesis draws stacks of 1 to 6 layers (tests/cases/layer_cases.py's
random layers, each drawn for the shape the one before gives) for a
batch (N, C, H, W) or, a third of the time, one unbatched image (C, H, W),
and stacks of every rank (rank_cases.py's layers, for 1-D, 2-D and 3-D
inputs, batched or not), writes them as code, and the shapes, parameter
counts, failing layer and its message must be PyTorch's, for both models
(their messages, in the newest release's words, put into the installed
torch's: shapes/rewordings.py); where the tracer's summary names the Flatten a
Linear needs, PyTorch's nn.Flatten gives the row it says. One node process
answers every batch (tests/support/traced.py).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import __version__ as torch_version
from torch import nn

from cases.layer_cases import random_layer
from cases.rank_cases import random_rank_layer, random_shape
from shapes.conv import TorchError
from shapes.layers import layer_output, stack_output
from support.layer_oracle import (
    in_words_of,
    python_layer,
    python_value,
    stack_answer,
)
from support.node import Node
from support.traced import traced

BATCH, BATCHES, RANK_BATCHES = 40, 25, 15  # 1,000 and 600 stacks


@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    with Node() as server:
        yield server


def source(value) -> str:
    """A JSON argument as Python source: lists as tuples, floats by repr."""
    value = python_value(value)
    return repr(value) if not isinstance(value, tuple) else \
        "(" + ", ".join(map(repr, value)) + ("," if len(value) == 1 else "") + ")"


def call(layer: dict, rng: random.Random) -> str:
    """``nn.Type(...)`` with the first arguments sometimes by position."""
    names = [name for name in layer["args"]]
    by_position = rng.randint(0, len(names)) if layer["type"] != "Dropout" else 0
    # Only a prefix of the module's own parameter order may go by position.
    order = list(nn.__dict__[layer["type"]].__init__.__code__.co_varnames[1:])
    positional = [name for name in order[:by_position] if name in names]
    positional = positional[:next((i for i, name in enumerate(positional)
                                   if order[i] != name), len(positional))]
    arguments = [source(layer["args"][name]) for name in positional] + [
        f"{name}={source(layer['args'][name])}" for name in names
        if name not in positional]
    prefix = rng.choice(("nn.", "nn.", ""))
    return f"{prefix}{layer['type']}({', '.join(arguments)})"


def image_shape(rng: random.Random) -> list[int]:
    """A batch (N, C, H, W) or, a third of the time, one image (C, H, W)."""
    return [rng.randint(1, 3), rng.randint(1, 6), rng.randint(1, 14),
            rng.randint(1, 14)][rng.choice((0, 0, 1)):]


@st.composite
def stacks(draw, shape_of: Callable = image_shape,
           layer_of: Callable = random_layer) -> dict:
    """Input shape, layers and their text: each layer drawn for the shape
    the layers before give, as far as they give one."""
    rng = draw(st.randoms(use_true_random=False))
    shape = shape_of(rng)
    layers, current = [], shape
    for _ in range(rng.randint(1, 6)):
        layer = layer_of(rng, current)["layer"]
        layers.append(layer)
        try:
            current = layer_output(python_layer(layer), current)["shape"]
        except ValueError:  # refused (TorchError) or outside the model
            pass
    calls = [call(layer, rng) for layer in layers]
    text = ("nn.Sequential(\n" + "".join(f"    {c},\n" for c in calls) + ")"
            if rng.random() < 0.5 else "\n".join(calls))
    return {"input": shape, "layers": layers, "text": text}


def any_rank_layer(rng: random.Random, shape: list[int]) -> dict:
    """A 1-D, 3-D or resizing layer, or now and then a 2-D one or another
    of the stack's layers (Flatten, Linear, Dropout, ReLU)."""
    return (random_rank_layer if rng.random() < 0.75 else random_layer)(rng, shape)


def installed_words(rows: list) -> list:
    """A model's rows, each message in the installed torch's words."""
    return [in_words_of(row, torch_version) for row in rows]


def python_answer(shape: list[int], layers: list[dict]) -> list | None:
    """stack_output's rows, in the installed torch's words; None when a
    layer is outside the model."""
    try:
        return installed_words(stack_output(
            shape, [python_layer(layer) for layer in layers]))
    except TorchError:
        raise
    except ValueError:
        return None


def unmodelled_before_a_failure(stack: dict, python: list, torch: list) -> int | None:
    """The row where the models stop at a layer outside them (None: not
    reached) while torch ran it, ahead of a later layer that fails to build
    (PyTorch itself then runs nothing); that layer must be outside the
    Python model."""
    pairs = enumerate(zip(python, torch, strict=False))  # unequal: asserted later
    gap = next((index for index, (mine, real) in pairs
                if mine is None and real is not None and "shape" in real), None)
    if gap is not None:
        assert python_answer(stack["input"], stack["layers"][:gap + 1]) is None, \
            (stack["text"], python, torch)
    return gap


def convolves_one_image(stack: dict, torch: list) -> bool:
    """Whether a convolution of the stack got an unbatched input, such as
    (C, H, W) for a Conv2d."""
    inputs = [stack["input"], *(row["shape"] for row in torch
                                if row and "shape" in row)]
    return any(layer["type"].startswith("Conv") and len(shape) == int(
        layer["type"][-2]) + 1 for layer, shape in zip(stack["layers"], inputs,
                                                       strict=False))


def flatten_advice_holds(input_shape: list[int], modules: list[nn.Module],
                         first_linear: dict) -> bool:
    """Run the layers before the first Linear with the Flatten the tracer
    names (in place of the one that merged the batch, or right before the
    Linear): the Linear gets the row the tracer says, one per sample of the
    input's batch. Where the tracer calls the input one unbatched sample,
    the layers before the first Flatten read it so: given it as a batch of
    one, they give what they gave with a batch axis of 1 in front."""
    at, merged = first_linear["row"], first_linear.get("merged")
    modules = modules[:at]
    x = torch.zeros(*input_shape)
    if "sample" in first_linear:
        flattens = [i for i, m in enumerate(modules) if isinstance(m, nn.Flatten)]
        before = nn.Sequential(*modules[:(flattens or [at])[0]]).eval()
        with torch.no_grad():
            if list(before(x[None]).shape) != [1, *before(x).shape]:
                return False
    elif len(first_linear["shape"]) == 2 and \
            first_linear["shape"][0] != input_shape[0]:
        return False
    flatten = nn.Flatten(0) if first_linear["flatten"] == "nn.Flatten(0)" \
        else nn.Flatten()
    if merged is None:
        modules.append(flatten)
    else:
        modules[merged] = flatten
    with torch.no_grad():
        row = nn.Sequential(*modules)(x).shape
    return list(row) == first_linear["shape"] \
        and row[-1] == first_linear["inFeatures"]


def check_batch(node: Node, batch: list[dict], tally: Counter) -> None:
    """Both models against nn.Sequential on each stack of ``batch``;
    ``tally`` counts the stacks compared, failing, outside the model, with
    a convolution of one unbatched input, with the Flatten advice checked,
    and each layer type run (``ran``) or failing (``failed``)."""
    answers = traced(node, [(", ".join(map(str, s["input"])), s["text"])
                            for s in batch])
    for stack, javascript in zip(batch, answers, strict=True):
        javascript["rows"] = installed_words(javascript["rows"])
        python = python_answer(stack["input"], stack["layers"])
        if python is None:  # outside: the tracer must say so too
            tally["outside"] += 1
            assert "outside" in javascript["rows"][-1], (stack, javascript)
            continue
        torch = stack_answer(stack["input"], stack["layers"])
        gap = unmodelled_before_a_failure(stack, python, torch)
        if gap is not None:
            tally["outside"] += 1
            assert javascript["rows"] == python, (stack["text"], javascript, python)
            assert python[:gap] == torch[:gap] and python[-1] == torch[-1], \
                (stack["text"], python, torch)
            continue
        assert javascript["rows"] == torch, (stack["text"], javascript, torch)
        assert python == torch, (stack["text"], python, torch)
        tally["compared"] += 1
        tally["failing"] += "error" in (torch[-1] or {})
        for layer, row in zip(stack["layers"], torch, strict=False):
            tally["ran" if row and "shape" in row else "failed",
                  layer["type"]] += 1
        tally["unbatched"] += convolves_one_image(stack, torch)
        advice = javascript["firstLinear"]
        if advice and advice.get("shape"):
            modules = [getattr(nn, layer["type"])(**python_layer(layer)["args"])
                       for layer in stack["layers"][:advice["row"]]]
            assert flatten_advice_holds(stack["input"], modules, advice), \
                (stack["text"], advice)
            tally["advised"] += 1
            tally["advised", advice.get("sample", "batch")] += 1


def test_both_models_answer_what_nn_sequential_does(node):
    tally = Counter()

    @settings(max_examples=BATCHES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(batch=st.lists(stacks(), min_size=BATCH, max_size=BATCH))
    def same_answers(batch: list[dict]) -> None:
        check_batch(node, batch, tally)

    same_answers()
    compared, failing = tally["compared"], tally["failing"]
    assert compared >= 800 and 200 <= failing <= compared - 200, tally
    assert tally["unbatched"] >= 40, tally  # convolutions of one (C, H, W) image
    assert tally["advised"] >= 40, tally  # summaries naming the Flatten to add


def test_stacks_of_every_rank_answer_what_nn_sequential_does(node):
    """1-D, 2-D and 3-D inputs, batched or not, through stacks of mostly
    Conv1d/3d, ConvTranspose1d/3d, pooling of every rank, BatchNorm1d/3d
    and the resizing layers (tests/cases/rank_cases.py's random layers):
    each layer runs, and fails in PyTorch's words, in both models."""
    tally = Counter()

    @settings(max_examples=RANK_BATCHES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(batch=st.lists(stacks(random_shape, any_rank_layer),
                          min_size=BATCH, max_size=BATCH))
    def same_answers(batch: list[dict]) -> None:
        check_batch(node, batch, tally)

    same_answers()
    compared, failing = tally["compared"], tally["failing"]
    assert compared >= 450 and 100 <= failing <= compared - 100, tally
    assert tally["unbatched"] >= 20, tally  # convolutions of one unbatched input
    assert tally["advised"] >= 5, tally  # summaries naming the Flatten to add
    for kind in ("Conv1d", "Conv3d", "ConvTranspose1d", "ConvTranspose3d",
                 "MaxPool1d", "MaxPool3d", "AvgPool1d", "AvgPool3d",
                 "BatchNorm1d", "BatchNorm3d", "Upsample", "PixelShuffle",
                 "PixelUnshuffle", "Unfold"):
        assert tally["ran", kind] >= 1 and tally["failed", kind] >= 1, \
            (kind, tally)
    for dims in (1, 2, 3):  # adaptive pooling fails only on a wrong rank
        assert tally["ran", f"AdaptiveAvgPool{dims}d"] >= 1, tally
        assert tally["ran", f"AdaptiveMaxPool{dims}d"] >= 1, tally


@pytest.mark.parametrize("input_shape, text, sample", [
    ([3, 100], "nn.Conv1d(3, 8, 5)\nnn.ReLU()\nnn.Linear(96, 10)", "sequence"),
    ([3, 100], "nn.Conv1d(3, 8, 5)\nnn.Flatten()\nnn.Linear(96, 10)", "sequence"),
    ([2, 3, 100], "nn.Conv1d(3, 8, 5)\nnn.MaxPool1d(2)\nnn.Linear(48, 10)", "batch"),
    ([4, 6, 8, 8], "nn.Conv3d(4, 2, 3)\nnn.Flatten()\nnn.Linear(36, 5)", "volume"),
    ([2, 4, 6, 8, 8], "nn.Conv3d(4, 2, 3)\nnn.AdaptiveAvgPool3d(2)\nnn.Linear(2, 5)",
     "batch"),
    ([3, 8, 8], "nn.Unfold(3)\nnn.Linear(36, 5)", "image"),
    ([6, 8], "nn.Conv1d(6, 6, 3)\nnn.BatchNorm1d(6)\nnn.Linear(6, 2)", None),
    ([1, 4, 5, 8], "nn.ConvTranspose3d(1, 7, 2, stride=3, dilation=2)\n"
     "nn.BatchNorm2d(12)\nnn.Linear(24, 5)", None),
])
def test_the_flatten_a_linear_needs_follows_the_rank(node, input_shape, text,
                                                     sample):
    """Conv1d's (C, L) is one sequence and Conv3d's (C, D, H, W) one volume,
    not a batch, as PyTorch reads them; where the layers disagree (Conv1d's
    one sequence, then BatchNorm1d's batch (N, C, L); ConvTranspose3d's one
    volume, then BatchNorm2d's batch), the tracer names no Flatten and gives
    the last axis's size."""
    [answer] = traced(node, [(", ".join(map(str, input_shape)), text)])
    advice = answer["firstLinear"]
    if sample is None:
        assert "flatten" not in advice, advice
        assert advice["inFeatures"] == advice["input"][-1], advice
        return
    assert advice.get("sample", "batch") == sample, advice
    modules = eval(f"[{text.replace(chr(10), ', ')}]", {"nn": nn})  # the test's own
    assert flatten_advice_holds(input_shape, modules, advice), (text, advice)
