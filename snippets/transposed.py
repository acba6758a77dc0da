"""Lesson 10 — Transposed convolution: how a layer grows height and width."""

# --8<-- [start:one_short]
import torch
from torch import nn
y = torch.randn(4, 16, 32, 32)
up = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1)
print(up(y).shape)
# --8<-- [end:one_short]

# --8<-- [start:formula_check]
import torch
from torch import nn
def transposed_size(size, kernel, stride=1, padding=0, dilation=1,
                    output_padding=0):
    """Output length along one axis of nn.ConvTranspose2d."""
    return ((size - 1) * stride - 2 * padding + dilation * (kernel - 1)
            + output_padding + 1)

y = torch.randn(4, 16, 32, 32)
for kernel, stride, padding, output_padding in ((3, 2, 1, 0), (3, 2, 1, 1),
                                                (4, 2, 1, 0), (3, 1, 1, 0)):
    up = nn.ConvTranspose2d(16, 16, kernel, stride=stride, padding=padding,
                            output_padding=output_padding)
    formula = transposed_size(32, kernel, stride, padding, 1, output_padding)
    print(f"kernel {kernel}, stride {stride}, padding {padding}, output_padding "
          f"{output_padding}: formula {formula}, PyTorch {up(y).shape[-1]}")
# --8<-- [end:formula_check]

# --8<-- [start:two_to_one]
import torch
from torch import nn
down = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
for size in (63, 64):
    print(size, "->", tuple(down(torch.randn(4, 16, size, size)).shape))
# --8<-- [end:two_to_one]

# --8<-- [start:pick]
import torch
from torch import nn
y = torch.randn(4, 16, 32, 32)
up = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1)
up_even = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1,
                             output_padding=1)
up_even.weight, up_even.bias = up.weight, up.bias  # the same parameters
print("output_padding=0:", tuple(up(y).shape))
print("output_padding=1:", tuple(up_even(y).shape))
same_start = torch.allclose(up_even(y)[..., :63, :63], up(y), atol=1e-5)
print("the first 63 rows and columns agree:", same_start)
for size in (63, 64):
    x = torch.randn(4, 16, size, size)  # the map a stride-2 layer shrank
    print(f"output_size=x.shape of {tuple(x.shape)}:",
          tuple(up(y, output_size=x.shape).shape))
# --8<-- [end:pick]

# --8<-- [start:output_size_forms]
import torch
from torch import nn
y = torch.randn(4, 16, 32, 32)
up = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1)
x = torch.randn(4, 16, 64, 64)
for size in (x.shape, (64, 64), x[0].shape):  # 4, 2, then 3 numbers
    try:
        print(f"output_size={tuple(size)}:", tuple(up(y, output_size=size).shape))
    except ValueError as error:
        print(f"output_size={tuple(size)}: ValueError: {error}")
# --8<-- [end:output_size_forms]

# --8<-- [start:unet]
import torch
from torch import nn
down = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
doubling = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1,
                              output_padding=1)
up = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1)
for size in (64, 65):
    skip = torch.randn(1, 16, size, size)  # kept for the way back up
    low = down(skip)
    print(f"{size} -> {low.shape[-1]} -> doubling: {doubling(low).shape[-1]}, "
          f"output_size: {up(low, output_size=skip.shape).shape[-1]}")
# --8<-- [end:unet]

# --8<-- [start:concat]
import torch
from torch import nn
down = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
doubling = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1,
                              output_padding=1)
up = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1)
skip = torch.randn(1, 16, 65, 65)
low = down(skip)
merged = torch.cat([skip, up(low, output_size=skip.shape)], dim=1)
print(tuple(merged.shape))
try:
    torch.cat([skip, doubling(low)], dim=1)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:concat]

# --8<-- [start:limits]
import torch
from torch import nn
y = torch.randn(4, 16, 32, 32)
for stride, dilation, output_padding in ((2, 1, 1), (2, 1, 2), (1, 1, 1),
                                         (1, 2, 1)):
    up = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=stride, padding=1,
                            dilation=dilation, output_padding=output_padding)
    try:
        shape = tuple(up(y).shape)
    except RuntimeError as error:
        shape = f"{type(error).__name__}: {error}"
    print(f"stride={stride}, dilation={dilation}, "
          f"output_padding={output_padding}: {shape}")
# --8<-- [end:limits]

# --8<-- [start:output_size_range]
import torch
from torch import nn
y = torch.randn(4, 16, 32, 32)
up = nn.ConvTranspose2d(16, 16, kernel_size=3, stride=2, padding=1)
try:
    up(y, output_size=(65, 65))
except ValueError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:output_size_range]

# --8<-- [start:weight]
from torch import nn
layers = {"Conv2d(16, 8, 3)": nn.Conv2d(16, 8, 3),
          "ConvTranspose2d(16, 8, 3)": nn.ConvTranspose2d(16, 8, 3),
          "Conv2d(8, 16, 3)": nn.Conv2d(8, 16, 3),
          "ConvTranspose2d(16, 8, 3, groups=2)": nn.ConvTranspose2d(16, 8, 3,
                                                                    groups=2)}
for name, layer in layers.items():
    print(f"{name:<36} weight {tuple(layer.weight.shape)}")
# --8<-- [end:weight]

# --8<-- [start:swapped]
import torch
from torch import nn
up = nn.ConvTranspose2d(16, 8, kernel_size=3)  # in 16, out 8
try:
    up(torch.randn(4, 8, 32, 32))  # 8 channels in: the layer wants 16
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
# --8<-- [end:swapped]

# --8<-- [start:gradient]
import torch
import torch.nn.functional as F
from torch import nn
down = nn.Conv2d(16, 8, kernel_size=3, stride=2, padding=1, bias=False)
x = torch.randn(1, 16, 64, 64, requires_grad=True)
y = down(x)
g = torch.randn_like(y)  # any gradient arriving from the layers above
(y * g).sum().backward()  # sends g back through the convolution into x.grad
back = F.conv_transpose2d(g, down.weight, stride=2, padding=1, output_padding=1)
print(tuple(y.shape), "->", tuple(back.shape))
print("equal to the gradient:", torch.allclose(back, x.grad, atol=1e-4))
# --8<-- [end:gradient]

# --8<-- [start:overlap]
import torch
from torch import nn
row = torch.ones(1, 1, 1, 4)  # one row of 4 pixels, all equal to 1
for kernel, stride, padding in ((3, 2, 1), (4, 2, 1)):
    up = nn.ConvTranspose2d(1, 1, kernel_size=(1, kernel), stride=(1, stride),
                            padding=(0, padding), bias=False)
    up.weight = nn.Parameter(torch.ones_like(up.weight))  # all weights 1:
    # then each output = how many input pixels stamp onto it
    print(f"kernel {kernel}, stride {stride}: {up(row)[0, 0, 0].int().tolist()}")
# --8<-- [end:overlap]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(2, 64, 28, 28)
# --8<-- [end:exercise]

# --8<-- [start:blank]
up_to_56 = ...  # your layer here: 64 -> 32 channels, 28x28 -> 56x56
# --8<-- [end:blank]

# --8<-- [start:solution]
up_to_56 = nn.ConvTranspose2d(in_channels=64, out_channels=32, kernel_size=4,
                              stride=2, padding=1)
# --8<-- [end:solution]

# --8<-- [start:check]
if up_to_56 is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(up_to_56).__name__
    assert kind == "ConvTranspose2d", \
        f"your layer is {kind}; the exercise asks for ConvTranspose2d"
    k = up_to_56.kernel_size
    assert k in ((4, 4), (3, 3)), \
        f"your kernel_size is {k}; the exercise asks for (4, 4) or (3, 3)"
    c = up_to_56.in_channels, up_to_56.out_channels
    assert c == (64, 32), \
        f"your (in_channels, out_channels) are {c}; the exercise asks for (64, 32)"
    op, s, d = up_to_56.output_padding, up_to_56.stride, up_to_56.dilation
    assert all(o < max(n, m) for o, n, m in zip(op, s, d, strict=True)), \
        f"your output_padding is {op}; the exercise asks for one PyTorch " \
        f"accepts: smaller than the stride {s} (or the dilation)"
    y = up_to_56(x)
    expected = (2, 32, 56, 56)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.randn(2, 64, 28, 28)
for kernel, stride, padding, output_padding in (
        (4, 2, 1, 0), (3, 2, 1, 1), (3, 2, 1, 0), (4, 2, 0, 0), (4, 2, 1, 1),
        (3, 1, 1, 0), (3, 2, 1, 2)):
    layer = nn.ConvTranspose2d(64, 32, kernel, stride=stride, padding=padding,
                               output_padding=output_padding)
    try:
        shape = tuple(layer(x).shape)
    except RuntimeError as error:
        shape = f"{type(error).__name__}: {str(error).split(', but')[0]}"
    print(f"kernel {kernel}, stride {stride}, padding {padding}, "
          f"output_padding {output_padding}: {shape}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or that the answer's own line raises).
# --8<-- [start:wrong_layers]
up_to_56 = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1)  # 55
up_to_56 = nn.ConvTranspose2d(64, 32, 4, stride=2)  # padding 0: 58
up_to_56 = nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1, output_padding=1)
up_to_56 = nn.ConvTranspose2d(64, 32, 3, padding=1)  # stride 1: 28
# refused: output_padding not smaller than the stride
up_to_56 = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=2)
up_to_56 = nn.ConvTranspose2d(32, 64, 4, stride=2, padding=1)  # swapped
# --8<-- [end:wrong_layers]
