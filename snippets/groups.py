"""Lesson 8 — Groups and depthwise convolution: filters that see fewer channels."""

# --8<-- [start:weight_shapes]
from torch import nn
for groups in (1, 2, 4, 32):
    conv = nn.Conv2d(32, 64, kernel_size=3, groups=groups)
    params = sum(p.numel() for p in conv.parameters())
    print(f"groups={groups}: weight {list(conv.weight.shape)}, {params} parameters")
# --8<-- [end:weight_shapes]

# --8<-- [start:two_halves]
import torch
from torch import nn
x = torch.randn(1, 4, 8, 8)
conv = nn.Conv2d(4, 6, kernel_size=3, groups=2)
w, b = conv.weight, conv.bias  # w: (6, 2, 3, 3)
first = nn.functional.conv2d(x[:, :2], w[:3], b[:3])  # channels 0-1 -> 0-2
second = nn.functional.conv2d(x[:, 2:], w[3:], b[3:])  # channels 2-3 -> 3-5
halves = torch.cat([first, second], dim=1)
print(halves.shape)
print(torch.allclose(conv(x), halves, atol=1e-3))  # GPUs may round (TF32)
# --8<-- [end:two_halves]

# --8<-- [start:same_size]
import torch
from torch import nn
x = torch.randn(4, 32, 28, 28)
for groups in (1, 2, 32):
    conv = nn.Conv2d(32, 64, kernel_size=3, padding=1, groups=groups)
    print(f"groups={groups}:", tuple(conv(x).shape))
# --8<-- [end:same_size]

# --8<-- [start:separable]
import torch
from torch import nn
x = torch.randn(4, 32, 28, 28)
regular = nn.Conv2d(32, 64, kernel_size=3, padding=1)
depthwise = nn.Conv2d(32, 32, kernel_size=3, padding=1, groups=32)
pointwise = nn.Conv2d(32, 64, kernel_size=1)
print(tuple(regular(x).shape), tuple(pointwise(depthwise(x)).shape))
for name, layer in [("regular", regular), ("depthwise", depthwise),
                    ("pointwise", pointwise)]:
    params = sum(p.numel() for p in layer.parameters())
    print(f"{name}: weight {tuple(layer.weight.shape)}, {params} parameters")

pair = sum(p.numel() for layer in (depthwise, pointwise) for p in layer.parameters())
ratio = sum(p.numel() for p in regular.parameters()) / pair
print(f"depthwise + pointwise: {pair} parameters, {ratio:.1f} times fewer")
weights = depthwise.weight.numel() + pointwise.weight.numel()
print("multiplications per pixel:", regular.weight.numel(), "vs", weights)
# --8<-- [end:separable]

# --8<-- [start:divisible]
from torch import nn
for in_channels, out_channels, groups in [(32, 64, 3), (32, 48, 32)]:
    try:
        nn.Conv2d(in_channels, out_channels, kernel_size=3, groups=groups)
    except ValueError as error:
        print(f"Conv2d({in_channels}, {out_channels}, groups={groups}):",
              f"{type(error).__name__}: {error}")
# --8<-- [end:divisible]

# --8<-- [start:mismatch]
import torch
from torch import nn
x = torch.randn(1, 16, 8, 8)  # 16 channels
for groups in (1, 2):
    conv = nn.Conv2d(32, 64, kernel_size=3, groups=groups)
    try:
        conv(x)
    except RuntimeError as error:
        print(f"{type(error).__name__}: {error}")
# --8<-- [end:mismatch]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(4, 32, 28, 28)
# --8<-- [end:exercise]

# --8<-- [start:blank]
depthwise_separable = ...  # your layers: 3x3 depthwise, then 1x1 to 64 channels
# --8<-- [end:blank]

# --8<-- [start:solution]
depthwise_separable = nn.Sequential(
    nn.Conv2d(32, 32, kernel_size=3, padding=1, groups=32),  # depthwise
    nn.Conv2d(32, 64, kernel_size=1),  # pointwise
)
# --8<-- [end:solution]

# --8<-- [start:check]
if depthwise_separable is ...:
    print("Missing: write your layers in place of the ..., then run this again.")
else:
    kind = type(depthwise_separable).__name__
    assert kind == "Sequential", \
        f"your answer is {kind}; the exercise asks for nn.Sequential"
    kinds = [type(layer).__name__ for layer in depthwise_separable]
    assert kinds == ["Conv2d", "Conv2d"], \
        f"your layers are {kinds}; the exercise asks for ['Conv2d', 'Conv2d']"
    k = [layer.kernel_size for layer in depthwise_separable]
    assert k == [(3, 3), (1, 1)], \
        f"your kernel sizes are {k}; the exercise asks for [(3, 3), (1, 1)]"
    depthwise, pointwise = depthwise_separable
    g = depthwise.in_channels, depthwise.out_channels, depthwise.groups
    assert g == (32, 32, 32), \
        f"your depthwise (in, out, groups) are {g}; the exercise asks for " \
        "(32, 32, 32), one filter per channel"
    c = pointwise.in_channels, pointwise.out_channels
    assert c == (32, 64), \
        f"your pointwise (in, out) are {c}; the exercise asks for (32, 64)"
    y = depthwise_separable(x)
    expected = (4, 64, 28, 28)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    params = sum(p.numel() for p in depthwise_separable.parameters())
    assert params == 2432, \
        f"your layers have {params} parameters; the exercise asks for 2432, " \
        "biases included (bias=True, the default)"
    print("Correct:", tuple(y.shape), "with", params, "parameters")
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.randn(4, 32, 28, 28)
tries = {
    "depthwise only": lambda: nn.Conv2d(32, 32, 3, padding=1, groups=32),
    "groups=32, 64 out, no pointwise":
        lambda: nn.Conv2d(32, 64, 3, padding=1, groups=32),
    "pointwise first": lambda: nn.Sequential(
        nn.Conv2d(32, 64, 1), nn.Conv2d(64, 64, 3, padding=1, groups=64)),
    "groups=64 (the out channels)": lambda: nn.Sequential(
        nn.Conv2d(32, 32, 3, padding=1, groups=64), nn.Conv2d(32, 64, 1)),
}
for name, make in tries.items():
    try:
        layers = make()
        params = sum(p.numel() for p in layers.parameters())
        print(f"{name}: {tuple(layers(x).shape)}, {params} parameters")
    except ValueError as error:
        print(f"{name}: {type(error).__name__}: {error}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or that the answer's own line raises).
# --8<-- [start:wrong_layers]
depthwise_separable = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=32))
# no pointwise
depthwise_separable = nn.Conv2d(32, 64, 3, padding=1, groups=32)
# regular
depthwise_separable = nn.Conv2d(32, 64, 3, padding=1)
# pointwise first
depthwise_separable = nn.Sequential(nn.Conv2d(32, 64, 1),
                                    nn.Conv2d(64, 64, 3, padding=1, groups=64))
# groups = out channels
depthwise_separable = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=64),
                                    nn.Conv2d(32, 64, 1))
# groups does not divide
depthwise_separable = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=3),
                                    nn.Conv2d(32, 64, 1))
# no padding
depthwise_separable = nn.Sequential(nn.Conv2d(32, 32, 3, groups=32),
                                    nn.Conv2d(32, 64, 1))
# biases dropped, as MobileNet does before batch normalization
depthwise_separable = nn.Sequential(
    nn.Conv2d(32, 32, 3, padding=1, groups=32, bias=False),
    nn.Conv2d(32, 64, 1, bias=False))
# --8<-- [end:wrong_layers]
