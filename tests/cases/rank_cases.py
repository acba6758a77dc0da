"""The layers past two dimensions for tests/cases/layers.json: Conv1d/3d,
ConvTranspose1d/3d, MaxPool/AvgPool 1d/3d, adaptive pooling of every rank,
BatchNorm1d/3d and the resizing layers (Upsample, PixelShuffle,
PixelUnshuffle, Unfold), each on every input rank around the ones it takes,
batched and unbatched; then seeded random ones (``random_rank_layer``, which
the property tests draw too)."""

from __future__ import annotations

import itertools
import random

from tests.cases.layer_cases import MODES, case

# Inputs of 1 to 6 axes, small: each rank's batched and unbatched input and
# the ranks around them.
SHAPES = ((8,), (3, 8), (2, 3, 8), (3, 6, 8), (2, 3, 6, 8), (3, 4, 6, 8),
          (2, 3, 4, 6, 8), (1, 2, 3, 4, 5, 6))


def convolution_cases() -> list[dict]:
    cases = []
    for dims, shape in itertools.product((1, 3), SHAPES):
        conv = dict(in_channels=3, out_channels=4, kernel_size=3)
        kind = f"Conv{dims}d"
        cases += [case(shape, kind, **conv),
                  case(shape, kind, **conv, groups=2),
                  case(shape, kind, **conv, padding="same", stride=2),
                  case(shape, kind, **{**conv, "kernel_size": 4},
                       padding="same", bias=False),
                  case(shape, kind, **conv, stride=2, padding=1, dilation=2)]
        cases += [case(shape, kind, **conv, padding=padding, padding_mode=mode)
                  for mode in MODES[1:] for padding in (1, 5, 9)]
        up = f"ConvTranspose{dims}d"
        cases += [case(shape, up, **conv),
                  case(shape, up, **conv, stride=2, output_padding=1),
                  case(shape, up, **conv, output_padding=1),
                  case(shape, up, **conv, stride=2, dilation=3, output_padding=2,
                       groups=1, bias=False),
                  case(shape, up, **conv, padding_mode="reflect"),
                  case(shape, up, **conv, groups=3, padding=1)]
    cases += [
        case((2, 3, 8), "Conv1d", in_channels=3, out_channels=6, kernel_size=3,
             groups=3, padding=[1]),
        case((2, 3, 2, 8, 8), "Conv3d", in_channels=3, out_channels=4,
             kernel_size=3),
        case((3, 2), "Conv1d", in_channels=3, out_channels=4, kernel_size=3),
        case((2, 4, 5, 6, 7), "Conv3d", in_channels=4, out_channels=2,
             kernel_size=[1, 3, 5], stride=[1, 2, 3], padding=[0, 1, 2]),
        case((2, 3, 5, 9, 9), "Conv3d", in_channels=3, out_channels=2,
             kernel_size=3, padding=[9, 9, 1], padding_mode="reflect"),
        case((3, 5, 2, 9), "Conv3d", in_channels=3, out_channels=2,
             kernel_size=3, padding=[1, 4, 1], padding_mode="circular"),
        case((2, 3, 4, 4, 4), "ConvTranspose3d", in_channels=3, out_channels=4,
             kernel_size=3, stride=2, output_padding=[1, 2, 1]),
    ]
    for shape, size in itertools.product(((2, 3, 4), (3, 4)), (
            [9], [10], [11], [2, 4, 9], [4, 9], [1, 2, 3, 4])):
        cases.append(case(shape, "ConvTranspose1d", in_channels=3,
                          out_channels=4, kernel_size=3, stride=2,
                          output_size=size))
    for shape, size in itertools.product(((2, 3, 4, 4, 4), (3, 4, 4, 4)), (
            [9, 9, 9], [10, 9, 9], [9, 9], [2, 4, 9, 10, 9])):
        cases.append(case(shape, "ConvTranspose3d", in_channels=3,
                          out_channels=4, kernel_size=3, stride=2,
                          output_size=size))
    return cases


def pool_cases() -> list[dict]:
    cases = []
    for dims, shape, kind in itertools.product((1, 3), SHAPES, ("Max", "Avg")):
        name = f"{kind}Pool{dims}d"
        cases += [case(shape, name, kernel_size=2),
                  case(shape, name, kernel_size=2, stride=0),
                  case(shape, name, kernel_size=3, padding=2),
                  case(shape, name, kernel_size=3, stride=2, padding=1,
                       ceil_mode=True),
                  case(shape, name, kernel_size=7)]
    for kind in ("MaxPool1d", "AvgPool1d"):
        for size, kernel, stride, padding in [(5, 2, 2, 0), (6, 3, 3, 1),
                                              (3, 2, 2, 1), (2, 1, 2, 0)]:
            cases.append(case((2, 3, size), kind, kernel_size=kernel,
                              stride=stride, padding=padding, ceil_mode=True))
    cases += [
        case((2, 3, 8), "MaxPool1d", kernel_size=3, stride=1, padding=2,
             dilation=2),
        case((2, 3, 8), "MaxPool1d", kernel_size=3, stride=1, padding=1,
             dilation=4),
        case((2, 3, 8), "MaxPool1d", kernel_size=3, dilation=5),
        case((8,), "MaxPool1d", kernel_size=2, stride=0),
        case((2, 3, 8, 8, 8), "MaxPool3d", kernel_size=3, stride=1,
             padding=[1, 2, 1], dilation=2),
        case((2, 3, 8, 8, 8), "MaxPool3d", kernel_size=[3, 5, 3], stride=1,
             padding=[1, 2, 2], dilation=[1, 1, 2]),
        case((2, 3, 8, 8, 8), "MaxPool3d", kernel_size=[2, 9, 2]),
        case((2, 3, 8, 8, 8), "AvgPool3d", kernel_size=[2, 9, 2]),
        case((2, 3, 2, 8, 8), "AvgPool3d", kernel_size=3, padding=1),
        case((2, 3, 8, 8, 8), "AvgPool3d", kernel_size=[3, 5, 3],
             padding=[1, 2, 1], count_include_pad=False),
        case((2, 3, 8, 8, 8), "AvgPool3d", kernel_size=2, divisor_override=0),
        case((2, 3, 8, 8, 8), "AvgPool3d", kernel_size=2, stride=0,
             divisor_override=0),
        case((8, 8), "AvgPool3d", kernel_size=2, divisor_override=0),
        case((3, 8, 8, 8), "AvgPool3d", kernel_size=2, divisor_override=3),
    ]
    for dims, kind, shape, size in itertools.product(
            (1, 2, 3), ("Avg", "Max"), SHAPES,
            (1, 3, [2], [1, 1], [None, 2], [2, 3, 4], [1, 1, 1], [None, 2, None])):
        if dims > 1 or not isinstance(size, list) or None not in size:
            cases.append(case(shape, f"Adaptive{kind}Pool{dims}d",
                              output_size=size))
    return cases


def other_cases() -> list[dict]:
    cases = []
    for dims, shape in itertools.product((1, 3), ((8,), (8, 4), (1, 4), (2, 3),
                                                  (2, 4, 3), (1, 4, 1), (1, 4, 2),
                                                  (2, 3, 5), (4, 5, 6, 7),
                                                  (2, 4, 2, 2, 2), (1, 4, 1, 1, 1),
                                                  (2, 3, 2, 2, 2))):
        for affine, track in itertools.product((True, False), repeat=2):
            cases.append(case(shape, f"BatchNorm{dims}d", num_features=4,
                              affine=affine, track_running_stats=track))
    for shape in ((8,), (4, 3), (8, 2, 3), (2, 8, 2, 3), (1, 2, 8, 2, 4),
                  (2, 5, 2, 3), (2, 4, 3, 3), (2, 9, 6, 3)):
        for factor in (2, 1, 3, 0, -1):
            cases += [case(shape, "PixelShuffle", upscale_factor=factor),
                      case(shape, "PixelUnshuffle", downscale_factor=factor)]
    for shape in ((8,), (3, 8), (3, 8, 6), (2, 3, 8, 6), (1, 2, 3, 8, 8),
                  (2, 3, 5, 9)):
        cases += [case(shape, "Unfold", **args) for args in (
            {"kernel_size": 3}, {"kernel_size": 7},
            {"kernel_size": [2, 3], "dilation": 2, "padding": 1,
             "stride": [2, 1]},
            {"kernel_size": 3, "stride": 0}, {"kernel_size": 3, "dilation": 0},
            {"kernel_size": 0}, {"kernel_size": [3, 9]},
            {"kernel_size": 3, "padding": 5}, {"kernel_size": 0, "stride": 0})]
    return cases + upsample_cases()


def upsample_cases() -> list[dict]:
    cases = []
    floats = lambda *xs: [{"float": x} for x in xs]  # noqa: E731
    for shape in ((8,), (3, 8), (2, 3, 8), (2, 3, 8, 8), (3, 4, 5, 6),
                  (2, 3, 4, 8, 8), (1, 1, 1, 1, 1, 1)):
        for args in ({"scale_factor": 2}, {"size": 5}, {"size": [5, 6]},
                     {"scale_factor": floats(2.0, 3.0)},
                     {"scale_factor": {"float": 1.5}, "mode": "bilinear"},
                     {"scale_factor": 2, "mode": "linear"},
                     {"scale_factor": 2, "mode": "bicubic"},
                     {"scale_factor": 2, "mode": "trilinear",
                      "align_corners": True},
                     {"scale_factor": 2, "mode": "nearest-exact"},
                     {"scale_factor": 2, "mode": "foo"},
                     {"scale_factor": {"float": 0.1}}, {"size": 0}):
            cases.append(case(shape, "Upsample", **args))
    for args in ({"size": 4, "scale_factor": 2}, {},
                 {"scale_factor": 2, "align_corners": True},
                 {"scale_factor": 2, "align_corners": False,
                  "mode": "nearest-exact"},
                 {"size": 3, "scale_factor": 2, "align_corners": True},
                 {"scale_factor": {"float": 0.3}}, {"scale_factor": {"float": 1.1}},
                 {"scale_factor": 0}, {"scale_factor": floats(0.5)},
                 {"size": 3, "recompute_scale_factor": True},
                 {"scale_factor": {"float": 1.1}, "recompute_scale_factor": True},
                 {"size": [3]}, {"scale_factor": [2]}):
        cases.append(case((2, 3, 10), "Upsample", **args))
    cases += [case((2, 3, 8, 8), "Upsample", scale_factor=floats(1.0, 0.1)),
              case((2, 3, 7, 9), "Upsample", scale_factor=floats(1.5, 0.5),
                   mode="bicubic", align_corners=True),
              case((2, 3, 4, 8, 8), "Upsample", scale_factor={"float": 0.1},
                   mode="trilinear")]
    return cases


def random_rank_layer(rng: random.Random, shape: list[int]) -> dict:
    """A random 1-D, 3-D or resizing layer for an input of ``shape``, small
    numbers, often one PyTorch refuses."""
    # mostly the rank the input has, batched or not
    fits = [d for d in (1, 2, 3) if len(shape) in (d + 1, d + 2)]
    dims = rng.choice(fits) if fits and rng.random() < 0.8 else rng.choice((1, 3))
    ints = lambda low, high: rng.choice((  # noqa: E731
        rng.randint(low, high), [rng.randint(low, high) for _ in range(dims)]))
    kind = rng.choice(("Conv", "ConvTranspose", "MaxPool", "AvgPool",
                       "AdaptiveAvgPool", "AdaptiveMaxPool", "BatchNorm",
                       "Upsample", "PixelShuffle", "PixelUnshuffle", "Unfold"))
    channels = shape[1] if len(shape) > dims + 1 else shape[0]
    channels = rng.choice((channels, channels, channels, rng.randint(1, 6)))
    name = f"{kind}{dims}d"
    if kind == "Conv":
        return case(shape, name, in_channels=channels,
                    out_channels=rng.randint(1, 8), kernel_size=ints(1, 3),
                    stride=ints(1, 2), padding=rng.choice((ints(0, 2), "same")),
                    dilation=ints(1, 2), groups=rng.choice((1, 1, 2)),
                    bias=rng.random() < 0.8,
                    padding_mode=rng.choice(("zeros", "zeros", *MODES[1:])))
    if kind == "ConvTranspose":
        return case(shape, name, in_channels=channels,
                    out_channels=rng.randint(1, 8), kernel_size=ints(1, 4),
                    stride=ints(1, 3), padding=ints(0, 1),
                    output_padding=rng.choice((0, 0, ints(0, 2))),
                    dilation=ints(1, 2))
    if kind in ("MaxPool", "AvgPool"):
        extra = {"dilation": ints(1, 2)} if kind == "MaxPool" else {}
        return case(shape, name, kernel_size=ints(1, 4),
                    stride=rng.choice((None, ints(1, 3))), padding=ints(0, 2),
                    ceil_mode=rng.random() < 0.4, **extra)
    if kind.startswith("Adaptive"):
        return case(shape, name, output_size=ints(1, 5))
    if kind == "BatchNorm":
        return case(shape, name, num_features=channels,
                    affine=rng.random() < 0.8)
    if kind == "Upsample":
        size = rng.choice(({"size": ints(1, 12)},
                           {"scale_factor": rng.choice((2, {"float": 1.5},
                                                        {"float": 0.5}))}))
        modes = ("nearest", "nearest-exact", "linear", "bilinear", "trilinear")
        return case(shape, kind, **size, mode=rng.choice((
            *modes[:2], modes[1 + dims], rng.choice(modes))))
    if kind == "Unfold":
        return case(shape, kind, kernel_size=rng.randint(1, 4),
                    padding=rng.randint(0, 1), stride=rng.randint(1, 2))
    argument = "upscale_factor" if kind == "PixelShuffle" else "downscale_factor"
    return case(shape, kind, **{argument: rng.randint(1, 3)})


def random_shape(rng: random.Random) -> list[int]:
    """An input of 1 to 3 spatial axes, batched or not, small sizes."""
    spatial = [rng.randint(2, 12) for _ in range(rng.choice((1, 2, 3)))]
    batch = [rng.randint(1, 3)] if rng.random() < 0.7 else []
    return [*batch, rng.randint(1, 6), *spatial]


def rank_cases() -> list[dict]:
    rng = random.Random(23)
    return (convolution_cases() + pool_cases() + other_cases()
            + [random_rank_layer(rng, random_shape(rng)) for _ in range(400)])
