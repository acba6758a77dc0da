"""The inverse solver (docs/javascripts/inverse.js) against PyTorch and a
brute force: on random requests every line it lists (Conv2d, and
ConvTranspose2d when the target is larger) gives the target in PyTorch; a
search of the same bounds with the Python model (shapes/conv.py,
shapes/window.py), ordered and merged by the page's rule written anew here,
finds no setting it missed, nor a different order; and PyTorch computes the
same output for the settings merged, a different one for those listed
apart."""

from __future__ import annotations

import itertools
import random
import warnings

import torch
from torch import nn

from shapes.conv import conv_output_size
from shapes.window import transposed_output_size
from support.node import Node

KERNELS, STRIDES, DILATIONS = range(1, 12), range(1, 5), range(1, 5)
OUTPUT_PADDINGS = range(4)
LAYERS = {"conv": "Conv2d", "transposed": "ConvTranspose2d"}
INVERSE = "inverse.js"


def solved(requests: list[dict]) -> list[dict]:
    """solve()'s answer to each request, each setting found with its line."""
    with Node() as node:
        answers = node.call_each(INVERSE, "solve", ([r] for r in requests))
        found = [(answer, layer) for answer in answers for layer in LAYERS
                 if answer[layer]]
        lines = iter(node.call_each(INVERSE, "layerLine", (
            [LAYERS[layer], setting] for answer, layer in found
            for setting in answer[layer])))
    for answer, layer in found:
        answer[layer] = [[setting, next(lines)] for setting in answer[layer]]
    return answers


def random_requests(count: int, seed: int) -> list[dict]:
    """Sizes 1 to 64, targets near and far, some arguments held fixed."""
    rng = random.Random(seed)
    requests = []
    for _ in range(count):
        size = rng.randint(1, 64)
        request = {"size": size, "target": rng.choice(
            [rng.randint(1, size + 14), rng.randint(1, 3), size, size // 2 or 1,
             2 * size, rng.randint(size + 1, 4 * size + 40)])}
        for key, bound in (("kernel", 11), ("stride", 4), ("dilation", 4)):
            if rng.random() < 0.25:
                request[key] = rng.randint(1, bound)
        requests.append(request)
    return requests


def reach_order(s: dict) -> tuple:
    """The page's order: dilation (none first), a kernel smaller than the
    stride last, then kernel, stride, padding, output_padding."""
    return (s["dilation"], s["kernel"] < s["stride"], s["kernel"], s["stride"],
            s["padding"], s.get("output_padding", 0))


def links(request: dict, layer: str, s: dict) -> frozenset:
    """What the setting computes: every (output, input, tap) it links, one by
    one (Conv2d reads input o*stride + tap*dilation - padding for output o;
    ConvTranspose2d adds input i there); a tap that links none adds nothing."""
    size, out = request["size"], request["target"]
    linked = set()
    for near, tap in itertools.product(range(out if layer == "conv" else size),
                                       range(s["kernel"])):
        far = near * s["stride"] + tap * s["dilation"] - s["padding"]
        if layer == "conv" and 0 <= far < size:
            linked.add((near, far, tap))
        elif layer == "transposed" and 0 <= far < out:
            linked.add((far, near, tap))
    return frozenset(linked)


def all_settings(request: dict, layer: str) -> list[dict]:
    """Every setting of the bounds that gives the target, by the Python model
    (which raises ValueError where PyTorch refuses a setting), in the page's
    order."""
    def held(key: str, bound: range) -> range | list[int]:
        return [request[key]] if key in request else bound

    extras = OUTPUT_PADDINGS if layer == "transposed" else [None]
    found = []
    for kernel, stride, dilation, extra in itertools.product(
            held("kernel", KERNELS), held("stride", STRIDES),
            held("dilation", DILATIONS), extras):
        for padding in range(kernel + 1):
            setting = {"kernel": kernel, "stride": stride, "padding": padding,
                       "dilation": dilation}
            try:
                if extra is None:
                    out = conv_output_size(request["size"], kernel, stride,
                                           padding, dilation)
                else:
                    setting["output_padding"] = extra
                    out = transposed_output_size(request["size"], kernel, stride,
                                                 padding, extra, dilation)
            except ValueError:
                continue
            if out == request["target"]:
                found.append(setting)
    return sorted(found, key=reach_order)


def brute_force(request: dict, layer: str) -> list[dict]:
    """The settings the page says the solver lists: the first of each group
    that links the same pixels."""
    kept = {}
    for setting in all_settings(request, layer):
        kept.setdefault(links(request, layer, setting), setting)
    return list(kept.values())


def torch_size(line: str, size: int) -> int:
    """The height the listed line gives a (1, 3, size, size) input in PyTorch."""
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        layer = eval(line, {"nn": nn})  # the solver's own line, as a reader pastes it
        return layer(torch.randn(1, 3, size, size)).shape[-2]


def test_every_listed_line_gives_the_target_in_pytorch():
    requests = random_requests(25, seed=16)
    answers = solved(requests)
    checked = 0
    for request, answer in zip(requests, answers, strict=True):
        for _, line in answer["conv"] + (answer["transposed"] or []):
            assert torch_size(line, request["size"]) == request["target"], (
                request, line)
            checked += 1
    assert checked > 150  # not a vacuous pass
    assert any(answer["transposed"] for answer in answers)


def test_a_brute_force_finds_nothing_the_solver_missed():
    requests = random_requests(300, seed=11)
    answers = solved(requests)
    for request, answer in zip(requests, answers, strict=True):
        grows = request["target"] > request["size"]
        assert (answer["transposed"] is not None) == grows, request
        for layer in LAYERS if grows else ["conv"]:
            listed = [setting for setting, _ in answer[layer]]
            assert listed == brute_force(request, layer), (request, layer)
            stated = f"No nn.{LAYERS[layer]} within" in answer["why"]
            assert stated == (not listed), (request, answer["why"])
    assert sum(not a["conv"] for a in answers) >= 20  # unsolvable ones too
    assert sum(a["transposed"] == [] for a in answers) >= 5


def torch_output(layer: str, size: int, setting: dict, weights: torch.Tensor,
                 pixels: torch.Tensor) -> tuple:
    """The layer's output on one column of whole numbers, in float64 (exact),
    with one weight per tap, the same for every setting of a kernel size."""
    kind = nn.Conv2d if layer == "conv" else nn.ConvTranspose2d
    extra = {"output_padding": (setting["output_padding"], 0)} \
        if layer == "transposed" else {}
    module = kind(1, 1, (setting["kernel"], 1), (setting["stride"], 1),
                  (setting["padding"], 0), dilation=(setting["dilation"], 1),
                  bias=False, dtype=torch.float64, **extra)
    with torch.no_grad():
        module.weight.copy_(weights[:setting["kernel"]].reshape(module.weight.shape))
        return tuple(module(pixels[:size].reshape(1, 1, size, 1)).flatten().tolist())


def test_pytorch_computes_the_same_for_merged_settings_only():
    """Each listed setting computes something no other listed one does, and
    every setting left out computes what a listed one before it does."""
    rng = torch.Generator().manual_seed(20)
    weights = torch.randint(1, 10_000, (11,), generator=rng, dtype=torch.float64)
    pixels = torch.randint(1, 10_000, (64,), generator=rng, dtype=torch.float64)
    requests = [{"size": 32, "target": 16}, {"size": 32, "target": 64},
                {"size": 9, "target": 9}, {"size": 1, "target": 2},
                {"size": 20, "target": 1}] + random_requests(30, seed=20)
    answers = solved(requests)
    merged = 0
    for request, answer in zip(requests, answers, strict=True):
        for layer in ("conv", "transposed"):
            listed = [setting for setting, _ in answer[layer] or []]
            outputs = {}
            for setting in all_settings(request, layer) if listed else []:
                output = torch_output(layer, request["size"], setting, weights,
                                      pixels)
                first = outputs.setdefault(output, setting)
                assert (first is setting) == (setting in listed), \
                    (request, layer, setting, first)
                merged += first is not setting
    assert merged >= 50, merged  # not a vacuous pass
