"""Lesson 3 — Stride: how a step larger than 1 shrinks height and width."""

# --8<-- [start:halve]
import torch
from torch import nn
x = torch.randn(4, 16, 64, 64)
conv5 = nn.Conv2d(16, 16, kernel_size=5, stride=2, padding=2)
conv3 = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
print(conv5(x).shape)
print(conv3(x).shape)
assert conv5(x).shape == conv3(x).shape == (4, 16, 32, 32)
# --8<-- [end:halve]

# --8<-- [start:windows]
import torch
from torch import nn
size, kernel, stride = 8, 3, 2
for padding in (0, 1):
    conv = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding)
    out = conv(torch.randn(1, 1, size, size)).shape[-1]
    starts = [i * stride - padding for i in range(out)]  # -1 is a padded zero
    spans = [(start, start + kernel - 1) for start in starts]
    print(f"padding={padding}: {out} windows, covering pixels {spans}")
# --8<-- [end:windows]

# --8<-- [start:any_odd_kernel]
import torch
from torch import nn
x = torch.randn(4, 16, 64, 64)
for k in (1, 3, 5, 7):
    conv = nn.Conv2d(16, 16, kernel_size=k, stride=2, padding=(k - 1) // 2)
    print(f"kernel {k}, padding {(k - 1) // 2}: {tuple(conv(x).shape)}")
# --8<-- [end:any_odd_kernel]

# --8<-- [start:odd_sizes]
import torch
from torch import nn
conv = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
for size in (62, 63, 64, 65):
    print(size, "->", conv(torch.randn(4, 16, size, size)).shape[-1])
# --8<-- [end:odd_sizes]

# --8<-- [start:unseen]
import torch
from torch import nn
def unseen_rows(size, kernel, stride, padding):
    """Output height, and the input rows no output pixel depends on."""
    x = torch.ones(1, 1, size, size, requires_grad=True)
    conv = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding)
    y = conv(x)
    y.sum().backward()  # a row's gradient is 0 if no window covers it
    never = (x.grad[0, 0].abs().sum(dim=1) == 0).nonzero().flatten().tolist()
    return y.shape[-2], never

cases = [(64, 3, 1), (65, 3, 1), (64, 3, 0), (65, 2, 0), (8, 1, 0)]
for size, kernel, padding in cases:
    out, never = unseen_rows(size, kernel, 2, padding)
    print(f"H={size} k={kernel} p={padding}: H_out={out}, never seen: {never}")
# --8<-- [end:unseen]

# --8<-- [start:unseen_dilated]
import torch
from torch import nn
size, kernel, stride, dilation = 10, 2, 4, 3
x = torch.ones(1, 1, size, size, requires_grad=True)
conv = nn.Conv2d(1, 1, kernel, stride=stride, dilation=dilation)
y = conv(x)
y.sum().backward()  # a row's gradient is 0 if no window covers it
never = (x.grad[0, 0].abs().sum(dim=1) == 0).nonzero().flatten().tolist()
dropped = (size - dilation * (kernel - 1) - 1) % stride  # padding 0
print(f"H_out={y.shape[-2]}, never seen: {never}")
print(f"the floor drops {dropped}: rows {list(range(size - dropped, size))}")
# --8<-- [end:unseen_dilated]

# --8<-- [start:same_error]
from torch import nn
try:
    nn.Conv2d(16, 16, kernel_size=3, stride=2, padding="same")
except ValueError as error:
    print(error)
# --8<-- [end:same_error]

# --8<-- [start:same_by_hand]
import torch
from torch import nn
conv = nn.Conv2d(1, 1, kernel_size=3, stride=2, padding=33, bias=False)
conv.weight = nn.Parameter(torch.ones_like(conv.weight))  # all weights 1:
# then an output is 0 if its window holds only padding
y = conv(torch.ones(1, 1, 64, 64))
print(y.shape)
print(int((y != 0).sum()), "of", y.numel(), "outputs see a real pixel")
# --8<-- [end:same_by_hand]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(2, 32, 56, 56)
# --8<-- [end:exercise]

# --8<-- [start:blank]
halving = ...  # your layer here: 5x5 filters, 32 channels kept, H and W halved
# --8<-- [end:blank]

# --8<-- [start:solution]
halving = nn.Conv2d(in_channels=32, out_channels=32, kernel_size=5, stride=2,
                    padding=2)
# --8<-- [end:solution]

# --8<-- [start:check]
if halving is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(halving).__name__
    assert kind == "Conv2d", f"your layer is {kind}; the exercise asks for Conv2d"
    k = halving.kernel_size
    assert k == (5, 5), f"your kernel_size is {k}; the exercise asks for (5, 5)"
    c = halving.in_channels, halving.out_channels
    assert c == (32, 32), \
        f"your (in_channels, out_channels) are {c}; the exercise asks for (32, 32)"
    y = halving(x)
    expected = (2, 32, 28, 28)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.ones(1, 1, 56, 56, requires_grad=True)
for padding in (2, 1, 0, 3):
    y = nn.Conv2d(1, 1, kernel_size=5, stride=2, padding=padding)(x)
    x.grad = None
    y.sum().backward()  # a row's gradient is 0 if no window covers it
    never = (x.grad[0, 0].abs().sum(dim=1) == 0).nonzero().flatten().tolist()
    print(f"padding={padding}: {y.shape[-2]} x {y.shape[-1]}, never seen: {never}")
# --8<-- [end:wrong_answers]

# --8<-- [start:same_answers]
import torch
from torch import nn
x = torch.randn(2, 32, 56, 56)
for stride in (1, 2):
    try:
        conv = nn.Conv2d(32, 32, kernel_size=5, stride=stride, padding="same")
        print(f'stride={stride}, padding="same": {tuple(conv(x).shape)}')
    except ValueError as error:
        print(f'stride={stride}, padding="same": ValueError: {error}')
# --8<-- [end:same_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or the call fails).
# --8<-- [start:wrong_layers]
halving = nn.Conv2d(32, 32, kernel_size=5, stride=2)  # padding 0
halving = nn.Conv2d(32, 32, kernel_size=5, stride=2, padding=1)
halving = nn.Conv2d(32, 32, kernel_size=5, padding=2)  # stride 1
halving = nn.Conv2d(32, 32, kernel_size=5, stride=2, padding=3)
halving = nn.Conv2d(32, 16, kernel_size=5, stride=2, padding=2)  # halves C
halving = nn.Conv2d(32, 32, kernel_size=5, padding="same")  # stride 1: 56
halving = nn.Conv2d(32, 32, kernel_size=5, stride=2, padding="same")  # raises
# --8<-- [end:wrong_layers]
