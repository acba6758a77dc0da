"""Cheat sheet: one worked example per formula of the course."""

# --8<-- [start:keep_size]
import torch
import torch.nn.functional as F
from torch import nn
x = torch.randn(1, 1, 32, 32)
for k, d in ((3, 1), (5, 1), (7, 1), (3, 2)):  # odd kernels: p = d(k - 1) / 2
    conv = nn.Conv2d(1, 1, k, padding=d * (k - 1) // 2, dilation=d)
    print(f"k={k} d={d} padding={d * (k - 1) // 2}: {tuple(conv(x).shape)}")

weight = torch.randn(1, 1, 4, 4)  # even kernel: 3 zeros, 1 before and 2 after
y = F.conv2d(F.pad(x, (1, 2, 1, 2)), weight)  # (left, right, top, bottom)
print(f"k=4, zeros 1 before and 2 after: {tuple(y.shape)}")
# --8<-- [end:keep_size]

# --8<-- [start:halve]
import torch
from torch import nn
conv = nn.Conv2d(1, 1, kernel_size=3, stride=2, padding=1)
for size in (63, 64, 65):
    out = conv(torch.randn(1, 1, size, size)).shape[-1]
    assert out == -(-size // 2)  # ceil(size / 2)
    print(f"{size} -> {out}")
# --8<-- [end:halve]

# --8<-- [start:span]
import torch
from torch import nn
for k, d in ((3, 1), (3, 2), (3, 4), (5, 2)):
    span = d * (k - 1) + 1
    conv = nn.Conv2d(1, 1, k, dilation=d)
    fits = conv(torch.randn(1, 1, span, span)).shape[-1]  # one window exactly
    print(f"k={k} d={d}: span {span}, a {span} x {span} input gives {fits} x {fits}")
# --8<-- [end:span]

# --8<-- [start:receptive_field]
import torch
import torch.nn.functional as F
def formula(layers):
    """Receptive field of a stack of (kernel, stride, dilation) layers."""
    field, jump = 1, 1  # jump: input pixels between neighbouring outputs
    for k, s, d in layers:
        field += d * (k - 1) * jump
        jump *= s
    return field

def measured(layers, size=64):
    """Input rows one central output pixel depends on (its gradient)."""
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    y = x
    for k, s, d in layers:
        y = F.conv2d(y, torch.ones(1, 1, k, k), stride=s, dilation=d)
    y[0, 0, y.shape[-2] // 2, y.shape[-1] // 2].backward()
    rows = x.grad[0, 0].sum(dim=1).nonzero().flatten()
    return int(rows[-1] - rows[0] + 1)

stacks = {"3x3, 3x3": [(3, 1, 1)] * 2, "3x3 x 3": [(3, 1, 1)] * 3,
          "3x3 stride 2, 3x3": [(3, 2, 1), (3, 1, 1)],
          "3x3 with d = 1, 2, 4": [(3, 1, 1), (3, 1, 2), (3, 1, 4)]}
for name, layers in stacks.items():
    assert formula(layers) == measured(layers)
    print(f"{name}: sees {formula(layers)} x {formula(layers)}")
# --8<-- [end:receptive_field]

# --8<-- [start:pooling]
import torch
from torch import nn
x = torch.randn(1, 1, 7, 7)
print(nn.MaxPool2d(2)(x).shape[-1])  # stride = kernel, floor
print(nn.MaxPool2d(2, ceil_mode=True)(x).shape[-1])  # ceil
print(nn.AvgPool2d(3, stride=2, padding=1)(x).shape[-1])
last = nn.MaxPool2d(2, stride=2, padding=1, ceil_mode=True)
print(last(torch.randn(1, 1, 3, 3)).shape[-1])  # ceil 3, last window dropped
for too_much in (nn.MaxPool2d(2, padding=2),  # more than half the span
                 nn.MaxPool2d(3, padding=2, dilation=2)):  # than 3 // 2
    try:
        too_much(x)
    except RuntimeError as error:
        print(f"RuntimeError: {error}")
# --8<-- [end:pooling]

# --8<-- [start:adaptive]
import torch
from torch import nn
gap = nn.AdaptiveAvgPool2d((1, 1))  # global average pooling
for size in ((7, 7), (13, 9)):
    print(tuple(gap(torch.randn(8, 512, *size)).shape))

size, out = 10, 3
windows = [(i * size // out, -(-(i + 1) * size // out)) for i in range(out)]
# check against PyTorch: channel c is a one-hot at position c, so window j
# averages channel c exactly when c lies in the window
seen = nn.AdaptiveAvgPool1d(out)(torch.eye(size).unsqueeze(1))[:, 0]
assert windows == [(int(seen[:, j].nonzero().min()),
                    int(seen[:, j].nonzero().max()) + 1) for j in range(out)]
print("windows [start, end):", windows)
# --8<-- [end:adaptive]

# --8<-- [start:transposed]
import torch
from torch import nn
down = nn.Conv2d(8, 8, kernel_size=3, stride=2, padding=1)
up = nn.ConvTranspose2d(8, 8, kernel_size=3, stride=2, padding=1,
                        output_padding=1)
for size in (31, 32):  # a stride-2 conv maps both sizes to 16
    small = down(torch.randn(1, 8, size, size))
    back = up(small, output_size=(size, size))  # picks output_padding 0 or 1
    print(f"{size} -> {small.shape[-1]} -> {back.shape[-1]}")

print(up(torch.randn(1, 8, 16, 16)).shape[-1])  # output_padding=1 as built
try:
    nn.ConvTranspose2d(8, 8, 3, stride=2, output_padding=2)(small)
except RuntimeError as error:
    print(f"RuntimeError: {error}")
# --8<-- [end:transposed]

# --8<-- [start:linear]
import torch
from torch import nn
features = nn.Sequential(nn.Conv2d(3, 16, kernel_size=5), nn.MaxPool2d(2))
x = torch.randn(8, 3, 32, 32)
maps = features(x)
flat = nn.Flatten()(maps)
print(tuple(maps.shape), "->", tuple(flat.shape))
classify = nn.Linear(16 * 14 * 14, 10)  # in_features = C * H * W
print(tuple(classify(flat).shape))
# --8<-- [end:linear]

# --8<-- [start:groups]
from torch import nn
for name, layer in [("regular", nn.Conv2d(32, 64, 3)),
                    ("groups=4", nn.Conv2d(32, 64, 3, groups=4)),
                    ("depthwise", nn.Conv2d(32, 32, 3, groups=32)),
                    ("pointwise", nn.Conv2d(32, 64, 1))]:
    params = sum(p.numel() for p in layer.parameters())
    print(f"{name:<9}: weight {tuple(layer.weight.shape)}, {params} parameters")
# --8<-- [end:groups]

# --8<-- [start:cost]
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
x = torch.randn(4, 16, 32, 32)
layers = {"Conv2d(16, 32, 3, padding=1)": nn.Conv2d(16, 32, 3, padding=1),
          "Conv2d(16, 32, 3, stride=2, groups=4)": nn.Conv2d(16, 32, 3, stride=2,
                                                             groups=4),
          "Conv2d(16, 8, 5, bias=False)": nn.Conv2d(16, 8, 5, bias=False)}
for name, conv in layers.items():
    out, (kh, kw) = conv.out_channels, conv.kernel_size
    per_output = conv.in_channels // conv.groups * kh * kw
    params = out * per_output + (out if conv.bias is not None else 0)
    with FlopCounterMode(display=False) as counter:
        y = conv(x)
    n, _, h, w = y.shape
    multiply_adds = n * out * h * w * per_output
    assert params == sum(p.numel() for p in conv.parameters())
    assert 2 * multiply_adds == counter.get_total_flops()
    print(f"{name}: {params} parameters, {multiply_adds:,} multiply-adds")
# --8<-- [end:cost]

# --8<-- [start:images]
import numpy as np
import torch
image = np.zeros((32, 32, 3), dtype=np.uint8)  # H, W, C as NumPy and PIL give it
x = torch.from_numpy(image).permute(2, 0, 1).float() / 255  # C, H, W in [0, 1]
batch = x.unsqueeze(0)  # a batch of one: N, C, H, W
print(tuple(x.shape), x.dtype, "->", tuple(batch.shape))
# --8<-- [end:images]

# --8<-- [start:dimensions]
import torch
from torch import nn
def formula(sizes, layer):
    """Conv2d's output size on each axis, with the layer's numbers."""
    return tuple((n + 2 * p - d * (k - 1) - 1) // s + 1 for n, k, s, p, d in
                 zip(sizes, layer.kernel_size, layer.stride, layer.padding,
                     layer.dilation, strict=True))

for layer, x in [(nn.Conv1d(1, 32, 400, stride=160), torch.randn(4, 1, 16000)),
                 (nn.Conv3d(3, 8, (3, 5, 5), stride=(1, 2, 2), padding=(1, 2, 2)),
                  torch.randn(2, 3, 16, 64, 64))]:
    y = layer(x)
    assert y.shape[2:] == formula(x.shape[2:], layer)
    print(f"{type(layer).__name__}: {tuple(x.shape)} -> {tuple(y.shape)}, "
          f"formula {formula(x.shape[2:], layer)}")

text = torch.randn(8, 50, 300)  # (N, L, E), as nn.Embedding gives it
channels_first = text.transpose(1, 2)
y = nn.Conv1d(300, 64, kernel_size=3)(channels_first)
print(f"text: {tuple(text.shape)} -> {tuple(channels_first.shape)} -> "
      f"{tuple(y.shape)}")
# --8<-- [end:dimensions]

# --8<-- [start:resizing]
import math
import torch
from torch import nn
x = torch.randn(1, 3, 7, 7)
y = nn.Upsample(scale_factor=1.5)(x)
assert y.shape[-1] == math.floor(7 * 1.5)
print(f"Upsample: {tuple(x.shape)} -> {tuple(y.shape)}, "
      f"floor(7 * 1.5) = {math.floor(7 * 1.5)}")
features = torch.randn(8, 64, 16, 16)
for layer in (nn.PixelShuffle(2), nn.PixelUnshuffle(2)):
    print(f"{type(layer).__name__}: {tuple(features.shape)} -> "
          f"{tuple(layer(features).shape)}")

image = torch.randn(2, 3, 32, 32)
columns = nn.Unfold(kernel_size=3, padding=1, stride=2)(image)
side = (32 + 2 * 1 - 3) // 2 + 1  # Conv2d's formula: 16
assert columns.shape == (2, 3 * 3 * 3, side * side)
print(f"Unfold: {tuple(image.shape)} -> {tuple(columns.shape)}, "
      f"L = {side} * {side}")
# --8<-- [end:resizing]
