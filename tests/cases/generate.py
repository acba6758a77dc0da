"""Write tests/cases/conv2d.json and layers.json: settings and PyTorch's
answers.

Run ``.venv/bin/python -m tests.cases.generate`` after a PyTorch upgrade;
tests/model/test_conv.py and test_layers.py fail when the files
and PyTorch disagree. conv2d.json holds nn.Conv2d configurations, the
explorer's; layers.json every layer of the tracer (layer_cases.py, and past two
dimensions rank_cases.py).
Edge cases come first (1x1 inputs, even kernels with "same", large
dilation, groups = channels, every padding_mode's limits), then seeded
random configurations, about half of which PyTorch rejects.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import torch

from shapes.layers import layer_output
from tests.cases.layer_cases import layer_cases
from tests.cases.rank_cases import rank_cases
from tests.support.configurations import config
from tests.support.layer_oracle import layer_answer, python_layer
from tests.support.torch_oracle import torch_answer

CASES = Path(__file__).with_name("conv2d.json")
LAYER_CASES = Path(__file__).with_name("layers.json")
MODES = ("zeros", "reflect", "replicate", "circular")


def edge_cases() -> list[dict]:
    cases = []
    for mode, kernel, padding in itertools.product(
            MODES, (1, 2, 3), (0, 1, 2, "same", "valid")):
        cases.append(config((1, 1, 1, 1), 1, 1, kernel, padding=padding,
                            padding_mode=mode))
    for mode, size, kernel, dilation in itertools.product(
            MODES, (1, 2, 3, 5), (2, 4, 6), (1, 2, 3)):
        cases.append(config((2, 3, size, size + 1), 3, 4, kernel,
                            padding="same", dilation=dilation,
                            padding_mode=mode))
    for size, dilation in itertools.product((8, 21, 64), (5, 10, 20, 31)):
        cases.append(config((1, 2, size, size), 2, 2, 3, dilation=dilation))
        cases.append(config((1, 2, size, 9), 2, 2, (3, 2), stride=(2, 3),
                            padding=(dilation, 1), dilation=(dilation, 2)))
    for channels, multiplier in itertools.product((1, 3, 8, 16), (1, 2)):
        cases.append(config((2, channels, 10, 10), channels,
                            channels * multiplier, 3, groups=channels,
                            padding=1, bias=multiplier == 1))
        cases.append(config((2, channels + 1, 10, 10), channels,
                            channels * multiplier, 3, groups=channels))
    for mode in MODES:
        cases += [
            config((1, 3, 8, 8), 3, 4, 3, stride=0, padding_mode=mode),
            config((1, 3, 8, 8), 3, 4, 3, stride=(1, 0), padding=1,
                   padding_mode=mode),
            config((1, 3, 8, 8), 3, 4, 3, padding="same", stride=(1, 2),
                   padding_mode=mode),
            config((1, 3, 8, 8), 3, 4, 3, padding="same", stride=0,
                   padding_mode=mode),
            config((1, 3, 8, 8), 3, 4, 3, groups=0, padding_mode=mode),
            config((1, 4, 8, 8), 4, 6, 3, groups=4, padding_mode=mode),
            config((1, 4, 8, 8), 4, 6, 3, groups=3, padding_mode=mode),
            config((1, 5, 8, 8), 3, 4, 4, padding="same", padding_mode=mode),
            config((1, 5, 8, 8), 3, 4, (4, 3), padding=(1, 2),
                   padding_mode=mode),
            config((1, 3, 2, 8), 3, 4, 3, padding=(2, 1), padding_mode=mode),
            config((1, 3, 8, 2), 3, 4, 3, padding=(1, 2), padding_mode=mode),
            config((1, 3, 3, 3), 3, 4, 3, padding=(3, 4), padding_mode=mode),
            config((1, 3, 3, 3), 3, 4, 9, padding=1, padding_mode=mode),
            config((1, 3, 4, 9), 3, 4, 5, stride=(1, 0), padding_mode=mode),
            config((1, 5, 2, 2), 3, 4, 9, stride=0, padding=4,
                   padding_mode=mode),
        ]
    return cases


def random_case(rng: random.Random) -> dict:
    """A random configuration from the explorer's domain, small sizes."""
    groups = rng.choice((1, 1, 1, 2, 3, 4, 0))
    base = max(groups, 1)
    in_channels = base * rng.randint(1, 4) + rng.choice((0, 0, 0, 1))
    out_channels = base * rng.randint(1, 4) + rng.choice((0, 0, 0, 1))
    channels = in_channels + rng.choice((0, 0, 0, 0, 1))
    size = lambda low, high: [rng.randint(low, high) for _ in range(2)]  # noqa: E731
    padding = rng.choice((size(0, 4), [rng.randint(0, 3)] * 2, "same", "valid"))
    stride = rng.choice(([1, 1], [1, 1], size(1, 4), size(0, 3)))
    return config((rng.randint(1, 3), channels, *size(1, 24)), in_channels,
                  out_channels, size(1, 7), stride=stride, padding=padding,
                  dilation=rng.choice(([1, 1], size(1, 4))), groups=groups,
                  bias=rng.random() < 0.7, padding_mode=rng.choice(MODES))


def write(path: Path, cases: list[dict]) -> None:
    lines = ",\n".join(json.dumps(case) for case in cases)  # a case per line
    path.write_text(f'{{"torch_version": "{torch.__version__}",\n'
                    f'"cases": [\n{lines}\n]}}\n')
    rejected = sum("error" in case["torch"] for case in cases)
    print(f"{len(cases)} cases ({rejected} rejected) -> {path}")


def in_model_domain(case: dict) -> bool:
    """Whether the layer model claims to know the answer (it raises a plain
    ValueError, "modelled: ...", outside its domain)."""
    try:
        layer_output(python_layer(case["layer"]), case["input"])
    except ValueError as error:
        return not str(error).startswith("modelled")
    return True


def main() -> None:
    rng = random.Random(5)
    configs = edge_cases() + [random_case(rng) for _ in range(400)]
    write(CASES, [{"config": c, "torch": torch_answer(c)} for c in configs])
    write(LAYER_CASES, [{**c, "torch": layer_answer(c["input"], c["layer"])}
                        for c in layer_cases() + rank_cases()
                        if in_model_domain(c)])


if __name__ == "__main__":
    main()
