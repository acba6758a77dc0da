"""The output-shape rules of ``torch.nn.Conv2d``, in plain Python.

This is the one implementation of the formulas the course teaches. Lessons
include its sections, the tests compare it with real PyTorch, and the
explorer's JavaScript (docs/javascripts/shapes/conv.js) mirrors it line
for line. Settings PyTorch rejects raise ``TorchError`` with the
exception type and the message PyTorch 2.x gives, checked in the order
PyTorch checks when running ``x = torch.randn(...)``, ``conv =
nn.Conv2d(...)``, ``conv(x)``. ``explore`` takes ``dims``: the same rules
on one or three spatial axes are Conv1d's and Conv3d's (convolutions.py
uses them for a stack); pooling, transposed convolution and the other
layers follow the same style in window.py, pools.py and the others.

Modelled domain: a batch (N, C, H, W) or one unbatched image (C, H, W),
which PyTorch runs as a batch of one (its messages show that batch), input
sizes, channels and kernel sizes >= 1, dilation >= 0 (any stride, groups
and padding). Outside it PyTorch's answer depends on more than the shapes
(negative padding crops with padding_mode="reflect"; zero-sized tensors
take backend-specific paths), so ``ValueError`` says so instead of
guessing. Dilation 0 gives the message of PyTorch's slow CPU
path; oneDNN, picked for larger inputs, words it differently, which is why
the explorer asks for dilation >= 1 (and Conv1d and Conv3d, whose CPU path
words it differently again, are modelled from dilation 1).
"""

from __future__ import annotations

from math import prod

from shapes.domain import per_axis

Pair = tuple[int, int]
Padding = int | tuple[int, ...] | str
PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


class TorchError(ValueError):
    """A setting PyTorch rejects, with the exception type PyTorch raises."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind  # "ValueError" (nn.Conv2d) or "RuntimeError" (ATen)


# --8<-- [start:output_size]
def conv_output_size(size: int, kernel: int, stride: int = 1,
                     padding: int = 0, dilation: int = 1) -> int:
    """Output length along one spatial axis of a convolution.
    out = floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1
    """
    if min(size, kernel, stride, dilation) < 1 or padding < 0:
        raise ValueError("size, kernel, stride and dilation must be >= 1, "
                         "padding >= 0")
    span = dilation * (kernel - 1) + 1  # input pixels one kernel position covers
    if span > size + 2 * padding:
        raise ValueError(f"kernel span {span} is larger than the padded "
                         f"input {size + 2 * padding}")
    return (size + 2 * padding - span) // stride + 1
# --8<-- [end:output_size]


def output_size_tex(axis: str, size: int, kernel: int, stride: int = 1,
                    padding: int = 0, dilation: int = 1,
                    ceil_mode: bool = False) -> str:
    """TeX of conv_output_size's formula with the numbers put in, up to its
    rounded quotient + 1 (rounded up with ceil_mode, as pooling may)."""
    left, right = (r"\lceil", r"\rceil") if ceil_mode else (r"\lfloor", r"\rfloor")
    numerator = size + 2 * padding - dilation * (kernel - 1) - 1
    return (rf"{axis}_\text{{out}} = \left{left} \frac{{{size} + 2 \cdot "
            rf"{padding} - {dilation} \cdot ({kernel} - 1) - 1}}{{{stride}}}"
            rf"\right{right} + 1 = \left{left} \frac{{{numerator}}}"
            rf"{{{stride}}} \right{right} + 1")


def conv_output_tex(axis: str, size: int, kernel: int, stride: int = 1,
                    padding: int = 0, dilation: int = 1) -> str:
    """TeX of the output-size formula with the numbers put in."""
    out = conv_output_size(size, kernel, stride, padding, dilation)
    return output_size_tex(axis, size, kernel, stride, padding, dilation) + f" = {out}"


def conv_input_sizes(out: int, kernel: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> range:
    """Every input length a convolution maps to ``out`` on one axis: up to
    ``stride`` of them, the smallest being the transposed conv's output."""
    if min(out, kernel, stride, dilation) < 1 or padding < 0:
        raise ValueError("out, kernel, stride and dilation must be >= 1, "
                         "padding >= 0")
    low = (out - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1
    return range(max(low, 1), low + stride)


def pair(value: int | Pair) -> Pair:
    """Expand an int to (value, value), as nn.Conv2d does."""
    return (value, value) if isinstance(value, int) else tuple(value)


def same_padding(kernel: int, dilation: int = 1) -> Pair:
    """(before, after) zeros that padding="same" adds on one axis.

    PyTorch puts the smaller half first, so an even kernel pads one more
    pixel after (right/bottom) than before (left/top).
    """
    total = dilation * (kernel - 1)
    return total // 2, total - total // 2


def _check_domain(input_shape: tuple[int, ...], in_channels: int,
                  out_channels: int, kernel: tuple[int, ...], padding: Padding,
                  dilation: tuple[int, ...], padding_mode: str) -> None:
    """Refuse settings whose outcome this model does not claim to know."""
    dims = len(kernel)
    sizes = (*input_shape, in_channels, out_channels, *kernel)
    low = 0 if dims == 2 else 1  # dilation 0's words depend on the backend
    if (len(input_shape) not in (dims + 1, dims + 2) or min(sizes) < 1
            or min(dilation) < low):
        raise ValueError(f"modelled: a {dims + 1}-D or {dims + 2}-D input, "
                         "sizes, channels and kernel >= 1, dilation >= "
                         f"{low}")
    if (padding_mode != "zeros" and not isinstance(padding, str)
            and min(per_axis(padding, dims)) < 0):
        raise ValueError("negative padding is modelled only with "
                         "padding_mode='zeros'")


def check_conv_layer(in_channels: int, out_channels: int,
                     stride: tuple[int, ...], padding: Padding, groups: int,
                     padding_mode: str) -> None:
    """The checks nn.Conv{1,2,3}d make when the layer is built, in their
    order."""
    if groups <= 0:
        raise TorchError("ValueError", "groups must be a positive integer")
    if in_channels % groups:
        raise TorchError("ValueError", "in_channels must be divisible by groups")
    if out_channels % groups:
        raise TorchError("ValueError",
                         "out_channels must be divisible by groups")
    if isinstance(padding, str):
        valid = {"same", "valid"}  # a set, like PyTorch's, so it prints alike
        if padding not in valid:
            raise TorchError("ValueError", f"Invalid padding string "
                             f"{padding!r}, should be one of {valid}")
        if padding == "same" and any(s != 1 for s in stride):
            raise TorchError("ValueError", "padding='same' is not supported "
                             "for strided convolutions")
    modes = {"zeros", "reflect", "replicate", "circular"}
    if padding_mode not in modes:
        raise TorchError("ValueError", f"padding_mode must be one of {modes}, "
                         f"but got padding_mode='{padding_mode}'")


def _axis(size: int, kernel: int, stride: int, dilation: int,
          padding: Padding, axis: int, dims: int) -> dict:
    """One spatial axis (0 = the first) with its padding."""
    if padding == "same":
        before, after = same_padding(kernel, dilation)
    else:
        before = after = 0 if padding == "valid" else per_axis(padding, dims)[axis]
    return {"size": size, "kernel": kernel, "stride": stride,
            "dilation": dilation, "before": before, "after": after,
            "span": dilation * (kernel - 1) + 1}


def _check_pad(mode: str, input_shape: tuple[int, ...],
               axes: list[dict]) -> None:
    """What F.pad checks for a non-zeros padding_mode (zeros passes); it
    pads the input as given, batched or not."""
    dims = len(axes)
    if mode == "reflect":
        for axis in reversed(range(dims)):  # the last axis (argument #4) first
            before, after, size = (axes[axis][key]
                                   for key in ("before", "after", "size"))
            if before >= size or after >= size:
                dim = len(input_shape) - dims + axis
                raise TorchError("RuntimeError", f"Argument #"
                                 f"{4 + 2 * (dims - 1 - axis)}: "
                                 "Padding size should be less than the "
                                 "corresponding input dimension, but got: "
                                 f"padding ({before}, {after}) at dimension "
                                 f"{dim} of input {list(input_shape)}")
    elif mode == "circular" and any(max(x["before"], x["after"]) > x["size"]
                                    for x in axes):
        raise TorchError("RuntimeError",
                         "Padding value causes wrapping around more than once.")


def _fed_shape(input_shape: tuple[int, ...], padding: Padding, mode: str,
               axes: list[dict]) -> list[int]:
    """The input ATen's convolution gets: a batch (of one for an unbatched
    input); non-zeros modes pad it with F.pad first; "same" with an odd
    total pads the one extra cell at the end."""
    def grow(x: dict) -> int:
        if mode != "zeros":
            return x["before"] + x["after"]
        return x["after"] - x["before"] if padding == "same" else 0
    dims = len(axes)
    batch = input_shape[0] if len(input_shape) == dims + 2 else 1
    return [batch, input_shape[-dims - 1], *(x["size"] + grow(x) for x in axes)]


def _check_convolution(input_shape: tuple[int, ...], padding: Padding,
                       mode: str, axes: list[dict], weight: list[int],
                       groups: int) -> None:
    """ATen's checks of the convolution, in its order. Its own padding is
    ``before`` with padding_mode="zeros" and 0 otherwise; either way the
    padded size is size + before + after."""
    if min(x["before"] for x in axes) < 0:
        raise TorchError("RuntimeError", "negative padding is not supported")
    if min(x["stride"] for x in axes) < 1:
        raise TorchError("RuntimeError", "non-positive stride is not supported")
    channels = input_shape[-len(axes) - 1]
    if channels != weight[1] * groups:
        fed = _fed_shape(input_shape, padding, mode, axes)
        raise TorchError("RuntimeError", f"Given groups={groups}, weight of "
                         f"size {weight}, expected input{fed} to have "
                         f"{weight[1] * groups} channels, but got "
                         f"{channels} channels instead")
    padded = [x["size"] + x["before"] + x["after"] for x in axes]
    spans = [x["span"] for x in axes]
    if any(span > size for span, size in zip(spans, padded, strict=True)):
        raise TorchError("RuntimeError", "Calculated padded input size per "
                         f"channel: ({' x '.join(map(str, padded))}). Kernel "
                         f"size: ({' x '.join(map(str, spans))}). Kernel size "
                         "can't be greater than actual input size")
    dilation = [x["dilation"] for x in axes]
    if min(dilation) < 1:
        raise TorchError("RuntimeError", "dilation should be greater than "
                         f"zero, but got {dilation}")


def explore(input_shape: tuple[int, ...], in_channels: int,
            out_channels: int, kernel_size: int | tuple[int, ...],
            stride: int | tuple[int, ...] = 1, padding: Padding = 0,
            dilation: int | tuple[int, ...] = 1, groups: int = 1,
            bias: bool = True, padding_mode: str = "zeros",
            dims: int = 2) -> dict:
    """Everything the explorer shows about ``nn.Conv2d(...)(x)`` (``dims``:
    ``nn.Conv1d`` or ``nn.Conv3d``), for ``x`` of shape (N, C, H, W) or
    (C, H, W), or as many spatial axes as ``dims``.

    Returns ``{"shape", "weight", "params", "axes"}`` (one axis entry per
    spatial dimension: size, kernel, stride, dilation, padding before and
    after, span, out, dropped) or raises ``TorchError``.
    """
    kernel, strides, dilations = (per_axis(v, dims) for v in
                                  (kernel_size, stride, dilation))
    _check_domain(input_shape, in_channels, out_channels, kernel, padding,
                  dilations, padding_mode)
    check_conv_layer(in_channels, out_channels, strides, padding, groups,
                     padding_mode)
    axes = [_axis(input_shape[-dims + a], kernel[a], strides[a], dilations[a],
                  padding, a, dims) for a in range(dims)]
    _check_pad(padding_mode, input_shape, axes)
    weight = [out_channels, in_channels // groups, *kernel]
    _check_convolution(input_shape, padding, padding_mode, axes, weight, groups)
    for x in axes:  # room: padded cells past the kernel's first position
        room = x["size"] + x["before"] + x["after"] - x["span"]
        x["out"], x["dropped"] = room // x["stride"] + 1, room % x["stride"]
    params = prod(weight) + (out_channels if bias else 0)
    return {"shape": [*input_shape[:-dims - 1], out_channels,
                      *(x["out"] for x in axes)],
            "weight": weight, "params": params, "axes": axes}


def conv2d_output_shape(input_shape: tuple[int, ...],
                        in_channels: int, out_channels: int,
                        kernel_size: int | Pair, stride: int | Pair = 1,
                        padding: Padding = 0, dilation: int | Pair = 1,
                        groups: int = 1, padding_mode: str = "zeros"
                        ) -> tuple[int, ...]:
    """Shape of ``nn.Conv2d(...)(x)`` for ``x`` of shape (N, C, H, W), or
    (C, H, W) for one unbatched image."""
    return tuple(explore(input_shape, in_channels, out_channels, kernel_size,
                         stride, padding, dilation, groups,
                         padding_mode=padding_mode)["shape"])
