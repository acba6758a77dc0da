"""Lesson 12 — What a layer costs: parameters, multiply-adds, FLOPs, memory."""

# --8<-- [start:parameters]
from torch import nn
conv = nn.Conv2d(16, 32, kernel_size=3, padding=1)
print("weight", tuple(conv.weight.shape), "=", conv.weight.numel())
print("bias  ", tuple(conv.bias.shape), "=", conv.bias.numel())
print("parameters:", sum(p.numel() for p in conv.parameters()))
# --8<-- [end:parameters]

# --8<-- [start:per_output]
import torch
from torch import nn
x = torch.randn(8, 16, 32, 32)
conv = nn.Conv2d(16, 32, kernel_size=3, padding=1)
y = conv(x)
per_output = conv.weight[0].numel()  # one filter: in/groups * kh * kw weights
print("output", tuple(y.shape), "holds", f"{y.nelement():,}", "numbers")
print("each costs", per_output, "multiply-adds, then 1 add for its bias")
print(f"the layer: {y.nelement() * per_output:,} multiply-adds")
# --8<-- [end:per_output]

# --8<-- [start:variants]
import torch
from torch import nn
x = torch.randn(8, 16, 32, 32)
layers = {  # each changes one argument of the first
    "padding=1": nn.Conv2d(16, 32, 3, padding=1),
    "bias=False": nn.Conv2d(16, 32, 3, padding=1, bias=False),
    "groups=4": nn.Conv2d(16, 32, 3, padding=1, groups=4),
    "stride=2": nn.Conv2d(16, 32, 3, padding=1, stride=2),
    "kernel_size=1": nn.Conv2d(16, 32, 1),  # 1x1 keeps the size unpadded
}
for name, conv in layers.items():
    y = conv(x)
    params = sum(p.numel() for p in conv.parameters())
    multiply_adds = y.nelement() * conv.weight[0].numel()
    print(f"{name:<13} {tuple(y.shape)} {params:>4} parameters, "
          f"{multiply_adds:>10,} multiply-adds")
# --8<-- [end:variants]

# --8<-- [start:flop_counter]
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
x = torch.randn(8, 16, 32, 32)
for bias in (True, False):
    conv = nn.Conv2d(16, 32, kernel_size=3, padding=1, bias=bias)
    with FlopCounterMode(display=False) as counter:
        y = conv(x)
    print(f"bias={bias}: {counter.get_total_flops():,} FLOPs")
# --8<-- [end:flop_counter]

# --8<-- [start:torchinfo]
from torch import nn
from torchinfo import summary
for bias in (True, False):
    conv = nn.Conv2d(16, 32, kernel_size=3, padding=1, bias=bias)
    stats = summary(conv, input_size=(8, 16, 32, 32), verbose=0)
    print(f"bias={bias}: {stats.total_mult_adds:,} mult-adds")
# --8<-- [end:torchinfo]

# --8<-- [start:summary]
from torch import nn
from torchinfo import summary
conv = nn.Conv2d(16, 32, kernel_size=3, padding=1)
print(summary(conv, input_size=(8, 16, 32, 32), verbose=0))
# --8<-- [end:summary]

# --8<-- [start:dtypes]
import torch
from torch import nn
x = torch.randn(8, 16, 32, 32)
y = nn.Conv2d(16, 32, kernel_size=3, padding=1)(x)
for dtype in (torch.float32, torch.float16, torch.bfloat16):
    stored = y.to(dtype)  # the same output, kept in another dtype
    size = stored.element_size()  # bytes per number
    print(f"{dtype}: {stored.nelement():,} numbers x {size} bytes = "
          f"{stored.nelement() * size:,} bytes")
# --8<-- [end:dtypes]

# --8<-- [start:saved]
import torch
from torch import nn
x = torch.randn(8, 16, 32, 32)
model = nn.Sequential(nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU())
saved = []
def keep(tensor):  # autograd calls it for each tensor it saves for backward
    saved.append(tensor)
    return tensor

hooks = torch.autograd.graph.saved_tensors_hooks(keep, lambda tensor: tensor)
with hooks:
    y = model(x)

for tensor in saved:
    size = tensor.nelement() * tensor.element_size()
    print(tuple(tensor.shape), f"{size:,} bytes")

saved.clear()
with torch.no_grad(), hooks:
    y = model(x)

print("under torch.no_grad():", len(saved), "tensors saved")
# --8<-- [end:saved]

# --8<-- [start:estimate]
from torch import nn
from torchinfo import summary
model = nn.Sequential(nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU())
stats = summary(model, input_size=(8, 16, 32, 32), verbose=0)
print(f"outputs, counted twice: {stats.total_output_bytes:,} bytes")
print(f"parameters: {stats.total_param_bytes:,} bytes")
# --8<-- [end:estimate]

# --8<-- [start:backward]
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
conv = nn.Conv2d(16, 32, kernel_size=3, padding=1)
for needs_grad in (False, True):  # True: a layer with layers before it
    x = torch.randn(8, 16, 32, 32, requires_grad=needs_grad)
    with FlopCounterMode(display=False) as counter:
        conv(x).sum().backward()
    counts = counter.get_flop_counts()["Global"]
    forward = counts[torch.ops.aten.convolution]
    backward = counts[torch.ops.aten.convolution_backward]
    print(f"input needs grad={needs_grad}: forward {forward:,} FLOPs, "
          f"backward {backward:,}")
# --8<-- [end:backward]

# --8<-- [start:exercise]
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
x = torch.randn(1, 64, 56, 56)
# --8<-- [end:exercise]

# --8<-- [start:blank]
cheaper = ...  # your 3x3 layer: (1, 128, 28, 28), a quarter of the multiply-adds
# --8<-- [end:blank]

# --8<-- [start:solution]
cheaper = nn.Conv2d(64, 128, kernel_size=3, stride=2, padding=1, groups=4)
# --8<-- [end:solution]

# --8<-- [start:check]
if cheaper is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(cheaper).__name__
    assert kind == "Conv2d", f"your layer is {kind}; the exercise asks for Conv2d"
    k = cheaper.kernel_size
    assert k == (3, 3), f"your kernel_size is {k}; the exercise asks for (3, 3)"
    with FlopCounterMode(display=False) as counter:
        y = cheaper(x)
    expected = (1, 128, 28, 28)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    multiply_adds = counter.get_total_flops() // 2
    assert multiply_adds <= 14_450_688, \
        f"your layer costs {multiply_adds:,} multiply-adds; the exercise " \
        "asks for at most 14,450,688"
    seen = cheaper.in_channels // cheaper.groups
    assert seen == 16, \
        f"your filters see {seen} input channels each; the exercise asks " \
        "for 16, the most the budget allows"
    assert cheaper.bias is not None, \
        "your layer has no bias; the exercise asks for bias=True, the default"
    params = sum(p.numel() for p in cheaper.parameters())
    print(f"Correct: {tuple(y.shape)}, {multiply_adds:,} multiply-adds, "
          f"{params:,} parameters")
# --8<-- [end:check]

# --8<-- [start:tries]
import torch
from torch import nn
x = torch.randn(1, 64, 56, 56)
tries = {
    "regular": nn.Conv2d(64, 128, 3, stride=2, padding=1),
    "groups=4": nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=4),
    "groups=8": nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=8),
    "kernel_size=1": nn.Conv2d(64, 128, 1, stride=2),
    "groups=4, stride=1": nn.Conv2d(64, 128, 3, padding=1, groups=4),
}
for name, layer in tries.items():
    y = layer(x)
    multiply_adds = y.nelement() * layer.weight[0].numel()
    print(f"{name:<18} {tuple(y.shape)} {multiply_adds:>10,} multiply-adds")
# --8<-- [end:tries]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or that the answer's own line raises).
# --8<-- [start:wrong_layers]
cheaper = nn.Conv2d(64, 128, 3, stride=2, padding=1)  # regular: 4x the budget
cheaper = nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=8)  # fits, sees 8
cheaper = nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=64)  # sees 1
cheaper = nn.Conv2d(64, 128, 3, padding=1, groups=4)  # stride 1: 56 x 56
cheaper = nn.Conv2d(64, 128, 3, stride=2, groups=4)  # no padding: 27 x 27
cheaper = nn.Conv2d(64, 128, 1, stride=2)  # 1x1 kernel
cheaper = nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=4, bias=False)
cheaper = nn.Conv2d(64, 128, 3, stride=2, padding=1, groups=3)  # 64 % 3 != 0
cheaper = nn.Conv2d(64, 32, 3, stride=2, padding=1)  # too few filters
# --8<-- [end:wrong_layers]
