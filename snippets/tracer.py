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
field, jump = 1, 1  # one input pixel, one pixel apart
for name, kernel, stride in [("Conv2d", 3, 1), ("MaxPool2d", 2, 2),
                             ("Conv2d", 3, 1), ("MaxPool2d", 2, 2)]:
    field += (kernel - 1) * jump
    jump *= stride
    print(f"{name:10} {field} x {field}, jump {jump}")
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

# --8<-- [start:costs]
from torch import nn
from torchinfo import summary
model = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(64 * 8 * 8, 10),
)
stats = summary(model, input_size=(4, 3, 32, 32), verbose=0)
for layer in stats.summary_list[1:]:  # the first is the Sequential itself
    print(f"{layer.class_name:10} {layer.macs:>11,} {layer.output_bytes:>8,}")
# --8<-- [end:costs]

# --8<-- [start:dtypes]
import torch
for dtype in (torch.float32, torch.float16, torch.bfloat16, torch.float64):
    y = torch.zeros(4, 32, 32, 32, dtype=dtype)  # the first Conv2d's output
    print(f"{str(dtype):15} {y.element_size()} bytes: {y.nbytes:,}")
# --8<-- [end:dtypes]

# --8<-- [start:totals]
from torch import nn
from torchinfo import summary
model = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(64 * 8 * 8, 10),
)
print(summary(model, input_size=(4, 3, 32, 32), verbose=0))
# --8<-- [end:totals]

# --8<-- [start:flop_counter]
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
model = nn.Sequential(
    nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(64 * 8 * 8, 10),
)
x, bias_adds = torch.randn(4, 3, 32, 32), 0
with FlopCounterMode(display=False) as counter:
    for layer in model:
        x = layer(x)
        if getattr(layer, "bias", None) is not None:
            bias_adds += x.numel()  # one add per output number

flops = counter.get_total_flops()
print(f"FlopCounterMode: {flops:,} FLOPs = 2 x {flops // 2:,} multiply-adds")
print(f"with the bias adds: {flops // 2:,} + {bias_adds:,} = "
      f"{flops // 2 + bias_adds:,}")
# --8<-- [end:flop_counter]

# --8<-- [start:windows]
import torch
from torch import nn
x = torch.arange(7.0).reshape(1, 1, 7)  # positions 0 to 6 hold 0 to 6
y = nn.AdaptiveAvgPool1d(3)(x)
for i in range(3):
    start, end = i * 7 // 3, -(-(i + 1) * 7 // 3)  # floor and ceil
    assert y[0, 0, i] == x[0, 0, start:end].mean()
    print(f"output {i}: positions [{start}, {end}), mean {y[0, 0, i].item()}")
# --8<-- [end:windows]

# --8<-- [start:sequence]
from torch import nn
from torchinfo import summary
model = nn.Sequential(  # 40 mel bands of audio, 100 frames a clip
    nn.Conv1d(40, 64, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool1d(2),
    nn.Conv1d(64, 64, kernel_size=3, dilation=2), nn.ReLU(),
    nn.AdaptiveAvgPool1d(1), nn.Flatten(),
    nn.Linear(64, 12),
)
stats = summary(model, input_size=(8, 40, 100), verbose=0)
for layer in stats.summary_list[1:]:  # the first is the Sequential itself
    print(f"{layer.class_name:17} {str(tuple(layer.output_size)):13} "
          f"{layer.num_params:>6,} {layer.macs:>10,} {layer.output_bytes:>7,}")
# --8<-- [end:sequence]
