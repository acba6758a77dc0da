"""The per-axis formulas of the layers that slide a window like
``nn.Conv2d``: pooling, adaptive pooling's windows and transposed
convolution, each with its TeX, in plain Python.

The lessons and the formulas of the pages use these; pools.py and
convolutions.py build every rank's whole-shape rules from them, and
docs/javascripts/shapes/window.js mirrors this file. Settings PyTorch
rejects raise ``TorchError`` with PyTorch's exception type and message;
settings outside the modelled domain (sizes < 1) raise ``ValueError``
saying so.
"""

from __future__ import annotations

from shapes.conv import TorchError, output_size_tex

# -- Pooling: MaxPool and AvgPool (AvgPool has no dilation) ---------------

def pool_axis(size: int, kernel: int, stride: int, padding: int,
              dilation: int, ceil_mode: bool) -> int:
    """PyTorch's pooling_output_shape, on one axis of any pooling layer:
    its checks, then the size (which may be < 1: the caller reports that)."""
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
    out = pool_axis(size, kernel, stride, padding, dilation, ceil_mode)
    if padding > kernel // 2:  # MaxPool2d's second check, with dilation > 1
        raise ValueError(f"padding {padding} is more than half of kernel "
                         f"{kernel} (PyTorch: 'pad should be smaller than or "
                         "equal to half of kernel size')")
    if out < 1:
        raise ValueError(f"output size {out} is too small (PyTorch: "
                         "'Output size is too small')")
    return out


# -- Adaptive pooling: the output size is asked for, the windows follow ----

def adaptive_windows(size: int, out: int) -> list[tuple[int, int]]:
    """[start, end) of each window of AdaptiveAvgPool2d/AdaptiveMaxPool2d on
    one axis: start = floor(i*size/out), end = ceil((i+1)*size/out)."""
    if min(size, out) < 1:
        raise ValueError("size and output size must be >= 1")
    return [(i * size // out, -(-(i + 1) * size // out)) for i in range(out)]


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
