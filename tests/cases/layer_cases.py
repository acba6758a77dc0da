"""The layers of a stack for tests/cases/layers.json: every layer the tracer
knows, edge cases first (wrong input dimensions, unbatched (C, H, W) images,
ceil_mode's last window, output_padding limits, output_size=, Linear's
mismatch, BatchNorm2d's channels), then seeded random ones. generate.py asks
PyTorch for the answers; a layer is ``{"type", "args"}`` (floats as {"float": x})."""

from __future__ import annotations

import itertools
import random

MODES = ("zeros", "reflect", "replicate", "circular")


def case(input_shape, kind: str, **args) -> dict:
    return {"input": list(input_shape), "layer": {"type": kind, "args": args}}


def pool_cases() -> list[dict]:
    cases = []
    for kind, shape in itertools.product(("MaxPool2d", "AvgPool2d"), (
            (8,), (4, 6), (3, 5, 5), (2, 3, 5, 6), (1, 2, 3, 5, 5))):
        cases += [case(shape, kind, kernel_size=2),
                  case(shape, kind, kernel_size=2, stride=0),
                  case(shape, kind, kernel_size=3, padding=2)]
    for size, kernel, stride, padding in [(5, 2, 2, 0), (6, 3, 3, 1),
                                          (3, 2, 2, 1), (2, 1, 2, 0)]:
        for kind in ("MaxPool2d", "AvgPool2d"):
            cases.append(case((1, 2, size, size + 1), kind, kernel_size=kernel,
                              stride=stride, padding=padding, ceil_mode=True))
    # Two padding rules: at most half the span d*(k - 1) + 1, then (the
    # second message) at most kernel_size // 2 whatever the dilation.
    for shape, kernel, padding, dilation in [
            ((1, 1, 9, 9), 3, 2, 2), ((3, 9, 9), 3, 2, 2),
            ((1, 1, 9, 9), 3, [2, 1], 2), ((1, 1, 9, 9), 3, [1, 2], 2),
            ((1, 1, 9, 9), [3, 5], [1, 2], 2), ((1, 1, 9, 9), [3, 5], 2, 2),
            ((1, 1, 9, 9), [5, 3], 2, [1, 2]), ((1, 1, 9, 9), 3, 3, 2),
            ((1, 1, 1, 1), 3, 2, 2), ((1, 1, 9, 9), 2, 2, 2)]:
        cases.append(case(shape, "MaxPool2d", kernel_size=kernel, stride=1,
                          padding=padding, dilation=dilation))
    for kernel, padding in [(3, 2), ([3, 5], [1, 2]), ([3, 5], [2, 2]),
                            ([4, 3], [2, 1]), (4, [2, 3])]:
        cases.append(case((1, 1, 9, 9), "AvgPool2d", kernel_size=kernel,
                          stride=1, padding=padding))
    cases += [
        case((1, 1, 8, 8), "MaxPool2d", kernel_size=3, stride=1, padding=2,
             dilation=2),
        case((1, 1, 8, 8), "MaxPool2d", kernel_size=9),
        case((2, 3, 8, 8), "MaxPool2d", kernel_size=[9, 2]),
        case((1, 1, 8, 8), "MaxPool2d", kernel_size=2, stride=0, padding=3),
        case((1, 1, 8, 8), "AvgPool2d", kernel_size=2, divisor_override=0),
        case((4, 6), "AvgPool2d", kernel_size=2, divisor_override=0),
        case((1, 1, 8, 8), "AvgPool2d", kernel_size=2, divisor_override=3,
             count_include_pad=False),
        case((1, 1, 8, 8), "AvgPool2d", kernel_size=[3, 1], padding=[1, 1]),
    ]
    return cases


def adaptive_cases() -> list[dict]:
    cases = []
    for shape, size in itertools.product(
            ((7,), (8, 100), (3, 7, 9), (2, 3, 7, 9), (1, 2, 3, 5, 5)),
            (1, [1, 1], 2, [3, 4], [None, 2], [None, None], [1, 2, 3], [5])):
        cases.append(case(shape, "AdaptiveAvgPool2d", output_size=size))
    return cases + [case((1, 8, 2, 3), "AdaptiveAvgPool2d", output_size=[5, 5])]


def transposed_cases() -> list[dict]:
    cases = []
    layer = dict(in_channels=3, out_channels=4, kernel_size=3)
    for change in [{}, {"in_channels": 4}, {"stride": 2, "output_padding": 1},
                   {"output_padding": 1}, {"stride": 2, "output_padding": [1, 2]},
                   {"stride": 2, "dilation": 3, "output_padding": 2},
                   {"groups": 2}, {"groups": 0}, {"padding_mode": "reflect"},
                   {"in_channels": 4, "out_channels": 6, "groups": 4},
                   {"stride": 0}, {"kernel_size": [1, 5], "padding": [0, 2]},
                   {"bias": False, "dilation": 2}]:
        for shape in ((2, 3, 5, 7), (3, 5, 7), (3, 2), (1, 1, 3, 5, 7)):
            cases.append(case(shape, "ConvTranspose2d", **{**layer, **change}))
    for shape, size in itertools.product(((2, 3, 5, 7), (3, 5, 7)), (
            [9, 13], [10, 14], [9, 14], [2, 4, 10, 13], [4, 10, 13],
            [12, 12], [8, 13], [10, 15], [7], [1, 2, 3])):
        cases.append(case(shape, "ConvTranspose2d", **layer, stride=2,
                          padding=1, output_size=size))
    return cases


def other_cases() -> list[dict]:
    shapes = ((100,), (8, 100), (2, 3, 100), (2, 3, 4, 100), (1, 2, 3, 4, 5))
    cases = [case(shape, "Flatten", start_dim=start, end_dim=end)
             for shape in shapes for start, end in
             [(1, -1), (0, -1), (2, 3), (-1, -1), (3, 1), (1, 1), (7, 9),
              (0, 9), (-6, 0), (1, -3)]]
    for shape, bias in itertools.product(shapes, (True, False)):
        cases += [case(shape, "Linear", in_features=100, out_features=10,
                       bias=bias),
                  case(shape, "Linear", in_features=99, out_features=7,
                       bias=bias),
                  case(shape, "LazyLinear", out_features=5, bias=bias)]
    for shape in ((2, 4, 3, 3), (2, 3, 3, 3), (1, 4, 1, 1), (1, 3, 1, 1),
                  (1, 4, 1, 2), (2, 4), (4, 3, 3), (1, 2, 4, 3, 3)):
        for affine, track in itertools.product((True, False), repeat=2):
            cases.append(case(shape, "BatchNorm2d", num_features=4,
                              affine=affine, track_running_stats=track))
    for p in (0, 1, {"float": 0.5}, {"float": 1.5}, {"float": -0.1},
              {"float": 2.0}, 2, -1, {"float": 1e-07}, {"float": 1e+20}):
        cases.append(case((8, 10), "Dropout", p=p))
    for shape in ((8, 10), (2, 3, 4, 5)):
        cases += [case(shape, "GELU", approximate=a)
                  for a in ("none", "tanh", "exact", "sigmoid")]
        cases += [case(shape, kind) for kind in (
            "ReLU", "ReLU6", "LeakyReLU", "ELU", "SiLU", "Sigmoid", "Tanh",
            "Hardswish", "Mish", "Identity")]
        cases.append(case(shape, "LeakyReLU", negative_slope={"float": 0.2},
                          inplace=True))
    for shape in ((3, 4, 5), (4, 5)):  # activations keep any shape
        cases += [case(shape, kind) for kind in ("ReLU", "GELU", "Identity")]
    return cases + conv_cases()


def conv_cases() -> list[dict]:
    """Conv2d on batches and on unbatched images, which PyTorch runs as a
    batch of one (its messages show that batch), every padding_mode."""
    conv = dict(in_channels=3, out_channels=4, kernel_size=3)
    cases = []
    for shape in ((8, 3), (1, 1, 3, 8, 8), (2, 3, 8, 8), (2, 4, 8, 8),
                  (3, 8, 8), (4, 8, 8), (3, 2, 9), (3, 9, 2)):
        cases += [case(shape, "Conv2d", **conv),
                  case(shape, "Conv2d", **conv, groups=2),
                  case(shape, "Conv2d", **conv, padding="same", stride=2),
                  case(shape, "Conv2d", **{**conv, "kernel_size": 4},
                       padding="same")]
        cases += [case(shape, "Conv2d", **conv, padding=padding,
                       padding_mode=mode) for mode in MODES[1:]
                  for padding in ([1, 2], [2, 1], [9, 1])]
    return cases + [case((8, 28, 28), "Conv2d", in_channels=1,
                         out_channels=16, kernel_size=3)]


def random_layer(rng: random.Random, shape: list[int]) -> dict:
    """A random layer for an input of ``shape``, small numbers, often one
    PyTorch refuses."""
    pair = lambda low, high: rng.choice(  # noqa: E731
        (rng.randint(low, high), [rng.randint(low, high) for _ in "hw"]))
    kind = rng.choice(("Conv2d", "ConvTranspose2d", "MaxPool2d", "AvgPool2d",
                       "AdaptiveAvgPool2d", "Flatten", "Linear", "LazyLinear",
                       "BatchNorm2d", "Dropout", "ReLU"))
    channels = shape[-3] if len(shape) >= 3 else shape[1] if shape[1:] else 3
    channels = rng.choice((channels, channels, rng.randint(1, 6)))
    if kind == "Conv2d":
        return case(shape, kind, in_channels=channels,
                    out_channels=rng.randint(1, 8), kernel_size=pair(1, 5),
                    stride=pair(1, 3), padding=rng.choice((pair(0, 2), "same")),
                    dilation=pair(1, 2), groups=rng.choice((1, 1, 2)),
                    bias=rng.random() < 0.8)
    if kind == "ConvTranspose2d":
        return case(shape, kind, in_channels=channels,
                    out_channels=rng.randint(1, 8), kernel_size=pair(1, 4),
                    stride=pair(1, 3), padding=pair(0, 2),
                    output_padding=pair(0, 2), dilation=pair(1, 2))
    if kind in ("MaxPool2d", "AvgPool2d"):
        extra = ({"dilation": pair(1, 2)} if kind == "MaxPool2d" else {})
        return case(shape, kind, kernel_size=pair(1, 4),
                    stride=rng.choice((None, pair(1, 3))), padding=pair(0, 2),
                    ceil_mode=rng.random() < 0.4, **extra)
    if kind == "AdaptiveAvgPool2d":
        return case(shape, kind, output_size=pair(1, 6))
    if kind == "Flatten":
        return case(shape, kind, start_dim=rng.randint(-3, 3),
                    end_dim=rng.randint(-3, 3))
    features = shape[-1] if rng.random() < 0.6 else rng.randint(1, 30)
    if kind == "Linear":
        return case(shape, kind, in_features=features,
                    out_features=rng.randint(1, 9), bias=rng.random() < 0.8)
    if kind == "LazyLinear":
        return case(shape, kind, out_features=rng.randint(1, 9))
    if kind == "BatchNorm2d":
        return case(shape, kind, num_features=channels,
                    affine=rng.random() < 0.8)
    if kind == "Dropout":
        return case(shape, kind, p={"float": rng.choice((0.1, 0.5, 1.2))})
    return case(shape, kind)


def random_cases(rng: random.Random, count: int) -> list[dict]:
    shapes = lambda: rng.choice((  # noqa: E731
        [rng.randint(1, 3), rng.randint(1, 6), rng.randint(1, 12),
         rng.randint(1, 12)],) * 4 + ([rng.randint(1, 4), rng.randint(1, 30)],
                                      [rng.randint(1, 6), rng.randint(1, 9),
                                       rng.randint(1, 9)]))
    return [random_layer(rng, shapes()) for _ in range(count)]


def layer_cases() -> list[dict]:
    return (pool_cases() + adaptive_cases() + transposed_cases()
            + other_cases() + random_cases(random.Random(16), 500))
