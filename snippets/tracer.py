"""The layer-stack tracer's page: what its table shows, computed by PyTorch."""

# --8<-- [start:stack]
import torch
from torch import nn
model = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(64 * 8 * 8, 10),
)
x = torch.randn(4, 3, 32, 32)
for layer in model:
    x = layer(x)
    params = sum(p.numel() for p in layer.parameters())
    print(f"{type(layer).__name__:10} {str(tuple(x.shape)):16} {params}")
# --8<-- [end:stack]

# --8<-- [start:mistake]
import torch
from torch import nn
wrong_head = nn.Sequential(nn.Flatten(), nn.Linear(64 * 32 * 32, 10))
try:
    wrong_head(torch.randn(4, 64, 8, 8))
except RuntimeError as error:
    print(error)
# --8<-- [end:mistake]

# --8<-- [start:field_formula]
field, step = 1, 1  # one input pixel, one pixel apart
for name, kernel, stride in [("Conv2d", 3, 1), ("MaxPool2d", 2, 2),
                             ("Conv2d", 3, 1), ("MaxPool2d", 2, 2)]:
    field += (kernel - 1) * step
    step *= stride
    print(f"{name:10} {field} x {field}")
# --8<-- [end:field_formula]

# --8<-- [start:field_measured]
import torch
from torch import nn
features = nn.Sequential(
    nn.Conv2d(1, 1, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(1, 1, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
)
for conv in features[::3]:  # the convolutions: all weights 1, no bias
    conv.weight = nn.Parameter(torch.ones_like(conv.weight))
    conv.bias = nn.Parameter(torch.zeros_like(conv.bias))

rows = torch.zeros(32, 1, 32, 32)
for i in range(32):
    rows[i, 0, i, :] = 1  # image i lights row i only

with torch.no_grad():
    out = features(rows)[:, 0, 4, 4]  # one value of the 8 x 8 output

lit = out.nonzero().flatten().tolist()
print(f"rows {lit[0]} to {lit[-1]}: {len(lit)} rows")
# --8<-- [end:field_measured]
