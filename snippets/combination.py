"""Lesson 4 — All together: channels, padding and stride in one layer and a stack."""

# --8<-- [start:layer]
import torch
from torch import nn
x = torch.randn(4, 3, 32, 32)
conv = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3, stride=2, padding=1)
y = conv(x)
print(y.shape)
assert y.shape == (4, 16, 16, 16)
# --8<-- [end:layer]

# --8<-- [start:one_at_a_time]
import torch
from torch import nn
x = torch.randn(4, 3, 32, 32)
for padding, stride in ((0, 1), (1, 1), (0, 2), (1, 2)):
    conv = nn.Conv2d(3, 16, kernel_size=3, stride=stride, padding=padding)
    print(f"padding={padding}, stride={stride}: {tuple(conv(x).shape)}")
# --8<-- [end:one_at_a_time]

# --8<-- [start:stack]
import torch
from torch import nn
model = nn.Sequential(
    nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1),
)
x = torch.randn(4, 3, 32, 32)
print("input  ", tuple(x.shape))
for layer in model:
    x = layer(x)
    print(f"{type(layer).__name__:<7}", tuple(x.shape))
# --8<-- [end:stack]

# --8<-- [start:chain_mismatch]
import torch
from torch import nn
model = nn.Sequential(
    nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1),
    nn.Conv2d(32, 32, kernel_size=3, stride=2, padding=1),  # 32 in? 16 arrive
)
try:
    model(torch.randn(4, 3, 32, 32))
except RuntimeError as error:
    print(error)
# --8<-- [end:chain_mismatch]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(8, 3, 64, 64)
# --8<-- [end:exercise]

# --8<-- [start:blank]
two_layers = ...  # your layers here: nn.Sequential of the two convolutions
# --8<-- [end:blank]

# --8<-- [start:solution]
two_layers = nn.Sequential(
    nn.Conv2d(in_channels=3, out_channels=16, kernel_size=3, padding=1),
    nn.Conv2d(in_channels=16, out_channels=32, kernel_size=5, stride=2, padding=2),
)
# --8<-- [end:solution]

# --8<-- [start:check]
if two_layers is ...:
    print("Missing: write your layers in place of the ..., then run this again.")
else:
    kind = type(two_layers).__name__
    assert kind == "Sequential", \
        f"your answer is {kind}; the exercise asks for nn.Sequential"
    kinds = [type(layer).__name__ for layer in two_layers]
    assert kinds == ["Conv2d", "Conv2d"], \
        f"your layers are {kinds}; the exercise asks for ['Conv2d', 'Conv2d']"
    k = [layer.kernel_size for layer in two_layers]
    assert k == [(3, 3), (5, 5)], \
        f"your kernel sizes are {k}; the exercise asks for [(3, 3), (5, 5)]"
    c = [(layer.in_channels, layer.out_channels) for layer in two_layers]
    assert c == [(3, 16), (16, 32)], \
        f"your channels (in, out) are {c}; the exercise asks for [(3, 16), (16, 32)]"
    first, second = two_layers
    size = tuple(first(x).shape[-2:])
    assert size == (64, 64), \
        f"your first layer makes {size[0]} x {size[1]}; the exercise asks for 64 x 64"
    y = two_layers(x)
    expected = (8, 32, 32, 32)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape))
# --8<-- [end:check]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or the call fails).
# --8<-- [start:wrong_layers]
two_layers = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Conv2d(16, 32, 5, stride=2))
# 5x5 with padding 1
two_layers = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),
                           nn.Conv2d(16, 32, 5, stride=2, padding=1))
# stride 1
two_layers = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),
                           nn.Conv2d(16, 32, 5, padding=2))
# in/out swapped
two_layers = nn.Sequential(nn.Conv2d(16, 3, 3, padding=1),
                           nn.Conv2d(3, 32, 5, stride=2, padding=2))
# second layer swapped
two_layers = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),
                           nn.Conv2d(32, 16, 5, stride=2, padding=2))
# --8<-- [end:wrong_layers]
