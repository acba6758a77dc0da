"""The output shapes of pooling layers, any rank: MaxPool1d/2d/3d,
AvgPool1d/2d/3d and the adaptive ones, in plain Python.

One rule per kind, parametrized by ``dims`` (the spatial axes: 1, 2 or 3);
each rank keeps PyTorch's own checks, order and words, which differ (1-D
max pooling has a kernel of its own, 1-D average pooling runs the 2-D one
on a height of 1). window.py holds the per-axis formulas;
docs/javascripts/shapes/pools.js mirrors this file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from shapes.conv import TorchError
from shapes.domain import int_args, modelled
from shapes.window import pool_axis, pool_window_count

Shape = tuple[int, ...]
Ints = int | tuple[int, ...] | list[int]
AXES = {1: ("W",), 2: ("H", "W"), 3: ("T", "H", "W")}


def _refuse(message: str, kind: str = "RuntimeError") -> None:
    raise TorchError(kind, message)


def _ranks(ndim: int, dims: int, function: str) -> None:
    """The input-rank check of the ATen function named ``function``."""
    if ndim in (dims + 1, dims + 2):
        return
    if function in ("avg_pool1d", "adaptive_avg_pool1d", "adaptive_max_pool1d"):
        _refuse(f"Expected 2 to 3 dimensions, but got {ndim}-dimensional "
                "tensor for argument #1 'self' (while checking arguments for "
                f"{function})")
    _refuse(f"non-empty {dims + 1}D or {dims + 2}D (batch mode) tensor "
            "expected for input")


def _max_pool1d(shape: Shape, kernel: int, stride: int, padding: int,
                dilation: int, ceil_mode: bool) -> Shape:
    """ATen's max_pool1d, a kernel of its own with messages of its own."""
    if len(shape) not in (2, 3):
        _refuse("max_pool1d: Expected 2D or 3D (batch mode) tensor with "
                f"optional 0 dim batch size for input, but got:{list(shape)}")
    if stride == 0:
        _refuse("max_pool1d() stride must be greater than zero, but got 0")
    if padding > kernel // 2:
        _refuse("max_pool1d() padding should be at most half of kernel size, "
                f"but got padding={padding} and kernel_size={kernel}")
    out = pool_window_count(shape[-1], kernel, stride, padding, dilation,
                            ceil_mode)
    if out < 1:
        _refuse(f"max_pool1d() Invalid computed output size: {out}")
    return (*shape[:-1], out)


def _shape_checks(shape: Shape, dims: int, kernel: Shape, padding: Shape,
                  out: list[int], average: bool) -> None:
    """pool2d_shape_check / pool3d_shape_check, after the per-axis sizes."""
    if dims == 2 and len(shape) not in (3, 4):
        _refuse("Expected 3D or 4D (batch mode) tensor with optional 0 dim "
                f"batch size for input, but got:{list(shape)}")
    sizes = shape[-dims:]
    names = AXES[dims]
    if dims == 3 and average and any(s < k for s, k in zip(sizes, kernel,
                                                          strict=True)):
        _refuse("input image (" + " ".join(f"{n}: {s}" for n, s in zip(
            names, sizes, strict=True)) + ") smaller than kernel size (" +
            " ".join(f"k{n}: {k}" for n, k in zip(names, kernel, strict=True))
            + ")")
    if any(p > k // 2 for p, k in zip(padding, kernel, strict=True)):
        if dims == 2:
            _refuse("pad should be smaller than or equal to half of kernel "
                    f"size, but got padW = {padding[1]}, padH = {padding[0]}, "
                    f"kW = {kernel[1]}, kH = {kernel[0]}")
        _refuse("pad should be smaller than or equal to half of kernel size, "
                f"but got kT: {kernel[0]} kW: {kernel[2]} kH: {kernel[1]} "
                f"padT: {padding[0]} padW: {padding[2]} padH: {padding[1]}")
    if min(out) < 1:
        planes = shape[-dims - 1]
        _refuse(f"Given input size: ({'x'.join(map(str, (planes, *sizes)))}). "
                f"Calculated output size: ({'x'.join(map(str, (planes, *out)))})"
                ". Output size is too small")


def pool_output_shape(input_shape: Shape, kernel_size: Ints,
                      stride: Ints | None = None, padding: Ints = 0,
                      dilation: Ints = 1, ceil_mode: bool = False,
                      average: bool = False, divisor_override: int | None = None,
                      dims: int = 2) -> Shape:
    """Shape of ``nn.MaxPool{dims}d(...)(x)`` (``average``:
    ``nn.AvgPool{dims}d``, dilation 1) for ``x`` batched or not."""
    shape = tuple(input_shape)
    kernel = int_args(kernel_size, 1, "kernel_size", dims)
    paddings = int_args(padding, 0, "padding", dims)
    strides = kernel if stride is None else int_args(stride, 0, "stride", dims)
    dilations = int_args(dilation, 1, "dilation", dims)
    modelled(type(ceil_mode) is bool, "ceil_mode True or False")
    ndim = len(shape)
    if average and dims == 1:  # AvgPool1d runs AvgPool2d on a height of 1
        _ranks(ndim, 1, "avg_pool1d")
        out = pool_output_shape((*shape[:-1], 1, shape[-1]), (1, *kernel),
                                (1, *strides), (0, *paddings), 1, ceil_mode,
                                average=True)
        return (*out[:-2], out[-1])
    if not average and dims == 1:
        return _max_pool1d(shape, kernel[0], strides[0], paddings[0],
                           dilations[0], ceil_mode)
    if average:
        modelled(divisor_override is None or type(divisor_override) is int,
                 "divisor_override an int or None")
        if dims == 3:
            _ranks(ndim, 3, "avg_pool3d")
        if divisor_override == 0:
            _refuse("divisor must be not zero")
        if dims == 2 and ndim < 3:  # AvgPool2d reads the channels as size(-3)
            _refuse("Dimension out of range (expected to be in range of "
                    f"[{-ndim}, {ndim - 1}], but got -3)", "IndexError")
    else:
        _ranks(ndim, dims, f"max_pool{dims}d")
    out = [pool_axis(size, *axis, ceil_mode) for size, *axis in zip(
        shape[-dims:], kernel, strides, paddings, dilations, strict=True)]
    _shape_checks(shape, dims, kernel, paddings, out, average)
    return (*shape[:-dims], *out)


def adaptive_pool_output_shape(input_shape: Shape,
                               output_size: int | tuple[int | None, ...],
                               dims: int = 2, maximum: bool = False) -> Shape:
    """Shape of ``nn.AdaptiveAvgPool{dims}d(output_size)(x)`` (``maximum``:
    ``nn.AdaptiveMaxPool{dims}d``): the requested sizes, ``None`` keeping
    that axis's input size (2-D and 3-D)."""
    shape, ndim = tuple(input_shape), len(input_shape)
    function = f"adaptive_{'max' if maximum else 'avg'}_pool{dims}d"
    sizes = output_size
    if dims == 1:
        modelled(type(sizes) is int or isinstance(sizes, tuple | list) and all(
            type(s) is int for s in sizes),
                 "output_size ints for a 1-D adaptive pooling")
        _ranks(ndim, 1, function)
        sizes = int_args(sizes, 1, "output_size", 1 if type(sizes) is int
                         else len(sizes))
        if len(sizes) != 1:
            _refuse(f"{function}() argument 'output_size' should contain one "
                    f"int (got {len(sizes)})")
        return (*shape[:-1], *sizes)
    if isinstance(sizes, tuple | list):
        if ndim <= len(sizes):
            _refuse(f"Input dimension should be at least {len(sizes) + 1}",
                    "ValueError")
        sizes = [size if want is None else want for want, size
                 in zip(sizes, shape[-len(sizes):], strict=True)]
    sizes = int_args(sizes, 1, "output_size", len(sizes)
                     if isinstance(sizes, list) else dims)
    expected = (f"{dims + 1}D or {dims + 2}D tensor, but got"
                f"{':' if maximum else ''} {list(shape)}")
    if maximum:
        if ndim not in (dims + 1, dims + 2):
            _refuse(f"{function}(): Expected {expected}")
        if len(sizes) != dims:
            _refuse(f"{function}(): internal error: output_size.size() must "
                    f"be {dims}")
        return (*shape[:-dims], *sizes)
    if len(sizes) != dims:
        _refuse(f"{function}: output_size must be {dims}")
    if all(size == 1 for size in sizes):  # the mean over the last axes
        if ndim < dims:
            _refuse("Dimension out of range (expected to be in range of "
                    f"[{-ndim}, {ndim - 1}], but got {-ndim - 1})", "IndexError")
        return (*shape[:-dims], *sizes)
    if ndim not in (dims + 1, dims + 2):
        _refuse(f"{function}(): Expected {expected}")
    return (*shape[:-dims], *sizes)


def max_pool(dims: int, shape: Shape, kernel_size: Ints,
             stride: Ints | None = None, padding: Ints = 0, dilation: Ints = 1,
             return_indices: bool = False, ceil_mode: bool = False) -> dict:
    modelled(return_indices is False, "return_indices=False (True gives "
             "the next layer a tuple)")
    return {"shape": list(pool_output_shape(shape, kernel_size, stride, padding,
                                            dilation, ceil_mode, dims=dims)),
            "params": 0}


def avg_pool(dims: int, shape: Shape, kernel_size: Ints,
             stride: Ints | None = None, padding: Ints = 0,
             ceil_mode: bool = False, count_include_pad: bool = True,
             divisor_override: int | None = None) -> dict:
    modelled(type(count_include_pad) is bool, "count_include_pad True or False")
    return {"shape": list(pool_output_shape(
        shape, kernel_size, stride, padding, 1, ceil_mode, average=True,
        divisor_override=divisor_override, dims=dims)), "params": 0}


def adaptive_pool(dims: int, maximum: bool, shape: Shape,
                  output_size: int | tuple[int | None, ...],
                  return_indices: bool = False) -> dict:
    modelled(return_indices is False, "return_indices=False (True gives "
             "the next layer a tuple)")
    return {"shape": list(adaptive_pool_output_shape(shape, output_size, dims,
                                                     maximum)), "params": 0}


def _avg1d(shape: Shape, kernel_size: Ints, stride: Ints | None = None,
           padding: Ints = 0, ceil_mode: bool = False,
           count_include_pad: bool = True) -> dict:
    """AvgPool1d takes no divisor_override."""
    return avg_pool(1, shape, kernel_size, stride, padding, ceil_mode,
                    count_include_pad)


def _adaptive_avg(dims: int) -> Callable[..., dict]:
    """AdaptiveAvgPool takes no return_indices."""
    return lambda shape, output_size: adaptive_pool(dims, False, shape,
                                                    output_size)


# Each layer's rule, its rank filled in: a signature of the module's own
# arguments (cost.py reads the defaults from it).
RULES = {
    **{f"MaxPool{d}d": partial(max_pool, d) for d in (1, 2, 3)},
    "AvgPool1d": _avg1d,
    **{f"AvgPool{d}d": partial(avg_pool, d) for d in (2, 3)},
    **{f"AdaptiveAvgPool{d}d": _adaptive_avg(d) for d in (1, 2, 3)},
    **{f"AdaptiveMaxPool{d}d": partial(adaptive_pool, d, True) for d in (1, 2, 3)},
}
