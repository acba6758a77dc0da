"""The output-shape rules of the layers that slide a window like
``nn.Conv2d``: pooling, adaptive pooling and transposed convolution, in
plain Python.

conv.py holds Conv2d, layers.py every layer of a stack;
docs/javascripts/shapes/window.js mirrors this file (same checks, order and
messages). Settings PyTorch rejects raise
``TorchError`` with PyTorch's exception type and message; settings outside
the modelled domain (sizes < 1, floats where PyTorch wants ints, numbers
past 2**31 - 1, a transposed convolution's output below 1) raise
``ValueError`` saying so. Inputs: (N, C, H, W) or one image (C, H, W).
"""

from __future__ import annotations

from shapes.conv import Pair, TorchError, check_conv_layer, output_size_tex
from shapes.domain import BIG, int_args, modelled

# -- Pooling: MaxPool2d and AvgPool2d (AvgPool2d has no dilation) ----------

def _pool_axis(size: int, kernel: int, stride: int, padding: int,
               dilation: int, ceil_mode: bool) -> int:
    """PyTorch's pooling_output_shape: its checks, then the size (which
    may be < 1: the caller reports that)."""
    if stride == 0:
        raise TorchError("RuntimeError", "stride should not be zero")
    span = dilation * (kernel - 1) + 1
    if padding > span // 2:
        raise TorchError("RuntimeError", "pad should be at most half of "
                         f"effective kernel size, but got pad={padding}, "
                         f"kernel_size={kernel} and dilation={dilation}")
    return pool_window_count(size, kernel, stride, padding, dilation,
                             ceil_mode)


def pool_window_count(size: int, kernel: int, stride: int, padding: int,
                      dilation: int, ceil_mode: bool) -> int:
    """The pooling formula alone (it may give < 1): the number of windows.
    out = floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1
    ceil_mode rounds up instead, but drops a last window that would start
    past the input."""
    out = pool_formula(size, kernel, stride, padding, dilation, ceil_mode)
    # ceil_mode keeps a last, partial window only if it starts inside the
    # input or its left padding, never one that would start past the input.
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1
    return out


def pool_formula(size: int, kernel: int, stride: int, padding: int,
                 dilation: int, ceil_mode: bool) -> int:
    """floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1,
    rounded up with ceil_mode, before any window is dropped."""
    room = size + 2 * padding - dilation * (kernel - 1) - 1
    return (room + (stride - 1 if ceil_mode else 0)) // stride + 1


def pool_output_tex(axis: str, size: int, kernel: int, stride: int | None = None,
                    padding: int = 0, dilation: int = 1, ceil_mode: int = 0) -> str:
    """TeX of pool_output_size's formula with the numbers put in; with
    ceil_mode, PyTorch's last-window rule shown where it applies."""
    if ceil_mode not in (0, 1):
        raise ValueError(f"ceil_mode must be 0 or 1, got {ceil_mode}")
    stride = kernel if stride is None else stride
    out = pool_output_size(size, kernel, stride, padding, dilation, bool(ceil_mode))
    tex = output_size_tex(axis, size, kernel, stride, padding, dilation, ceil_mode)
    if pool_formula(size, kernel, stride, padding, dilation, ceil_mode) != out:
        return (tex + rf" - 1 = {out} \quad \text{{(window {out + 1} would "
                r"start past the input)}")
    return tex + f" = {out}"


def pool_output_size(size: int, kernel: int, stride: int | None = None,
                     padding: int = 0, dilation: int = 1,
                     ceil_mode: bool = False) -> int:
    """Output length along one axis of MaxPool2d (AvgPool2d: dilation 1),
    stride defaulting to kernel; ValueError in PyTorch's words where it
    refuses the setting (the padding may be at most half the kernel)."""
    stride = kernel if stride is None else stride
    if min(size, kernel, stride, dilation) < 1 or padding < 0:
        raise ValueError("modelled: size, kernel, stride and dilation >= 1, "
                         "padding >= 0")
    out = _pool_axis(size, kernel, stride, padding, dilation, ceil_mode)
    if padding > kernel // 2:  # MaxPool2d's second check, with dilation > 1
        raise ValueError(f"padding {padding} is more than half of kernel "
                         f"{kernel} (PyTorch: 'pad should be smaller than or "
                         "equal to half of kernel size')")
    if out < 1:
        raise ValueError(f"output size {out} is too small (PyTorch: "
                         "'Output size is too small')")
    return out


def pool2d_output_shape(input_shape: tuple[int, ...], kernel_size: int | Pair,
                        stride: int | Pair | None = None,
                        padding: int | Pair = 0, dilation: int | Pair = 1,
                        ceil_mode: bool = False, average: bool = False,
                        divisor_override: int | None = None
                        ) -> tuple[int, ...]:
    """Shape of ``nn.MaxPool2d(...)(x)`` (``average``: ``nn.AvgPool2d``,
    dilation 1) for ``x`` of shape (N, C, H, W) or (C, H, W)."""
    kernel = int_args(kernel_size, 1, "kernel_size")
    paddings = int_args(padding, 0, "padding")
    strides = kernel if stride is None else int_args(stride, 0, "stride")
    dilations = int_args(dilation, 1, "dilation")
    modelled(type(ceil_mode) is bool, "ceil_mode True or False")
    ndim = len(input_shape)
    if average:
        modelled(divisor_override is None or type(divisor_override) is int,
                  "divisor_override an int or None")
        if divisor_override == 0:
            raise TorchError("RuntimeError", "divisor must be not zero")
        if ndim < 3:  # AvgPool2d reads the channels as input.size(-3)
            raise TorchError("IndexError", "Dimension out of range (expected "
                             f"to be in range of [{-ndim}, {ndim - 1}], but "
                             "got -3)")
    elif ndim not in (3, 4):
        raise TorchError("RuntimeError", "non-empty 3D or 4D (batch mode) "
                         "tensor expected for input")
    out = [_pool_axis(input_shape[-2 + a], kernel[a], strides[a], paddings[a],
                      dilations[a], ceil_mode) for a in (0, 1)]
    if ndim not in (3, 4):
        raise TorchError("RuntimeError", "Expected 3D or 4D (batch mode) "
                         "tensor with optional 0 dim batch size for input, "
                         f"but got:{list(input_shape)}")
    if paddings[1] > kernel[1] // 2 or paddings[0] > kernel[0] // 2:
        raise TorchError("RuntimeError", "pad should be smaller than or equal "
                         f"to half of kernel size, but got padW = {paddings[1]}"
                         f", padH = {paddings[0]}, kW = {kernel[1]}, "
                         f"kH = {kernel[0]}")
    if min(out) < 1:
        planes, h, w = input_shape[-3:]
        raise TorchError("RuntimeError", f"Given input size: ({planes}x{h}x"
                         f"{w}). Calculated output size: ({planes}x{out[0]}x"
                         f"{out[1]}). Output size is too small")
    return (*input_shape[:-2], *out)


# -- Adaptive pooling: the output size is asked for, the windows follow ----

def adaptive_windows(size: int, out: int) -> list[tuple[int, int]]:
    """[start, end) of each window of AdaptiveAvgPool2d/AdaptiveMaxPool2d on
    one axis: start = floor(i*size/out), end = ceil((i+1)*size/out)."""
    if min(size, out) < 1:
        raise ValueError("size and output size must be >= 1")
    return [(i * size // out, -(-(i + 1) * size // out)) for i in range(out)]


def adaptive_pool2d_output_shape(input_shape: tuple[int, ...],
                                 output_size: int | tuple[int | None, ...]
                                 ) -> tuple[int, ...]:
    """Shape of ``nn.AdaptiveAvgPool2d(output_size)(x)``: the requested
    size, ``None`` keeping that axis's input size."""
    sizes = output_size
    if isinstance(sizes, tuple | list):
        if len(input_shape) <= len(sizes):
            raise TorchError("ValueError", "Input dimension should be at "
                             f"least {len(sizes) + 1}")
        sizes = [size if want is None else want for want, size
                 in zip(sizes, input_shape[-len(sizes):], strict=True)]
    sizes = int_args(sizes, 1, "output_size", len(sizes)
                  if isinstance(sizes, list) else 2)
    if len(sizes) != 2:
        raise TorchError("RuntimeError",
                         "adaptive_avg_pool2d: output_size must be 2")
    if sizes == (1, 1):  # PyTorch takes the mean over the last two axes
        if len(input_shape) < 2:
            raise TorchError("IndexError", "Dimension out of range (expected "
                             "to be in range of [-1, 0], but got -2)")
        return (*input_shape[:-2], 1, 1)
    if len(input_shape) not in (3, 4):
        raise TorchError("RuntimeError", "adaptive_avg_pool2d(): Expected 3D "
                         f"or 4D tensor, but got {list(input_shape)}")
    return (*input_shape[:-2], *sizes)


# -- Transposed convolution: the conv's shape rule run backwards -----------

def transposed_length(size: int, kernel: int, stride: int, padding: int,
                      output_padding: int, dilation: int) -> int:
    """The transposed convolution's formula alone (it may give < 1).
    out = (size - 1)*stride - 2*padding + dilation*(kernel - 1)
          + output_padding + 1
    """
    return ((size - 1) * stride - 2 * padding + dilation * (kernel - 1)
            + output_padding + 1)


def transposed_output_size(size: int, kernel: int, stride: int = 1,
                           padding: int = 0, output_padding: int = 0,
                           dilation: int = 1) -> int:
    """Output length along one axis of ConvTranspose2d (arguments in its
    order); ValueError where PyTorch refuses the setting."""
    if min(size, kernel, stride, dilation) < 1 or min(padding,
                                                      output_padding) < 0:
        raise ValueError("modelled: size, kernel, stride and dilation >= 1, "
                         "padding and output_padding >= 0")
    out = transposed_length(size, kernel, stride, padding,
                                 output_padding, dilation)
    if output_padding >= max(stride, dilation):
        raise ValueError(f"output_padding {output_padding} must be smaller "
                         f"than stride {stride} or dilation {dilation} "
                         "(PyTorch: 'output padding must be smaller than "
                         "either stride or dilation')")
    if out < 1:
        raise ValueError(f"output size {out} is not positive")
    return out


def transposed_output_tex(axis: str, size: int, kernel: int, stride: int = 1,
                          padding: int = 0, dilation: int = 1,
                          output_padding: int = 0) -> str:
    """TeX of transposed_output_size's formula with the numbers put in."""
    out = transposed_output_size(size, kernel, stride, padding, output_padding,
                                 dilation)
    return (rf"{axis}_\text{{out}} = ({size} - 1) \cdot {stride} - 2 \cdot "
            rf"{padding} + {dilation} \cdot ({kernel} - 1) + {output_padding}"
            rf" + 1 = {out}")


def check_transposed_layer(in_channels: int, out_channels: int,
                           stride: Pair, groups: int, padding_mode: str) -> None:
    """The checks nn.ConvTranspose2d makes when the layer is built."""
    int_args((in_channels, out_channels), 1, "in_channels and out_channels")
    modelled(type(groups) is int and abs(groups) <= BIG, "groups an int")
    if padding_mode != "zeros":
        raise TorchError("ValueError", 'Only "zeros" padding mode is '
                         "supported for ConvTranspose2d")
    check_conv_layer(in_channels, out_channels, stride, 0, groups, "zeros")


def conv_transpose2d_output_shape(
        input_shape: tuple[int, ...], in_channels: int,
        out_channels: int, kernel_size: int | Pair, stride: int | Pair = 1,
        padding: int | Pair = 0, output_padding: int | Pair = 0,
        groups: int = 1, dilation: int | Pair = 1, padding_mode: str = "zeros",
        output_size: tuple[int, ...] | None = None) -> tuple[int, ...]:
    """Shape of ``nn.ConvTranspose2d(...)(x, output_size)`` for ``x`` of
    shape (N, C, H, W) or (C, H, W); ``output_size`` (the height and width,
    or the whole shape) picks the output_padding, as PyTorch does."""
    kernel = int_args(kernel_size, 1, "kernel_size")
    strides, paddings = int_args(stride, 1, "stride"), int_args(padding, 0, "padding")
    extra = int_args(output_padding, 0, "output_padding")
    dilations = int_args(dilation, 1, "dilation")
    check_transposed_layer(in_channels, out_channels, strides, groups,
                           padding_mode)
    if len(input_shape) not in (3, 4):
        modelled(output_size is None, "output_size= with a 3-D or 4-D "
                 "input to ConvTranspose2d")
        raise TorchError("RuntimeError", "Expected 3D (unbatched) or 4D "
                         "(batched) input to conv_transpose2d, but got input"
                         f" of size: {list(input_shape)}")
    axes = [(input_shape[-2 + a], kernel[a], strides[a], paddings[a])
            for a in (0, 1)]
    if output_size is not None:
        extra = _requested_padding(input_shape, axes, dilations, output_size)
    out = [transposed_length(*axes[a], extra[a], dilations[a])
           for a in (0, 1)]
    weight = [in_channels, out_channels // groups, *kernel]
    if input_shape[-3] != in_channels:  # an unbatched image runs as a batch of 1
        fed = [input_shape[0] if len(input_shape) == 4 else 1, *input_shape[-3:]]
        raise TorchError("RuntimeError", "Given transposed=1, weight of size "
                         f"{weight}, expected input{fed} to have {in_channels} "
                         f"channels, but got {input_shape[-3]} channels instead")
    if any(extra[a] >= max(strides[a], dilations[a]) for a in (0, 1)):
        raise TorchError("RuntimeError", "output padding must be smaller than "
                         "either stride or dilation, but got "
                         f"output_padding_height: {extra[0]} output_padding_"
                         f"width: {extra[1]} stride_height: {strides[0]} "
                         f"stride_width: {strides[1]} dilation_height: "
                         f"{dilations[0]} dilation_width: {dilations[1]}")
    # PyTorch gives an empty tensor for 0 and, below, an error whose words
    # depend on the backend
    modelled(min(out) >= 1, f"output sizes >= 1, got {out}")
    return (*input_shape[:-3], out_channels, *out)


def _requested_padding(input_shape: tuple[int, ...], axes: list[tuple],
                       dilations: Pair, output_size: tuple[int, ...]
                       ) -> list[int]:
    """The output_padding ``output_size=`` asks for (ConvTranspose2d's
    _output_padding), or its ValueError. PyTorch's message names the input's
    sizes from axis 2 on: for an unbatched image, its width alone."""
    ndim = len(input_shape)
    if len(output_size) == ndim:  # the whole shape: keep the height and width
        output_size = output_size[-2:]
    if len(output_size) != 2:
        raise TorchError("ValueError", f"ConvTranspose2D: for {ndim}D input, "
                         f"output_size must have 2 or {ndim} elements (got "
                         f"{len(output_size)})")
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
