"""Lesson 2 — Padding: how zeros around the border set the output size."""

from convshape import conv_output_size  # the page includes its definition

# --8<-- [start:valid]
import torch
from torch import nn
x = torch.randn(4, 16, 16, 16)
conv = nn.Conv2d(in_channels=16, out_channels=16, kernel_size=5, padding="valid")
y = conv(x)
print(y.shape)
assert y.shape == (4, 16, 12, 12)
# --8<-- [end:valid]

# --8<-- [start:positions]
size, kernel = 16, 5
starts = range(size - kernel + 1)  # every column where a 5-wide window fits
print(len(starts), "positions")
print("first window: columns", starts[0], "to", starts[0] + kernel - 1)
print("last window:  columns", starts[-1], "to", starts[-1] + kernel - 1)
# --8<-- [end:positions]

# --8<-- [start:formula_check]
import torch
from torch import nn
x = torch.randn(4, 16, 16, 16)
for padding in range(4):
    formula = conv_output_size(16, kernel=5, padding=padding)
    real = nn.Conv2d(16, 16, kernel_size=5, padding=padding)(x).shape[-1]
    print(f"padding={padding}: formula {formula}, PyTorch {real}")
    assert formula == real
# --8<-- [end:formula_check]

# --8<-- [start:forms]
import torch
from torch import nn
x = torch.randn(4, 16, 16, 16)
for padding in (0, 2, (2, 0), "valid", "same"):
    conv = nn.Conv2d(16, 16, kernel_size=5, padding=padding)
    print(f"padding={padding!r:<8} -> {tuple(conv(x).shape)}")
# --8<-- [end:forms]

# --8<-- [start:same_even]
import torch
from torch import nn
row = torch.ones(1, 1, 1, 6)  # one row of 6 pixels, all equal to 1
conv = nn.Conv2d(1, 1, kernel_size=(1, 4), padding="same", bias=False)
nn.init.ones_(conv.weight)  # each output = how many real pixels its window sees
print(conv(row)[0, 0, 0].int().tolist())
# --8<-- [end:same_even]

# --8<-- [start:same_even_pad]
import torch
import torch.nn.functional as F
from torch import nn
x = torch.randn(4, 16, 16, 16)
conv = nn.Conv2d(16, 16, kernel_size=4, padding="same")
y = conv(x)
print(y.shape)
# F.pad takes (left, right, top, bottom); then a "valid" convolution
extra_after = F.conv2d(F.pad(x, (1, 2, 1, 2)), conv.weight, conv.bias)
extra_before = F.conv2d(F.pad(x, (2, 1, 2, 1)), conv.weight, conv.bias)
print(torch.allclose(y, extra_after, atol=1e-3))
print(torch.allclose(y, extra_before, atol=1e-3))
# --8<-- [end:same_even_pad]

# --8<-- [start:too_small]
import torch
from torch import nn
conv = nn.Conv2d(16, 16, kernel_size=5, padding="valid")
try:
    conv(torch.randn(4, 16, 3, 3))
except RuntimeError as error:
    print(error)
# --8<-- [end:too_small]

# --8<-- [start:shrink]
import torch
from torch import nn
x = torch.randn(4, 16, 16, 16)
for layer in range(1, 6):
    x = nn.Conv2d(16, 16, kernel_size=3)(x)  # padding=0
    print(f"after layer {layer}: {tuple(x.shape)}")
# --8<-- [end:shrink]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(8, 16, 20, 20)
# --8<-- [end:exercise]

# --8<-- [start:blank]
conv = ...  # your layer here: 3x5 filters (H x W), padding in numbers, 20 x 20 kept
# --8<-- [end:blank]

# --8<-- [start:solution]
conv = nn.Conv2d(in_channels=16, out_channels=16, kernel_size=(3, 5), padding=(1, 2))
# --8<-- [end:solution]

# --8<-- [start:check]
y = conv(x)
expected = (8, 16, 20, 20)
assert y.shape == expected, f"Expected {expected}, got {tuple(y.shape)}"
print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# Answers a learner plausibly writes instead of the solution: the tests
# check that each fails the check (or the call).
# --8<-- [start:wrong_answers]
conv = nn.Conv2d(16, 16, kernel_size=(3, 5))  # padding 0
conv = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=1)  # int, not (H, W)
conv = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=(2, 1))  # (W, H)
conv = nn.Conv2d(16, 16, kernel_size=(5, 3), padding=(1, 2))  # kernel (W, H)
conv = nn.Conv2d(16, 16, kernel_size=(3, 5), padding="valid")
# --8<-- [end:wrong_answers]
