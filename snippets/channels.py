"""Lesson 1 — Channels: what in_channels and out_channels do to a tensor."""

# --8<-- [start:batch]
import torch
x = torch.randn(4, 3, 16, 16)  # (batch, channels, height, width)
print(x.shape)
print(x[0].shape)  # one image: 3 feature maps of 16 x 16
print(x[0, :, 5, 7].shape)  # one pixel: a 3-dimensional feature vector
# --8<-- [end:batch]

# --8<-- [start:conv]
import torch
from torch import nn
x = torch.randn(4, 3, 16, 16)
conv = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3, padding="same")
y = conv(x)
print(y.shape)
assert y.shape == (4, 16, 16, 16)
# --8<-- [end:conv]

# --8<-- [start:weight]
from torch import nn
conv = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3)
print(conv.weight.shape)  # (out_channels, in_channels, kh, kw)
print(conv.bias.shape)  # one bias per filter
print(sum(p.numel() for p in conv.parameters()))  # 16*3*3*3 + 16
# --8<-- [end:weight]

# --8<-- [start:one_filter]
import torch
from torch import nn
x = torch.randn(4, 3, 16, 16)
conv = nn.Conv2d(3, 16, kernel_size=3, padding="same")
by_hand = (x[0, :, 4:7, 4:7] * conv.weight[2]).sum() + conv.bias[2]
assert torch.allclose(conv(x)[0, 2, 5, 5], by_hand, atol=1e-3)  # GPUs may round (TF32)
print("filter 2 at pixel (5, 5) matches")
# --8<-- [end:one_filter]

# --8<-- [start:mismatch]
import torch
from torch import nn
conv = nn.Conv2d(in_channels=4, out_channels=16, kernel_size=3)
try:
    conv(torch.randn(4, 3, 16, 16))
except RuntimeError as error:
    print(error)
# --8<-- [end:mismatch]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(8, 3, 28, 28)
# --8<-- [end:exercise]

# --8<-- [start:blank]
to_32_maps = ...  # your layer here: 32 filters of 3x3, H and W unchanged
# --8<-- [end:blank]

# --8<-- [start:solution]
to_32_maps = nn.Conv2d(in_channels=3, out_channels=32, kernel_size=3,
                       padding="same")
# --8<-- [end:solution]

# --8<-- [start:check]
if to_32_maps is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(to_32_maps).__name__
    assert kind == "Conv2d", f"your layer is {kind}; the exercise asks for Conv2d"
    k = to_32_maps.kernel_size
    assert k == (3, 3), f"your kernel_size is {k}; the exercise asks for (3, 3)"
    c = to_32_maps.in_channels, to_32_maps.out_channels
    assert c == (3, 32), \
        f"your (in_channels, out_channels) are {c}; the exercise asks for (3, 32)"
    y = to_32_maps(x)
    expected = (8, 32, 28, 28)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or the call fails).
# --8<-- [start:wrong_layers]
to_32_maps = nn.Conv2d(3, 32, kernel_size=3)  # padding 0
to_32_maps = nn.Conv2d(32, 3, kernel_size=3, padding="same")  # swapped
to_32_maps = nn.Conv2d(3, 32, kernel_size=3, stride=2, padding=1)
# --8<-- [end:wrong_layers]
