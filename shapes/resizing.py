"""The layers that resize feature maps without weights: Upsample,
PixelShuffle, PixelUnshuffle and Unfold (im2col), in plain Python.

docs/javascripts/shapes/resizing.js mirrors this file (same checks, order
and messages). Upsample's modes "area" (adaptive average pooling) and
"lanczos" (antialiased only) are outside the model.
"""

from __future__ import annotations

from shapes.conv import TorchError
from shapes.domain import BIG, int_args, modelled

Shape = tuple[int, ...]
Ints = int | tuple[int, ...] | list[int]
Floats = int | float | tuple[int | float, ...] | list[int | float]
# The input ranks of each mode (nearest and nearest-exact take any of 3 to 5).
MODE_RANKS = {"nearest": (3, 4, 5), "nearest-exact": (3, 4, 5), "linear": (3,),
              "bilinear": (4,), "bicubic": (4,), "trilinear": (5,)}
MODES = ("nearest | linear | bilinear | bicubic | trilinear | lanczos | area | "
         "nearest-exact")
INTERPOLATING = "linear | bilinear | bicubic | trilinear"


def _refuse(message: str, kind: str = "RuntimeError") -> None:
    raise TorchError(kind, message)


def _tuple(values: tuple | list) -> str:
    """Python's str() of a tuple."""
    return f"({', '.join(map(str, values))}{',' if len(values) == 1 else ''})"


def _scales(scale_factor: Floats | None) -> tuple[float, ...] | float | None:
    """What nn.Upsample keeps: floats, and None for a zero."""
    if isinstance(scale_factor, tuple | list):
        modelled(all(type(s) in (int, float) and 0 <= s <= BIG
                     for s in scale_factor), "scale factors from 0 to 2**31 - 1")
        return tuple(float(s) for s in scale_factor)
    modelled(scale_factor is None or type(scale_factor) in (int, float)
             and 0 <= scale_factor <= BIG, "scale factors from 0 to 2**31 - 1")
    return float(scale_factor) if scale_factor else None


def upsample(shape: Shape, size: Ints | None = None,
             scale_factor: Floats | None = None, mode: str = "nearest",
             align_corners: bool | None = None,
             recompute_scale_factor: bool | None = None) -> dict:
    """``nn.Upsample``: F.interpolate's checks in its order, then ATen's;
    an output size is the input's times the scale, rounded down."""
    scales = _scales(scale_factor)
    modelled(isinstance(mode, str) and mode not in ("area", "lanczos"),
             "a mode other than 'area' and 'lanczos'")
    for value, name in ((align_corners, "align_corners"),
                        (recompute_scale_factor, "recompute_scale_factor")):
        modelled(value is None or type(value) is bool, f"{name} True, False "
                 "or None")
    if mode == "nearest-exact" or mode == "nearest":
        if align_corners is not None:
            _refuse("align_corners option can only be set with the "
                    f"interpolating modes: {INTERPOLATING}", "ValueError")
    dims, spatial = len(shape) - 2, list(shape[2:])
    if size is not None and scales is not None:
        _refuse("only one of size or scale_factor should be defined",
                "ValueError")
    if size is not None:
        if isinstance(size, tuple | list):
            if len(size) != dims:
                _refuse("Input and output must have the same number of spatial "
                        f"dimensions, but got input with spatial dimensions of "
                        f"{spatial} and output size of {_tuple(size)}. Please "
                        "provide input tensor in (N, C, d1, d2, ...,dK) format "
                        "and output size in (o1, o2, ...,oK) format.",
                        "ValueError")
        out = list(int_args(size, 0, "size", max(dims, 0)))
    elif scales is not None:
        if isinstance(scales, tuple) and len(scales) != dims:
            _refuse("Input and scale_factor must have the same number of "
                    "spatial dimensions, but got input with spatial dimensions "
                    f"of {spatial} and scale_factor of shape {_tuple(scales)}. "
                    "Please provide input tensor in (N, C, d1, d2, ...,dK) "
                    "format and scale_factor in (s1, s2, ...,sK) format.",
                    "ValueError")
        factors = scales if isinstance(scales, tuple) else (scales,) * dims
        out = [int(n * s) for n, s in zip(spatial, factors, strict=True)]
    else:
        _refuse("either size or scale_factor should be defined", "ValueError")
    if recompute_scale_factor and size is not None:
        _refuse("recompute_scale_factor is not meaningful with an explicit "
                "size.", "ValueError")
    ndim = len(shape)
    if ndim in MODE_RANKS.get(mode, ()):
        _check_sizes(spatial, out)
        return {"shape": [*shape[:2], *out], "params": 0}
    if ndim in (3, 4, 5) and mode in ("linear", "bilinear", "trilinear"):
        _refuse(f"Got {ndim}D input, but {mode} mode needs "
                f"{MODE_RANKS[mode][0]}D input", "NotImplementedError")
    _refuse(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got "
            f"{ndim}D) for the modes: {MODES} (got {mode})",
            "NotImplementedError")


def _check_sizes(spatial: list[int], out: list[int]) -> None:
    """ATen's upsampling check: every size, in and out, above 0."""
    if min(out) > 0:
        return
    names = ("D", "H", "W")[-len(out):]
    sizes = [", ".join(f"{n}: {s}" for n, s in zip(names, values, strict=True))
             for values in (spatial, out)]
    joint = " and" if len(out) == 1 else ""
    _refuse("Input and output sizes should be greater than 0, but got input "
            f"({sizes[0]}){joint} output ({sizes[1]})")


def _factor(shape: Shape, factor: int, function: str, name: str) -> None:
    modelled(type(factor) is int and abs(factor) <= BIG, f"{name} an int")
    if len(shape) < 3:
        _refuse(f"{function} expects input to have at least 3 dimensions, but "
                f"got input with {len(shape)} dimension(s)")
    if factor <= 0:
        _refuse(f"{function} expects a positive {name}, but got {factor}")


def pixel_shuffle(shape: Shape, upscale_factor: int) -> dict:
    """(*, C r^2, H, W) -> (*, C, H r, W r)."""
    _factor(shape, upscale_factor, "pixel_shuffle", "upscale_factor")
    r = upscale_factor
    if shape[-3] % (r * r):
        _refuse("pixel_shuffle expects its input's 'channel' dimension to be "
                f"divisible by the square of upscale_factor, but input.size(-3)"
                f"={shape[-3]} is not divisible by {r * r}")
    return {"shape": [*shape[:-3], shape[-3] // (r * r), shape[-2] * r,
                      shape[-1] * r], "params": 0}


def pixel_unshuffle(shape: Shape, downscale_factor: int) -> dict:
    """(*, C, H r, W r) -> (*, C r^2, H, W)."""
    _factor(shape, downscale_factor, "pixel_unshuffle", "downscale_factor")
    r = downscale_factor
    for axis, name in ((-2, "height"), (-1, "width")):
        if shape[axis] % r:
            _refuse(f"pixel_unshuffle expects {name} to be divisible by "
                    f"downscale_factor, but input.size({axis})={shape[axis]} "
                    f"is not divisible by {r}")
    return {"shape": [*shape[:-3], shape[-3] * r * r, shape[-2] // r,
                      shape[-1] // r], "params": 0}


def unfold(shape: Shape, kernel_size: Ints, dilation: Ints = 1,
           padding: Ints = 0, stride: Ints = 1) -> dict:
    """``nn.Unfold`` (im2col): (N, C, H, W) -> (N, C k_h k_w, L), L the
    number of windows; ATen's im2col checks in its order."""
    kernel = int_args(kernel_size, 0, "kernel_size")
    dilations = int_args(dilation, 0, "dilation")
    paddings = int_args(padding, 0, "padding")
    strides = int_args(stride, 0, "stride")
    for values, what, name in ((kernel, "kernel size", "kernel"),
                               (dilations, "dilation", "dilation"),
                               (strides, "stride", "stride")):
        if min(values) < 1:
            _refuse(f"{what} should be greater than zero, but got {name}_height"
                    f": {values[0]} {name}_width: {values[1]}")
    ndim = len(shape)
    if ndim < 3:  # ATen reads size(1) and size(2) first
        _refuse("Dimension out of range (expected to be in range of "
                f"[{-ndim}, {ndim - 1}], but got {ndim})", "IndexError")
    if ndim > 4:
        _refuse("Expected 3D or 4D (batch mode) tensor with possibly 0 batch "
                "size and other non-zero dimensions for input, but got: "
                f"{list(shape)}")
    out = [(size + 2 * pad - (d * (k - 1) + 1)) // s + 1 for size, k, d, pad, s
           in zip(shape[-2:], kernel, dilations, paddings, strides, strict=True)]
    if min(out) < 1:
        _refuse(f"Given input with spatial size {_tuple(shape[-2:])}, "
                f"kernel_size={_tuple(kernel)}, dilation={_tuple(dilations)}, "
                f"padding={_tuple(paddings)}, calculated shape of the array of "
                f"sliding blocks as {_tuple(out)}, but its components must be "
                "at least one.")
    return {"shape": [*shape[:-3], shape[-3] * kernel[0] * kernel[1],
                      out[0] * out[1]], "params": 0}


RULES = {"Upsample": upsample, "PixelShuffle": pixel_shuffle,
         "PixelUnshuffle": pixel_unshuffle, "Unfold": unfold}
