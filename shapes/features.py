"""The layers of a stack that act on features whatever the rank: Flatten,
Linear, LazyLinear, BatchNorm1d/2d/3d, Dropout, GELU, the activations and
Identity, in plain Python.

docs/javascripts/shapes/features.js mirrors this file (same checks, order
and messages).
"""

from __future__ import annotations

from functools import partial
from math import prod

from shapes.conv import TorchError
from shapes.domain import BIG, int_args, modelled, no_device

Shape = tuple[int, ...]
Input = Shape | None  # None: build the layer only


def _flag(value: object, name: str) -> None:
    modelled(type(value) is bool, f"{name} True or False")


def _dim(dim: int, ndim: int) -> int:
    """PyTorch's maybe_wrap_dim: a dimension index, negative from the end."""
    modelled(type(dim) is int and abs(dim) <= BIG, "dims as ints")
    low, high = -max(ndim, 1), max(ndim, 1) - 1
    if not low <= dim <= high:
        raise TorchError("IndexError", "Dimension out of range (expected to "
                         f"be in range of [{low}, {high}], but got {dim})")
    return dim % max(ndim, 1)


def flatten(shape: Shape, start_dim: int = 1, end_dim: int = -1) -> dict:
    start, end = _dim(start_dim, len(shape)), _dim(end_dim, len(shape))
    if start > end:
        raise TorchError("RuntimeError", "flatten() has invalid args: "
                         "start_dim cannot come after end_dim")
    return {"shape": [*shape[:start], prod(shape[start:end + 1]),
                      *shape[end + 1:]], "params": 0}


def linear(shape: Shape, in_features: int, out_features: int,
           bias: bool = True, **extra: object) -> dict:
    no_device(**extra)
    int_args((in_features, out_features), 1, "in_features and out_features")
    _flag(bias, "bias")
    if shape[-1] != in_features:
        product = "addmm" if bias else "mm"  # bias + input @ weight.T, or not
        raise TorchError("RuntimeError", f"{product}: mat1 and mat2 shapes "
                         f"cannot be multiplied ({prod(shape[:-1])}x"
                         f"{shape[-1]} and {in_features}x{out_features})")
    return {"shape": [*shape[:-1], out_features],
            "params": (in_features + bias) * out_features}


def lazy_linear(shape: Shape, out_features: int, bias: bool = True,
                **extra: object) -> dict:
    """Linear with in_features read from the first input's last size."""
    return linear(shape, shape[-1], out_features, bias, **extra)


def batch_norm(dims: int, shape: Shape, num_features: int,
               eps: float = 1e-05, momentum: float | None = 0.1,
               affine: bool = True, track_running_stats: bool = True,
               bias: bool = True, **extra: object) -> dict:
    """``nn.BatchNorm{dims}d`` in training mode; BatchNorm1d takes (N, C)
    and (N, C, L)."""
    no_device(**extra)
    int_args(num_features, 1, "num_features", 1)
    for value, name in ((affine, "affine"), (track_running_stats,
                        "track_running_stats"), (bias, "bias")):
        _flag(value, name)
    modelled(bias, "bias=True")
    ranks = (2, 3) if dims == 1 else (dims + 2,)
    if len(shape) not in ranks:
        expected = " or ".join(f"{rank}D" for rank in ranks)
        raise TorchError("ValueError", f"expected {expected} input (got "
                         f"{len(shape)}D input)")
    if prod(shape) // shape[1] == 1:  # training mode needs a spread
        raise TorchError("ValueError", "Expected more than 1 value per "
                         "channel when training, got input size "
                         f"torch.Size({list(shape)})")
    if shape[1] != num_features and (track_running_stats or affine):
        name = "running_mean" if track_running_stats else "weight"
        raise TorchError("RuntimeError", f"{name} should contain {shape[1]} "
                         f"elements not {num_features}")
    return {"shape": list(shape), "params": 2 * num_features * affine}


def dropout(shape: Input, p: float = 0.5, inplace: bool = False) -> dict:
    modelled(type(p) in (int, float) and abs(p) <= BIG, "p a number")
    if not 0 <= p <= 1:
        raise TorchError("ValueError", "dropout probability has to be "
                         f"between 0 and 1, but got {p}")
    return {} if shape is None else {"shape": list(shape), "params": 0}


def gelu(shape: Shape, approximate: str = "none") -> dict:
    if approximate not in ("none", "tanh"):
        raise TorchError("RuntimeError",
                         "approximate argument must be either none or tanh.")
    return {"shape": list(shape), "params": 0}


def same_shape(shape: Shape, *args: object, **kwargs: object) -> dict:
    """An activation or Identity: the output has the input's shape."""
    return {"shape": list(shape), "params": 0}


KEEP_SHAPE = ("ReLU", "ReLU6", "LeakyReLU", "ELU", "SiLU", "Sigmoid", "Tanh",
              "Hardswish", "Mish", "Identity")


RULES = {"Flatten": flatten, "Linear": linear, "LazyLinear": lazy_linear,
         **{f"BatchNorm{d}d": partial(batch_norm, d) for d in (1, 2, 3)},
         "Dropout": dropout, "GELU": gelu,
         **dict.fromkeys(KEEP_SHAPE, same_shape)}
BUILT = {"Dropout"}  # the others check only their input
