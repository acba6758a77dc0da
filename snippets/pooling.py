"""Lesson 5 — Pooling: windows without weights, on the convolution's formula."""

from shapes.conv import conv_output_size  # the page includes its definition

# --8<-- [start:halve]
import torch
from torch import nn
x = torch.randn(8, 64, 64, 64)
pool = nn.MaxPool2d(2)
y = pool(x)
print(y.shape)
print(pool)
# --8<-- [end:halve]

# --8<-- [start:window_values]
import torch
from torch import nn
x = torch.arange(16.0).reshape(1, 1, 4, 4)  # one 4x4 map: 0, 1, ..., 15
print(x[0, 0].int().tolist())
print(nn.MaxPool2d(2)(x)[0, 0].int().tolist())
print(nn.AvgPool2d(2)(x)[0, 0].tolist())
# --8<-- [end:window_values]

# --8<-- [start:formula_check]
import torch
from torch import nn
x = torch.randn(1, 1, 64, 64)
for kernel, stride, padding in [(2, 2, 0), (3, 2, 0), (3, 2, 1), (3, 1, 1)]:
    formula = conv_output_size(64, kernel, stride, padding)
    biggest = nn.MaxPool2d(kernel, stride, padding)(x).shape[-1]
    average = nn.AvgPool2d(kernel, stride, padding)(x).shape[-1]
    print(f"k={kernel} s={stride} p={padding}: formula {formula}, "
          f"MaxPool2d {biggest}, AvgPool2d {average}")
    assert formula == biggest == average
# --8<-- [end:formula_check]

# --8<-- [start:odd_size]
import torch
from torch import nn
x = torch.randn(1, 1, 7, 7)
print("floor:    ", tuple(nn.MaxPool2d(2)(x).shape))
print("ceil_mode:", tuple(nn.MaxPool2d(2, ceil_mode=True)(x).shape))
# --8<-- [end:odd_size]

# --8<-- [start:odd_windows]
import torch
from torch import nn
row = torch.arange(7.0).reshape(1, 1, 1, 7)  # one row: 0, 1, ..., 6
for ceil_mode in (False, True):
    pool = nn.MaxPool2d((1, 2), ceil_mode=ceil_mode)  # 2 wide, stride 2
    print(f"ceil_mode={ceil_mode!s:<5}: {pool(row)[0, 0, 0].int().tolist()}")
# --8<-- [end:odd_windows]

# --8<-- [start:ceil_no_window]
import math
import torch
from torch import nn
size, kernel, stride, padding = 7, 2, 2, 1
x = torch.randn(1, 1, size, size)
for ceil_mode in (False, True):
    pool = nn.MaxPool2d(kernel, stride, padding, ceil_mode=ceil_mode)
    out = pool(x).shape[-1]
    starts = [i * stride - padding for i in range(out)]  # -1: left padding
    print(f"ceil_mode={ceil_mode!s:<5}: {out} windows, starting at {starts}")

print("rounded up, the formula gives",
      math.ceil((size + 2 * padding - kernel) / stride) + 1)
# --8<-- [end:ceil_no_window]

# --8<-- [start:pad_values]
import torch
from torch import nn
minus_five = torch.full((1, 1, 2, 2), -5.0)  # a 2x2 map, every pixel -5
print(nn.MaxPool2d(2, padding=1)(minus_five)[0, 0].tolist())
ones = torch.ones(1, 1, 2, 2)
print(nn.AvgPool2d(2, padding=1)(ones)[0, 0].tolist())  # count_include_pad=True
print(nn.AvgPool2d(2, padding=1, count_include_pad=False)(ones)[0, 0].tolist())
# --8<-- [end:pad_values]

# --8<-- [start:pad_error]
import torch
from torch import nn
for pool in (nn.MaxPool2d(kernel_size=2, padding=2),  # 2 > 2 // 2
             nn.MaxPool2d(kernel_size=3, padding=2, dilation=2)):  # 2 > 3 // 2
    try:
        pool(torch.randn(1, 1, 7, 7))
    except RuntimeError as error:
        print(f"{type(error).__name__}: {error}")
# --8<-- [end:pad_error]

# --8<-- [start:per_channel]
import torch
from torch import nn
x = torch.randn(8, 64, 32, 32)
pool = nn.MaxPool2d(2)
conv = nn.Conv2d(64, 64, kernel_size=2, stride=2)
for layer in (pool, conv):
    count = sum(p.numel() for p in layer.parameters())
    print(f"{type(layer).__name__}: {tuple(layer(x).shape)}, {count} parameters")

print("3 channels in:", tuple(pool(torch.randn(8, 3, 32, 32)).shape))
# output channel 5 is the pool of input channel 5, and of nothing else
print(torch.equal(pool(x)[:, 5], pool(x[:, 5:6])[:, 0]))
# --8<-- [end:per_channel]

# --8<-- [start:adaptive]
import torch
from torch import nn
to_7x7 = nn.AdaptiveAvgPool2d(7)
to_1x1 = nn.AdaptiveAvgPool2d(1)
for size in (5, 7, 32, 224):
    x = torch.randn(2, 16, size, size)
    print(f"{size} x {size} -> {tuple(to_7x7(x).shape)} "
          f"and {tuple(to_1x1(x).shape)}")
# --8<-- [end:adaptive]

# --8<-- [start:adaptive_windows]
import math
import torch
from torch import nn
size, out = 10, 4
row = torch.arange(float(size)).reshape(1, 1, 1, size)  # 0, 1, ..., 9
print(nn.AdaptiveAvgPool2d((1, out))(row)[0, 0, 0].tolist())
windows = [(i * size // out, math.ceil((i + 1) * size / out) - 1)
           for i in range(out)]
print("windows:", windows)
print([sum(range(a, b + 1)) / (b - a + 1) for a, b in windows])
# --8<-- [end:adaptive_windows]

# --8<-- [start:too_small]
import torch
from torch import nn
x = torch.randn(1, 64, 16, 16)
try:
    for _ in range(5):
        x = nn.MaxPool2d(2)(x)
        print(tuple(x.shape))
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:too_small]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(8, 64, 55, 55)
# --8<-- [end:exercise]

# --8<-- [start:blank]
overlap_pool = ...  # your layer here: nn.MaxPool2d(kernel_size=3, ...)
# --8<-- [end:blank]

# --8<-- [start:solution]
overlap_pool = nn.MaxPool2d(kernel_size=3, stride=2)
# --8<-- [end:solution]

# --8<-- [start:check]
if overlap_pool is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(overlap_pool).__name__
    assert kind == "MaxPool2d", \
        f"your layer is {kind}; the exercise asks for MaxPool2d"
    k = overlap_pool.kernel_size
    assert k in (3, (3, 3)), f"your kernel_size is {k}; the exercise asks for 3"
    y = overlap_pool(x)
    expected = (8, 64, 27, 27)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.randn(1, 1, 55, 55)  # one 55x55 map: each channel alike
answers = {
    "stride=2": nn.MaxPool2d(3, stride=2),
    "stride=2, ceil_mode=True": nn.MaxPool2d(3, stride=2, ceil_mode=True),
    "no stride (so 3)": nn.MaxPool2d(3),
    "stride=1": nn.MaxPool2d(3, stride=1),
    "stride=3, ceil_mode=True": nn.MaxPool2d(3, stride=3, ceil_mode=True),
    "stride=2, padding=1": nn.MaxPool2d(3, stride=2, padding=1),
    "2x2, stride 2 (default)": nn.MaxPool2d(2),
}
for label, layer in answers.items():
    height, width = layer(x).shape[-2:]
    print(f"{label:<25} -> {height} x {width}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or that the answer's own line raises).
# --8<-- [start:wrong_layers]
overlap_pool = nn.MaxPool2d(kernel_size=3)  # stride defaults to 3: 18
overlap_pool = nn.MaxPool2d(kernel_size=3, stride=1)  # 53
overlap_pool = nn.MaxPool2d(kernel_size=3, stride=3, ceil_mode=True)  # 19
overlap_pool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)  # 28
overlap_pool = nn.MaxPool2d(kernel_size=2)  # 27, but 2x2 windows
overlap_pool = nn.AvgPool2d(kernel_size=3, stride=2)  # 27, but the mean
overlap_pool = nn.AdaptiveMaxPool2d(27)  # 27, windows of its own choice
# --8<-- [end:wrong_layers]
