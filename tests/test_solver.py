"""The inverse solver (docs/javascripts/inverse.js) against PyTorch and a
brute force: on random requests every line it lists (Conv2d, and
ConvTranspose2d when the target is larger) gives the target in PyTorch, and
a search of the same bounds with the Python model (shapes/conv.py,
shapes/window.py) finds no setting it missed, nor a different order."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import warnings
from pathlib import Path

import torch
from torch import nn

from shapes.conv import conv_output_size
from shapes.window import transposed_output_size

ROOT = Path(__file__).resolve().parents[1]
KERNELS, STRIDES, DILATIONS = range(1, 12), range(1, 5), range(1, 5)
OUTPUT_PADDINGS = range(4)
LAYERS = {"conv": "Conv2d", "transposed": "ConvTranspose2d"}
# Each stdin line a request; each stdout line solve()'s answer with its lines.
SCRIPT = """
import { solve, layerLine } from "./docs/javascripts/inverse.js";
import { readFileSync } from "node:fs";
for (const line of readFileSync(0, "utf8").split("\\n").filter(Boolean)) {
  const { conv, transposed, why } = solve(JSON.parse(line));
  const listed = (found, layer) => found && found.map((s) => [s, layerLine(layer, s)]);
  console.log(JSON.stringify({ why, conv: listed(conv, "Conv2d"),
    transposed: listed(transposed, "ConvTranspose2d") }));
}
"""


def solved(requests: list[dict]) -> list[dict]:
    run = subprocess.run(["node", "--input-type=module", "-e", SCRIPT],
                         input="".join(json.dumps(r) + "\n" for r in requests),
                         capture_output=True, text=True, cwd=ROOT, timeout=120,
                         check=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


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


def simplicity(s: dict) -> tuple:
    """The page's "simplest first": changed arguments, then kernel, stride,
    dilation, padding, output_padding."""
    extra = s.get("output_padding", 0)
    changed = ((s["stride"] != 1) + (s["padding"] != 0) + (s["dilation"] != 1)
               + (extra != 0))
    return (changed, s["kernel"], s["stride"], s["dilation"], s["padding"],
            extra)


def brute_force(request: dict, layer: str) -> list[dict]:
    """Every setting of the bounds that gives the target, by the Python model
    (which raises ValueError where PyTorch refuses a setting)."""
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
    return sorted(found, key=simplicity)


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
