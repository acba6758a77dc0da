"""What each layer of an ``nn.Sequential`` stack does to a shape, in plain
Python: ``layer_output`` for one layer, ``stack_output`` for a stack.

A layer is ``{"type": "Conv2d", "args": {...}}`` with the module's keyword
arguments (pairs as tuples or lists); the answer is ``{"shape", "params"}``.
PyTorch's refusals raise ``TorchError`` (its type and message, in its order:
the module's __init__, then its forward in training mode; the message in the
newest release's words, rewordings.py); settings outside
the modelled domain raise ``ValueError``. docs/javascripts/shapes/layers.js
mirrors this file (window.py: window.js); tests/cases/layers.json
holds PyTorch's answers for both.
"""

from __future__ import annotations

from math import prod

from shapes.conv import TorchError, check_conv_layer, explore, pair
from shapes.domain import BIG, int_args, modelled
from shapes.window import (
    adaptive_pool2d_output_shape,
    check_transposed_layer,
    conv_transpose2d_output_shape,
    pool2d_output_shape,
)

Shape = tuple[int, ...]
Input = Shape | None  # None: build the layer only
Ints = int | tuple[int, ...] | list[int]


def _none(device: object = None, dtype: object = None) -> None:
    """device= and dtype= change no shape: the model takes only None."""
    modelled(device is None and dtype is None, "device and dtype None")


def _flag(value: object, name: str) -> None:
    modelled(type(value) is bool, f"{name} True or False")


def conv2d(shape: Input, in_channels: int, out_channels: int,
           kernel_size: Ints, stride: Ints = 1, padding: Ints | str = 0,
           dilation: Ints = 1, groups: int = 1, bias: bool = True,
           padding_mode: str = "zeros", **extra: object) -> dict:
    _none(**extra)
    int_args((in_channels, out_channels), 1, "in_channels and out_channels")
    kernel = int_args(kernel_size, 1, "kernel_size")
    strides = int_args(stride, 0, "stride")
    int_args(dilation, 1, "dilation")
    if not isinstance(padding, str):
        int_args(padding, 0, "padding")
    modelled(type(groups) is int and abs(groups) <= BIG, "groups an int")
    _flag(bias, "bias")
    modelled(isinstance(padding_mode, str), "padding_mode a string")
    check_conv_layer(in_channels, out_channels, strides, padding, groups,
                     padding_mode)
    if shape is None:
        return {}
    if len(shape) not in (3, 4):  # F.pad refuses first, in words of its own
        modelled(padding_mode == "zeros", "a 3-D or 4-D input where "
                 "Conv2d's padding_mode is not 'zeros'")
        raise TorchError("RuntimeError", "Expected 3D (unbatched) or 4D "
                         "(batched) input to conv2d, but got input of size: "
                         f"{list(shape)}")
    result = explore(shape, in_channels, out_channels, kernel, strides,
                     padding, pair(dilation), groups, bias, padding_mode)
    return {"shape": result["shape"], "params": result["params"]}


def conv_transpose2d(shape: Input, in_channels: int, out_channels: int,
                     kernel_size: Ints, stride: Ints = 1, padding: Ints = 0,
                     output_padding: Ints = 0, groups: int = 1,
                     bias: bool = True, dilation: Ints = 1,
                     padding_mode: str = "zeros",
                     output_size: Ints | None = None, **extra: object) -> dict:
    """``output_size`` is the forward's argument (nn.Sequential never
    passes one)."""
    _none(**extra)
    _flag(bias, "bias")
    check_transposed_layer(in_channels, out_channels,
                           int_args(stride, 1, "stride"), groups, padding_mode)
    if shape is None:
        return {}
    out = conv_transpose2d_output_shape(
        shape, in_channels, out_channels, kernel_size, stride, padding,
        output_padding, groups, dilation, padding_mode, output_size)
    kernel = pair(kernel_size)
    weights = in_channels * (out_channels // groups) * kernel[0] * kernel[1]
    return {"shape": list(out), "params": weights + out_channels * bias}


def max_pool2d(shape: Shape, kernel_size: Ints, stride: Ints | None = None,
               padding: Ints = 0, dilation: Ints = 1,
               return_indices: bool = False, ceil_mode: bool = False) -> dict:
    modelled(return_indices is False, "return_indices=False (True gives "
              "the next layer a tuple)")
    return {"shape": list(pool2d_output_shape(shape, kernel_size, stride,
                                              padding, dilation, ceil_mode)),
            "params": 0}


def avg_pool2d(shape: Shape, kernel_size: Ints, stride: Ints | None = None,
               padding: Ints = 0, ceil_mode: bool = False,
               count_include_pad: bool = True,
               divisor_override: int | None = None) -> dict:
    _flag(count_include_pad, "count_include_pad")
    return {"shape": list(pool2d_output_shape(
        shape, kernel_size, stride, padding, 1, ceil_mode, average=True,
        divisor_override=divisor_override)), "params": 0}


def adaptive_avg_pool2d(shape: Shape,
                        output_size: int | tuple[int | None, ...]) -> dict:
    return {"shape": list(adaptive_pool2d_output_shape(shape, output_size)),
            "params": 0}


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
    _none(**extra)
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


def batch_norm2d(shape: Shape, num_features: int, eps: float = 1e-05,
                 momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, bias: bool = True,
                 **extra: object) -> dict:
    _none(**extra)
    int_args(num_features, 1, "num_features", 1)
    for value, name in ((affine, "affine"), (track_running_stats,
                        "track_running_stats"), (bias, "bias")):
        _flag(value, name)
    modelled(bias, "bias=True")
    if len(shape) != 4:
        raise TorchError("ValueError", f"expected 4D input (got {len(shape)}D"
                         " input)")
    if shape[0] * shape[2] * shape[3] == 1:  # training mode needs a spread
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
LAYERS = {"Conv2d": conv2d, "ConvTranspose2d": conv_transpose2d,
          "MaxPool2d": max_pool2d, "AvgPool2d": avg_pool2d,
          "AdaptiveAvgPool2d": adaptive_avg_pool2d, "Flatten": flatten,
          "Linear": linear, "LazyLinear": lazy_linear,
          "BatchNorm2d": batch_norm2d, "Dropout": dropout, "GELU": gelu,
          **dict.fromkeys(KEEP_SHAPE, same_shape)}


BUILD_CHECKS = {conv2d, conv_transpose2d, dropout}  # the others check inputs


def layer_output(layer: dict, input_shape: Input) -> dict:
    """``{"shape", "params"}`` of ``nn.<type>(**args)`` on an input of
    ``input_shape``; TorchError where PyTorch refuses. Without an input
    shape, only building the layer is checked (the answer is {})."""
    modelled(layer["type"] in LAYERS, f"a layer of {', '.join(LAYERS)}")
    rule = LAYERS[layer["type"]]
    if input_shape is None and rule not in BUILD_CHECKS:
        return {}
    return rule(input_shape and tuple(input_shape), **layer["args"])


def stack_output(input_shape: Shape, layers: list[dict]) -> list[dict | None]:
    """What ``nn.Sequential(*layers)(x)`` gives, layer by layer: answers up
    to the first refusal, ``{"error": {"type", "message"}}``. The layers
    are built first, as the code does: a layer that refuses its arguments
    fails even when an earlier one would refuse its input; the layers
    between get None (not reached)."""
    built = len(layers)
    for index, layer in enumerate(layers):
        try:
            layer_output(layer, None)
        except TorchError as error:
            built, failure = index, _failure(error)
            break
    answers, shape = [], tuple(input_shape)
    for layer in layers[:built]:
        try:
            answer = layer_output(layer, shape)
        except TorchError as error:
            answers.append(_failure(error))
            break
        except ValueError:  # outside the model: unless a layer fails to
            if built == len(layers):  # build, where PyTorch stops first
                raise
            break
        answers.append(answer)
        shape = tuple(answer["shape"])
    if built < len(layers):
        reached = [answer for answer in answers if "shape" in answer]
        answers = reached + [None] * (built - len(reached)) + [failure]
    return answers


def _failure(error: TorchError) -> dict:
    return {"error": {"type": error.kind, "message": str(error)}}
