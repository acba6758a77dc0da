"""The 2-D pooling, adaptive pooling and transposed convolution rules
(shapes/window.py, pools.py, convolutions.py) against real PyTorch, on
grids with their edge cases."""

from __future__ import annotations

import itertools

import pytest
import torch
from torch import nn

from shapes.conv import conv_input_sizes, conv_output_size
from shapes.convolutions import conv_transpose_output_shape
from shapes.pools import adaptive_pool_output_shape, pool_output_shape
from shapes.window import adaptive_windows, pool_output_size, transposed_output_size


def torch_result(layer, args, input_shape, **call):
    """Output shape of ``layer(*args)(x, **call)`` (args: a tuple, or a
    dict of keywords), or PyTorch's error as 'Type: message'."""
    try:
        made = layer(**args) if isinstance(args, dict) else layer(*args)
        return tuple(made(torch.zeros(input_shape), **call).shape)
    except (RuntimeError, ValueError) as error:
        return f"{type(error).__name__}: {error}"


def ours(function, *args, **options):
    try:
        return function(*args, **options)
    except ValueError as error:  # TorchError carries PyTorch's type
        return f"{getattr(error, 'kind', 'ValueError')}: {error}"


# size, kernel, stride (None: the kernel), padding, dilation, ceil_mode
POOL_GRID = list(itertools.product(range(1, 9), range(1, 5), (None, 1, 2, 3),
                                   range(0, 3), (1, 2), (False, True)))


@pytest.mark.parametrize("layer", [nn.MaxPool2d, nn.AvgPool2d])
@pytest.mark.parametrize("axis", [0, 1])
def test_pooling_matches_torch_on_a_grid(layer, axis):
    mismatches = []
    for size, kernel, stride, padding, dilation, ceil_mode in POOL_GRID:
        if layer is nn.AvgPool2d and dilation != 1:
            continue
        shape = (2, 3, size, 5) if axis == 0 else (3, 5, size)  # 4-D, 3-D
        kernel_size = (kernel, 2) if axis == 0 else (2, kernel)
        options = dict(kernel_size=kernel_size, stride=stride,
                       padding=padding, ceil_mode=ceil_mode)
        if layer is nn.MaxPool2d:
            options["dilation"] = dilation
        expected = torch_result(layer, options, shape)
        if ours(pool_output_shape, shape, **options) != expected:
            mismatches.append((layer.__name__, shape, options, expected))
    assert not mismatches, mismatches[:5]


def test_one_axis_pooling_agrees_with_the_layer_rule():
    for size, kernel, stride, padding, dilation, ceil_mode in POOL_GRID:
        args = (size, kernel, stride, padding, dilation, ceil_mode)
        try:
            shape = pool_output_shape((1, size, 3), (kernel, 1),
                                        stride and (stride, 1), (padding, 0),
                                        (dilation, 1), ceil_mode)
        except ValueError:
            with pytest.raises(ValueError):
                pool_output_size(*args)
            continue
        assert pool_output_size(*args) == shape[-2], args


@pytest.mark.parametrize("size, kernel, stride, padding, expected", [
    (5, 2, 2, 0, 3),  # ceil keeps a partial window: pixel 4 alone
    (6, 3, 3, 1, 3),  # a partial window starting on pixel 5: kept
    (3, 2, 2, 1, 2),  # window 3 would start in the right padding: dropped
    (2, 1, 2, 0, 1),  # window 2 would start past the input: dropped
])
def test_ceil_mode_edges(size, kernel, stride, padding, expected):
    pool = nn.MaxPool2d(kernel, stride, padding, ceil_mode=True)
    assert pool(torch.zeros(1, 1, size, size)).shape[-1] == expected
    assert pool_output_size(size, kernel, stride, padding,
                            ceil_mode=True) == expected


def test_the_last_window_rule_is_needed():
    """Plain ceil would give one more window in these cases."""
    for size, kernel, stride, padding in [(3, 2, 2, 1), (2, 1, 2, 0)]:
        plain_ceil = -(-(size + 2 * padding - kernel) // stride) + 1
        assert pool_output_size(size, kernel, stride, padding,
                                ceil_mode=True) == plain_ceil - 1


@pytest.mark.parametrize("args, message", [
    ((5, 3, None, 2), "pad should be at most half"),
    ((5, 3, 1, 2, 2), "pad should be smaller than or equal to half"),
    ((5, 6), "Output size is too small"),
    ((0, 2), "modelled"),
    ((5, 2, 0), "modelled"),
])
def test_one_axis_pooling_rejects_with_a_clear_message(args, message):
    with pytest.raises(ValueError, match=message):
        pool_output_size(*args)


def test_adaptive_windows_are_torchs():
    for size, out in itertools.product(range(1, 10), range(1, 10)):
        # Channel c is a one-hot at position c: window j sees channel c
        # exactly when its average is non-zero.
        seen = nn.AdaptiveAvgPool1d(out)(torch.eye(size).unsqueeze(1))[:, 0]
        windows = [(min(rows), max(rows) + 1) for rows in
                   (seen[:, j].nonzero().flatten().tolist()
                    for j in range(out))]
        assert adaptive_windows(size, out) == windows, (size, out)


@pytest.mark.parametrize("input_shape, output_size", [
    ((2, 3, 7, 9), 1), ((2, 3, 7, 9), (3, 4)), ((3, 7, 9), (None, 2)),
    ((1, 8, 2, 3), (5, 5)), ((1, 1, 1, 1), (None, None)),
])
def test_adaptive_output_shape_is_torchs(input_shape, output_size):
    for layer in (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d):
        assert adaptive_pool_output_shape(input_shape, output_size) == \
            torch_result(layer, (output_size,), input_shape)


# size, kernel, stride, padding, dilation, output_padding
TRANSPOSED_GRID = list(itertools.product(range(1, 6), range(1, 4), range(1, 4),
                                         range(0, 3), range(1, 4), range(0, 4)))


@pytest.mark.parametrize("axis", [0, 1])
def test_transposed_matches_torch_on_a_grid(axis):
    mismatches = []
    for size, kernel, stride, padding, dilation, extra in TRANSPOSED_GRID:
        shape = (2, 3, size, 4) if axis == 0 else (2, 3, 4, size)
        def pair(value, other):
            return (value, other) if axis == 0 else (other, value)
        options = dict(kernel_size=pair(kernel, 2), stride=pair(stride, 1),
                       padding=pair(padding, 0), dilation=pair(dilation, 1),
                       output_padding=pair(extra, 0))
        got = ours(conv_transpose_output_shape, shape, 3, 4, **options)
        expected = torch_result(nn.ConvTranspose2d, {"in_channels": 3,
                                "out_channels": 4, **options}, shape)
        if str(got).startswith("ValueError: modelled"):  # output < 1
            assert str(expected).startswith("RuntimeError") or \
                0 in expected, (options, expected)
        elif got != expected:
            mismatches.append((shape, options, expected))
        one_axis = ours(transposed_output_size, size, kernel, stride, padding,
                        extra, dilation)
        assert isinstance(one_axis, int) == isinstance(got, tuple)
    assert not mismatches, mismatches[:5]


@pytest.mark.parametrize("case", [
    dict(input_shape=(2, 3, 5, 7), in_channels=4),  # channel mismatch
    dict(input_shape=(2, 3, 5, 7), output_padding=2, in_channels=4),
    dict(input_shape=(2, 3, 5, 7), stride=2, output_padding=(1, 2)),
    dict(input_shape=(2, 3, 5, 7), stride=2, dilation=3, output_padding=3),
    dict(input_shape=(2, 3, 5, 7), groups=2),
    dict(input_shape=(2, 4, 5, 7), in_channels=4, out_channels=6, groups=4),
])
def test_transposed_rejects_what_torch_rejects_with_its_message(case):
    case = {"in_channels": 3, "out_channels": 4, "kernel_size": 3, **case}
    shape, cin, cout = (case.pop(k) for k in ("input_shape", "in_channels",
                                              "out_channels"))
    expected = torch_result(nn.ConvTranspose2d, {"in_channels": cin,
                            "out_channels": cout, **case}, shape)
    assert expected.startswith(("RuntimeError", "ValueError")), expected
    assert ours(conv_transpose_output_shape, shape, cin, cout,
                **case) == expected


@pytest.mark.parametrize("output_size", [
    (9, 13), (10, 14), (9, 14), (2, 4, 10, 13),  # accepted
    (12, 12), (8, 13), [10, 15], (7,), (1, 2, 3),  # refused
])
def test_output_size_picks_the_output_padding_like_torch(output_size):
    layer = dict(kernel_size=3, stride=2, padding=1)
    expected = torch_result(nn.ConvTranspose2d, {"in_channels": 3,
                            "out_channels": 4, **layer}, (2, 3, 5, 7),
                            output_size=output_size)
    assert ours(conv_transpose_output_shape, (2, 3, 5, 7), 3, 4,
                output_size=output_size, **layer) == expected


def test_conv_input_sizes_are_the_sizes_a_conv_maps_to_out():
    def conv(size, *layer):
        try:
            return conv_output_size(size, *layer)
        except ValueError:
            return None
    for out, *layer in itertools.product(range(1, 6), range(1, 4), range(1, 4),
                                         range(0, 3), range(1, 3)):
        by_search = [size for size in range(1, 40) if conv(size, *layer) == out]
        assert list(conv_input_sizes(out, *layer)) == by_search, (out, layer)


def test_the_transposed_conv_reaches_each_of_those_sizes():
    """ConvTranspose2d's output_size= accepts exactly conv_input_sizes."""
    transposed = nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, padding=1)
    sizes = conv_input_sizes(16, kernel=3, stride=2, padding=1)
    assert list(sizes) == [31, 32]
    for size in sizes:
        y = transposed(torch.zeros(1, 1, 16, 16), output_size=(size, size))
        assert y.shape[-1] == size
        assert conv_output_size(size, 3, 2, 1) == 16
    assert sizes[0] == transposed_output_size(16, 3, 2, 1)
