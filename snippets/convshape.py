"""The output-shape rules of ``torch.nn.Conv2d``, in plain Python.

This is the one implementation of the formulas the course teaches. Lessons
include its sections, the tests compare it with real PyTorch, and the
explorer's JavaScript mirrors it. Invalid settings raise ``ValueError`` with
the message PyTorch 2.x gives for the same case.
"""

from __future__ import annotations

Pair = tuple[int, int]
Padding = int | tuple[int, int] | str


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


def _pair(value: int | Pair) -> Pair:
    """Expand an int to (value, value), as nn.Conv2d does."""
    return (value, value) if isinstance(value, int) else tuple(value)


def same_padding(kernel: int, dilation: int = 1) -> Pair:
    """(before, after) zeros that padding="same" adds on one axis.

    PyTorch puts the smaller half first, so an even kernel pads one more
    pixel after (right/bottom) than before (left/top).
    """
    total = dilation * (kernel - 1)
    return total // 2, total - total // 2


def _check_arguments(in_channels: int, out_channels: int, kernel: Pair,
                     stride: Pair, padding: Padding, dilation: Pair,
                     groups: int) -> None:
    """The checks nn.Conv2d makes when the layer is built."""
    if groups < 1:
        raise ValueError("groups must be a positive integer")
    if in_channels % groups:
        raise ValueError("in_channels must be divisible by groups")
    if out_channels % groups:
        raise ValueError("out_channels must be divisible by groups")
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise ValueError(f"Invalid padding string {padding!r}, should be "
                             "one of {'valid', 'same'}")
        if padding == "same" and any(s != 1 for s in stride):
            raise ValueError("padding='same' is not supported for strided "
                             "convolutions")


def conv2d_output_shape(input_shape: tuple[int, int, int, int],
                        in_channels: int, out_channels: int,
                        kernel_size: int | Pair, stride: int | Pair = 1,
                        padding: Padding = 0, dilation: int | Pair = 1,
                        groups: int = 1) -> tuple[int, int, int, int]:
    """Shape of ``nn.Conv2d(...)(x)`` for ``x`` of shape (N, C, H, W)."""
    kernel, strides, dilations = (_pair(v) for v in
                                  (kernel_size, stride, dilation))
    _check_arguments(in_channels, out_channels, kernel, strides, padding,
                     dilations, groups)
    n, c, h, w = input_shape
    if padding == "same":
        pads = tuple(sum(same_padding(k, d)) for k, d in zip(kernel, dilations))
    else:
        pads = tuple(2 * p for p in _pair(0 if padding == "valid" else padding))
    if min(pads) < 0:
        raise ValueError("negative padding is not supported")
    if min(strides) < 1:
        raise ValueError("non-positive stride is not supported")
    if min(dilations) < 1:
        raise ValueError("dilation should be greater than zero, but got "
                         f"{list(dilations)}")
    if min(kernel) < 1:
        raise ValueError("kernel size should be greater than zero, but got "
                         f"kernel_height: {kernel[0]} kernel_width: {kernel[1]}")
    if c != in_channels:
        weight = [out_channels, in_channels // groups, *kernel]
        raise ValueError(f"Given groups={groups}, weight of size {weight}, "
                         f"expected input{list(input_shape)} to have "
                         f"{in_channels} channels, but got {c} channels instead")
    padded = [size + pad for size, pad in zip((h, w), pads)]
    spans = [d * (k - 1) + 1 for k, d in zip(kernel, dilations)]
    if any(span > size for span, size in zip(spans, padded)):
        raise ValueError(
            f"Calculated padded input size per channel: ({padded[0]} x "
            f"{padded[1]}). Kernel size: ({spans[0]} x {spans[1]}). Kernel "
            "size can't be greater than actual input size")
    if padding == "same":
        return n, out_channels, h, w  # stride 1: "same" keeps H and W
    pad_h, pad_w = _pair(0 if padding == "valid" else padding)
    return (n, out_channels,
            conv_output_size(h, kernel[0], strides[0], pad_h, dilations[0]),
            conv_output_size(w, kernel[1], strides[1], pad_w, dilations[1]))
