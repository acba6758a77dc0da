"""Lesson 9 — Dilation and receptive field: how far one output pixel sees."""

# --8<-- [start:span]
import torch
from torch import nn
x = torch.randn(4, 16, 64, 64)
for dilation in (1, 2, 3, 4):
    conv = nn.Conv2d(16, 16, kernel_size=3, dilation=dilation)  # padding=0
    span = dilation * (3 - 1) + 1  # input pixels one window stretches over
    print(f"dilation={dilation}: span {span}, weight {tuple(conv.weight.shape)}, "
          f"output {tuple(conv(x).shape)}")
# --8<-- [end:span]

# --8<-- [start:keep_size]
import torch
from torch import nn
x = torch.randn(4, 16, 64, 64)
for kernel, dilation in ((3, 1), (3, 2), (3, 4), (5, 2)):
    padding = dilation * (kernel - 1) // 2
    conv = nn.Conv2d(16, 16, kernel, dilation=dilation, padding=padding)
    same = nn.Conv2d(16, 16, kernel, dilation=dilation, padding="same")
    print(f"kernel {kernel}, dilation {dilation}, padding {padding}: "
          f"{tuple(conv(x).shape)}, 'same' gives {tuple(same(x).shape)}")
# --8<-- [end:keep_size]

# --8<-- [start:read_by]
import torch
from torch import nn
def read_by(net, size, pixel=None):
    """The input cells that output ``pixel`` (row, column) depends on, or
    any output when pixel is None: their gradient is not 0."""
    for layer in net:  # weights 1, no bias: no sum can cancel to 0
        layer.weight = nn.Parameter(torch.ones_like(layer.weight))
        layer.bias = None
    x = torch.ones(1, 1, size, size, requires_grad=True)
    y = net(x)[0, 0]
    (y.sum() if pixel is None else y[pixel]).backward()
    return x.grad[0, 0] != 0

def picture(cells):
    """One line per row: # for a cell read, . for a cell never read."""
    for row in cells.tolist():
        print(" ".join("#" if cell else "." for cell in row))

# --8<-- [end:read_by]

# --8<-- [start:one_output]
for dilation in (1, 2):
    layer = nn.Conv2d(1, 1, kernel_size=3, dilation=dilation, padding=dilation)
    cells = read_by(nn.Sequential(layer), size=7, pixel=(3, 3))
    print(f"dilation={dilation}: output (3, 3) reads {int(cells.sum())} cells")
    picture(cells)
# --8<-- [end:one_output]

# --8<-- [start:stack]
def receptive_field(layers):
    """Span of the input cells the centre output pixel reads, and how many
    of the span's cells it reads."""
    net = nn.Sequential(*layers)
    size = 32  # large enough that no border cuts the field
    centre = net(torch.ones(1, 1, size, size)).shape[-1] // 2
    cells = read_by(net, size, pixel=(centre, centre))
    rows = cells.any(dim=1).nonzero().flatten()
    span = int(rows[-1] - rows[0]) + 1
    return span, int(cells.sum())

def formula(layers):
    """1 + sum of d * (k - 1) * (product of the strides before)."""
    field, jump = 1, 1
    for layer in layers:
        field += layer.dilation[0] * (layer.kernel_size[0] - 1) * jump
        jump *= layer.stride[0]
    return field

stacks = {
    "one 3x3": [nn.Conv2d(1, 1, 3, padding=1)],
    "two 3x3": [nn.Conv2d(1, 1, 3, padding=1) for _ in range(2)],
    "three 3x3": [nn.Conv2d(1, 1, 3, padding=1) for _ in range(3)],
    "3x3, 3x3 stride 2, 3x3": [nn.Conv2d(1, 1, 3, padding=1),
                               nn.Conv2d(1, 1, 3, stride=2, padding=1),
                               nn.Conv2d(1, 1, 3, padding=1)],
    "dilation 1, 2, 4": [nn.Conv2d(1, 1, 3, dilation=d, padding=d)
                         for d in (1, 2, 4)],
    "dilation 2, 2, 2": [nn.Conv2d(1, 1, 3, dilation=2, padding=2)
                         for _ in range(3)],
}
for name, layers in stacks.items():
    span, read = receptive_field(layers)
    print(f"{name}: formula {formula(layers)}, measured {span} x {span}, "
          f"reads {read} of {span * span} cells")
# --8<-- [end:stack]

# --8<-- [start:unseen]
for name, layer in {
        "1x1, stride 2": nn.Conv2d(1, 1, kernel_size=1, stride=2),
        "3x3, dilation 2, stride 2": nn.Conv2d(1, 1, kernel_size=3, stride=2,
                                               dilation=2, padding=2)}.items():
    cells = read_by(nn.Sequential(layer), size=8)
    print(f"{name}: all outputs together read {int(cells.sum())} of the "
          f"8 x 8 input's {cells.numel()} cells")
    picture(cells)
# --8<-- [end:unseen]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(4, 16, 64, 64)
# --8<-- [end:exercise]

# --8<-- [start:blank]
wide_view = ...  # your layer here: 3x3 filters spanning 9 pixels, 64x64 kept
# --8<-- [end:blank]

# --8<-- [start:solution]
wide_view = nn.Conv2d(in_channels=16, out_channels=16, kernel_size=3,
                      dilation=4, padding=4)
# --8<-- [end:solution]

# --8<-- [start:check]
if wide_view is ...:
    print("Missing: write your layer in place of the ..., then run this again.")
else:
    kind = type(wide_view).__name__
    assert kind == "Conv2d", f"your layer is {kind}; the exercise asks for Conv2d"
    k = wide_view.kernel_size
    assert k == (3, 3), f"your kernel_size is {k}; the exercise asks for (3, 3)"
    span = tuple(d * (3 - 1) + 1 for d in wide_view.dilation)
    assert span == (9, 9), \
        f"your window spans {span} pixels; the exercise asks for (9, 9)"
    c = wide_view.in_channels, wide_view.out_channels
    assert c == (16, 16), \
        f"your (in_channels, out_channels) are {c}; the exercise asks for (16, 16)"
    y = wide_view(x)
    expected = (4, 16, 64, 64)
    assert y.shape == expected, \
        f"your output is {tuple(y.shape)}; the exercise asks for {expected}"
    print("Correct:", tuple(y.shape), "spanning", span)
# --8<-- [end:check]

# --8<-- [start:wrong_answers]
import torch
from torch import nn
x = torch.randn(4, 16, 64, 64)
for kernel, dilation, padding in ((3, 4, 4), (3, 1, 1), (3, 4, 0), (3, 3, 4),
                                  (3, 3, 3), (9, 1, 4)):
    layer = nn.Conv2d(16, 16, kernel, dilation=dilation, padding=padding)
    span = dilation * (kernel - 1) + 1
    print(f"kernel_size={kernel}, dilation={dilation}, padding={padding}: "
          f"{tuple(layer(x).shape)}, spans {span}")
# --8<-- [end:wrong_answers]

# Layers a learner plausibly writes instead of the solution: the tests
# check that the check rejects each (or that the answer's own line raises).
# --8<-- [start:wrong_layers]
wide_view = nn.Conv2d(16, 16, kernel_size=3, padding=1)  # spans 3
wide_view = nn.Conv2d(16, 16, kernel_size=3, dilation=4)  # 56 x 56
wide_view = nn.Conv2d(16, 16, kernel_size=3, dilation=3, padding=4)  # 66
wide_view = nn.Conv2d(16, 16, kernel_size=3, dilation=3, padding=3)  # spans 7
wide_view = nn.Conv2d(16, 16, kernel_size=3, dilation=2, padding=2)  # spans 5
wide_view = nn.Conv2d(16, 16, kernel_size=9, padding=4)  # 9x9, not 3x3
# --8<-- [end:wrong_layers]
