"""The inverse solver (docs/javascripts/inverse.js) against PyTorch and a
brute force: on random requests every line it lists gives the target in
PyTorch, and a search of the same bounds with the Python model
(snippets/convshape.py) finds no setting it missed, nor a different order."""

from __future__ import annotations

import json
import random
import subprocess
import warnings
from pathlib import Path

import torch
from torch import nn

from convshape import conv_output_size

ROOT = Path(__file__).resolve().parents[1]
KERNELS, STRIDES, DILATIONS = range(1, 12), range(1, 5), range(1, 5)
# Each stdin line a request; each stdout line solve()'s answer with its lines.
SCRIPT = """
import { solve, layerLine } from "./docs/javascripts/inverse.js";
import { readFileSync } from "node:fs";
for (const line of readFileSync(0, "utf8").split("\\n").filter(Boolean)) {
  const { conv, why } = solve(JSON.parse(line));
  const listed = conv.map((s) => [s, layerLine("Conv2d", s)]);
  console.log(JSON.stringify({ why, conv: listed }));
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
            [rng.randint(1, size + 14), rng.randint(1, 3), size, size // 2 or 1])}
        for key, bound in (("kernel", 11), ("stride", 4), ("dilation", 4)):
            if rng.random() < 0.25:
                request[key] = rng.randint(1, bound)
        requests.append(request)
    return requests


def simplicity(s: dict) -> tuple:
    """The page's "simplest first": changed arguments, then kernel, stride,
    dilation, padding."""
    changed = (s["stride"] != 1) + (s["padding"] != 0) + (s["dilation"] != 1)
    return changed, s["kernel"], s["stride"], s["dilation"], s["padding"]


def brute_force(request: dict) -> list[dict]:
    """Every setting of the bounds that gives the target, by the Python model."""
    found = []
    for kernel in [request["kernel"]] if "kernel" in request else KERNELS:
        for stride in [request["stride"]] if "stride" in request else STRIDES:
            for dilation in ([request["dilation"]] if "dilation" in request
                             else DILATIONS):
                for padding in range(kernel + 1):
                    try:
                        out = conv_output_size(request["size"], kernel, stride,
                                               padding, dilation)
                    except ValueError:  # the kernel is wider than the input
                        continue
                    if out == request["target"]:
                        found.append({"kernel": kernel, "stride": stride,
                                      "padding": padding, "dilation": dilation})
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
        for _, line in answer["conv"]:
            assert torch_size(line, request["size"]) == request["target"], (
                request, line)
            checked += 1
    assert checked > 150  # not a vacuous pass


def test_a_brute_force_finds_nothing_the_solver_missed():
    requests = random_requests(300, seed=11)
    answers = solved(requests)
    for request, answer in zip(requests, answers, strict=True):
        listed = [setting for setting, _ in answer["conv"]]
        assert listed == brute_force(request), request
        assert bool(answer["why"]) == (not listed), (request, answer["why"])
    assert sum(not a["conv"] for a in answers) >= 20  # unsolvable ones too
