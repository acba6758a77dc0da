"""The convolution layers of a stack, any rank: Conv1d/2d/3d and
ConvTranspose1d/2d/3d, in plain Python.

One rule per kind, parametrized by ``dims`` (the spatial axes: 1, 2 or 3).
The convolution's checks are conv.py's ``explore``; the transposed
convolution's formula is window.py's ``transposed_length``.
docs/javascripts/shapes/convolutions.js mirrors this file.
"""

from __future__ import annotations

from functools import partial
from math import prod

from shapes.conv import TorchError, check_conv_layer, explore
from shapes.domain import BIG, int_args, modelled, no_device
from shapes.window import transposed_length

Shape = tuple[int, ...]
Input = Shape | None  # None: build the layer only
Ints = int | tuple[int, ...] | list[int]


def _ranks(dims: int, shape: Shape, function: str) -> None:
    if len(shape) not in (dims + 1, dims + 2):
        raise TorchError("RuntimeError", f"Expected {dims + 1}D (unbatched) or "
                         f"{dims + 2}D (batched) input to {function}, but got "
                         f"input of size: {list(shape)}")


def conv(dims: int, shape: Input, in_channels: int, out_channels: int,
         kernel_size: Ints, stride: Ints = 1, padding: Ints | str = 0,
         dilation: Ints = 1, groups: int = 1, bias: bool = True,
         padding_mode: str = "zeros", **extra: object) -> dict:
    """``nn.Conv{dims}d``: built, then run on ``shape`` (None: built only)."""
    no_device(**extra)
    int_args((in_channels, out_channels), 1, "in_channels and out_channels")
    kernel = int_args(kernel_size, 1, "kernel_size", dims)
    strides = int_args(stride, 0, "stride", dims)
    dilations = int_args(dilation, 1, "dilation", dims)
    if not isinstance(padding, str):
        padding = int_args(padding, 0, "padding", dims)
    modelled(type(groups) is int and abs(groups) <= BIG, "groups an int")
    modelled(type(bias) is bool, "bias True or False")
    modelled(isinstance(padding_mode, str), "padding_mode a string")
    check_conv_layer(in_channels, out_channels, strides, padding, groups,
                     padding_mode)
    if shape is None:
        return {}
    if len(shape) not in (dims + 1, dims + 2):  # F.pad refuses first, in words
        modelled(padding_mode == "zeros", f"a {dims + 1}-D or {dims + 2}-D "
                 f"input where Conv{dims}d's padding_mode is not 'zeros'")
        _ranks(dims, shape, f"conv{dims}d")
    result = explore(shape, in_channels, out_channels, kernel, strides, padding,
                     dilations, groups, bias, padding_mode, dims)
    return {"shape": result["shape"], "params": result["params"]}


def check_transposed_layer(in_channels: int, out_channels: int,
                           stride: tuple[int, ...], groups: int,
                           padding_mode: str) -> None:
    """The checks nn.ConvTranspose{dims}d makes when the layer is built."""
    int_args((in_channels, out_channels), 1, "in_channels and out_channels")
    modelled(type(groups) is int and abs(groups) <= BIG, "groups an int")
    if padding_mode != "zeros":
        raise TorchError("ValueError", 'Only "zeros" padding mode is '
                         f"supported for ConvTranspose{len(stride)}d")
    check_conv_layer(in_channels, out_channels, stride, 0, groups, "zeros")


def conv_transpose_output_shape(
        input_shape: Shape, in_channels: int, out_channels: int,
        kernel_size: Ints, stride: Ints = 1, padding: Ints = 0,
        output_padding: Ints = 0, groups: int = 1, dilation: Ints = 1,
        padding_mode: str = "zeros", output_size: Ints | None = None,
        dims: int = 2) -> Shape:
    """Shape of ``nn.ConvTranspose2d(...)(x, output_size)`` (``dims``: 1-D
    or 3-D) for ``x`` batched or not; ``output_size`` (the spatial sizes,
    or the whole shape) picks the output_padding, as PyTorch does."""
    kernel = int_args(kernel_size, 1, "kernel_size", dims)
    strides = int_args(stride, 1, "stride", dims)
    paddings = int_args(padding, 0, "padding", dims)
    extra = int_args(output_padding, 0, "output_padding", dims)
    dilations = int_args(dilation, 1, "dilation", dims)
    check_transposed_layer(in_channels, out_channels, strides, groups,
                           padding_mode)
    if len(input_shape) not in (dims + 1, dims + 2):
        modelled(output_size is None, f"output_size= with a {dims + 1}-D or "
                 f"{dims + 2}-D input to ConvTranspose{dims}d")
        _ranks(dims, input_shape, f"conv_transpose{dims}d")
    axes = [(input_shape[-dims + a], kernel[a], strides[a], paddings[a])
            for a in range(dims)]
    if output_size is not None:
        modelled(isinstance(output_size, tuple | list) and all(
            type(size) is int for size in output_size), "output_size ints")
        extra = _requested_padding(input_shape, axes, dilations, output_size)
    out = [transposed_length(*axis, pad, dilation)
           for axis, pad, dilation in zip(axes, extra, dilations, strict=True)]
    weight = [in_channels, out_channels // groups, *kernel]
    channels = input_shape[-dims - 1]
    if channels != in_channels:  # an unbatched input runs as a batch of 1
        batched = len(input_shape) == dims + 2
        fed = [input_shape[0] if batched else 1, *input_shape[-dims - 1:]]
        raise TorchError("RuntimeError", "Given transposed=1, weight of size "
                         f"{weight}, expected input{fed} to have {in_channels} "
                         f"channels, but got {channels} channels instead")
    if any(pad >= max(s, d) for pad, s, d in zip(extra, strides, dilations,
                                                 strict=True)):
        raise TorchError("RuntimeError", _output_padding_message(
            extra, strides, dilations))
    # PyTorch gives an empty tensor for 0 and, below, an error whose words
    # depend on the backend
    modelled(min(out) >= 1, f"output sizes >= 1, got {out}")
    return (*input_shape[:-dims - 1], out_channels, *out)


def _output_padding_message(extra: Shape, strides: Shape,
                            dilations: Shape) -> str:
    """ATen's words, axis by axis; a 1-D one runs as 2-D with a height of
    1 (no output padding, stride and dilation 1)."""
    if len(extra) == 1:
        extra, strides, dilations = (0, *extra), (1, *strides), (1, *dilations)
    names = ("depth", "height", "width")[-len(extra):]
    parts = [f"{what}_{name}: {value}" for what, values in (
        ("output_padding", extra), ("stride", strides),
        ("dilation", dilations)) for name, value in zip(names, values,
                                                        strict=True)]
    return ("output padding must be smaller than either stride or dilation, "
            f"but got {' '.join(parts)}")


def _requested_padding(input_shape: Shape, axes: list[tuple],
                       dilations: Shape, output_size: Ints) -> list[int]:
    """The output_padding that ``output_size`` asks for, or PyTorch's
    ValueError. PyTorch's message names the input's sizes from axis 2 on
    (for an unbatched input, one axis fewer)."""
    dims, ndim = len(axes), len(input_shape)
    if len(output_size) == ndim:  # the whole shape: keep the spatial sizes
        output_size = output_size[-dims:]
    if len(output_size) != dims:
        raise TorchError("ValueError", f"ConvTranspose{dims}D: for {ndim}D "
                         f"input, output_size must have {dims} or {ndim} "
                         f"elements (got {len(output_size)})")
    low = [transposed_length(*axis, 0, dilation)
           for axis, dilation in zip(axes, dilations, strict=True)]
    high = [size + axis[2] - 1 for size, axis in zip(low, axes, strict=True)]
    if any(not lo <= want <= hi for lo, want, hi
           in zip(low, output_size, high, strict=True)):
        raise TorchError("ValueError", f"requested an output size of "
                         f"{output_size}, but valid sizes range from "
                         f"{low} to {high} (for an input of torch.Size("
                         f"{list(input_shape[2:])}))")
    return [want - lo for want, lo in zip(output_size, low, strict=True)]


def conv_transpose(dims: int, shape: Input, in_channels: int,
                   out_channels: int, kernel_size: Ints, stride: Ints = 1,
                   padding: Ints = 0, output_padding: Ints = 0,
                   groups: int = 1, bias: bool = True, dilation: Ints = 1,
                   padding_mode: str = "zeros",
                   output_size: Ints | None = None, **extra: object) -> dict:
    """``nn.ConvTranspose{dims}d``; ``output_size`` is the forward's
    argument (nn.Sequential never passes one)."""
    no_device(**extra)
    modelled(type(bias) is bool, "bias True or False")
    for value, low, name in ((padding, 0, "padding"), (output_padding, 0,
                             "output_padding"), (dilation, 1, "dilation")):
        int_args(value, low, name, dims)
    kernel = int_args(kernel_size, 1, "kernel_size", dims)
    check_transposed_layer(in_channels, out_channels,
                           int_args(stride, 1, "stride", dims), groups,
                           padding_mode)
    if shape is None:
        return {}
    out = conv_transpose_output_shape(
        shape, in_channels, out_channels, kernel_size, stride, padding,
        output_padding, groups, dilation, padding_mode, output_size, dims)
    weights = in_channels * (out_channels // groups) * prod(kernel)
    return {"shape": list(out), "params": weights + out_channels * bias}


# Each layer's rule, its rank filled in: a signature of the module's own
# arguments (cost.py reads the defaults from it).
RULES = {
    **{f"Conv{d}d": partial(conv, d) for d in (1, 2, 3)},
    **{f"ConvTranspose{d}d": partial(conv_transpose, d) for d in (1, 2, 3)},
}
BUILT = set(RULES)  # building them checks their arguments
