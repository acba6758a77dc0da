"""Lesson 2 — Padding: how zeros around the border set the output size."""

from shapes.conv import conv_output_size  # the page includes its definition

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

# --8<-- [start:padding_modes]
import torch
import torch.nn.functional as F
from torch import nn
row = torch.arange(1.0, 5.0).reshape(1, 1, 1, 4)  # one row: 1 2 3 4
for mode in ("zeros", "reflect", "replicate", "circular"):
    # what the layer adds: F.pad calls the zeros mode "constant"
    added = F.pad(row, (2, 2, 0, 0), mode="constant" if mode == "zeros" else mode)
    conv = nn.Conv2d(1, 1, kernel_size=(1, 5), padding=(0, 2), padding_mode=mode)
    print(f"{mode:<9} {added[0, 0, 0].int().tolist()} -> {tuple(conv(row).shape)}")
# --8<-- [end:padding_modes]

# --8<-- [start:same_even]
import warnings
import torch
from torch import nn
warnings.filterwarnings("ignore", "Using padding='same' with even")  # see below
row = torch.ones(1, 1, 1, 6)  # one row of 6 pixels, all equal to 1
conv = nn.Conv2d(1, 1, kernel_size=(1, 4), padding="same", bias=False)
conv.weight = nn.Parameter(torch.ones_like(conv.weight))  # all weights 1:
# then each output = how many real pixels its window sees
print(conv(row)[0, 0, 0].int().tolist())
# --8<-- [end:same_even]

# --8<-- [start:same_even_pad]
import warnings
import torch
import torch.nn.functional as F
from torch import nn
warnings.filterwarnings("ignore", "Using padding='same' with even")  # see below
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

# --8<-- [start:same_even_warning]
import warnings
import torch
from torch import nn
conv = nn.Conv2d(16, 16, kernel_size=4, padding="same")
torch.set_warn_always(True)  # warn every time, not once per session
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # even if a filter would hide it
    y = conv(torch.randn(4, 16, 16, 16))

torch.set_warn_always(False)  # back to the default
print(caught[0].category.__name__)
print(str(caught[0].message).partition(" (Triggered")[0])  # the rest: where, in C++
# --8<-- [end:same_even_warning]

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

# --8<-- [start:coverage]
import torch
from torch import nn
for padding in (0, 2):
    x = torch.ones(1, 1, 16, 16, requires_grad=True)
    conv = nn.Conv2d(1, 1, kernel_size=5, padding=padding, bias=False)
    conv.weight = nn.Parameter(torch.ones_like(conv.weight))  # all weights 1:
    conv(x).sum().backward()  # then a pixel's gradient = windows that see it
    corner, centre = int(x.grad[0, 0, 0, 0]), int(x.grad[0, 0, 8, 8])
    print(f"padding={padding}: windows over the corner {corner}, the centre {centre}")
# --8<-- [end:coverage]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(8, 16, 20, 20)
# --8<-- [end:exercise]

# --8<-- [start:blank]
keep_size = ...  # your layer here: 3x5 filters (H x W), padding in numbers
# --8<-- [end:blank]

# --8<-- [start:solution]
keep_size = nn.Conv2d(in_channels=16, out_channels=16, kernel_size=(3, 5),
                      padding=(1, 2))
# --8<-- [end:solution]

# --8<-- [start:check]
if keep_size is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(keep_size).__name__
    assert kind == "Conv2d", f"your layer is {kind}; the exercise asks for Conv2d"
    k = keep_size.kernel_size
    assert k == (3, 5), f"your kernel_size is {k}; the exercise asks for (3, 5)"
    p = keep_size.padding
    assert not isinstance(p, str), \
        f"your padding is {p!r}; the exercise asks for numbers (ph, pw)"
    c = keep_size.in_channels, keep_size.out_channels
    assert c == (16, 16), \
        f"your (in_channels, out_channels) are {c}; the exercise asks for (16, 16)"
    y = keep_size(x)
    expected = (8, 16, 20, 20)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.randn(8, 16, 20, 20)
for padding in ((1, 2), "same", 1, (2, 1)):
    layer = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=padding)
    print(f"padding={padding!r:<7} -> {tuple(layer(x).shape)}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or the call fails).
# --8<-- [start:wrong_layers]
keep_size = nn.Conv2d(16, 16, kernel_size=(3, 5))  # padding 0
keep_size = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=1)  # int, not (H, W)
keep_size = nn.Conv2d(16, 16, kernel_size=(3, 5), padding=(2, 1))  # (W, H)
keep_size = nn.Conv2d(16, 16, kernel_size=(5, 3), padding=(1, 2))  # kernel (W, H)
keep_size = nn.Conv2d(16, 16, kernel_size=(3, 5), padding="valid")
# --8<-- [end:wrong_layers]
